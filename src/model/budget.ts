/**
 * Budgets: annual procurement appropriations, multi-year obligations, and payments.
 *
 * @module
 */
import { ExactSum } from '../stats/exact-sum.js';
import type { ProfileFn } from './params.js';

/**
 * EUR per budget year as two parallel lists: `amounts[i]` falls in budget year `years[i]`. The form a
 * contract's obligations take in a run (a `Map` per payer and order cost more than the order itself).
 * @internal
 */
export interface YearAmounts {
  readonly years: readonly number[];
  readonly amounts: readonly number[];
}

/** `byYear` as {@link YearAmounts}, in the map's order. @internal */
export function yearAmountsOf(byYear: ReadonlyMap<number, number>): YearAmounts {
  return { years: [...byYear.keys()], amounts: [...byYear.values()] };
}

/**
 * One payer's procurement money, in EUR at base-year prices, accumulated exactly.
 *
 * A contract obligates money in the budget years over which its deliveries are scheduled: the current
 * year's share must fit what is left of this year's appropriation, and each later year's share must fit
 * that year's projected appropriation less what is already obligated there. Unobligated money at a
 * year's end rolls over or lapses, per the nation's rule. Payments happen on delivery.
 */
export class Budget {
  /** Total paid on delivery, EUR. */
  readonly spent = new ExactSum();
  /** Total obligated by contracts, EUR. */
  readonly obligated = new ExactSum();
  private readonly available = new ExactSum();
  private readonly obligations: ExactSum[] = [];
  private year = 0;

  /**
   * @param id - payer id
   * @param appropriation - EUR per budget year, as a function of the day the year starts
   * @param yearStarts - day offsets of budget-year starts after day 0, ascending
   * @param firstYearShare - share (0–1) of the starting budget year that lies inside the scenario
   * @param rule - what happens to unobligated money at a year's end
   */
  constructor(
    readonly id: string,
    private readonly appropriation: ProfileFn,
    private readonly yearStarts: readonly number[],
    firstYearShare: number,
    private readonly rule: 'rollover' | 'lapse',
  ) {
    // The scenario starts part-way through a budget year: only the rest of that year's money is there.
    this.available.addProduct(appropriation(0), firstYearShare);
  }

  /** Money not yet obligated in the current budget year, EUR. */
  get availableEur(): number {
    return this.available.value;
  }

  /** Index of the budget year containing `day` (0 = the year the scenario starts in). */
  yearOf(day: number): number {
    const starts = this.yearStarts;
    const last = starts[starts.length - 1] ?? 0;
    // Past the last known start (beyond the horizon), years continue every 365.25 days, as in yearStartDay.
    if (day >= last) return starts.length + Math.floor((day - last) / 365.25);
    let y = 0;
    while (y < starts.length && starts[y]! <= day) y++;
    return y;
  }

  /** First day of budget year `y` (0 for the starting year). */
  yearStartDay(y: number): number {
    if (y === 0) return 0;
    const known = this.yearStarts[y - 1];
    if (known !== undefined) return known;
    const last = this.yearStarts[this.yearStarts.length - 1] ?? 0;
    return last + 365.25 * (y - this.yearStarts.length);
  }

  /** Opens budget year `y` (called at its first day). */
  openYear(y: number, day: number): void {
    if (this.rule === 'lapse') this.available.reset();
    this.year = y;
    this.available.add(this.appropriation(day));
    const pre = this.obligations[y];
    if (pre !== undefined) this.available.add(-pre.value);
  }

  /**
   * The largest fraction in [0, 1] of a contract whose value falls in budget years as `byYear`
   * (index → EUR) that the budget can obligate.
   */
  affordableFraction(byYear: ReadonlyMap<number, number>): number {
    return this.affordableShare(yearAmountsOf(byYear));
  }

  /** {@link Budget.affordableFraction} of amounts given as {@link YearAmounts}. @internal */
  affordableShare(split: YearAmounts): number {
    const { years, amounts } = split;
    let fraction = 1;
    for (let i = 0; i < years.length; i++) {
      const y = years[i]!;
      const amount = amounts[i]!;
      if (amount <= 0) continue;
      const room = y <= this.year ? this.available.value : this.projectedRoom(y);
      fraction = Math.min(fraction, Math.max(0, room) / amount);
    }
    return fraction;
  }

  /** Obligates `byYear` (index → EUR). The caller checked {@link Budget.affordableFraction}. */
  obligate(byYear: ReadonlyMap<number, number>): void {
    this.obligateAmounts(yearAmountsOf(byYear));
  }

  /** {@link Budget.obligate} for amounts given as {@link YearAmounts}. @internal */
  obligateAmounts(split: YearAmounts): void {
    this.addObligations(split, 1);
  }

  /** Releases an obligation (e.g. a contract whose export licence was denied). */
  release(byYear: ReadonlyMap<number, number>): void {
    this.releaseAmounts(yearAmountsOf(byYear));
  }

  /** {@link Budget.release} for amounts given as {@link YearAmounts}. @internal */
  releaseAmounts(split: YearAmounts): void {
    this.addObligations(split, -1);
  }

  /** Obligates (`sign` 1) or releases (`sign` −1) amounts: this year's come off what is available. */
  private addObligations(split: YearAmounts, sign: 1 | -1): void {
    const { years, amounts } = split;
    for (let i = 0; i < years.length; i++) {
      const y = years[i]!;
      const amount = sign * amounts[i]!;
      this.obligated.add(amount);
      if (y <= this.year) this.available.add(-amount);
      else this.futureObligation(y).add(amount);
    }
  }

  /** Records a payment on delivery. */
  pay(quantity: number, unitPriceEur: number): void {
    this.spent.addProduct(quantity, unitPriceEur);
  }

  private projectedRoom(y: number): number {
    return this.appropriation(this.yearStartDay(y)) - (this.obligations[y]?.value ?? 0);
  }

  private futureObligation(y: number): ExactSum {
    let s = this.obligations[y];
    if (s === undefined) {
      s = new ExactSum();
      this.obligations[y] = s;
    }
    return s;
  }
}
