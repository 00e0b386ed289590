import { median as sampleMedian } from 'd3-array';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KaplanMeier, wilsonInterval } from '../../../src/experiment/kaplan-meier.js';
import { normalQuantile } from '../../../src/stats/student-t.js';

function km(events: number[], censored: number[]): KaplanMeier {
  const k = new KaplanMeier();
  for (const d of events) k.add(d, true);
  for (const d of censored) k.add(d, false);
  return k;
}

describe('KaplanMeier', () => {
  // Hand computation, n = 10: events at 2, 3, 3, 5, 8; censored at 4 and four times at 10.
  //   t  n_i d_i  S(t)                 Greenwood Σ d/(n(n−d))
  //   2  10  1    0.9                  1/90
  //   3   9  2    0.9·7/9 = 0.7        1/90 + 2/63
  //   5   6  1    0.7·5/6 = 0.58333    … + 1/30
  //   8   5  1    0.58333·4/5 = 0.46667 … + 1/20
  const example = () => km([2, 3, 3, 5, 8], [4, 10, 10, 10, 10]);

  it('curve() gives the product-limit estimate and Greenwood standard errors', () => {
    const steps = example().curve();
    expect(steps.map((s) => [s.day, s.atRisk, s.events])).toEqual([
      [2, 10, 1],
      [3, 9, 2],
      [5, 6, 1],
      [8, 5, 1],
    ]);
    const g = [1 / 90, 1 / 90 + 2 / 63, 1 / 90 + 2 / 63 + 1 / 30, 1 / 90 + 2 / 63 + 1 / 30 + 1 / 20];
    const s = [0.9, 0.7, 0.7 * (5 / 6), 0.7 * (5 / 6) * 0.8];
    steps.forEach((step, i) => {
      expect(step.survival).toBeCloseTo(s[i]!, 14);
      expect(step.standardError).toBeCloseTo(s[i]! * Math.sqrt(g[i]!), 14);
    });
  });

  it('median() is the first day with S ≤ ½, with the Brookmeyer–Crowley (plain Greenwood) interval', () => {
    // Lower band S − 1.96·se: 0.714 at day 2, 0.416 at day 3 → lower limit 3.
    // Upper band S + 1.96·se: 1.086, 0.984, 0.899, 0.792 → never ≤ ½ within the horizon → null.
    expect(example().median({ level: 0.95 })).toEqual({ day: 8, lower: 3, upper: null, level: 0.95 });
    // z = 0.674 at 50 %: lower band 0.836, 0.602, 0.475 → day 5; upper band at day 8: 0.579 → null.
    expect(example().median({ level: 0.5 })).toEqual({ day: 8, lower: 5, upper: null, level: 0.5 });
  });

  it('median() without censoring reduces to the binomial band: events 1…8 of 10 → 5.5 [3, 8]', () => {
    // S(t) = 1 − t/10, se = √(S(1 − S)/10); upper band 0.2 + 1.96·0.126 = 0.448 at day 8, 0.584 at day 7.
    // S is ½ from day 5 to day 6: the median is their midpoint, as the sample median of the ten days.
    expect(km([1, 2, 3, 4, 5, 6, 7, 8], [10, 10]).median()).toEqual({
      day: 5.5,
      lower: 3,
      upper: 8,
      level: 0.95,
    });
  });

  it('median() takes the midpoint where the curve is exactly ½, though the product rounds above it', () => {
    // 24 events on days 1…24: S(12) = 12/24 = ½ exactly, 0.5000000000000001 as a product of (1 − 1/nᵢ).
    const k = km(
      Array.from({ length: 24 }, (_, i) => i + 1),
      [],
    );
    expect(k.curve()[11]!.survival).not.toBe(0.5);
    expect(k.median().day).toBe(12.5);
    // Experiment-like ties on month starts: 100 of 200 reached by day 90, 60 more on day 120, 40 censored
    // at the horizon: S is ½ from day 90 to day 120, so the median is day 105 (R: quantile.survfit).
    const days = (day: number, n: number) => Array<number>(n).fill(day);
    for (const [a, b] of [
      [1, 1],
      [33, 33],
      [10, 89],
    ] as const) {
      const t = km(
        [...days(31, a), ...days(59, b), ...days(90, 100 - a - b), ...days(120, 60)],
        days(3653, 40),
      );
      expect(t.median().day).toBe(105);
    }
  });

  it('median() of a flat at ½ that no event ends is the day it fell to ½, whatever the horizon', () => {
    // Half reached on day 10, the rest censored at day 30: R's midpoint (10 + 30) / 2 would be a day that
    // nothing happened on.
    expect(km([10, 10], [30, 30]).median().day).toBe(10);
    // Events every 10 days from day 100; the rest of 60 replications censored at the horizon.
    const events = (n: number) => Array.from({ length: n }, (_, i) => 100 + 10 * i);
    const at = (reached: number, horizon: number) =>
      km(events(reached), Array<number>(60 - reached).fill(horizon)).median().day;
    const [day30, day31] = events(31).slice(29); // days 390 and 400
    for (const horizon of [1826, 3652]) {
      expect(at(29, horizon)).toBeNull();
      expect(at(30, horizon)).toBe(day30);
      // A 31st event ends the flat: the ordinary midpoint.
      expect(at(31, horizon)).toBe((day30! + day31!) / 2);
    }
  });

  it('median() of uncensored days is their ordinary sample median (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 80 }), (days) => {
        expect(km(days, []).median().day).toBe(sampleMedian(days));
      }),
    );
  });

  it('where the curve falls to 0, the standard error is its limit 0 and the band [0, 0] (R: Inf and NaN)', () => {
    // R 4.2.2, survival 3.5-3: survfit(Surv(rep(0, 10), rep(1, 10)) ~ 1, conf.type = "plain") has
    // std.err Inf, lower and upper NaN at time 0, and quantile() gives median 0 [NA, NA].
    const day0 = km(Array<number>(10).fill(0), []);
    expect(day0.curve()).toEqual([{ day: 0, atRisk: 10, events: 10, survival: 0, standardError: 0 }]);
    expect(day0.median()).toEqual({ day: 0, lower: 0, upper: 0, level: 0.95 });
    // Most replications on the last event day: the band is above ½ at day 5 (0.552) and [0, 0] at day 10,
    // so both limits are 10 (R: 10 [NA, NA]; the order statistics give [5, 10]: see the class remarks).
    const late = km([5, 5, ...Array<number>(8).fill(10)], []);
    const [first, last] = late.curve();
    expect(first!.standardError).toBeCloseTo(Math.sqrt((0.8 * 0.2) / 10), 14);
    expect(last).toMatchObject({ survival: 0, standardError: 0 });
    expect(late.median()).toEqual({ day: 10, lower: 10, upper: 10, level: 0.95 });
    // Without censoring the other steps' Greenwood error is the binomial one, √(S(1 − S)/n), of which 0 is
    // the value at S = 0.
    const steps = km([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], []).curve();
    for (const s of steps.slice(0, -1))
      expect(s.standardError).toBeCloseTo(Math.sqrt((s.survival * (1 - s.survival)) / 10), 14);
    expect(steps.at(-1)).toMatchObject({ survival: 0, standardError: 0 });
  });

  it('median() is null when fewer than half reach the event', () => {
    const m = km([100, 200], [365, 365, 365]).median();
    expect(m.day).toBeNull();
    expect(m.upper).toBeNull();
  });

  it('the state does not depend on the order of additions', () => {
    const a = km([5, 1, 3, 3], [9, 2]);
    const b = new KaplanMeier();
    b.add(2, false);
    for (const d of [3, 9, 1, 3, 5]) b.add(d, d !== 9);
    expect(b.curve()).toEqual(a.curve());
    expect(b.reached).toBe(4);
    expect(b.count).toBe(6);
  });
});

