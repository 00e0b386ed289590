/**
 * Summary statistics of a series of observations, exact and mergeable.
 *
 * @module
 */

import { DibsimError, describeValue } from '../errors.js';
import { ExactSum } from './exact-sum.js';

/**
 * Largest observation magnitude a {@link Tally} accepts: 2^511 ≈ 6.7e153, so that `x²` fits in a
 * double.
 */
export const TALLY_MAX_MAGNITUDE = 2 ** 511;

/** JSON form of a {@link Tally}, from {@link Tally.toJSON}. */
export interface TallyJSON {
  /** Number of observations. */
  readonly count: number;
  /** Partials of the exact sum of the observations. */
  readonly sum: readonly number[];
  /** Partials of the exact sum of their squares. */
  readonly sumOfSquares: readonly number[];
  /** Smallest observation, `null` when empty. */
  readonly min: number | null;
  /** Largest observation, `null` when empty. */
  readonly max: number | null;
}

/**
 * Count, mean, variance, minimum and maximum of observations (waits, costs, delivery delays, …).
 *
 * The state is exact: the count, the exact sum of `x` and the exact sum of `x²` (see {@link ExactSum}),
 * the minimum and the maximum. Statistics are derived when read, so a tally built by merging partial
 * tallies in any grouping and order gives bit-for-bit the same mean, variance and sum as one that saw
 * every observation itself. That is what keeps results independent of how replications were split
 * across workers.
 *
 * Range: observations must be finite with `|x| <= 2^511` (≈ 6.7e153) so that `x²` fits in a double.
 * The state stays exact (and merges bit-identical) for observations that are 0 or at least about 1e-140
 * in magnitude; below that, squares lose bits under the subnormal range.
 *
 * @example
 * const waits = new Tally();
 * waits.add(2.5); waits.add(4); waits.add(1.5);
 * waits.mean;     // 2.6666666666666665
 * waits.variance; // 1.5833333333333333 (sample variance, n − 1)
 */
export class Tally {
  private n = 0;
  private readonly s1 = new ExactSum();
  private readonly s2 = new ExactSum();
  private lo = Number.POSITIVE_INFINITY;
  private hi = Number.NEGATIVE_INFINITY;

  /**
   * Records one observation.
   *
   * @param x - a finite number with `|x| <= 2^511`
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if `x` is not a number, NaN, infinite or too large;
   * `INVALID_STATE` if the exact sum of squares would overflow. The tally is unchanged when it throws.
   */
  add(x: number): void {
    // typeof first: Math.abs('5') is 5, and the string would then sit among the sum's partials.
    if (typeof x !== 'number' || !(Math.abs(x) <= TALLY_MAX_MAGNITUDE)) throw invalidObservation(x);
    // Squares first: the only sum that can overflow, so a throw leaves the tally unchanged.
    this.s2.addProduct(x, x);
    this.s1.add(x);
    this.n++;
    if (x < this.lo) this.lo = x;
    if (x > this.hi) this.hi = x;
  }

  /** Number of observations. */
  get count(): number {
    return this.n;
  }

  /** Sum of the observations, correctly rounded from the exact sum; `0` when empty. */
  get sum(): number {
    return this.s1.value;
  }

  /** Arithmetic mean: the correctly rounded sum divided by the count; `NaN` when empty. */
  get mean(): number {
    return this.n === 0 ? Number.NaN : this.s1.value / this.n;
  }

  /**
   * Sample variance `Σ(x − mean)² / (n − 1)`; `NaN` when there are fewer than two observations.
   *
   * @remarks
   * Computed from the exact state without cancellation. With `m` = {@link Tally.mean} (a rounded
   * value), `SS = Σ(x − m)² = Σx² − 2mΣx + n·m²` and `R = Σx − n·m` are formed exactly as
   * {@link ExactSum}s; then `n·Σ(x − x̄)² = n·SS − R²`, also exact, is rounded once and divided by
   * `n(n − 1)`. Identical observations give exactly 0, and the result depends only on the exact state,
   * never on the order of additions or merges (for observations of magnitude 0 or between about
   * 1e-140 and 6.7e153, where every product involved is exact).
   */
  get variance(): number {
    const n = this.n;
    if (n < 2) return Number.NaN;
    const m = this.s1.value / n;
    // ss = Σx² − 2m·Σx + n·m², exactly.
    const ss = this.s2.clone();
    const minusTwoM = -2 * m;
    this.s1.forEachPartial((q) => ss.addProduct(minusTwoM, q));
    const mSquared = new ExactSum();
    mSquared.addProduct(m, m);
    mSquared.forEachPartial((q) => ss.addProduct(n, q));
    // r = Σx − n·m, exactly: how far the rounded m is from the exact mean, times n.
    const r = this.s1.clone();
    r.addProduct(-n, m);
    // w = n·ss − r² = n·Σ(x − x̄)², exactly.
    const w = new ExactSum();
    ss.forEachPartial((q) => w.addProduct(n, q));
    const rParts = r.toJSON();
    for (const a of rParts) for (const b of rParts) w.addProduct(-a, b);
    // The exact value is >= 0; the clamp only guards the inexact tiny-magnitude range.
    return Math.max(0, w.value) / (n * (n - 1));
  }

