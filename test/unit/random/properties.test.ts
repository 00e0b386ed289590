// Properties over generated seeds, keys and parameters. fast-check's seed is pinned by FC_SEED
// (test/setup.ts) and printed with any counterexample.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { beta, exponential, gamma, uniform, weibull } from '../../../src/random/continuous.js';
import { binomial, discrete, empirical, poisson } from '../../../src/random/discrete.js';
import { lognormal } from '../../../src/random/normal.js';
import { createStreams } from '../../../src/random/streams.js';
import { pert, triangular } from '../../../src/random/triangular.js';

const seed = fc.oneof(fc.integer(), fc.string({ minLength: 1 }));
const key = fc.string({ minLength: 1 });
const replication = fc.nat({ max: 1_000_000 });
// Bounds within ±1e9 so widths stay far from overflow; bounds themselves are validated separately.
const bound = fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true });
const positive = (max: number) => fc.double({ min: 1e-3, max, noNaN: true });

function take(sample: () => number, n: number): number[] {
  return Array.from({ length: n }, sample);
}

describe('streams', () => {
  it('streams with different keys (or replications) give different numbers', () => {
    fc.assert(
      fc.property(seed, replication, key, key, (s, r, k1, k2) => {
        fc.pre(k1 !== k2);
        const streams = createStreams(s, { replication: r });
        expect(take(streams.stream(k1), 4)).not.toEqual(take(streams.stream(k2), 4));
        expect(take(createStreams(s, { replication: r + 1 }).stream(k1), 4)).not.toEqual(
          take(createStreams(s, { replication: r }).stream(k1), 4),
        );
      }),
    );
  });

  it('keys one small edit apart (case, a character added or dropped) give different streams in one family', () => {
    fc.assert(
      fc.property(seed, replication, fc.stringMatching(/^[A-Za-z]{1,6}$/), (s, r, k) => {
        const variants = [
          ...new Set([k, k.toLowerCase(), k.toUpperCase(), `${k}x`, `${k} `, k.slice(1), k.slice(0, -1)]),
        ].filter((v) => v !== '');
        const streams = createStreams(s, { replication: r });
        const draws = variants.map((v) => JSON.stringify(take(streams.stream(v), 4)));
        expect(new Set(draws).size).toBe(variants.length);
      }),
    );
  });

  it('the same (seed, replication, key) gives the same numbers, however many other streams exist', () => {
    fc.assert(
      fc.property(seed, replication, key, fc.array(key, { maxLength: 5 }), (s, r, k, others) => {
        // Another key, not `k` itself: asking for `k` again returns its stream, already advanced.
        fc.pre(!others.includes(k));
        const crowded = createStreams(s, { replication: r });
        for (const other of others) crowded.stream(other)();
        const fresh = createStreams(String(s), { replication: r });
        expect(take(crowded.stream(k), 5)).toEqual(take(fresh.stream(k), 5));
      }),
    );
  });
});

describe('samplers stay within their support', () => {
  const rngFrom = (s: number) => createStreams(s).stream('support');

  it('uniform(rng, { min, max }) stays in [min, max]', () => {
    fc.assert(
      fc.property(fc.integer(), bound, bound, (s, a, b) => {
        const [min, max] = a <= b ? [a, b] : [b, a];
        expect(take(uniform(rngFrom(s), { min, max }), 50).every((x) => x >= min && x <= max)).toBe(true);
      }),
    );
  });

  it('triangular and pert (rng, { min, mode, max }) stay in [min, max]', () => {
    fc.assert(
      fc.property(fc.integer(), bound, bound, fc.double({ min: 0, max: 1, noNaN: true }), (s, a, b, t) => {
        fc.pre(a !== b);
        const [min, max] = a < b ? [a, b] : [b, a];
        const mode = Math.min(max, Math.max(min, min + t * (max - min)));
        const inRange = (x: number) => x >= min && x <= max;
        expect(take(triangular(rngFrom(s), { min, mode, max }), 50).every(inRange)).toBe(true);
        expect(take(pert(rngFrom(s), { min, mode, max }), 50).every(inRange)).toBe(true);
      }),
    );
  });

  it('exponential, gamma, weibull and lognormal draw finite values >= 0; beta draws in [0, 1]', () => {
    fc.assert(
      fc.property(fc.integer(), positive(100), positive(100), (s, p, q) => {
        const rng = rngFrom(s);
        const nonNegative = (x: number) => Number.isFinite(x) && x >= 0;
        expect(take(exponential(rng, { mean: p }), 20).every(nonNegative)).toBe(true);
        expect(take(gamma(rng, { shape: p, scale: q }), 20).every(nonNegative)).toBe(true);
        expect(take(weibull(rng, { shape: p + 0.1, scale: q }), 20).every(nonNegative)).toBe(true);
        expect(take(lognormal(rng, { mu: Math.log(q), sigma: Math.min(p, 5) }), 20).every(nonNegative)).toBe(
          true,
        );
        expect(take(beta(rng, { alpha: p, beta: q }), 20).every((x) => x >= 0 && x <= 1)).toBe(true);
      }),
    );
  });

  it('poisson draws non-negative integers; binomial draws integers in [0, n]', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        fc.nat({ max: 100_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (s, mean, n, p) => {
          const rng = rngFrom(s);
          expect(take(poisson(rng, { mean }), 20).every((k) => Number.isInteger(k) && k >= 0)).toBe(true);
          expect(
            take(binomial(rng, { n, p }), 20).every((k) => Number.isInteger(k) && k >= 0 && k <= n),
          ).toBe(true);
        },
      ),
    );
  });

  it('discrete draws only values with positive probability; empirical draws only observed values', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.array(fc.record({ value: fc.integer(), weight: fc.oneof(fc.constant(0), fc.nat({ max: 100 })) }), {
          minLength: 1,
          maxLength: 12,
        }),
        (s, table) => {
          fc.pre(table.some((e) => e.weight > 0));
          const total = table.reduce((sum, e) => sum + e.weight, 0);
          const values = table.map((e) => e.value);
          const probabilities = table.map((e) => e.weight / total);
          const allowed = new Set(table.filter((e) => e.weight > 0).map((e) => e.value));
          const rng = rngFrom(s);
          expect(take(discrete(rng, { values, probabilities }), 50).every((x) => allowed.has(x))).toBe(true);
          expect(take(empirical(rng, { samples: values }), 50).every((x) => values.includes(x))).toBe(true);
        },
      ),
    );
  });
});
