/**
 * Discrete samplers: counts (poisson, binomial, bernoulli), a finite table, and resampling data.
 *
 * @module
 */

import { randomBernoulli, randomBinomial, randomPoisson } from 'd3-random';
import { checkRng, finite, invalid, nonNegative, parametersOf, probability } from './parameters.js';
import type { Rng, Sampler } from './rng.js';

/** Parameters of {@link poisson}. */
export interface PoissonParameters {
  /** Expected count λ ≥ 0 (also the variance). */
  readonly mean: number;
}

/** Parameters of {@link binomial}. */
export interface BinomialParameters {
  /** Number of trials, a non-negative integer. */
  readonly n: number;
  /** Success probability of each trial, in [0, 1]. */
  readonly p: number;
}

/** Parameters of {@link bernoulli}. */
export interface BernoulliParameters {
  /** Probability of drawing 1, in [0, 1]. */
  readonly p: number;
}

/** Parameters of {@link discrete}: `values[i]` is drawn with probability `probabilities[i]`. */
export interface DiscreteParameters {
  /** The possible values, finite numbers; at least one. */
  readonly values: readonly number[];
  /** One probability per value, each ≥ 0, summing to 1 within 1e-9. */
  readonly probabilities: readonly number[];
}

/** Parameters of {@link empirical}. */
export interface EmpiricalParameters {
  /** Observed values to resample, finite numbers; at least one. */
  readonly samples: readonly number[];
}

// d3-random 3.0.2 builds its poisson and binomial from a gamma/beta whose normal sampler keeps a spare
// variate between draws, but only once the parameters pass these thresholds (see its source). Above
// them we rebuild the d3 sampler on every draw, so no state outlives a draw and restoring a stream
// also resumes the sampler; below them the bound sampler never touches that cache.
const d3BufferThreshold = 16;

// Hoisted: demand draws a Poisson sampler per day.
const MEAN: readonly string[] = ['mean'];
const RATE_AS_MEAN = 'A rate of λ events per period is mean: λ.';

/**
 * Poisson distribution: the number of events in a period when they occur independently at mean rate
 * `mean` per period; values 0, 1, 2, …; mean and variance `mean`.
 *
 * @param rng - uniform source, e.g. a stream from {@link createStreams}
 * @param parameters - `mean` ≥ 0 (0 always gives 0)
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if `mean` is not a finite number ≥ 0, or `parameters` has
 *   another field.
 * @example
 * const ordersThisMonth = poisson(rng, { mean: 4.2 });
 */
export function poisson(rng: Rng, parameters: PoissonParameters): Sampler {
  checkRng('poisson', rng);
  const { mean } = parametersOf('poisson', parameters, MEAN, RATE_AS_MEAN);
  nonNegative('poisson', 'mean', mean, 'Use the expected number of events per period.');
  if (mean <= d3BufferThreshold) return randomPoisson.source(rng)(mean);
  return () => randomPoisson.source(rng)(mean)();
}

/**
 * Binomial distribution: the number of successes in `n` independent trials with probability `p`;
 * values 0 … n; mean n·p, variance n·p·(1 − p).
 *
 * @param rng - uniform source
 * @param parameters - `n` a non-negative integer, `p` in [0, 1]
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if `n` is not a non-negative integer or `p` is outside [0, 1],
 *   or `parameters` has another field.
 * @example
 * const defectiveShells = binomial(rng, { n: 500, p: 0.002 });
 */
export function binomial(rng: Rng, parameters: BinomialParameters): Sampler {
  checkRng('binomial', rng);
  const { n, p } = parametersOf('binomial', parameters, ['n', 'p']);
  nonNegative('binomial', 'n', n, 'Use the number of trials, a whole number.');
  if (!Number.isSafeInteger(n))
    invalid('binomial', 'n must be an integer', n, 'Use the number of trials, a whole number.');
  probability('binomial', 'p', p, 'Use the success probability of one trial.');
  if (n * p > d3BufferThreshold && n * (1 - p) > d3BufferThreshold)
    return () => randomBinomial.source(rng)(n, p)();
  return randomBinomial.source(rng)(n, p);
}

/**
 * Bernoulli distribution: 1 with probability `p`, else 0.
 *
 * @param rng - uniform source
 * @param parameters - `p` in [0, 1]
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if `p` is outside [0, 1] or not finite, or `parameters` has
 *   another field.
 * @example
 * const lotRejected = bernoulli(rng, { p: 0.05 }); // 1 = rejected
 */
