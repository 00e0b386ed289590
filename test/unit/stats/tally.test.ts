import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DibsimError } from '../../../src/errors.js';
import { TALLY_MAX_MAGNITUDE, Tally, type TallyJSON } from '../../../src/stats/tally.js';
import { mulberry32, normalSource } from './helpers.js';

function tallyOf(values: readonly number[]): Tally {
  const t = new Tally();
  for (const x of values) t.add(x);
  return t;
}

/** Textbook two-pass sample variance (accurate on well-conditioned data). */
function twoPassVariance(values: readonly number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return values.reduce((a, x) => a + (x - mean) ** 2, 0) / (values.length - 1);
}

describe('Tally', () => {
  it('new Tally() is empty: count 0, sum 0, mean/variance/sd/min/max NaN', () => {
    const t = new Tally();
    expect(t.count).toBe(0);
    expect(t.sum).toBe(0);
    for (const v of [t.mean, t.variance, t.sd, t.min, t.max]) expect(v).toBeNaN();
  });

  it('tally.add(x) with one observation: mean and min/max are x, variance NaN (n − 1 = 0)', () => {
    const t = tallyOf([4.5]);
    expect([t.count, t.sum, t.mean, t.min, t.max]).toEqual([1, 4.5, 4.5, 4.5, 4.5]);
    expect(t.variance).toBeNaN();
  });

  it('tally.mean/variance/sd/min/max match the textbook values', () => {
    const t = tallyOf([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(t.count).toBe(8);
    expect(t.sum).toBe(40);
    expect(t.mean).toBe(5);
    expect(t.variance).toBe(32 / 7);
    expect(t.sd).toBe(Math.sqrt(32 / 7));
    expect([t.min, t.max]).toEqual([2, 9]);
  });

  it('tally.variance agrees with the two-pass formula on well-conditioned data', () => {
    const normal = normalSource(mulberry32(7));
    const values = Array.from({ length: 10_000 }, () => 3 + 2 * normal());
    const t = tallyOf(values);
    expect(t.variance).toBeCloseTo(twoPassVariance(values), 12);
    expect(Math.abs(t.variance / twoPassVariance(values) - 1)).toBeLessThan(1e-13);
  });

  it('tally.variance stays exact on 1e9 + small noise, where the one-pass naive formula fails', () => {
    // Values 1e9 + k·2^-20 for k = 0..999: exact variance is (2^-20)² · n(n+1)/12 with n = 1000.
    const step = 2 ** -20;
    const values = Array.from({ length: 1000 }, (_, k) => 1e9 + k * step);
    const exact = step * step * ((1000 * 1001) / 12);
    const t = tallyOf(values);
    expect(Math.abs(t.variance / exact - 1)).toBeLessThan(1e-15);
    let s = 0;
    let s2 = 0;
    for (const x of values) {
      s += x;
      s2 += x * x;
    }
    const naive = (s2 - (s * s) / values.length) / (values.length - 1);
    expect(Math.abs(naive / exact - 1)).toBeGreaterThan(1); // catastrophic cancellation
    expect(t.mean).toBe(1e9 + 499.5 * step);
  });

  it('tally.variance is formed up to the largest observations, where n·Σ(x − x̄)² passes 2^1024', () => {
    // Unscaled, 3·Σx² (about 2.6e308) would overflow; the two-pass formula in doubles does not.
    const xs = [6.5e153, -6.5e153, 1e153];
    const mean = (xs[0]! + xs[1]! + xs[2]!) / 3;
    const twoPass = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / 2;
    expect(Math.abs(tallyOf(xs).variance / twoPass - 1)).toBeLessThan(1e-15);
    // a and a + d, past the 2^960 sum of squares where it scales: exactly d²/2, as below it.
    expect(tallyOf([2 ** 481, 2 ** 481 + 2 ** 470]).variance).toBe(2 ** 939);
    expect(tallyOf([2 ** 401, 2 ** 401 + 2 ** 390]).variance).toBe(2 ** 779);
  });

  it('tally.merge(other) that would overflow the sum of squares throws INVALID_STATE and changes nothing', () => {
    const t = tallyOf([2 ** 511, 2 ** 511]);
    const other = tallyOf([-3, 2 ** 511, 2 ** 511]);
    const before = t.toJSON();
    expect(() => t.merge(other)).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
    expect(t.toJSON()).toEqual(before);
    expect([t.count, t.sum, t.min]).toEqual([2, 2 ** 512, 2 ** 511]);
  });

  it('tally.variance is exactly 0 for identical observations', () => {
    expect(tallyOf([0.1, 0.1, 0.1]).variance).toBe(0);
    expect(tallyOf(Array(7).fill(1e9 + 0.3)).variance).toBe(0);
  });

  it('tally.merge(other) gives bit-identical statistics to adding every observation to one tally', () => {
    const normal = normalSource(mulberry32(11));
    const values = Array.from({ length: 1000 }, (_, k) => 1e6 * (k % 7) + normal() * 10 ** (k % 9));
    const whole = tallyOf(values);
    const parts = [
      tallyOf(values.slice(0, 300)),
      tallyOf(values.slice(300, 301)),
      tallyOf(values.slice(301)),
    ];
    const merged = new Tally();
    for (const p of parts.reverse()) merged.merge(p);
    for (const key of ['count', 'sum', 'mean', 'variance', 'sd', 'min', 'max'] as const) {
      expect(Object.is(merged[key], whole[key])).toBe(true);
    }
    merged.merge(new Tally());
    expect(merged.variance).toBe(whole.variance);
  });

  it('tally.merge(notATally) throws INVALID_ARGUMENT and changes nothing', () => {
    const t = tallyOf([1, 2]);
    expect(() => t.merge(null as unknown as Tally)).toThrow(
      'Tally.merge(other): other must be a Tally (got null).',
    );
    expect(() => t.merge(t.toJSON() as unknown as Tally)).toThrow(/Tally\.fromJSON\(json\) first/);
    expect([t.count, t.sum]).toEqual([2, 3]);
  });

  it('tally.merge(tally) doubles every observation', () => {
    const t = tallyOf([1, 2, 3]);
    t.merge(t);
    expect(t.count).toBe(6);
    expect(t.variance).toBe(tallyOf([1, 2, 3, 1, 2, 3]).variance);
  });

  it('tally.reset() forgets everything; clone() is independent', () => {
    const t = tallyOf([1, 2, 3]);
    const c = t.clone();
    t.reset();
    expect(t.count).toBe(0);
    expect(t.mean).toBeNaN();
    expect(c.mean).toBe(2);
    t.add(10);
    expect(t.min).toBe(10);
  });

  it('tally.toJSON() / Tally.fromJSON() round-trip through JSON, including an empty tally', () => {
    const t = tallyOf([1e9 + 0.1, 1e9 + 0.2, -3]);
    const back = Tally.fromJSON(JSON.parse(JSON.stringify(t)));
    for (const key of ['count', 'sum', 'mean', 'variance', 'min', 'max'] as const) {
      expect(Object.is(back[key], t[key])).toBe(true);
    }
    const empty = Tally.fromJSON(JSON.parse(JSON.stringify(new Tally())));
    expect(empty.count).toBe(0);
    expect(empty.min).toBeNaN();
  });

  it('tally.add(x) throws INVALID_ARGUMENT naming NaN or ±Infinity and leaves the tally unchanged', () => {
    const t = tallyOf([1]);
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => t.add(bad)).toThrow(DibsimError);
      expect(() => t.add(bad)).toThrow(`must be a finite number (got ${bad})`);
    }
    expect(t.count).toBe(1);
  });

  it('tally.add(x) rejects a value that is not a number ("5", null) and leaves the tally unchanged', () => {
    const t = tallyOf([1, 2]);
    const before = JSON.stringify(t.toJSON());
    for (const [bad, shown] of [
      ['5', '"5"'],
      [null, 'null'],
      [true, 'true'],
    ] as const) {
      expect(() => t.add(bad as unknown as number)).toThrow(
        `Tally.add(x): x must be a finite number (got ${shown})`,
      );
    }
    // '5' used to land among the sum's partials as a string: the next add concatenated.
    expect(JSON.stringify(t.toJSON())).toBe(before);
    t.add(3);
    expect([t.count, t.sum, t.mean]).toEqual([3, 6, 2]);
  });

  it('tally.add(x) throws INVALID_ARGUMENT when x² would overflow (|x| > 2^511)', () => {
    const t = new Tally();
    expect(() => t.add(1e160)).toThrow(/2\^511/);
    t.add(2 ** 511);
    expect(t.count).toBe(1);
  });

  it('Tally.fromJSON(json) rejects a bad count, bad min/max and min > max', () => {
    const good = tallyOf([1, 2]).toJSON();
    expect(() => Tally.fromJSON({ ...good, count: -1 })).toThrow(/json.count/);
    expect(() => Tally.fromJSON({ ...good, count: 1.5 })).toThrow(/json.count/);
    expect(() => Tally.fromJSON({ ...good, min: null })).toThrow(/json.min/);
    expect(() => Tally.fromJSON({ ...good, max: Number.NaN })).toThrow(/json.max/);
    expect(() => Tally.fromJSON({ ...good, min: 3 })).toThrow(/must be <= max/);
    expect(() => Tally.fromJSON({ ...good, count: 0 })).toThrow(/null when count is 0/);
    expect(() => Tally.fromJSON({ ...good, sum: [Number.NaN] })).toThrow(/partials\[0\]/);
    expect(() => Tally.fromJSON(null as unknown as ReturnType<Tally['toJSON']>)).toThrow(/must be an object/);
  });

  it('Tally.fromJSON(json) rejects sums that no observations between min and max could give', () => {
    const good = tallyOf([1, 2, 4]).toJSON(); // sum 7, sum of squares 21
    const message = (json: TallyJSON) => {
      try {
        Tally.fromJSON(json);
      } catch (e) {
        expect(e).toBeInstanceOf(DibsimError);
        expect((e as DibsimError).code).toBe('INVALID_ARGUMENT');
        return (e as DibsimError).message;
      }
      return 'no error';
    };
    const empty = new Tally().toJSON();
    expect(message({ ...empty, sum: [3] })).toBe(
      'Tally.fromJSON(json): json.sum must add up to 0 when count is 0 (got [3]). Pass the output of tally.toJSON().',
    );
    expect(message({ ...empty, sumOfSquares: [9] })).toMatch(
      /^Tally\.fromJSON\(json\): json\.sumOfSquares must add up to 0 when count is 0 \(got \[9\]\)/,
    );
    // Partials that cancel exactly are an empty sum.
    expect(Tally.fromJSON({ ...empty, sum: [1, -1] }).count).toBe(0);
    expect(message({ ...good, sum: [13] })).toBe(
      'Tally.fromJSON(json): json.sum must add up to between count × min (3) and count × max (12), as every observation is in [min, max], but adds up to 13 (got [13]). Pass the output of tally.toJSON().',
    );
    expect(message({ ...good, sum: [2] })).toMatch(/json\.sum must add up to between count × min \(3\)/);
    expect(message({ ...good, sumOfSquares: [-5] })).toMatch(
      /^Tally\.fromJSON\(json\): json\.sumOfSquares must not add up to a negative number, but adds up to -5 \(got \[-5\]\)/,
    );
    // Σx² >= (Σx)²/n = 49/3 ≈ 16.33 (Cauchy–Schwarz): 16 is too little, 16.34 is possible.
    expect(message({ ...good, sumOfSquares: [16] })).toMatch(
      /json\.sumOfSquares must add up to at least sum²\/count \(16\.33+6\), as squares do \(Cauchy–Schwarz\), but adds up to 16 \(got \[16\]\)/,
    );
    expect(Tally.fromJSON({ ...good, sumOfSquares: [16.34] }).variance).toBeGreaterThan(0);
    expect(message({ ...good, sumOfSquares: [49] })).toMatch(
      /json\.sumOfSquares must add up to at most count × max\(min², max²\) \(48\)/,
    );
    // Sums and squares given the wrong way round, as a mix-up would.
    expect(message({ ...good, sum: good.sumOfSquares, sumOfSquares: good.sum })).toMatch(/json\.sum must/);
    expect(message({ ...good, min: -1e200, max: 1e200 })).toBe(
      'Tally.fromJSON(json): json.min must be within ±2^511 ≈ 6.7e153, as every observation is (got -1e+200). Pass the output of tally.toJSON().',
    );
  });

  it('Tally.fromJSON(tally.toJSON()) accepts every genuine tally, from huge to subnormal observations (property)', () => {
    const sign = (negative: boolean) => (negative ? -1 : 1);
    // Any double a tally takes, with fast-check's bias to 0, -0, the smallest subnormal and the largest value.
    const anyDouble = fc.double({
      noNaN: true,
      noDefaultInfinity: true,
      min: -TALLY_MAX_MAGNITUDE,
      max: TALLY_MAX_MAGNITUDE,
    });
    // Magnitudes spread evenly over every binary exponent, 2^-1074 … 2^511.
    const anyExponent = fc
      .tuple(
        fc.double({ min: 1, max: 2, maxExcluded: true, noNaN: true }),
        fc.integer({ min: -1074, max: 510 }),
        fc.boolean(),
      )
      .map(([m, e, negative]) => sign(negative) * m * 2 ** e);
    // Observations a few ulps apart at one magnitude: variance about 0, where Cauchy–Schwarz is tight.
    const nearlyEqual = fc
      .tuple(
        fc.double({ min: 1, max: 2, maxExcluded: true, noNaN: true }),
        fc.integer({ min: -1074, max: 510 }),
        fc.boolean(),
        fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 1, maxLength: 60 }),
      )
      .map(([m, e, negative, steps]) =>
        steps.map((k) => sign(negative) * m * (1 + k * Number.EPSILON) * 2 ** e),
      );
    const observations = fc.oneof(
      fc.array(anyDouble, { maxLength: 60 }),
      fc.array(anyExponent, { maxLength: 60 }),
      fc.array(fc.oneof(anyDouble, anyExponent), { minLength: 1, maxLength: 2 }),
      nearlyEqual,
    );
    fc.assert(
      fc.property(observations, fc.integer({ min: 0, max: 60 }), (values, cut) => {
        // Two tallies merged, as results are across replications and workers.
        const parts = [new Tally(), new Tally()];
        values.forEach((x, i) => {
          try {
            parts[i < cut ? 0 : 1]!.add(x);
          } catch {
            // The exact sum of squares would pass 2^1024: the tally refuses x and stays as it was.
          }
        });
        const [tally, other] = parts as [Tally, Tally];
        const before = tally.toJSON();
        try {
          tally.merge(other);
        } catch (e) {
          // The merged sum of squares would pass 2^1024: refused, and the tally is as it was.
          expect((e as DibsimError).code).toBe('INVALID_STATE');
          expect(tally.toJSON()).toEqual(before);
        }
        const same = (a: number, b: number, signOfZero: boolean) =>
          Object.is(a, b) || (!signOfZero && a === b) || (Number.isNaN(a) && Number.isNaN(b));
        for (const t of [tally, other]) {
          const back = Tally.fromJSON(t.toJSON());
          // Through JSON text too, where -0 (a min or max) is written 0.
          const text = Tally.fromJSON(JSON.parse(JSON.stringify(t.toJSON())));
          expect([back.count, text.count]).toEqual([t.count, t.count]);
          // Variance too: it can be formed up to the largest observations (scaled near 2^1024).
          if (t.count >= 2) expect(t.variance).toBeGreaterThanOrEqual(0);
          for (const key of ['sum', 'mean', 'variance', 'min', 'max'] as const) {
            const expected = t[key];
            expect(expected).toBeTypeOf('number');
            expect(same(back[key], expected, true)).toBe(true);
            expect(same(text[key], expected, false)).toBe(true);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });
});
