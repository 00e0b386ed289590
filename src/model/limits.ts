/**
 * Sanity caps on quantities: larger than any plausible value, so that a value past one is a slip of unit
 * or a typo (EUR cents for EUR, `1e308` for "no limit"), refused where it is given instead of failing deep
 * inside a run (an exact sum overflowing, a stock turning NaN, a loop over 10³⁰⁸ months). One place, so
 * that the scenario schema, the strategies' parameters and `placeOrder` draw the line at the same values.
 *
 * @module
 * @internal
 */

/** The largest amount of money (EUR) or number of rounds (a stock, a rate, an order) anything may give. */
export const MAX_QUANTITY = 1e15;

/** The longest span in months anything may give (a contract, a framework, a forecast): 100 years. */
export const MAX_MONTHS = 1200;

/** The longest delay in days anything may give: 100 years. */
export const MAX_DAYS = 36_525;

/**
 * The most rounds one actor may consume in a day: 1e7 (over a hundred times the heaviest artillery fire reported),
 * so that a stock order, which covers the daily demand over a contract (at most {@link MAX_DAYS}) plus the
 * backorders of up to the whole horizon (at most {@link MAX_DAYS} too), stays below {@link MAX_QUANTITY},
 * the cap of one order, under the largest shock multiplier: 2 × 36 525 × 1e7 × 1000 = 7.3e14. At 1e9, a
 * ×1000 shock failed a five-year run placing an order of 1.0e15 rounds.
 */
export const MAX_ROUNDS_PER_DAY = 1e7;

/** The largest factor a demand shock may multiply consumption by: 1000 (a war raises use tens of times). */
export const MAX_SHOCK_MULTIPLIER = 1000;

/** The most input units one round or component unit may need: 1e6 (a 155 mm shell takes ~10 kg of TNT). */
export const MAX_UNITS_PER_UNIT = 1e6;

/** The largest rate as a fraction (hurdle rate, price markup): 10, i.e. 1000 % (real ones are 0.1 to 1). */
export const MAX_RATE = 10;

/** The largest coefficient of variation of daily consumption: 100 (lumpy training fire has about 1). */
export const MAX_VARIABILITY = 100;

/**
 * The smallest coefficient of variation of daily consumption above 0: 1e-3. Below it consumption is
 * deterministic in all but name (a day's draw varies by a thousandth of its mean), and 1e-300 made the gamma
 * shape 1/cv² Infinity and the stock NaN.
 */
export const MIN_VARIABILITY = 1e-3;

/** What a message says of a value past one of the caps: `larger than any plausible value; check the unit`. */
export const IMPLAUSIBLE = 'larger than any plausible value; check the unit';

/** A cap as messages write it: `1e15`, `36525`. */
export function formatCap(cap: number): string {
  return cap >= 1e6 ? cap.toExponential().replace('e+', 'e') : String(cap);
}

/** The message of a value past `cap`: `must be at most 1e15 (got 1e+308): larger than any plausible value; check the unit`. */
export function tooLargeMessage(cap: number, got: string): string {
  return `must be at most ${formatCap(cap)} (got ${got}): ${IMPLAUSIBLE}`;
}
