/**
 * Batch means: confidence intervals for the steady-state mean of one long, autocorrelated run.
 *
 * @module
 */

import { checkOptions, DibsimError, describeValue } from '../errors.js';
import { type ConfidenceInterval, confidenceInterval, resolveLevel } from './confidence.js';
import { ExactSum } from './exact-sum.js';
import { Tally } from './tally.js';

/** Options for {@link batchMeans}. */
export interface BatchMeansOptions {
  /**
   * Number of batches, an integer >= 2. Ignored when only `batchSize` is given (then as many batches
   * as fit are used).
   * @defaultValue `20`
   */
  readonly batches?: number | undefined;
  /**
   * Observations per batch, an integer >= 1.
   * @defaultValue `floor(values.length / batches)`
   */
  readonly batchSize?: number | undefined;
  /**
   * Confidence level, strictly between 0 and 1.
   * @defaultValue `0.95`
   */
  readonly level?: number | undefined;
}

/** Result of {@link batchMeans}: a confidence interval over the batch means plus diagnostics. */
export interface BatchMeansResult extends ConfidenceInterval {
  /** Number of batches used (`n` of the interval). */
  readonly batches: number;
  /** Observations per batch. */
  readonly batchSize: number;
  /** Observations left over at the end and not used (fewer than one batch). */
  readonly discarded: number;
  /** Mean of each batch, in order. */
  readonly batchMeans: readonly number[];
  /**
   * Lag-1 autocorrelation of the batch means, `Σ(yᵢ − ȳ)(yᵢ₊₁ − ȳ) / Σ(yᵢ − ȳ)²`; `NaN` when all batch
   * means are equal. Values well above 0 (say > 0.2) mean the batches are too short to be treated as
   * independent: use fewer, larger batches or a longer run.
   */
  readonly lag1Autocorrelation: number;
}

function requireInteger(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `batchMeans(values, options): options.${name} must be an integer >= ${min} (got ${describeValue(value)}).`,
    );
  }
  return value;
}

/**
 * Non-overlapping batch means: splits the series into consecutive batches, averages each, and builds a
 * Student-t confidence interval from the batch means as if they were independent observations.
 *
 * @param values - one run's observations in time order (e.g. successive waiting times), all finite
 * @param options - `batches` (default 20), or `batchSize`, and `level` (default 0.95)
 * @returns the interval over the batch means with the batch layout and a lag-1 autocorrelation
 * diagnostic
 * @throws {@link DibsimError} `INVALID_ARGUMENT` for a non-finite value (naming its index), options that are
 * not an object `{ batches, batchSize, level }`, an invalid option, or too few values for two batches.
 *
 * @remarks
 * Warm-up is the caller's job: drop the initial transient before calling (e.g. `values.slice(warmup)`).
 * When the length is not a multiple of the batch size, the remainder at the **end** is discarded, so
 * the result is deterministic. Batches must be long compared with the series' correlation time for the
 * interval to be valid; check {@link BatchMeansResult.lag1Autocorrelation}.
 * Source: Law, *Simulation Modeling and Analysis*, 5th ed., §9.5.3.
 *
 * @example
 * const waits: number[] = run.waitingTimes.slice(1000); // drop the warm-up
 * const { mean, halfWidth, lag1Autocorrelation } = batchMeans(waits, { batches: 20 });
 */
export function batchMeans(values: ArrayLike<number>, options: BatchMeansOptions = {}): BatchMeansResult {
  checkOptions(options, ['batches', 'batchSize', 'level'], 'batchMeans(values, options)');
  const level = resolveLevel('batchMeans(values, options)', options.level);
  if (values === null || typeof values !== 'object' || typeof values.length !== 'number') {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `batchMeans(values, options): values must be an array of numbers (got ${describeValue(values)}).`,
    );
  }
  const total = values.length;
  // Check finiteness first: a NaN would otherwise poison one batch mean silently.
  for (let i = 0; i < total; i++) {
    const x = values[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `batchMeans(values, options): values[${i}] must be a finite number (got ${describeValue(x)}). Filter or fix non-finite observations first.`,
      );
    }
  }
  let batches: number;
  let batchSize: number;
  if (options.batchSize !== undefined) {
    batchSize = requireInteger('batchSize', options.batchSize, 1);
    batches =
      options.batches === undefined
        ? Math.floor(total / batchSize)
        : requireInteger('batches', options.batches, 2);
  } else {
    batches = requireInteger('batches', options.batches ?? 20, 2);
    batchSize = Math.floor(total / batches);
  }
  if (batches < 2 || batchSize < 1 || batches * batchSize > total) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `batchMeans(values, options): ${total} values are too few for ${batches} batches of ${batchSize} (need at least two batches of at least one value). Run longer or use fewer batches.`,
    );
  }
  const means: number[] = [];
  const tally = new Tally();
  for (let b = 0; b < batches; b++) {
    const sum = new ExactSum();
    for (let i = b * batchSize; i < (b + 1) * batchSize; i++) sum.add(values[i]!);
    const m = sum.value / batchSize;
    means.push(m);
    tally.add(m);
  }
  const ci = confidenceInterval(tally, { level });
  return {
    ...ci,
    batches,
    batchSize,
    discarded: total - batches * batchSize,
    batchMeans: means,
    lag1Autocorrelation: lag1(means, ci.mean),
  };
}

/** Lag-1 sample autocorrelation of `y` around `mean`; `NaN` when `y` has no spread. */
function lag1(y: readonly number[], mean: number): number {
  const num = new ExactSum();
  const den = new ExactSum();
  for (let i = 0; i < y.length; i++) {
    const d = y[i]! - mean;
    den.addProduct(d, d);
    if (i + 1 < y.length) num.addProduct(d, y[i + 1]! - mean);
  }
  const denominator = den.value;
  return denominator === 0 ? Number.NaN : num.value / denominator;
}
