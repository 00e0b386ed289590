import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QuantileSketch } from '../../../src/experiment/quantile-sketch.js';

/** The order statistic of 0-based rank ⌊p(n − 1)⌋, the sketch's target. */
function exactQuantile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(p * (sorted.length - 1))]!;
}

describe('QuantileSketch', () => {
  it('quantile(p) is within the relative accuracy of the order statistic ⌊p(n − 1)⌋', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 200 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, p) => {
          const sketch = new QuantileSketch(0.01);
          for (const x of values) sketch.add(x);
          const exact = exactQuantile(values, p);
          expect(Math.abs(sketch.quantile(p) - exact)).toBeLessThanOrEqual(0.01 * Math.abs(exact) + 1e-300);
        },
      ),
    );
  });

  it('keeps its accuracy at the top of the double range, where 2γ^i overflows', () => {
    for (const sign of [1, -1]) {
      const values = [1e308, 1.7e308, 1.75e308, 1.79e308].map((x) => sign * x);
      const sketch = new QuantileSketch(0.001);
      for (const x of values) sketch.add(x);
      for (const p of [0, 1 / 3, 2 / 3, 1]) {
        const exact = exactQuantile(values, p);
        expect(Math.abs(sketch.quantile(p) - exact)).toBeLessThanOrEqual(0.001 * Math.abs(exact));
      }
    }
  });

  it('gives the same quantiles whatever the order of additions', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1 }), (values) => {
        const a = new QuantileSketch(0.001);
        const b = new QuantileSketch(0.001);
        for (const x of values) a.add(x);
        for (const x of [...values].reverse()) b.add(x);
        for (const p of [0, 0.05, 0.5, 0.95, 1]) expect(b.quantile(p)).toBe(a.quantile(p));
      }),
    );
  });

  it('counts narrow and wide spreads alike (an array of buckets, or a map past its width)', () => {
    // At α = 0.001 the array covers values within a factor of about 60; 1 to 1e6 needs the map.
    for (const [lo, hi] of [
      [10, 50],
      [1, 1e6],
      [-1e6, -1],
    ] as const) {
      const values = Array.from({ length: 999 }, (_, k) => lo + ((hi - lo) * ((k * 389) % 999)) / 998);
      const forward = new QuantileSketch(0.001);
      const backward = new QuantileSketch(0.001);
      for (const x of values) forward.add(x);
      for (const x of [...values].reverse()) backward.add(x);
      for (const p of [0, 0.01, 0.1, 0.5, 0.9, 0.99, 1]) {
        const exact = exactQuantile(values, p);
        expect(Math.abs(forward.quantile(p) - exact), `[${lo}, ${hi}] p = ${p}`).toBeLessThanOrEqual(
          0.001 * Math.abs(exact),
        );
        expect(backward.quantile(p)).toBe(forward.quantile(p));
      }
    }
  });

  it('quantile(0) and quantile(1) are the exact minimum and maximum; NaN when empty', () => {
    const s = new QuantileSketch(0.001);
    expect(s.quantile(0.5)).toBeNaN();
    for (const x of [3, 0, -2, 7.5]) s.add(x);
    expect(s.quantile(0)).toBe(-2);
    expect(s.quantile(1)).toBe(7.5);
    expect(s.count).toBe(4);
  });

  it('gives the exact extreme for every rank among observations tied with it (values at a cap)', () => {
    // Nine replications at a fill rate of 1, one at 0.9: the median is 1, not the bucket midpoint 0.999.
    const s = new QuantileSketch(0.001);
    for (const x of [1, 1, 1, 0.9, 1, 1, 1, 1, 1, 1]) s.add(x);
    for (const p of [0.2, 0.5, 0.95]) expect(s.quantile(p)).toBe(1);
    expect(s.quantile(0)).toBe(0.9);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(-3.7, 0.25, 1, 42.5), { minLength: 1, maxLength: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, p) => {
          const sketch = new QuantileSketch(0.001);
          for (const x of values) sketch.add(x);
          const exact = exactQuantile(values, p);
          const q = sketch.quantile(p);
          // Always within the accuracy; exactly the extreme when the rank falls among its ties.
          expect(Math.abs(q - exact)).toBeLessThanOrEqual(0.001 * Math.abs(exact) * (1 + 1e-12));
          if (exact === Math.min(...values) || exact === Math.max(...values)) expect(q).toBe(exact);
        },
      ),
    );
  });

  it('rejects a bad accuracy, a non-finite value and p outside [0, 1]', () => {
    expect(() => new QuantileSketch(0)).toThrow(/relativeAccuracy must be in \(0, 0.5\]/);
    expect(() => new QuantileSketch(0.01).add(Number.NaN)).toThrow(/x must be finite/);
    expect(() => new QuantileSketch(0.01).quantile(1.5)).toThrow(/p must be in \[0, 1\]/);
  });
});
