/**
 * Quantiles of many replications in bounded memory: a log-bucket sketch with a declared relative accuracy.
 *
 * @module
 */
import { DibsimError, describeValue } from '../errors.js';

/**
 * Counts observations in logarithmic buckets `(γ^(i−1), γ^i]` with `γ = (1 + α)/(1 − α)` (negative values
 * mirrored, zeros counted apart), so any quantile is known to within a relative error `α` while memory
 * grows only with the spread of the values (about `ln(max/min)/(2α)` buckets), never with their number.
 * Counts are integers, so the state — and every quantile — does not depend on the order of additions.
 *
 * @remarks
 * The DDSketch of Masson, Rim and Lee, "DDSketch: a fast and fully-mergeable quantile sketch with
 * relative-error guarantees", PVLDB 12(12), 2019. `quantile(p)` estimates the order statistic of 0-based rank
 * `⌊p(n − 1)⌋` by its bucket's midpoint `2γ^i/(γ + 1)`, clamped to the observed minimum and maximum. Ranks
 * that fall among observations equal to the minimum or the maximum get that value exactly, so a KPI that
 * most replications hold at a cap (a fill rate of 1) reads 1 at its upper quantiles, not a bucket midpoint
 * just below it.
 *
 * @example
 * const s = new QuantileSketch(0.001);
 * for (const x of [3, 1, 2]) s.add(x);
 * s.quantile(0.5); // 1.9997…: 2, within 0.1 %
 */
export class QuantileSketch {
  /** Relative accuracy α of every quantile, in (0, 1). */
  readonly relativeAccuracy: number;
  private readonly logGamma: number;
  private readonly positive = new BucketCounts();
  private readonly negative = new BucketCounts();
  private zeros = 0;
  private n = 0;
  private lo = Number.POSITIVE_INFINITY;
  private hi = Number.NEGATIVE_INFINITY;
  /** Observations equal to `lo`, and to `hi`. */
  private atLo = 0;
  private atHi = 0;

  /**
   * @param relativeAccuracy - α in (0, 0.5], e.g. 0.001 for 0.1 %
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if α is out of range.
   */
  constructor(relativeAccuracy: number) {
    if (typeof relativeAccuracy !== 'number' || !(relativeAccuracy > 0 && relativeAccuracy <= 0.5)) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `QuantileSketch: relativeAccuracy must be in (0, 0.5] (got ${describeValue(relativeAccuracy)}). Use 0.001 for quantiles within 0.1 %.`,
      );
    }
    this.relativeAccuracy = relativeAccuracy;
    this.logGamma = Math.log((1 + relativeAccuracy) / (1 - relativeAccuracy));
  }

  /** Number of observations. */
  get count(): number {
    return this.n;
  }

  /**
   * Records one finite observation.
   *
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if `x` is not finite.
   */
  add(x: number): void {
    if (!Number.isFinite(x)) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `QuantileSketch.add(x): x must be finite (got ${describeValue(x)}). Leave undefined values out.`,
      );
    }
    this.n++;
    if (x < this.lo) {
      this.lo = x;
      this.atLo = 0;
    }
    if (x === this.lo) this.atLo++;
    if (x > this.hi) {
      this.hi = x;
      this.atHi = 0;
    }
    if (x === this.hi) this.atHi++;
    if (x === 0) {
      this.zeros++;
      return;
    }
    const buckets = x > 0 ? this.positive : this.negative;
    buckets.increment(Math.ceil(Math.log(Math.abs(x)) / this.logGamma));
  }

  /**
   * Estimated `p`-quantile (see the class remarks); `NaN` when empty.
   *
   * @param p - probability in [0, 1]
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if `p` is outside [0, 1].
   */
  quantile(p: number): number {
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `QuantileSketch.quantile(p): p must be in [0, 1] (got ${describeValue(p)}). Use 0.5 for the median.`,
      );
    }
    if (this.n === 0) return Number.NaN;
    let rank = Math.floor(p * (this.n - 1));
    // The extremes, and the ranks of observations tied with them, are known exactly.
    if (rank < this.atLo) return this.lo;
    if (rank >= this.n - this.atHi) return this.hi;
    const gamma = Math.exp(this.logGamma);
    const mid = (i: number) => {
      const m = (2 * Math.exp(i * this.logGamma)) / (gamma + 1);
      // Above about 9e307, 2γ^i overflows though the midpoint does not: divide before raising.
      return m < Number.POSITIVE_INFINITY ? m : Math.exp(i * this.logGamma + Math.log(2 / (gamma + 1)));
    };
    const clamp = (x: number) => Math.min(this.hi, Math.max(this.lo, x));
    // Negative values from the most negative (largest bucket index) up.
    const negative = this.negative.find(rank, true);
    if (negative.index !== undefined) return clamp(-mid(negative.index));
    rank = negative.rank - this.zeros;
    if (rank < 0) return 0;
    const positive = this.positive.find(rank, false);
    return positive.index === undefined ? this.hi : clamp(mid(positive.index));
  }
}