describe('wilsonInterval(successes, n, options)', () => {
  it('gives [0, z²/(n + z²)] for no successes and stays inside [0, 1]', () => {
    const z = normalQuantile(0.975);
    const w = wilsonInterval(0, 10, { level: 0.95 });
    expect(w.lower).toBe(0);
    expect(w.upper).toBeCloseTo((z * z) / (10 + z * z), 14);
    expect(wilsonInterval(10, 10, { level: 0.95 }).upper).toBe(1);
  });

  it('takes the level as options.level, 0.95 when left out: 0 of 10 at 90 % gives [0, z²/(n + z²)] with z = z(0.95)', () => {
    const z = normalQuantile(0.95);
    expect(wilsonInterval(0, 10, { level: 0.9 }).upper).toBeCloseTo((z * z) / (10 + z * z), 14);
    expect(wilsonInterval(3, 10)).toEqual(wilsonInterval(3, 10, { level: 0.95 }));
    expect(wilsonInterval(3, 10, { level: undefined })).toEqual(wilsonInterval(3, 10, { level: 0.95 }));
  });

  it('is NaN for an empty sample', () => {
    expect(wilsonInterval(0, 0)).toEqual({ lower: Number.NaN, upper: Number.NaN });
  });

  it.each([
    [[5, 3], 'successes must be an integer from 0 to n (3) (got 5). Pass how many of the n trials'],
    [[1.5, 2], 'successes must be an integer from 0 to n (2) (got 1.5).'],
    [[-1, 2], 'successes must be an integer from 0 to n (2) (got -1).'],
    [[Number.NaN, 0], 'successes must be an integer from 0 to n (0) (got NaN).'],
    [[1, 2.5], 'n must be an integer >= 0 (got 2.5). Pass the number of trials.'],
    [
      [1, 2, { level: 1 }],
      'options.level must be a number strictly between 0 and 1 (got 1). Use 0.95 for a 95% interval.',
    ],
    [[1, 2, { level: Number.NaN }], 'options.level must be a number strictly between 0 and 1 (got NaN).'],
    [[1, 2, { levle: 0.9 }], "options.levle is not an option (got 0.9). Did you mean 'level'?"],
    [[1, 2, null], 'options must be an object { level } (got null).'],
  ])('wilsonInterval(%j) throws INVALID_ARGUMENT naming wilsonInterval', (args, message) => {
    const call = () => (wilsonInterval as (...a: unknown[]) => unknown)(...args);
    expect(call).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(call).toThrow(`wilsonInterval(successes, n, options): ${message}`);
  });

  it('wilsonInterval(s, n, 0.9), the former positional level, is refused with how to write it (not NaN, not the 95 % interval)', () => {
    const positional = () => (wilsonInterval as (...a: unknown[]) => unknown)(3, 10, 0.9);
    expect(positional).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(positional).toThrow(
      'wilsonInterval(successes, n, options): options must be an object { level } (got 0.9). Write wilsonInterval(successes, n, { level: 0.9 }).',
    );
  });
});

