/**
 * Student-t confidence intervals for a mean.
 *
 * @module
 */

import { checkOptions, DibsimError, describeValue } from '../errors.js';
import { studentTQuantile } from './student-t.js';

/**
 * What a confidence interval needs to know about a sample; a {@link Tally} satisfies it.
 */
export interface SampleSummary {
  /** Number of observations, a non-negative integer. */
  readonly count: number;
  /** Sample mean (`NaN` allowed when `count` is 0). */
  readonly mean: number;
  /** Sample standard deviation with the `n − 1` divisor (`NaN` allowed when `count < 2`). */
  readonly sd: number;
}

/** Options for {@link confidenceInterval}. */
export interface ConfidenceOptions {
  /**
   * Confidence level, strictly between 0 and 1.
   * @defaultValue `0.95`
   */
  readonly level?: number | undefined;
}

/** A two-sided confidence interval for a mean, from {@link confidenceInterval}. */
export interface ConfidenceInterval {
  /** Sample mean, the centre of the interval. */
  readonly mean: number;
  /** `t · sd / √n`; `NaN` when `n < 2`. */
  readonly halfWidth: number;
  /** `mean − halfWidth`. */
  readonly lower: number;
  /** `mean + halfWidth`. */
  readonly upper: number;
  /** Confidence level used. */
  readonly level: number;
  /** Number of observations. */
  readonly n: number;
  /** Sample standard deviation. */
  readonly sd: number;
}

/**
 * Resolves and checks a `level` option (default 0.95).
 *
 * @param call - the call to name in the error message
 * @param level - the option as given
 * @internal
 */
export function resolveLevel(call: string, level: unknown): number {
  if (level === undefined) return 0.95;
  if (typeof level !== 'number' || !(level > 0 && level < 1)) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `${call}: options.level must be a number strictly between 0 and 1 (got ${describeValue(level)}). Use 0.95 for a 95% interval.`,
    );
  }
  return level;
}

/**
 * Two-sided Student-t confidence interval for the mean of independent, identically distributed
 * observations: `mean ± t(½ + level/2, n − 1) · sd / √n`.
 *
 * @param sample - a {@link Tally} or any `{ count, mean, sd }` summary
 * @param options - `level` (default 0.95)
 * @returns the interval; with fewer than two observations the half-width and both bounds are `NaN`
 * (the spread cannot be estimated), and with none the mean is `NaN` too
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if `options` is not an object `{ level }`, `level` is not in
 * (0, 1), `count` is not a non-negative integer, or (for `count >= 2`) `mean` or `sd` is not finite or `sd`
 * is negative.
 *
 * @remarks
 * Assumes independent observations with a roughly normal mean (replication means usually qualify; the
 * successive observations of one run do not: use {@link batchMeans} for those).
 *
 * @example
 * const waits = new Tally();
 * for (const r of replications) waits.add(r.meanWaitDays);
 * const ci = confidenceInterval(waits, { level: 0.95 });
 * console.log(`${ci.mean.toFixed(2)} ± ${ci.halfWidth.toFixed(2)} days`);
 */
export function confidenceInterval(
  sample: SampleSummary,
  options: ConfidenceOptions = {},
): ConfidenceInterval {
  const call = 'confidenceInterval(sample, options)';
  checkOptions(options, ['level'], call);
  const level = resolveLevel(call, options.level);
  if (typeof sample !== 'object' || sample === null) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `${call}: sample must be a Tally or { count, mean, sd } (got ${describeValue(sample)}).`,
    );
  }
  const { count: n, mean, sd } = sample;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `${call}: sample.count must be a non-negative integer (got ${describeValue(n)}).`,
    );
  }
  if (n >= 1 && !Number.isFinite(mean)) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `${call}: sample.mean must be a finite number when count >= 1 (got ${describeValue(mean)}).`,
    );
  }
  if (n < 2) {
    return {
      mean: n === 0 ? Number.NaN : mean,
      halfWidth: Number.NaN,
      lower: Number.NaN,
      upper: Number.NaN,
      level,
      n,
      sd: Number.NaN,
    };
  }
  if (typeof sd !== 'number' || !(sd >= 0 && sd < Number.POSITIVE_INFINITY)) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `${call}: sample.sd must be a finite number >= 0 when count >= 2 (got ${describeValue(sd)}).`,
    );
  }
  const halfWidth = (studentTQuantile(0.5 + level / 2, n - 1) * sd) / Math.sqrt(n);
  return { mean, halfWidth, lower: mean - halfWidth, upper: mean + halfWidth, level, n, sd };
}