/** Widest run of bucket indices counted in an array; wider spreads are counted in a map. */
const DENSE_LIMIT = 2048;

/**
 * Counts by bucket index. While the indices seen span at most {@link DENSE_LIMIT} (the usual case: a KPI
 * varies by a factor of about 60 across replications at α = 0.001) they are counted in one array, an
 * increment being an index computation; a wider spread moves the counts to a map, as memory must grow with
 * the spread only up to a bound. Either way the counts, and so the quantiles, are the same.
 */
class BucketCounts {
  private dense = new Float64Array(0);
  /** Bucket index of `dense[0]`. */
  private offset = 0;
  private sparse: Map<number, number> | undefined;

  increment(i: number): void {
    const k = i - this.offset;
    if (k >= 0 && k < this.dense.length) this.dense[k]!++;
    else if (this.sparse !== undefined) this.sparse.set(i, (this.sparse.get(i) ?? 0) + 1);
    else {
      this.widen(i);
      this.increment(i);
    }
  }

  /**
   * The bucket holding the observation of 0-based rank `rank` in index order (descending if asked), or, if
   * there are fewer, `index` undefined and `rank` less what these buckets hold.
   */
  find(rank: number, descending: boolean): { index: number | undefined; rank: number } {
    let left = rank;
    if (this.sparse === undefined) {
      const d = this.dense;
      for (let j = 0; j < d.length; j++) {
        const k = descending ? d.length - 1 - j : j;
        left -= d[k]!;
        if (left < 0) return { index: k + this.offset, rank: left };
      }
      return { index: undefined, rank: left };
    }
    const sparse = this.sparse;
    for (const i of [...sparse.keys()].sort((a, b) => (descending ? b - a : a - b))) {
      left -= sparse.get(i)!;
      if (left < 0) return { index: i, rank: left };
    }
    return { index: undefined, rank: left };
  }

  /** Makes room for index `i` (the array grows by doubling), or moves the counts to the map past the limit. */
  private widen(i: number): void {
    const old = this.dense;
    if (old.length === 0) {
      this.dense = new Float64Array(64);
      this.offset = i - 32;
      return;
    }
    const lo = Math.min(this.offset, i);
    const hi = Math.max(this.offset + old.length - 1, i);
    if (hi - lo + 1 > DENSE_LIMIT) {
      const sparse = new Map<number, number>();
      old.forEach((c, k) => {
        if (c > 0) sparse.set(k + this.offset, c);
      });
      this.sparse = sparse;
      this.dense = new Float64Array(0);
      return;
    }
    const size = Math.min(DENSE_LIMIT, Math.max(hi - lo + 1, 2 * old.length));
    // Room to grow on the side that overflowed.
    const offset = i < this.offset ? hi - size + 1 : lo;
    const next = new Float64Array(size);
    next.set(old, this.offset - offset);
    this.dense = next;
    this.offset = offset;
  }
}