  /** Sample standard deviation, `√variance`; `NaN` when there are fewer than two observations. */
  get sd(): number {
    return Math.sqrt(this.variance);
  }

  /** Smallest observation; `NaN` when empty. */
  get min(): number {
    return this.n === 0 ? Number.NaN : this.lo;
  }

  /** Largest observation; `NaN` when empty. */
  get max(): number {
    return this.n === 0 ? Number.NaN : this.hi;
  }

  /**
   * Adds every observation of `other` to this tally, exactly, as if they had been added one by one.
   * `other` is unchanged.
   *
   * @param other - another tally (may be `this`)
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if `other` is not a {@link Tally}.
   */
  merge(other: Tally): void {
    if (!(other instanceof Tally)) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `Tally.merge(other): other must be a Tally (got ${describeValue(other)}). Pass another tally; rebuild saved state with Tally.fromJSON(json) first.`,
      );
    }
    this.s1.merge(other.s1);
    this.s2.merge(other.s2);
    this.n += other.n;
    if (other.lo < this.lo) this.lo = other.lo;
    if (other.hi > this.hi) this.hi = other.hi;
  }

  /** Forgets every observation (e.g. at the end of a warm-up period). */
  reset(): void {
    this.n = 0;
    this.s1.reset();
    this.s2.reset();
    this.lo = Number.POSITIVE_INFINITY;
    this.hi = Number.NEGATIVE_INFINITY;
  }

  /** An independent copy. */
  clone(): Tally {
    const copy = new Tally();
    copy.merge(this);
    return copy;
  }

  /** The exact state as plain JSON; restore with {@link Tally.fromJSON}. */
  toJSON(): TallyJSON {
    const empty = this.n === 0;
    return {
      count: this.n,
      sum: this.s1.toJSON(),
      sumOfSquares: this.s2.toJSON(),
      min: empty ? null : this.lo,
      max: empty ? null : this.hi,
    };
  }

  /**
   * Rebuilds a tally from {@link Tally.toJSON} output.
   *
   * @param json - the saved state
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if a field is missing or inconsistent.
   */
  static fromJSON(json: TallyJSON): Tally {
    const bad = (field: string, value: unknown, rule: string): DibsimError =>
      new DibsimError(
        'INVALID_ARGUMENT',
        `Tally.fromJSON(json): json.${field} ${rule} (got ${describeValue(value)}). Pass the output of tally.toJSON().`,
      );
    if (typeof json !== 'object' || json === null) throw bad('', json, 'must be an object');
    const { count, min, max } = json;
    if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) {
      throw bad('count', count, 'must be a non-negative integer');
    }
    const tally = new Tally();
    tally.s1.merge(ExactSum.fromJSON(json.sum));
    tally.s2.merge(ExactSum.fromJSON(json.sumOfSquares));
    tally.n = count;
    if (count === 0) {
      if (min !== null || max !== null) throw bad('min', min, 'must be null when count is 0');
    } else {
      if (typeof min !== 'number' || !Number.isFinite(min)) throw bad('min', min, 'must be a finite number');
      if (typeof max !== 'number' || !Number.isFinite(max)) throw bad('max', max, 'must be a finite number');
      if (min > max) throw bad('min', min, `must be <= max (${max})`);
      tally.lo = min;
      tally.hi = max;
    }
    return tally;
  }
}

/** The error for an observation that is not finite or too large. */
function invalidObservation(x: unknown): DibsimError {
  return new DibsimError(
    'INVALID_ARGUMENT',
    Number.isFinite(x)
      ? `Tally.add(x): |x| must be <= 2^511 ≈ 6.7e153 so that x² fits in a double (got ${describeValue(x)}). Rescale the quantity.`
      : `Tally.add(x): x must be a finite number (got ${describeValue(x)}). NaN and infinities must never enter a statistic; check the value at its source.`,
  );
}
