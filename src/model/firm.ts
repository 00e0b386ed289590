/**
 * Firms: producers of complete rounds, with production lines, a ramp-up after commissioning, an order
 * book, a learning curve, a utilisation-dependent price, and a capacity-investment rule.
 *
 * @module
 */
import { ExactSum } from '../stats/exact-sum.js';
import { type Contract, DAYS_PER_MONTH } from './contract.js';

/** A production line: nameplate output and the day it was commissioned (negative: before the start). */
export interface Line {
  /** Line id. */
  readonly id: string;
  /** Nameplate rounds per month at full ramp. */
  readonly nameplateRoundsPerMonth: number;
  /** Day the line was commissioned; its ramp-up counts from here. */
  readonly commissionedDay: number;
}

/** A firm's parameters resolved to numbers for one replication (meanings as in `FirmSpec`). */
export interface FirmParams {
  /** Firm id. */
  readonly id: string;
  /** Home nation id. */
  readonly nation: string;
  /** State-run or private. */
  readonly ownership: 'state' | 'private';
  /** Item id it produces. */
  readonly item: string;
  /** Effective output as a share of nameplate, (0, 1]. */
  readonly efficiency: number;
  /** Share of nameplate reached in years 1, 2, 3… after commissioning. */
  readonly rampProfile: readonly number[];
  /** Unit cost of the first round after `cumulativeRoundsAtStart`, EUR. */
  readonly unitCostEur: number;
  /** Rounds produced before the start. */
  readonly cumulativeRoundsAtStart: number;
  /** Cost reduction per doubling of cumulative output. */
  readonly learningRate: number;
  /** Price markup over unit cost when idle. */
  readonly markupAtZeroUtilisation: number;
  /** Price markup over unit cost at full utilisation. */
  readonly markupAtFullUtilisation: number;
  /** Capacity-investment rule. */
  readonly investment: FirmInvestmentParams;
}

/** A firm's capacity-investment parameters for one replication (meanings as in `InvestmentSpec`). */
export interface FirmInvestmentParams {
  /** Months of committed backlog looked at. */
  readonly horizonMonths: number;
  /** Required return over capex. */
  readonly hurdleRate: number;
  /** Capital cost per round of annual capacity, EUR. */
  readonly capexEurPerAnnualRound: number;
  /** Days from decision to commissioning. */
  readonly buildLeadTimeDays: number;
  /** Nameplate rounds per month of one module. */
  readonly moduleRoundsPerMonth: number;
  /** Share of capex paid by public co-funding, 0–1. */
  readonly publicCoFundingShare: number;
}

/** Outcome of a firm's monthly investment appraisal. */
export interface InvestmentAppraisal {
  /** Committed rounds due within the horizon that existing and planned capacity cannot make. */
  readonly excessRounds: number;
  /** Expected margin per round (average backlog price − current unit cost), EUR. */
  readonly unitMarginEur: number;
  /** Capex of one module net of public co-funding, EUR. */
  readonly netCapexEur: number;
  /** Whether `excess × margin ≥ net capex × (1 + hurdle)`. */
  readonly invest: boolean;
}

/**
 * Share of nameplate reached `days` after commissioning, from a yearly ramp profile: year 1 runs at
 * `profile[0]`, year 2 at `profile[1]`, …, the last value holds. Before commissioning: 0.
 */
export function rampShare(profile: readonly number[], days: number): number {
  if (days < 0) return 0;
  const year = Math.floor(days / 365.25);
  return profile[Math.min(year, profile.length - 1)] ?? 1;
}

/**
 * Unit cost after `cumulative` rounds under Wright's law: each doubling of cumulative output multiplies
 * unit cost by `1 − learningRate`. `cumulativeAtStart` is the output before the scenario (≥ 1).
 */
export function wrightUnitCost(
  firstCost: number,
  cumulativeAtStart: number,
  cumulative: number,
  learningRate: number,
): number {
  return wrightCost(firstCost, cumulativeAtStart, cumulative, Math.log2(1 - learningRate));
}

/** {@link wrightUnitCost} with the learning exponent `log2(1 − learningRate)` already worked out. */
function wrightCost(
  firstCost: number,
  cumulativeAtStart: number,
  cumulative: number,
  exponent: number,
): number {
  const base = Math.max(1, cumulativeAtStart);
  return firstCost * ((base + cumulative) / base) ** exponent;
}

