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
 * `⌊p(n − 1)⌋` by its bucket's midpoint `2γ^i/(γ + 1)`, clamped to the observed minimum and maximum (which it returns
 * exactly for ranks 0 and n − 1).
 *
 * @example
 * const s = new QuantileSketch(0.001);
 * for (const x of [3, 1, 2]) s.add(x);
 * s.quantile(0.5); // 2, within 0.1 %
 */
export class QuantileSketch {
  /** Relative accuracy α of every quantile, in (0, 1). */
  readonly relativeAccuracy: number;
  private readonly logGamma: number;
  private readonly positive = new Map<number, number>();
  private readonly negative = new Map<number, number>();
  private zeros = 0;
  private n = 0;
  private lo = Number.POSITIVE_INFINITY;
  private hi = Number.NEGATIVE_INFINITY;

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
    if (x < this.lo) this.lo = x;
    if (x > this.hi) this.hi = x;
    if (x === 0) {
      this.zeros++;
      return;
    }
    const buckets = x > 0 ? this.positive : this.negative;
    const i = Math.ceil(Math.log(Math.abs(x)) / this.logGamma);
    buckets.set(i, (buckets.get(i) ?? 0) + 1);
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
    // The extremes are known exactly.
    if (rank === 0) return this.lo;
    if (rank === this.n - 1) return this.hi;
    const gamma = Math.exp(this.logGamma);
    const mid = (i: number) => (2 * Math.exp(i * this.logGamma)) / (gamma + 1);
    const clamp = (x: number) => Math.min(this.hi, Math.max(this.lo, x));
    // Negative values from the most negative (largest bucket index) up.
    for (const i of [...this.negative.keys()].sort((a, b) => b - a)) {
      rank -= this.negative.get(i)!;
      if (rank < 0) return clamp(-mid(i));
    }
    rank -= this.zeros;
    if (rank < 0) return 0;
    for (const i of [...this.positive.keys()].sort((a, b) => a - b)) {
      rank -= this.positive.get(i)!;
      if (rank < 0) return clamp(mid(i));
    }
    return this.hi;
  }
}
