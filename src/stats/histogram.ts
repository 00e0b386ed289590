/**
 * Fixed-bin histograms with exact integer counts, mergeable across replications.
 *
 * @module
 */

import { DibsimError, describeValue } from '../errors.js';

/** Layout of a {@link Histogram}: `bins` equal-width bins covering `[min, max)`. */
export interface HistogramOptions {
  /** Lower edge of the first bin (inclusive), in the observations' unit. */
  readonly min: number;
  /** Upper edge of the last bin (exclusive), in the observations' unit; must exceed `min`. */
  readonly max: number;
  /** Number of equal-width bins, a positive integer. */
  readonly bins: number;
}

/** JSON form of a {@link Histogram}, from {@link Histogram.toJSON}. */
export interface HistogramJSON extends HistogramOptions {
  /** Count per bin, `bins` non-negative integers. */
  readonly counts: readonly number[];
  /** Observations below `min`. */
  readonly underflow: number;
  /** Observations at or above `max`. */
  readonly overflow: number;
}

/**
 * Counts of observations in equal-width bins over `[min, max)`, plus underflow (`x < min`) and
 * overflow (`x >= max`) counts.
 *
 * Bin `i` covers `[min + i·w, min + (i + 1)·w)` with `w = (max − min)/bins`. Counts are integers, so
 * merging histograms from different replications or workers is exact and order-independent; the bin of
 * an observation depends only on the observation.
 *
 * @example
 * const h = new Histogram({ min: 0, max: 100, bins: 20 }); // 5-day bins
 * for (const days of [3, 12, 14, 250]) h.add(days);
 * h.counts;   // [1, 0, 2, 0, …]
 * h.overflow; // 1
 */
export class Histogram {
  /** Lower edge of the first bin. */
  readonly min: number;
  /** Upper edge of the last bin. */
  readonly max: number;
  /** Number of bins. */
  readonly bins: number;
  private readonly binCounts: number[];
  private under = 0;
  private over = 0;
  /** bins / (max − min), precomputed for {@link Histogram.add}. */
  private readonly scale: number;

