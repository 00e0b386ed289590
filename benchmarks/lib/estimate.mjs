/**
 * Confidence intervals for the benchmarks' statistical sanity checks.
 */
import { studentTQuantile, Tally } from './dibsim.mjs';

/**
 * Two-sided confidence interval for the mean of independent observations summarised by a Tally.
 *
 * @param {InstanceType<typeof Tally>} tally - e.g. one observation per replication
 * @param {number} [level] - confidence level, default 0.95
 */
export function meanInterval(tally, level = 0.95) {
  const n = tally.count;
  const halfWidth = studentTQuantile(0.5 + level / 2, n - 1) * Math.sqrt(tally.variance / n);
  return {
    mean: tally.mean,
    halfWidth,
    lower: tally.mean - halfWidth,
    upper: tally.mean + halfWidth,
    n,
    level,
  };
}

/**
 * Non-overlapping batch means of one long, autocorrelated series (e.g. successive waits in a queue).
 *
 * The first `warmup` observations are deleted; the rest go into `batches` batches of `batchSize`
 * observations; observations past the last full batch are ignored. The batch means are treated as
 * roughly independent and normal, so the interval uses Student's t with `batches − 1` degrees of freedom.
 */
export class BatchMeans {
  /**
   * @param {{ warmup: number, batchSize: number, batches: number }} options
   */
  constructor({ warmup, batchSize, batches }) {
    this.warmup = warmup;
    this.batchSize = batchSize;
    this.batches = batches;
    this.seen = 0;
    this.inBatch = 0;
    this.batchSum = 0;
    this.means = new Tally();
  }

  /** @param {number} x - the next observation of the series */
  add(x) {
    if (this.seen++ < this.warmup || this.means.count === this.batches) return;
    this.batchSum += x;
    if (++this.inBatch === this.batchSize) {
      this.means.add(this.batchSum / this.batchSize);
      this.batchSum = 0;
      this.inBatch = 0;
    }
  }

  /** @param {number} [level] - confidence level, default 0.95 */
  interval(level = 0.95) {
    return {
      ...meanInterval(this.means, level),
      batches: this.means.count,
      batchSize: this.batchSize,
      warmup: this.warmup,
    };
  }
}

/** Rounds for JSON output: `digits` significant digits. */
export function round(x, digits = 6) {
  return Number.isFinite(x) ? Number(x.toPrecision(digits)) : x;
}
