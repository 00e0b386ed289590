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
   * 1e-140 and 6.7e153, where every product involved is exact). Past a sum of squares of 2^960 the
   * observations are scaled by 2^-256 first (exact for powers of two), so that `n·Σ(x − x̄)²` fits in a
   * double up to the largest observations allowed.
   */
  get variance(): number {
    const n = this.n;
    if (n < 2) return Number.NaN;
    // Near the top of the range n·Σ(x − x̄)² passes 2^1024: the same exact steps on the observations
    // scaled by 2^-256, scaled back at the end, give the same bits unless a tiny partial underflows.
    if (this.s2.value < UNSCALED_SQUARES) return sampleVariance(n, this.s1, this.s2);
    const scaled = (sum: ExactSum, by: number) => ExactSum.fromJSON(sum.toJSON().map((q) => q * by));
    return sampleVariance(n, scaled(this.s1, 2 ** -256), scaled(this.s2, 2 ** -512)) * 2 ** 512;
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
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if `other` is not a {@link Tally}; `INVALID_STATE` if the
   * exact sum of squares would overflow. The tally is unchanged when it throws.
   */
  merge(other: Tally): void {
    if (!(other instanceof Tally)) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `Tally.merge(other): other must be a Tally (got ${describeValue(other)}). Pass another tally; rebuild saved state with Tally.fromJSON(json) first.`,
      );
    }
    // Squares first: the only sum that can overflow (|Σx| <= n·2^511), and a refused merge changes nothing.
    this.s2.merge(other.s2);
    this.s1.merge(other.s1);
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
   * The fields are checked against each other, so that edited or mixed-up state is refused instead of
   * giving a negative variance or a mean outside [min, max]: with `count` 0, `sum` and `sumOfSquares`
   * must be exactly zero and `min`, `max` null; otherwise `|min|, |max| <= 2^511`, `min <= max`,
   * `count·min <= sum <= count·max`, and `sum²/count <= sumOfSquares <= count·max(min², max²)`
   * (Cauchy–Schwarz; so `sumOfSquares >= 0`). The sums are read as correctly rounded doubles, and each
   * comparison allows 1e-9 of the largest magnitude it involves (`count·max(|min|, |max|)` for `sum`,
   * `max(min², max²)` per observation for `sumOfSquares`), plus 2^-969 per observation for
   * `sumOfSquares` (below it a square is not exact, see {@link ExactSum.addProduct}): far more than rounding
   * can cost, so that the output of `tally.toJSON()` always passes.
   *
   * @param json - the saved state
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if a field is missing, out of range or inconsistent with
   *   the others, naming the field (`json.sum`, `json.sumOfSquares`, …).
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
      if (!tally.s1.isZero) throw bad('sum', json.sum, 'must add up to 0 when count is 0');
      if (!tally.s2.isZero) throw bad('sumOfSquares', json.sumOfSquares, 'must add up to 0 when count is 0');
    } else {
      if (typeof min !== 'number' || !Number.isFinite(min)) throw bad('min', min, 'must be a finite number');
      if (typeof max !== 'number' || !Number.isFinite(max)) throw bad('max', max, 'must be a finite number');
      if (min > max) throw bad('min', min, `must be <= max (${max})`);
      for (const [field, value] of [
        ['min', min],
        ['max', max],
      ] as const) {
        if (!(Math.abs(value) <= TALLY_MAX_MAGNITUDE)) {
          throw bad(field, value, 'must be within ±2^511 ≈ 6.7e153, as every observation is');
        }
      }
      tally.lo = min;
      tally.hi = max;
      checkSums(json, tally.s1.value, tally.s2.value, bad);
    }
    return tally;
  }
}

/**
 * Sum of squares from which {@link Tally.variance} scales: below it `2·Σx²` and `n·Σx²` (n < 2^53) stay
 * under 2^1024.
 */
const UNSCALED_SQUARES = 2 ** 960;

/**
 * `Σ(x − x̄)² / (n − 1)` from the exact sums `s1 = Σx` and `s2 = Σx²` of `n >= 2` observations, as
 * {@link Tally.variance} describes.
 */
function sampleVariance(n: number, s1: ExactSum, s2: ExactSum): number {
  const m = s1.value / n;
  // ss = Σx² − 2m·Σx + n·m², exactly.
  const ss = s2.clone();
  const minusTwoM = -2 * m;
  s1.forEachPartial((q) => ss.addProduct(minusTwoM, q));
  const mSquared = new ExactSum();
  mSquared.addProduct(m, m);
  mSquared.forEachPartial((q) => ss.addProduct(n, q));
  // r = Σx − n·m, exactly: how far the rounded m is from the exact mean, times n.
  const r = s1.clone();
  r.addProduct(-n, m);
  // w = n·ss − r² = n·Σ(x − x̄)², exactly.
  const w = new ExactSum();
  ss.forEachPartial((q) => w.addProduct(n, q));
  const rParts = r.toJSON();
  for (const a of rParts) for (const b of rParts) w.addProduct(-a, b);
  // The exact value is >= 0; the clamp only guards the inexact tiny-magnitude range.
  return Math.max(0, w.value) / (n * (n - 1));
}

/** Relative rounding allowance of {@link checkSums}: about 4.5e6 times the unit roundoff. */
const SUM_TOLERANCE = 1e-9;

/**
 * Absolute allowance per observation for the sum of squares: {@link ExactSum.addProduct} is exact for a
 * square of at least 2^-969 and rounds a smaller one by less than that.
 */
const TINY_SQUARE = 2 ** -969;

/**
 * Throws unless the sums of a tally of `count >= 1` observations in [min, max] (|min|, |max| <= 2^511, so
 * that no comparison below overflows) are consistent: `count·min <= sum <= count·max` and
 * `sum²/count <= sumOfSquares <= count·max(min², max²)`, each up to its rounding allowance (see
 * {@link Tally.fromJSON}). The squares are compared per observation (mean square against squared mean), as
 * `sum²` may not fit in a double.
 *
 * @param json - the saved state, its count, min and max checked
 * @param sum - `json.sum` added up, correctly rounded
 * @param sumOfSquares - `json.sumOfSquares` added up, correctly rounded
 */
function checkSums(
  json: TallyJSON,
  sum: number,
  sumOfSquares: number,
  bad: (field: string, value: unknown, rule: string) => DibsimError,
): void {
  const { count } = json;
  const min = json.min!;
  const max = json.max!;
  const largest = Math.max(Math.abs(min), Math.abs(max));
  const low = count * min;
  const high = count * max;
  const slack = SUM_TOLERANCE * count * largest;
  if (sum < low - slack || sum > high + slack) {
    throw bad(
      'sum',
      json.sum,
      `must add up to between count × min (${low}) and count × max (${high}), as every observation is in [min, max], but adds up to ${sum}`,
    );
  }
  const meanSquare = sumOfSquares / count;
  const mean = sum / count;
  const square = largest * largest;
  const squareSlack = SUM_TOLERANCE * square + TINY_SQUARE;
  const squares = (rule: string) =>
    bad('sumOfSquares', json.sumOfSquares, `${rule}, but adds up to ${sumOfSquares}`);
  if (meanSquare < -TINY_SQUARE) throw squares('must not add up to a negative number');
  if (meanSquare < mean * mean - squareSlack) {
    throw squares(`must add up to at least sum²/count (${mean * sum}), as squares do (Cauchy–Schwarz)`);
  }
  if (meanSquare > square + squareSlack) {
    throw squares(
      `must add up to at most count × max(min², max²) (${count * square}), as every observation is in [min, max]`,
    );
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
