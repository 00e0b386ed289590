import { describe, expect, it } from 'vitest';
import { DibsimError } from '../../../src/errors.js';
import { confidenceInterval } from '../../../src/stats/confidence.js';
import { Tally } from '../../../src/stats/tally.js';
import { mulberry32, normalSource } from './helpers.js';

describe('confidenceInterval', () => {
  it('confidenceInterval(tally) is mean ± t(0.975, n − 1)·sd/√n by default', () => {
    const t = new Tally();
    for (const x of [2, 4, 4, 4, 5, 5, 7, 9]) t.add(x);
    const ci = confidenceInterval(t);
    // t(0.975, 7) = 2.364624251592784 (scipy.stats.t.ppf 1.17.1).
    const half = (2.364624251592784 * Math.sqrt(32 / 7)) / Math.sqrt(8);
    expect(ci.level).toBe(0.95);
    expect([ci.n, ci.mean, ci.sd]).toEqual([8, 5, Math.sqrt(32 / 7)]);
    expect(ci.halfWidth).toBeCloseTo(half, 13);
    expect(ci.lower).toBe(ci.mean - ci.halfWidth);
    expect(ci.upper).toBe(ci.mean + ci.halfWidth);
  });

  it('confidenceInterval(summary, { level }) accepts a plain { count, mean, sd }', () => {
    const ci = confidenceInterval({ count: 11, mean: 100, sd: 10 }, { level: 0.95 });
    // t(0.975, 10) = 2.2281388519862742.
    expect(ci.halfWidth).toBeCloseTo((2.2281388519862744 * 10) / Math.sqrt(11), 12);
    const wider = confidenceInterval({ count: 11, mean: 100, sd: 10 }, { level: 0.99 });
    expect(wider.halfWidth).toBeGreaterThan(ci.halfWidth);
  });

  it('confidenceInterval(sample) has NaN half-width and bounds when n < 2', () => {
    const one = new Tally();
    one.add(3);
    const ci = confidenceInterval(one);
    expect(ci.mean).toBe(3);
    expect(ci.n).toBe(1);
    for (const v of [ci.halfWidth, ci.lower, ci.upper, ci.sd]) expect(v).toBeNaN();
    expect(confidenceInterval(new Tally()).mean).toBeNaN();
  });

  it('the 95% interval covers the true mean in 95% of fixed-seed normal samples (binomial tolerance)', () => {
    // 4000 samples of n = 10 from N(5, 2²); coverage ~ Binomial(4000, 0.95)/4000 has sd 0.0034.
    const normal = normalSource(mulberry32(20_260_101));
    const runs = 4000;
    let covered = 0;
    let covered90 = 0;
    for (let r = 0; r < runs; r++) {
      const t = new Tally();
      for (let i = 0; i < 10; i++) t.add(5 + 2 * normal());
      const ci = confidenceInterval(t);
      if (ci.lower <= 5 && 5 <= ci.upper) covered++;
      const ci90 = confidenceInterval(t, { level: 0.9 });
      if (ci90.lower <= 5 && 5 <= ci90.upper) covered90++;
    }
    expect(Math.abs(covered / runs - 0.95)).toBeLessThan(4 * Math.sqrt((0.95 * 0.05) / runs));
    expect(Math.abs(covered90 / runs - 0.9)).toBeLessThan(4 * Math.sqrt((0.9 * 0.1) / runs));
  });

  it('confidenceInterval(sample, { level }) throws INVALID_ARGUMENT unless 0 < level < 1', () => {
    const t = new Tally();
    t.add(1);
    t.add(2);
    for (const level of [0, 1, 95, Number.NaN]) {
      expect(() => confidenceInterval(t, { level })).toThrow(DibsimError);
      expect(() => confidenceInterval(t, { level })).toThrow(`strictly between 0 and 1 (got ${level})`);
    }
  });

  it('confidenceInterval(sample, options) rejects a misspelt option or options that are not an object', () => {
    const t = new Tally();
    t.add(1);
    t.add(2);
    expect(() => confidenceInterval(t, { levle: 0.99 } as never)).toThrow(
      "confidenceInterval(sample, options): options.levle is not an option (got 0.99). Did you mean 'level'? Options: level.",
    );
    expect(() => confidenceInterval(t, null as never)).toThrow(
      'confidenceInterval(sample, options): options must be an object { level } (got null).',
    );
    expect(() => confidenceInterval(t, 0.99 as never)).toThrow(DibsimError);
  });

  it('confidenceInterval(summary) throws INVALID_ARGUMENT for a bad count, mean or sd', () => {
    expect(() => confidenceInterval({ count: -1, mean: 0, sd: 1 })).toThrow(/sample.count/);
    expect(() => confidenceInterval({ count: 2.5, mean: 0, sd: 1 })).toThrow(/sample.count/);
    expect(() => confidenceInterval({ count: 5, mean: Number.NaN, sd: 1 })).toThrow(/sample.mean/);
    expect(() => confidenceInterval({ count: 5, mean: 0, sd: -1 })).toThrow(/sample.sd/);
    expect(() => confidenceInterval({ count: 5, mean: 0, sd: Number.POSITIVE_INFINITY })).toThrow(
      /sample.sd/,
    );
    expect(() => confidenceInterval(null as unknown as Tally)).toThrow(/sample must be/);
  });
});
