import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExactSum } from '../../../src/stats/exact-sum.js';
import { Histogram } from '../../../src/stats/histogram.js';
import { Tally } from '../../../src/stats/tally.js';
import { TimeWeighted } from '../../../src/stats/time-weighted.js';
import { exactDotReference, exactReference, mulberry32 } from './helpers.js';

// What to generate: doubles spread over 2^-60 … 2^61 in magnitude, either sign, some zeros.
const anyMagnitude = fc
  .tuple(
    fc.double({ min: 1, max: 2, maxExcluded: true, noNaN: true }),
    fc.integer({ min: -60, max: 60 }),
    fc.boolean(),
  )
  .map(([m, e, negative]) => (negative ? -1 : 1) * m * 2 ** e);
const value = fc.oneof({ weight: 9, arbitrary: anyMagnitude }, { weight: 1, arbitrary: fc.constant(0) });
const values = fc.array(value, { maxLength: 80 });
const shape = fc.integer(); // seeds the shuffle, the grouping and the merge tree

/**
 * Shuffles `items`, cuts them into random non-empty groups, folds each group into an accumulator and
 * merges the accumulators in a random tree shape.
 */
function splitAndMerge<T, A>(
  items: readonly T[],
  seed: number,
  make: (group: readonly T[]) => A,
  merge: (into: A, from: A) => void,
): A {
  const rng = mulberry32(seed);
  const shuffled = [...items];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  const groups: T[][] = [];
  let current: T[] = [];
  for (const item of shuffled) {
    current.push(item);
    if (rng() < 0.3) {
      groups.push(current);
      current = [];
    }
  }
  if (current.length > 0 || groups.length === 0) groups.push(current);
  const accumulators = groups.map(make);
  while (accumulators.length > 1) {
    const i = Math.floor(rng() * accumulators.length);
    let j = Math.floor(rng() * (accumulators.length - 1));
    if (j >= i) j++;
    merge(accumulators[i]!, accumulators[j]!);
    accumulators.splice(j, 1);
  }
  return accumulators[0]!;
}

const sumOf = (group: readonly number[]) => {
  const s = new ExactSum();
  for (const x of group) s.add(x);
  return s;
};
const tallyOf = (group: readonly number[]) => {
  const t = new Tally();
  for (const x of group) t.add(x);
  return t;
};

describe('order independence (fast-check)', () => {
  it('ExactSum: any order, grouping and merge tree gives the BigInt reference, bit for bit', () => {
    fc.assert(
      fc.property(values, shape, (xs, seed) => {
        const merged = splitAndMerge(xs, seed, sumOf, (a, b) => a.merge(b));
        const reference = exactReference(xs);
        expect(Object.is(sumOf(xs).value, reference)).toBe(true);
        expect(Object.is(merged.value, reference)).toBe(true);
        // A JSON round trip (as between workers) keeps it exact.
        expect(Object.is(ExactSum.fromJSON(merged.toJSON()).value, reference)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('ExactSum.addProduct: Σ aᵢ·bᵢ in any order matches the BigInt reference', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(anyMagnitude, anyMagnitude), { maxLength: 40 }), shape, (pairs, seed) => {
        const merged = splitAndMerge(
          pairs,
          seed,
          (group) => {
            const s = new ExactSum();
            for (const [a, b] of group) s.addProduct(a, b);
            return s;
          },
          (a, b) => a.merge(b),
        );
        expect(Object.is(merged.value, exactDotReference(pairs))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('Tally: count, sum, mean, variance, sd, min and max are identical for any split and merge order', () => {
    fc.assert(
      fc.property(values, shape, (xs, seed) => {
        const whole = tallyOf(xs);
        const merged = splitAndMerge(xs, seed, tallyOf, (a, b) => a.merge(b));
        for (const key of ['count', 'sum', 'mean', 'variance', 'sd', 'min', 'max'] as const) {
          expect(Object.is(merged[key], whole[key])).toBe(true);
        }
        expect(Object.is(whole.sum, exactReference(xs))).toBe(true);
        const restored = Tally.fromJSON(JSON.parse(JSON.stringify(merged)));
        expect(Object.is(restored.variance, whole.variance)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('TimeWeighted: merging replications in any order gives identical integral, duration and mean', () => {
    const step = fc.tuple(
      fc.integer({ min: 0, max: 1000 }).map((k) => k / 8 + 0.1 * (k % 3)),
      value,
    );
    const replication = fc.record({
      start: fc.double({ min: -1e3, max: 1e6, noNaN: true }),
      level: value,
      steps: fc.array(step, { minLength: 1, maxLength: 20 }),
    });
    fc.assert(
      fc.property(fc.array(replication, { minLength: 1, maxLength: 12 }), shape, (reps, seed) => {
        const runs = reps.map(({ start, level, steps }) => {
          const tw = new TimeWeighted({ time: start, level });
          let t = start;
          for (const [dt, next] of steps) {
            t += dt;
            tw.update(t, next);
          }
          return tw;
        });
        // Reference: fold in replication order, starting from a clone of the first.
        const inOrder = runs[0]!.clone();
        for (const r of runs.slice(1)) inOrder.merge(r);
        const merged = splitAndMerge(
          runs,
          seed,
          (group) => {
            const acc = group[0]!.clone();
            for (const r of group.slice(1)) acc.merge(r);
            return acc;
          },
          (a, b) => a.merge(b),
        );
        expect(Object.is(merged.integral, inOrder.integral)).toBe(true);
        expect(Object.is(merged.duration, inOrder.duration)).toBe(true);
        expect(Object.is(merged.mean(), inOrder.mean())).toBe(true);
        expect([merged.min, merged.max]).toEqual([inOrder.min, inOrder.max]);
        // The pooled area is the exact Σ level·Δt over every replication, correctly rounded.
        const pairs: [number, number][] = [];
        for (const { start, level, steps } of reps) {
          let t = start;
          let held = level;
          for (const [dt, next] of steps) {
            const end = t + dt;
            pairs.push([held, end - t]);
            t = end;
            held = next;
          }
        }
        expect(Object.is(inOrder.integral, exactDotReference(pairs))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('Histogram: counts and quantiles are identical for any split and merge order', () => {
    const layout = { min: -1e6, max: 1e6, bins: 37 };
    const histogramOf = (group: readonly number[]) => {
      const h = new Histogram(layout);
      for (const x of group) h.add(x);
      return h;
    };
    fc.assert(
      fc.property(values, shape, (xs, seed) => {
        const whole = histogramOf(xs);
        const merged = splitAndMerge(xs, seed, histogramOf, (a, b) => a.merge(b));
        expect(merged.toJSON()).toEqual(whole.toJSON());
        for (const p of [0, 0.1, 0.5, 0.9, 1])
          expect(Object.is(merged.quantile(p), whole.quantile(p))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