/** A producer of complete rounds. */
export class Firm {
  /** Lines in service or under construction (commissioned in the future). */
  readonly lines: Line[];
  /** Qualification standards its rounds meet. */
  readonly qualifiedStandards: Set<string>;
  /**
   * Contracts with rounds still to produce, in the order the firm serves them: by activation, pledge
   * contracts first under `procurement.productionOrder: 'pledgesFirst'` (a contract leaves once fully
   * produced).
   */
  readonly book: Contract[] = [];
  /** Whether the plant is working (false during an outage). */
  up = true;
  /** Rounds produced since the start. */
  cumulativeRounds = 0;
  /** Rounds finished but not shipped (always 0: production is make-to-order and ships at once). */
  heldRounds = 0;
  /**
   * Money received, EUR. Payments are credited here when the run ends (`World.run`) or is checked
   * (`World.checkInvariants`), in one exact settlement of every delivery; payers' budgets are charged
   * at each delivery.
   */
  readonly revenue = new ExactSum();
  /** Production cost incurred, EUR. */
  readonly cost = new ExactSum();
  /** Capital spent on new lines, EUR (net of public co-funding). */
  readonly capex = new ExactSum();
  /** Nameplate rounds per month added by investment decisions, counted at the decision (see `lines`). */
  addedNameplateRoundsPerMonth = 0;
  /**
   * Rounds the firm could have made since the start: its capacity (after efficiency; 0 during an outage)
   * summed over the production steps, fractions included.
   */
  capacityRoundsTotal = 0;
  /**
   * Rounds its due orders asked for but its inputs did not allow, summed over the production steps (see
   * `RunKpis.capacityIdleForInputs`).
   */
  inputShortRounds = 0;
  /** Rounds produced in the last production step. */
  lastOutputRounds = 0;
  /** Capacity available in the last production step, rounds. */
  lastCapacityRounds = 0;
  /** Fraction of a round carried to the next step, so fractional rates lose nothing. */
  private carry = 0;
  /** The unit cost last worked out, at `lastUnitCostRounds` rounds produced (NaN: none yet). */
  private lastUnitCost = Number.NaN;
  private lastUnitCostRounds = Number.NaN;
  /** `log2(1 − learningRate)`, worked out once: unit costs are read thousands of times a run. */
  private readonly learningExponent: number;

  /**
   * @param params - resolved parameters
   * @param lines - lines at the start
   * @param qualifiedStandards - standards qualified at the start
   */
  constructor(
    readonly params: FirmParams,
    lines: readonly Line[],
    qualifiedStandards: readonly string[],
  ) {
    this.lines = lines.slice();
    this.qualifiedStandards = new Set(qualifiedStandards);
    this.learningExponent = Math.log2(1 - params.learningRate);
  }

  /** Firm id. */
  get id(): string {
    return this.params.id;
  }

  /** Effective capacity in rounds per month on `day` (0 during an outage). */
  capacityPerMonth(day: number): number {
    if (!this.up) return 0;
    return this.nameplatePerMonth(day) * this.params.efficiency;
  }

  /** Nameplate rounds per month on `day`, after ramp-up, ignoring outages. */
  nameplatePerMonth(day: number): number {
    let total = 0;
    for (const line of this.lines) {
      total += line.nameplateRoundsPerMonth * rampShare(this.params.rampProfile, day - line.commissionedDay);
    }
    return total;
  }

  /** Current unit cost on the learning curve, EUR. */
  unitCost(): number {
    // Read by every quote, snapshot and appraisal, but it changes only when output does (weekly): keep the last.
    if (this.lastUnitCostRounds !== this.cumulativeRounds) {
      const p = this.params;
      this.lastUnitCost = wrightCost(
        p.unitCostEur,
        p.cumulativeRoundsAtStart,
        this.cumulativeRounds,
        this.learningExponent,
      );
      this.lastUnitCostRounds = this.cumulativeRounds;
    }
    return this.lastUnitCost;
  }

  /** Rounds still to produce across the order book. */
  backlogRounds(): number {
    let total = 0;
    for (const c of this.book) if (c.status !== 'denied') total += c.outstandingRounds;
    return total;
  }

  /**
   * Share of the next twelve months' full-ramp capacity already sold, in [0, 1]: the market tightness
   * that drives the markup. `backlogRounds` as in {@link Firm.quote}.
   */
  tightness(day: number, backlogRounds?: number): number {
    const yearCapacity = this.nameplatePerMonth(day + 365.25) * this.params.efficiency * 12;
    if (yearCapacity <= 0) return 1;
    return Math.min(1, (backlogRounds ?? this.backlogRounds()) / yearCapacity);
  }

  /**
   * Price per round quoted on `day`: unit cost × (1 + markup), the markup rising with tightness.
   * `backlogRounds`, when given, must equal {@link Firm.backlogRounds} (a caller that keeps count saves
   * walking the order book).
   */
  quote(day: number, backlogRounds?: number): number {
    const p = this.params;
    const markup =
      p.markupAtZeroUtilisation +
      (p.markupAtFullUtilisation - p.markupAtZeroUtilisation) * this.tightness(day, backlogRounds);
    return this.unitCost() * (1 + markup);
  }

  /**
   * Rounds this step could make: capacity over `days`, plus the carried fraction (the whole rounds of it
   * can be made). Called once per production step, so it also adds the step's capacity to
   * {@link Firm.capacityRoundsTotal}.
   */
  capacityFor(day: number, days: number): number {
    const step = (this.capacityPerMonth(day) * days) / DAYS_PER_MONTH;
    this.capacityRoundsTotal += step;
    const exact = step + this.carry;
    this.lastCapacityRounds = Math.floor(exact);
    return exact;
  }

