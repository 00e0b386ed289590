/**
 * Stockpiles: rounds of one item held by one actor, with backorders for demand that stock could not meet.
 *
 * @module
 */
import { AS_DOUBLE } from '../kernel/doubles.js';

/**
 * Stock of one item held by one nation or recipient, in whole rounds.
 *
 * Demand is met from stock; what stock cannot meet is recorded as a backorder (for nations) or as
 * unmet demand (for recipients, whose missions are not postponed), never lost silently. Arrivals clear
 * backorders first. The level never goes negative.
 */
export class Stockpile {
  /** Rounds held. */
  level: number;
  /** Demand not yet met, in rounds (nations only; recipients record `unmetRounds`). */
  backorderRounds = AS_DOUBLE;
  /** Total rounds demanded. */
  demandedRounds = AS_DOUBLE;
  /** Rounds of demand met straight from stock. */
  servedFromStockRounds = AS_DOUBLE;
  /** Rounds of backorders met later by arrivals. */
  servedLateRounds = AS_DOUBLE;
  /**
   * Of `servedLateRounds`, rounds met on the day their demand arose, by an arrival after that day's
   * consumption (e.g. a same-day top-up from a pooled stock): they count towards the fill rate.
   */
  filledOnTheDayRounds = AS_DOUBLE;
  /** Demand never met (recipients) in rounds. */
  unmetRounds = AS_DOUBLE;
  /** Rounds received. */
  receivedRounds = AS_DOUBLE;
  /** Rounds transferred out (e.g. aid from stock). */
  transferredOutRounds = AS_DOUBLE;
  /** Rounds ordered for this stock and not yet delivered (kept by the model as contracts move). */
  onOrderRounds = AS_DOUBLE;
  /**
   * Of `onOrderRounds`, rounds transferred from a pooled stock and not yet arrived: kept by the model, so
   * that whatever strategy ships from a pooled stock sees the transfers of one before it (a policy switch).
   */
  incomingTransferRounds = AS_DOUBLE;
  /** Days on which the level was below the safety level. */
  daysBelowSafety = 0;
  /**
   * The day of the last stock order that covered part of this stock's deficit, and the rounds of the
   * deficit the orders of that day covered (each calls off `procurement.deficitFirstShare` of what it
   * covers): a second order the same day (another firm, the rest of a cut order) covers only what is left.
   * @internal
   */
  deficitCoveredDay = -1;
  /** See {@link Stockpile.deficitCoveredDay}. @internal */
  deficitCoveredRounds = AS_DOUBLE;
  /**
   * The last day demand was backordered, and what of that day's backorders is still unmet: the newest part
   * of `backorderRounds`, since arrivals meet the oldest first.
   */
  private shortDay = -1;
  private shortOnTheDayRounds = AS_DOUBLE;

  /**
   * @param owner - actor id
   * @param item - item id
   * @param initialRounds - rounds at the start
   * @param storageCapacityRounds - storage limit (ordering keeps stock and orders within it)
   * @param safetyRounds - safety level
   * @param backorders - whether unmet demand waits for arrivals (nations) or is lost but recorded (recipients)
   */
  constructor(
    readonly owner: string,
    readonly item: string,
    readonly initialRounds: number,
    readonly storageCapacityRounds: number,
    readonly safetyRounds: number,
    readonly backorders: boolean,
  ) {
    // The counters of rounds start at 0, as doubles (see kernel/doubles.ts): demand replayed from another
    // run's record, parts of shared orders and transfers bring fractions or doubles into them.
    this.backorderRounds = this.demandedRounds = this.servedFromStockRounds = this.servedLateRounds = 0;
    this.unmetRounds = this.receivedRounds = this.transferredOutRounds = this.onOrderRounds = 0;
    this.incomingTransferRounds = this.deficitCoveredRounds = 0;
    this.filledOnTheDayRounds = this.shortOnTheDayRounds = 0;
    this.level = AS_DOUBLE;
    this.level = initialRounds;
    this.key = `${owner}/${item}`;
  }

  /** `owner/item`: the stockpile's id in ledgers and results. */
  readonly key: string;

  /** Meets `rounds` of demand on `day` from stock; the rest becomes a backorder or unmet demand. */
  consume(rounds: number, day: number): void {
    this.demandedRounds += rounds;
    const served = Math.min(rounds, this.level);
    this.level -= served;
    this.servedFromStockRounds += served;
    const short = rounds - served;
    if (short > 0) {
      if (this.backorders) {
        if (day !== this.shortDay) {
          this.shortDay = day;
          this.shortOnTheDayRounds = 0;
        }
        this.shortOnTheDayRounds += short;
        this.backorderRounds += short;
      } else this.unmetRounds += short;
    }
    if (this.level < this.safetyRounds) this.daysBelowSafety++;
  }

  /**
   * Adds rounds arriving on `day`: backorders are cleared first, oldest first, the rest goes into stock.
   */
  receive(rounds: number, day: number): void {
    this.receivedRounds += rounds;
    const late = Math.min(rounds, this.backorderRounds);
    this.backorderRounds -= late;
    this.servedLateRounds += late;
    this.level += rounds - late;
    if (day === this.shortDay && late > 0) {
      // What is left of the day's backorders is the newest part of what is left of all of them.
      const left = Math.min(this.shortOnTheDayRounds, this.backorderRounds);
      this.filledOnTheDayRounds += this.shortOnTheDayRounds - left;
      this.shortOnTheDayRounds = left;
    }
  }

  /** Takes up to `rounds` out of stock above `floorRounds` (e.g. aid); returns what was taken. */
  transferOut(rounds: number, floorRounds: number): number {
    const available = Math.max(0, this.level - floorRounds);
    const taken = Math.min(rounds, available);
    this.level -= taken;
    this.transferredOutRounds += taken;
    return taken;
  }

  /**
   * Share of demand met on the day it arose (from stock, or by an arrival later that day; not counting
   * fills on later days), 1 when nothing was demanded.
   */
  fillRate(): number {
    return this.demandedRounds === 0
      ? 1
      : (this.servedFromStockRounds + this.filledOnTheDayRounds) / this.demandedRounds;
  }
}
