import { describe, expect, it } from 'vitest';
import { DibsimError } from '../../../src/errors.js';
import { Histogram, type HistogramOptions } from '../../../src/stats/histogram.js';

const histogramOf = (values: readonly number[], layout = { min: 0, max: 10, bins: 5 }) => {
  const h = new Histogram(layout);
  for (const x of values) h.add(x);
  return h;
};

describe('Histogram', () => {
  it('histogram.add(x) counts [min, max) in equal bins, below min as underflow, from max on as overflow', () => {
    const h = histogramOf([-0.5, 0, 1.99, 2, 5, 9.999999999999998, 10, 42]);
    expect(h.counts).toEqual([2, 1, 1, 0, 1]);
    expect([h.underflow, h.overflow, h.count]).toEqual([1, 2, 8]);
    expect([h.binWidth, h.binLower(0), h.binLower(2), h.binLower(5)]).toEqual([2, 0, 4, 10]);
  });

  it('histogram.add(x) puts a value that rounds onto the upper edge into the last bin', () => {
    const h = new Histogram({ min: 0.1, max: 0.7, bins: 3 });
    h.add(0.7 - 2 ** -53);
    h.add(0.1);
    expect(h.counts).toEqual([1, 0, 1]);
  });

  it('histogram.counts is a copy', () => {
    const h = histogramOf([1]);
    h.counts[0] = 99;
    expect(h.counts[0]).toBe(1);
  });

  it('histogram.quantile(p) interpolates linearly within the bin holding rank p·n', () => {
    // 10 observations spread evenly over [0, 10): one per unit.
    const h = histogramOf([0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5]);
    expect(h.quantile(0)).toBe(0);
    expect(h.quantile(0.5)).toBe(5);
    expect(h.quantile(0.25)).toBe(2.5);
    expect(h.quantile(1)).toBe(10);
    // Empty bins are skipped: the rank falls at the start of the next non-empty bin.
    const gap = histogramOf([1, 9]);
    expect(gap.quantile(0)).toBe(0);
    expect(gap.quantile(0.5)).toBe(2);
    expect(gap.quantile(0.75)).toBe(9);
  });

  it('histogram.quantile(p) is ±Infinity among underflow/overflow observations and NaN when empty', () => {
    const h = histogramOf([-5, 1, 3, 50]);
    expect(h.quantile(0.1)).toBe(Number.NEGATIVE_INFINITY);
    expect(h.quantile(0.5)).toBe(2);
    expect(h.quantile(0.9)).toBe(Number.POSITIVE_INFINITY);
    expect(new Histogram({ min: 0, max: 1, bins: 1 }).quantile(0.5)).toBeNaN();
  });

  it('histogram.merge(other) adds counts; merging itself doubles them', () => {
    const a = histogramOf([1, 3, -1]);
    const b = histogramOf([3, 11]);
    a.merge(b);
    expect(a.toJSON()).toEqual(histogramOf([1, 3, -1, 3, 11]).toJSON());
    a.merge(a);
    expect(a.count).toBe(10);
    expect(b.count).toBe(2);
  });

  it('new Histogram(null) and histogram.merge(null) throw INVALID_ARGUMENT, not a TypeError', () => {
    expect(() => new Histogram(null as unknown as HistogramOptions)).toThrow(
      'new Histogram(options): options must be an object { min, max, bins } (got null).',
    );
    const h = histogramOf([1]);
    expect(() => h.merge(null as unknown as Histogram)).toThrow(
      'Histogram.merge(other): other must be a Histogram (got null).',
    );
    expect(h.count).toBe(1);
  });

  it('histogram.merge(other) refuses a different layout, naming both', () => {
    const a = histogramOf([1]);
    const b = histogramOf([1], { min: 0, max: 10, bins: 10 });
    expect(() => a.merge(b)).toThrow(DibsimError);
    expect(() => a.merge(b)).toThrow('this: min 0, max 10, bins 5; other: min 0, max 10, bins 10');
  });

  it('histogram.toJSON() / Histogram.fromJSON() round-trip; reset() clears counts', () => {
    const h = histogramOf([-1, 1, 1, 7, 12]);
    const back = Histogram.fromJSON(JSON.parse(JSON.stringify(h)));
    expect(back.toJSON()).toEqual(h.toJSON());
    back.reset();
    expect([back.count, back.bins]).toEqual([0, 5]);
  });

  it('new Histogram(options) rejects non-finite bounds, max <= min and bad bin counts', () => {
    expect(() => new Histogram({ min: Number.NaN, max: 1, bins: 2 })).toThrow(
      /options.min must be a finite number/,
    );
    expect(() => new Histogram({ min: 0, max: Number.POSITIVE_INFINITY, bins: 2 })).toThrow(
      /options.max must be a finite/,
    );
    expect(() => new Histogram({ min: 1, max: 1, bins: 2 })).toThrow(/max must be greater than options.min/);
    expect(() => new Histogram({ min: 0, max: 1, bins: 0 })).toThrow(/options.bins must be an integer/);
    expect(() => new Histogram({ min: 0, max: 1, bins: 2.5 })).toThrow(/got 2.5/);
    expect(() => new Histogram({ min: 0, max: 5e-324, bins: 4 })).toThrow(/too small to represent/);
  });

  it('histogram.add(x) throws INVALID_ARGUMENT for NaN and ±Infinity, counting nothing', () => {
    const h = histogramOf([]);
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => h.add(bad)).toThrow(`must be a finite number (got ${bad})`);
    }
    expect(h.count).toBe(0);
  });

  it('histogram.add(x) rejects a value that is not a number, counting nothing', () => {
    const h = histogramOf([]);
    expect(() => h.add('5' as unknown as number)).toThrow(
      'Histogram.add(x): x must be a finite number (got "5")',
    );
    expect(() => h.add(null as unknown as number)).toThrow('(got null)');
    expect(h.count).toBe(0);
  });

  it('histogram.quantile(p) and binLower(i) reject out-of-range arguments', () => {
    const h = histogramOf([1]);
    expect(() => h.quantile(1.1)).toThrow(/p must be a probability in \[0, 1\] \(got 1.1\)/);
    expect(() => h.quantile(Number.NaN)).toThrow(/got NaN/);
    expect(() => h.binLower(6)).toThrow(/from 0 to 5 \(got 6\)/);
  });

  it('Histogram.fromJSON(json) rejects wrong-length or non-integer counts', () => {
    const good = histogramOf([1]).toJSON();
    expect(() => Histogram.fromJSON({ ...good, counts: [1, 2] })).toThrow(/array of 5 counts/);
    expect(() => Histogram.fromJSON({ ...good, counts: [1, 0, 0, 0.5, 0] })).toThrow(/counts\[3\]/);
    expect(() => Histogram.fromJSON({ ...good, underflow: -1 })).toThrow(/json.underflow/);
    expect(() => Histogram.fromJSON({ ...good, bins: 0 })).toThrow(/options.bins/);
    expect(() => Histogram.fromJSON(null as unknown as typeof good)).toThrow(/must be an object/);
  });
});