  /**
   * Rounds the order book allows to be made by `day`, or `atMost` if that is less: counting stops
   * there, which saves walking a long order book when capacity is the binding limit.
   */
  demandBy(day: number, atMost = Number.POSITIVE_INFINITY): number {
    if (atMost <= 0) return atMost;
    let total = 0;
    for (const c of this.book) {
      if (c.status !== 'active') continue;
      // Each term is ≥ 0 (a contract never runs ahead of its schedule), so the total only grows.
      total += c.allowedBy(day) - c.producedRounds;
      if (total >= atMost) return atMost;
    }
    return total;
  }

  /**
   * Records `rounds` produced from `capacityExact` available, of `desiredRounds` its orders due asked for
   * (the rest went short of inputs): keeps the unused fraction of capacity only when capacity was the
   * binding limit, so idle capacity does not pile up.
   */
  recordOutput(rounds: number, capacityExact: number, desiredRounds = rounds): void {
    this.carry = rounds >= Math.floor(capacityExact) ? capacityExact - Math.floor(capacityExact) : 0;
    this.inputShortRounds += desiredRounds - rounds;
    this.lastOutputRounds = rounds;
    this.cost.addProduct(rounds, this.unitCost());
    this.cumulativeRounds += rounds;
  }

  /** Drops the carried fraction (e.g. at an outage). */
  resetCarry(): void {
    this.carry = 0;
  }

  /**
   * Appraises one more capacity module: committed rounds due within the horizon beyond what existing
   * and planned lines can make, times the unit margin, against the module's net capex grown by the
   * hurdle rate (calibration §4.1, item 3).
   */
  appraise(day: number): InvestmentAppraisal {
    return this.appraiseAgainst(day, this.horizonCapacity(day));
  }

  /**
   * {@link Firm.appraise}'s `invest`, given the firm's backlog (as {@link Firm.backlogRounds}). Rounds due
   * within the horizon never exceed the backlog, so a backlog within the horizon's capacity means no
   * excess and no investment, without walking the order book (most months, for most firms).
   * @internal
   */
  decidesToInvest(day: number, backlogRounds: number): boolean {
    const capacity = this.horizonCapacity(day);
    return backlogRounds > capacity && this.appraiseAgainst(day, capacity).invest;
  }

  /** Capex of one capacity module net of public co-funding, EUR. */
  get moduleNetCapexEur(): number {
    const inv = this.params.investment;
    return inv.moduleRoundsPerMonth * 12 * inv.capexEurPerAnnualRound * (1 - inv.publicCoFundingShare);
  }

  /** {@link Firm.appraise} with the horizon's capacity already worked out. */
  private appraiseAgainst(day: number, capacity: number): InvestmentAppraisal {
    const inv = this.params.investment;
    const horizonDays = inv.horizonMonths * DAYS_PER_MONTH;
    let committed = 0;
    let value = 0;
    let units = 0;
    for (const c of this.book) {
      if (c.status === 'denied' || c.status === 'completed') continue;
      // Due by the horizon's end: tranches whose month ends by then. A tranche is released at its month's
      // start, so allowedBy(end) would also count the one whose month runs past the horizon.
      const due = c.allowedBy(day + horizonDays - DAYS_PER_MONTH) - c.producedRounds;
      if (due > 0) committed += due;
      value += c.outstandingRounds * c.unitPriceEur;
      units += c.outstandingRounds;
    }
    const excessRounds = Math.max(0, committed - capacity);
    const unitMarginEur = units > 0 ? value / units - this.unitCost() : 0;
    const netCapexEur = this.moduleNetCapexEur;
    const invest =
      excessRounds > 0 &&
      unitMarginEur > 0 &&
      excessRounds * unitMarginEur >= netCapexEur * (1 + inv.hurdleRate);
    return { excessRounds, unitMarginEur, netCapexEur, invest };
  }

  /**
   * Rounds existing and planned lines can make over the investment horizon from `day`: lines in service
   * at their ramp; lines under construction at full nameplate, so that one decision is not repeated every
   * month while the line is being built.
   */
  private horizonCapacity(day: number): number {
    const inv = this.params.investment;
    let capacity = 0;
    const steps = Math.max(1, Math.round(inv.horizonMonths));
    const profile = this.params.rampProfile;
    const rampDays = (profile.length - 1) * 365.25;
    for (const line of this.lines) {
      if (line.commissionedDay > day) {
        capacity += line.nameplateRoundsPerMonth * steps;
        continue;
      }
      if (day + 0.5 * DAYS_PER_MONTH - line.commissionedDay >= rampDays) {
        // Past its ramp from the first month on (most lines, most months): the same share every month.
        const monthly = line.nameplateRoundsPerMonth * (profile[profile.length - 1] ?? 1);
        for (let m = 0; m < steps; m++) capacity += monthly;
        continue;
      }
      for (let m = 0; m < steps; m++) {
        const age = day + (m + 0.5) * DAYS_PER_MONTH - line.commissionedDay;
        capacity += line.nameplateRoundsPerMonth * rampShare(profile, age);
      }
    }
    return capacity * (this.params.efficiency * (inv.horizonMonths / steps));
  }
}
