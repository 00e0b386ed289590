import { describe, expect, it } from 'vitest';
import { DibsimError } from '../../../src/errors.js';
import { batchMeans } from '../../../src/stats/batch-means.js';
import { mulberry32, normalSource } from './helpers.js';

/** AR(1) series x[t] = μ + φ(x[t−1] − μ) + ε[t], ε ~ N(0, 1), started in its stationary distribution. */
function ar1(n: number, mu: number, phi: number, seed: number): Float64Array {
  const normal = normalSource(mulberry32(seed));
  const out = new Float64Array(n);
  let x = mu + normal() / Math.sqrt(1 - phi * phi);
  for (let i = 0; i < n; i++) {
    out[i] = x;
    x = mu + phi * (x - mu) + normal();
  }
  return out;
}

describe('batchMeans', () => {
  it('batchMeans(values) uses 20 batches by default and drops the remainder at the end', () => {
    const values = Array.from({ length: 105 }, (_, i) => i);
    const r = batchMeans(values);
    expect([r.batches, r.batchSize, r.discarded, r.n]).toEqual([20, 5, 5, 20]);
    expect(r.batchMeans[0]).toBe(2);
    expect(r.batchMeans[19]).toBe(97);
    expect(r.mean).toBe(49.5);
    expect(r.level).toBe(0.95);
  });

  it('batchMeans(values, { batchSize }) uses as many full batches as fit', () => {
    const r = batchMeans([1, 2, 3, 4, 5, 6, 7], { batchSize: 3 });
    expect([r.batches, r.batchSize, r.discarded]).toEqual([2, 3, 1]);
    expect(r.batchMeans).toEqual([2, 5]);
    const both = batchMeans([1, 2, 3, 4, 5, 6, 7], { batchSize: 2, batches: 2 });
    expect([both.batches, both.discarded]).toEqual([2, 3]);
  });

  it('batchMeans on AR(1) series (φ = 0.9) covers the known mean about 95% of the time', () => {
    // Correlation time (1 + φ)/(1 − φ) = 19 ≪ batch size 1000. 300 runs: binomial sd 0.0126.
    const runs = 300;
    let covered = 0;
    let lag1Sum = 0;
    for (let r = 0; r < runs; r++) {
      const result = batchMeans(ar1(20_000, 10, 0.9, 1000 + r), { batches: 20 });
      if (result.lower <= 10 && 10 <= result.upper) covered++;
      lag1Sum += result.lag1Autocorrelation;
    }
    expect(Math.abs(covered / runs - 0.95)).toBeLessThan(4 * Math.sqrt((0.95 * 0.05) / runs));
    // Nearly independent batch means: lag-1 autocorrelation near 0 (its estimator is biased by about −1/b).
    expect(Math.abs(lag1Sum / runs)).toBeLessThan(0.1);
  });

  it('batchMeans flags batches that are too short with a high lag-1 autocorrelation and undercovers', () => {
    const runs = 200;
    let covered = 0;
    let lag1Sum = 0;
    for (let r = 0; r < runs; r++) {
      const result = batchMeans(ar1(2000, 10, 0.99, 5000 + r), { batchSize: 10 });
      if (result.lower <= 10 && 10 <= result.upper) covered++;
      lag1Sum += result.lag1Autocorrelation;
    }
    expect(lag1Sum / runs).toBeGreaterThan(0.5);
    expect(covered / runs).toBeLessThan(0.8);
  });

  it('batchMeans(values) lag-1 autocorrelation is Σ d[i]·d[i+1] / Σ d[i]² over all pairs of batch means', () => {
    // Batch means 1, 2, 3, 4 (mean 2.5): d = −1.5, −0.5, 0.5, 1.5; pairs 0.75 − 0.25 + 0.75 = 1.25; Σd² = 5.
    const result = batchMeans([0, 2, 1, 3, 2, 4, 3, 5], { batches: 4 });
    expect(result.batchMeans).toEqual([1, 2, 3, 4]);
    expect(result.lag1Autocorrelation).toBe(0.25);
  });

  it('batchMeans(values) is deterministic and returns NaN lag-1 autocorrelation for a constant series', () => {
    const values = ar1(1000, 0, 0.5, 7);
    expect(batchMeans(values)).toEqual(batchMeans(Array.from(values)));
    const flat = batchMeans(new Array(40).fill(3));
    expect(flat.halfWidth).toBe(0);
    expect(flat.lag1Autocorrelation).toBeNaN();
  });

  it('batchMeans(values) throws INVALID_ARGUMENT naming the index of a non-finite value', () => {
    const values = [1, 2, 3, Number.NaN, 5];
    expect(() => batchMeans(values, { batches: 2 })).toThrow(DibsimError);
    expect(() => batchMeans(values, { batches: 2 })).toThrow('values[3] must be a finite number (got NaN)');
    expect(() => batchMeans([1, Number.POSITIVE_INFINITY], { batches: 2 })).toThrow(/values\[1\]/);
  });

  it('batchMeans(values, options) rejects a misspelt option (it used 20 batches) or options that are not an object', () => {
    const values = Array.from({ length: 100 }, (_, i) => i % 7);
    expect(() => batchMeans(values, { batchez: 5 } as never)).toThrow(
      "batchMeans(values, options): options.batchez is not an option (got 5). Did you mean 'batches'? Options: batches, batchSize, level.",
    );
    expect(() => batchMeans(values, 5 as never)).toThrow(
      'batchMeans(values, options): options must be an object { batches, batchSize, level } (got 5).',
    );
  });

  it('batchMeans(values, options) throws INVALID_ARGUMENT for bad options or too few values', () => {
    const values = [1, 2, 3, 4];
    expect(() => batchMeans(values, { batches: 1 })).toThrow(
      /options.batches must be an integer >= 2 \(got 1\)/,
    );
    expect(() => batchMeans(values, { batches: 2.5 })).toThrow(/options.batches/);
    expect(() => batchMeans(values, { batchSize: 0 })).toThrow(/options.batchSize must be an integer >= 1/);
    expect(() => batchMeans(values, { level: 1.5 })).toThrow(/options.level/);
    expect(() => batchMeans(values, { batches: 5 })).toThrow(/4 values are too few for 5 batches of 0/);
    expect(() => batchMeans(values, { batchSize: 3 })).toThrow(/too few for 1 batches of 3/);
    expect(() => batchMeans(values, { batchSize: 2, batches: 3 })).toThrow(/too few/);
    expect(() => batchMeans(null as unknown as number[])).toThrow(/values must be an array/);
  });
});