describe('KaplanMeier argument checks', () => {
  it.each([
    [Number.NaN, true, 'day must be a finite number >= 0 (got NaN).'],
    [-1, true, 'day must be a finite number >= 0 (got -1).'],
    [Number.POSITIVE_INFINITY, false, 'day must be a finite number >= 0 (got Infinity).'],
    ['3', true, 'day must be a finite number >= 0 (got "3").'],
    [3, 'yes', 'reached must be true or false (got "yes"). Pass true if the event happened on day'],
    [3, 1, 'reached must be true or false (got 1).'],
  ])('add(%j, %j) throws INVALID_ARGUMENT and records nothing', (day, reached, message) => {
    const k = km([2], [5]);
    expect(() => k.add(day as number, reached as boolean)).toThrow(
      `KaplanMeier.add(day, reached): ${message}`,
    );
    expect([k.count, k.reached, k.curve().length]).toEqual([2, 1, 1]);
  });

  it('median(options) checks options.level as the other statistics do, naming the method', () => {
    const k = km([2, 3], [5]);
    expect(() => k.median({ level: 2 })).toThrow(
      'KaplanMeier.median(options): options.level must be a number strictly between 0 and 1 (got 2). Use 0.95 for a 95% interval.',
    );
    expect(() => k.median({ level: Number.NaN })).toThrow('(got NaN)');
    expect(() => k.median({ levle: 0.9 } as never)).toThrow(/KaplanMeier.median\(options\): options.*levle/);
    expect(k.median().level).toBe(0.95);
    expect(k.median({ level: undefined })).toEqual(k.median());
  });

  it('median(0.9), the former positional level, is refused with how to write it (it would silently give the 95 % interval)', () => {
    const k = km([2, 3], [5]);
    const positional = () => (k.median as (level: unknown) => unknown)(0.9);
    expect(positional).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(positional).toThrow(
      'KaplanMeier.median(options): options must be an object { level } (got 0.9). Write median({ level: 0.9 }).',
    );
  });
});
