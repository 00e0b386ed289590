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