export function bernoulli(rng: Rng, parameters: BernoulliParameters): Sampler {
  checkRng('bernoulli', rng);
  const { p } = parametersOf('bernoulli', parameters, ['p']);
  probability('bernoulli', 'p', p, 'Use the probability of drawing 1.');
  return randomBernoulli.source(rng)(p);
}

function checkFiniteValues(where: string, name: string, values: unknown, fix: string): readonly number[] {
  if (!Array.isArray(values) || values.length === 0)
    invalid(where, `${name} must be a non-empty array`, values, fix);
  // Indexed loop, not forEach: forEach skips holes in sparse arrays.
  for (let i = 0; i < values.length; i++) finite(where, `${name}[${i}]`, values[i], fix);
  return values as readonly number[];
}

/**
 * Discrete distribution over a finite table: draws `values[i]` with probability `probabilities[i]`.
 * Values with probability 0 are never drawn. The arrays are copied, so later changes do not affect the sampler.
 *
 * @param rng - uniform source
 * @param parameters - `values` (finite, non-empty) and `probabilities` of the same length, each ≥ 0, summing to 1 within 1e-9
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if `values` is empty or holds a non-finite number, the lengths
 *   differ, a probability is negative or not finite, the probabilities do not sum to 1 within 1e-9, or
 *   `parameters` has another field.
 * @example
 * const batchSize = discrete(rng, { values: [500, 1000, 2000], probabilities: [0.2, 0.5, 0.3] });
 */
export function discrete(rng: Rng, parameters: DiscreteParameters): Sampler {
  checkRng('discrete', rng);
  const { values, probabilities } = parametersOf('discrete', parameters, ['values', 'probabilities']);
  const table = [...checkFiniteValues('discrete', 'values', values, 'List the possible values.')];
  if (!Array.isArray(probabilities) || probabilities.length !== table.length) {
    invalid(
      'discrete',
      `probabilities must have one entry per value (${table.length})`,
      probabilities,
      'Give probabilities[i] for values[i].',
    );
  }
  let sum = 0;
  for (let i = 0; i < table.length; i++) {
    sum += nonNegative(
      'discrete',
      `probabilities[${i}]`,
      probabilities[i],
      'Use the probability of values[i], 0 or more.',
    );
  }
  if (!(Math.abs(sum - 1) <= 1e-9)) {
    invalid(
      'discrete',
      'probabilities must sum to 1 within 1e-9',
      sum,
      'Normalise them by dividing each by their sum.',
    );
  }
  // Cumulative probabilities, normalised by the exact sum; the last positive entry absorbs rounding,
  // so a uniform near 1 never falls off the end onto a zero-probability value.
  const cumulative: number[] = [];
  let running = 0;
  let lastPositive = 0;
  for (let i = 0; i < table.length; i++) {
    const q = probabilities[i]!;
    running += q;
    cumulative.push(running / sum);
    if (q > 0) lastPositive = i;
  }
  cumulative[lastPositive] = Number.POSITIVE_INFINITY;
  return () => {
    const u = rng();
    // Binary search for the first i with u < cumulative[i].
    let lo = 0;
    let hi = lastPositive;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (u < cumulative[mid]!) hi = mid;
      else lo = mid + 1;
    }
    return table[lo]!;
  };
}

/**
 * Empirical distribution: resamples the observed `samples` uniformly (each observation equally likely,
 * with replacement). The array is copied, so later changes do not affect the sampler.
 *
 * @param rng - uniform source
 * @param parameters - `samples`, a non-empty array of finite numbers
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if `samples` is empty or holds a non-finite number, or
 *   `parameters` has another field.
 * @example
 * const observedLeadTimeDays = empirical(rng, { samples: [41, 55, 38, 90, 47] });
 */
export function empirical(rng: Rng, parameters: EmpiricalParameters): Sampler {
  checkRng('empirical', rng);
  const { samples } = parametersOf('empirical', parameters, ['samples']);
  const data = [...checkFiniteValues('empirical', 'samples', samples, 'Pass the observed values.')];
  const last = data.length - 1;
  // The min() guards the index against an Rng that breaks its contract by returning 1.
  return () => data[Math.min(last, Math.floor(rng() * data.length))]!;
}
