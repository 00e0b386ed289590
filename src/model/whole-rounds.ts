/**
 * Splitting rounds into whole parts without creating or losing one: a pooling agency's allocation of
 * scarce rounds, and the hand-over of a pooled stock to the members who paid for it.
 *
 * @module
 * @internal
 */
import { mapToArray } from '../kernel/arrays.js';

/**
 * Rounds shares `exact` (≥ 0) to whole numbers that sum to `Σ exact` rounded: each rounded down (allowing
 * 1e-9 for floating-point error), then a round more to the largest remainders (ties to the lower index)
 * among the parts still below `caps[i]`.
 */
export function largestRemainder(exact: readonly number[], caps: readonly number[]): number[] {
  const whole = mapToArray(exact, (x) => Math.floor(x + 1e-9));
  let rest = Math.round(exact.reduce((s, x) => s + x, 0)) - whole.reduce((s, x) => s + x, 0);
  const order = [...caps.keys()]
    .filter((i) => whole[i]! < caps[i]!)
    .sort((a, b) => exact[b]! - whole[b]! - (exact[a]! - whole[a]!) || a - b);
  for (const i of order) {
    if (rest <= 0) break;
    whole[i]! += 1;
    rest--;
  }
  return whole;
}

/**
 * `total` whole rounds (≥ 0) split in proportion to `weights` (finite, ≥ 0) by largest remainder (see
 * {@link largestRemainder}), so the parts sum to `total` and each is within a round of its exact share.
 * A weight of 0 gets nothing; all parts are 0 when the weights sum to 0.
 */
export function wholeShares(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (!(sum > 0)) return mapToArray(weights, () => 0);
  return largestRemainder(
    mapToArray(weights, (w) => (total * w) / sum),
    mapToArray(weights, (w) => (w > 0 ? Number.POSITIVE_INFINITY : 0)),
  );
}
