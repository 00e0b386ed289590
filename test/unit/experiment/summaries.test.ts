import { describe, expect, it } from 'vitest';
import { pairedKpi } from '../../../src/experiment/summaries.js';
import { Tally } from '../../../src/stats/tally.js';

/** `pairedKpi` of `as` against `bs`, paired by position, as the accumulator folds them. */
function paired(as: readonly number[], bs: readonly number[]) {
  const a = new Tally();
  const b = new Tally();
  const d = new Tally();
  as.forEach((x, i) => {
    const y = bs[i]!;
    a.add(x);
    b.add(y);
    d.add(x - y);
  });
  return pairedKpi(a, b, d, 0.95, 0.975);
}

describe('pairedKpi', () => {
  const varying = [0.1, 0.7, 0.3, 0.9, 0.2];

  it('gives a NaN correlation when one side never varies, though rounding in a − b leaves Var(a − b) ≠ Var b', () => {
    // A fill rate held at 1 by one strategy: 1 − 0.7 and 1 − 0.9 round, so the formula's numerator is a
    // few ulps, not 0, and over a zero denominator gave −Infinity.
    const p = paired([1, 1, 1, 1, 1], varying);
    expect(p.correlation).toBeNaN();
    expect(p.varianceRatio).toBeCloseTo(1, 12);
  });

  it('keeps the correlation of exactly linearly related outputs within [−1, 1]', () => {
    // a = 2b + 0.1: the formula gave 1.0000000000000002 from rounding in a and a − b.
    expect(
      paired(
        varying.map((y) => 2 * y + 0.1),
        varying,
      ).correlation,
    ).toBe(1);
    const bs = [0.91, 0.97, 0.935, 0.99, 0.953, 0.88];
    expect(
      paired(
        bs.map((y) => 2 * y + 0.1),
        bs,
      ).correlation,
    ).toBe(1);
    expect(
      paired(
        bs.map((y) => -2 * y + 0.1),
        bs,
      ).correlation,
    ).toBe(-1);
  });
});
