import { describe, expect, it } from 'vitest';
import { createStreams } from '../../../src/index.js';
import { Consumption, Pledge, type Shock } from '../../../src/model/demand.js';
import { Stockpile } from '../../../src/model/stockpile.js';

const rng = () => createStreams(7).stream('demand:test');
const depot = () => new Stockpile('AA', '155mm', 0, 1e9, 0, true);

describe('Consumption', () => {
  it('consumption.draw(day) with variability 0 gives whole rounds that add up to the mean, carrying fractions', () => {
    const c = new Consumption(depot(), () => 2.5, [], rng(), 0);
    const draws = Array.from({ length: 10 }, (_, d) => c.draw(d));
    expect(draws).toEqual([2, 3, 2, 3, 2, 3, 2, 3, 2, 3]);
  });

  it('consumption.rate(day) multiplies the mean by the shocks active on that day (inclusive bounds)', () => {
    const shock: Shock = { actors: new Set(['AA']), item: '155mm', startDay: 10, endDay: 20, multiplier: 3 };
    const c = new Consumption(depot(), () => 100, [shock], rng(), 0);
    expect([9, 10, 20, 21].map((d) => c.rate(d))).toEqual([100, 300, 300, 100]);
  });

  it.each([1e-300, 5e-4])(
    'consumption.draw(day) with a CV of %s, below 1e-3 (a distribution can draw one), is deterministic, not NaN',
    (cv) => {
      // 1e-300 made the gamma shape 1/cv² Infinity and every draw NaN.
      const c = new Consumption(depot(), () => 2.5, [], rng(), cv);
      const draws = Array.from({ length: 10 }, (_, d) => c.draw(d));
      expect(draws).toEqual([2, 3, 2, 3, 2, 3, 2, 3, 2, 3]);
    },
  );

  it('consumption.rate(day) never goes below 0', () => {
    const c = new Consumption(depot(), () => -5, [], rng(), 0);
    expect(c.rate(0)).toBe(0);
    expect(c.draw(0)).toBe(0);
  });

  it.each([
    ['gamma, CV 0.5', 0.5],
    ['Poisson', 'poisson' as const],
  ])('consumption.draw(day) with %s variability has the profile mean (20 000 days)', (_name, variability) => {
    const c = new Consumption(depot(), () => 40, [], rng(), variability);
    let total = 0;
    let sumSq = 0;
    const n = 20_000;
    for (let d = 0; d < n; d++) {
      const x = c.draw(d);
      expect(Number.isInteger(x) && x >= 0).toBe(true);
      total += x;
      sumSq += x * x;
    }
    const mean = total / n;
    const sd = Math.sqrt(sumSq / n - mean * mean);
    // Mean within 4.5 standard errors (sd 20 or √40 ≈ 6.3 a day).
    expect(Math.abs(mean - 40)).toBeLessThan((4.5 * sd) / Math.sqrt(n));
    if (variability === 0.5) expect(sd / mean).toBeCloseTo(0.5, 1);
    else expect(sd * sd).toBeCloseTo(40, -1);
  });
});

describe('Pledge', () => {
  it('pledge.arrive(n, day) records the first day the pledged quantity is reached, and only that day', () => {
    const p = new Pledge('p', 'UA', '155mm', 100, 0, 365, []);
    p.arrive(60, 10);
    expect(p.metDay).toBeNaN();
    p.arrive(40, 20);
    expect(p.metDay).toBe(20);
    p.arrive(5, 30);
    expect(p.metDay).toBe(20);
    expect(p.deliveredRounds).toBe(105);
  });

  it('pledge.arrive(n, day) counts rounds arriving on the deadline day as delivered by the deadline, not the day after', () => {
    const p = new Pledge('p', 'UA', '155mm', 100, 0, 180, []);
    p.arrive(30, 179.5);
    p.arrive(20, 180);
    p.arrive(10, 180.9); // later on the deadline day (e.g. a fractional transport time)
    p.arrive(40, 181);
    expect(p.deliveredByDeadlineRounds).toBe(60);
    expect(p.deliveredRounds).toBe(100);
  });
});