  /**
   * @param options - the layout: finite `min < max` and an integer `bins >= 1`
   * @throws {@link DibsimError} `INVALID_ARGUMENT` naming the offending option, or if `options` is not an
   * object.
   */
  constructor(options: HistogramOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `new Histogram(options): options must be an object { min, max, bins } (got ${describeValue(options)}). Give the range of values you expect and a number of bins, e.g. { min: 0, max: 100, bins: 20 }.`,
      );
    }
    const { min, max, bins } = options;
    for (const [name, value] of [
      ['min', min],
      ['max', max],
    ] as const) {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new DibsimError(
          'INVALID_ARGUMENT',
          `new Histogram(options): options.${name} must be a finite number (got ${describeValue(value)}). Give the range of values you expect.`,
        );
      }
    }
    if (!(max > min)) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `new Histogram(options): options.max must be greater than options.min (got min ${describeValue(min)}, max ${describeValue(max)}).`,
      );
    }
    if (!Number.isSafeInteger(bins) || bins < 1 || bins > 1e7) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `new Histogram(options): options.bins must be an integer between 1 and 1e7 (got ${describeValue(bins)}). 20 to 100 bins is usual.`,
      );
    }
    const scale = bins / (max - min);
    if (!Number.isFinite(scale)) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `new Histogram(options): the bin width (max − min)/bins is too small to represent (min ${min}, max ${max}, bins ${bins}). Use fewer bins or a wider range.`,
      );
    }
    this.min = min;
    this.max = max;
    this.bins = bins;
    this.scale = scale;
    this.binCounts = new Array<number>(bins).fill(0);
  }

  /**
   * Counts one observation.
   *
   * @param x - a finite number
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if `x` is not a number, NaN or infinite.
   */
  add(x: number): void {
    if (typeof x !== 'number') throw notFinite(x); // '5' would compare, and be counted, as 5
    if (x >= this.min && x < this.max) {
      // Rounding can put x just below max into bin `bins`; it belongs to the last bin.
      this.binCounts[Math.min(Math.floor((x - this.min) * this.scale), this.bins - 1)]!++;
    } else if (x < this.min && x !== Number.NEGATIVE_INFINITY) {
      this.under++;
    } else if (x >= this.max && x !== Number.POSITIVE_INFINITY) {
      this.over++;
    } else {
      throw notFinite(x);
    }
  }

  /** Count per bin (a copy), lowest bin first. */
  get counts(): number[] {
    return this.binCounts.slice();
  }

  /** Number of observations below {@link Histogram.min}. */
  get underflow(): number {
    return this.under;
  }

  /** Number of observations at or above {@link Histogram.max}. */
  get overflow(): number {
    return this.over;
  }

  /** Total number of observations, including underflow and overflow. */
  get count(): number {
    let n = this.under + this.over;
    for (const c of this.binCounts) n += c;
    return n;
  }

  /** Width of each bin, `(max − min) / bins`. */
  get binWidth(): number {
    return (this.max - this.min) / this.bins;
  }

  /**
   * Lower edge of bin `i` (`i = bins` gives `max`).
   *
   * @param i - bin index, an integer from 0 to `bins`
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if `i` is out of range.
   */
  binLower(i: number): number {
    if (!Number.isInteger(i) || i < 0 || i > this.bins) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `Histogram.binLower(i): i must be an integer from 0 to ${this.bins} (got ${describeValue(i)}).`,
      );
    }
    return i === this.bins ? this.max : this.min + (i * (this.max - this.min)) / this.bins;
  }

  /**
   * Estimated `p`-quantile: the value below which a fraction `p` of the observations lie, interpolating
   * linearly within the bin that holds it (observations are assumed spread evenly across a bin).
   *
   * @param p - probability in [0, 1]
   * @returns the estimate; `-Infinity` or `Infinity` when it falls among the underflow or overflow
   * observations (their values are unknown), `NaN` when the histogram is empty
   * @throws {@link DibsimError} `INVALID_ARGUMENT` unless `0 <= p <= 1`.
   *
   * @remarks
   * Resolution: within the range the estimate is off by at most one bin width from the sample quantile.
   * It is a function of the counts only, so it is identical for any split or merge order.
   */
  quantile(p: number): number {
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `Histogram.quantile(p): p must be a probability in [0, 1] (got ${describeValue(p)}). Use 0.5 for the median.`,
      );
    }
    const n = this.count;
    if (n === 0) return Number.NaN;
    const rank = p * n;
    if (this.under > 0 && rank <= this.under) return Number.NEGATIVE_INFINITY;
    let cumulative = this.under;
    for (let i = 0; i < this.bins; i++) {
      const c = this.binCounts[i]!;
      if (c > 0 && cumulative + c >= rank) {
        const fraction = Math.max(0, rank - cumulative) / c;
        return this.binLower(i) + fraction * this.binWidth;
      }
      cumulative += c;
    }
    return Number.POSITIVE_INFINITY;
  }

  /**
   * Adds the counts of `other`, which must have the same layout. `other` is unchanged.
   *
   * @param other - a histogram with identical `min`, `max` and `bins`
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if `other` is not a {@link Histogram} or the layouts differ.
   */
  merge(other: Histogram): void {
    if (!(other instanceof Histogram)) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `Histogram.merge(other): other must be a Histogram (got ${describeValue(other)}). Pass another histogram; rebuild saved state with Histogram.fromJSON(json) first.`,
      );
    }
    if (other.min !== this.min || other.max !== this.max || other.bins !== this.bins) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `Histogram.merge(other): layouts differ (this: min ${this.min}, max ${this.max}, bins ${this.bins}; other: min ${other.min}, max ${other.max}, bins ${other.bins}). Create every histogram to be merged with the same options.`,
      );
    }
    const counts = other === this ? other.binCounts.slice() : other.binCounts;
    for (let i = 0; i < this.bins; i++) this.binCounts[i]! += counts[i]!;
    this.under += other.under;
    this.over += other.over;
  }

  /** Sets every count to zero, keeping the layout. */
  reset(): void {
    this.binCounts.fill(0);
    this.under = 0;
    this.over = 0;
  }

  /** The layout and counts as plain JSON; restore with {@link Histogram.fromJSON}. */
  toJSON(): HistogramJSON {
    return {
      min: this.min,
      max: this.max,
      bins: this.bins,
      counts: this.binCounts.slice(),
      underflow: this.under,
      overflow: this.over,
    };
  }

  /**
   * Rebuilds a histogram from {@link Histogram.toJSON} output.
   *
   * @param json - the saved layout and counts
   * @throws {@link DibsimError} `INVALID_ARGUMENT` for a bad layout or counts that are not
   * `bins` non-negative integers.
   */
  static fromJSON(json: HistogramJSON): Histogram {
    if (typeof json !== 'object' || json === null) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `Histogram.fromJSON(json): json must be an object (got ${describeValue(json)}). Pass the output of histogram.toJSON().`,
      );
    }
    const h = new Histogram(json);
    const check = (name: string, value: unknown): number => {
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
        throw new DibsimError(
          'INVALID_ARGUMENT',
          `Histogram.fromJSON(json): json.${name} must be a non-negative integer (got ${describeValue(value)}). Pass the output of histogram.toJSON().`,
        );
      }
      return value;
    };
    if (!Array.isArray(json.counts) || json.counts.length !== h.bins) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `Histogram.fromJSON(json): json.counts must be an array of ${h.bins} counts (got ${describeValue(json.counts)}).`,
      );
    }
    json.counts.forEach((c, i) => {
      h.binCounts[i] = check(`counts[${i}]`, c);
    });
    h.under = check('underflow', json.underflow);
    h.over = check('overflow', json.overflow);
    return h;
  }
}

/** The error for an observation that is not a finite number. */
function notFinite(x: unknown): DibsimError {
  return new DibsimError(
    'INVALID_ARGUMENT',
    `Histogram.add(x): x must be a finite number (got ${describeValue(x)}). NaN and infinities must never enter a statistic; check the value at its source.`,
  );
}
