/**
 * Distributions as plain data (`{ type: 'exponential', mean: 7 }`), for scenario files and reports.
 *
 * @module
 */

import {
  type BetaParameters,
  beta,
  type ExponentialParameters,
  exponential,
  type GammaParameters,
  gamma,
  type UniformParameters,
  uniform,
  type WeibullParameters,
  weibull,
} from './continuous.js';
import {
  type BernoulliParameters,
  type BinomialParameters,
  bernoulli,
  binomial,
  type DiscreteParameters,
  discrete,
  type EmpiricalParameters,
  empirical,
  type PoissonParameters,
  poisson,
} from './discrete.js';
import {
  type LognormalMeanSdParameters,
  type LognormalParameters,
  lognormal,
  lognormalFromMeanSd,
  type NormalParameters,
  normal,
} from './normal.js';
import { checkRng, invalid } from './parameters.js';
import type { Rng, Sampler } from './rng.js';
import { pert, type ThreePointParameters, triangular } from './triangular.js';

/** Names the sampler that a {@link DistributionSpec} stands for. */
export interface DistributionKind<K extends string> {
  /** The sampler's name, e.g. `'exponential'`. */
  readonly type: K;
}

/** Parameters of the `constant` spec: a fixed value given where a distribution is allowed. */
export interface ConstantParameters {
  /** The value every draw returns. */
  readonly value: number;
}

/**
 * A distribution written as plain, JSON-safe data: `type` names the sampler function, and the other
 * fields are that function's parameters, e.g. `{ type: 'lognormalFromMeanSd', mean: 90, sd: 30 }`.
 */
export type DistributionSpec =
  | (DistributionKind<'constant'> & ConstantParameters)
  | (DistributionKind<'uniform'> & UniformParameters)
  | (DistributionKind<'exponential'> & ExponentialParameters)
  | (DistributionKind<'normal'> & NormalParameters)
  | (DistributionKind<'lognormal'> & LognormalParameters)
  | (DistributionKind<'lognormalFromMeanSd'> & LognormalMeanSdParameters)
  | (DistributionKind<'triangular'> & ThreePointParameters)
  | (DistributionKind<'pert'> & ThreePointParameters)
  | (DistributionKind<'gamma'> & GammaParameters)
  | (DistributionKind<'weibull'> & WeibullParameters)
  | (DistributionKind<'beta'> & BetaParameters)
  | (DistributionKind<'poisson'> & PoissonParameters)
  | (DistributionKind<'binomial'> & BinomialParameters)
  | (DistributionKind<'bernoulli'> & BernoulliParameters)
  | (DistributionKind<'discrete'> & DiscreteParameters)
  | (DistributionKind<'empirical'> & EmpiricalParameters);

/** Every `type` a {@link DistributionSpec} can have, e.g. for a schema's enum. */
export const distributionTypes: readonly DistributionSpec['type'][] = Object.freeze([
  'constant',
  'uniform',
  'exponential',
  'normal',
  'lognormal',
  'lognormalFromMeanSd',
  'triangular',
  'pert',
  'gamma',
  'weibull',
  'beta',
  'poisson',
  'binomial',
  'bernoulli',
  'discrete',
  'empirical',
]);

/**
 * Builds the sampler that a {@link DistributionSpec} describes; `{ type: 'constant', value }` always
 * returns `value` and draws nothing.
 *
 * @param rng - uniform source, e.g. a stream from {@link createStreams}
 * @param spec - the distribution as data; its parameters are validated as by the named function
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if `spec.type` is unknown, a parameter is invalid, or a field is
 *   not one of its parameters (the message names the function and parameter, e.g. `exponential: mean must be
 *   > 0 (got -1)`).
 * @example
 * const leadTimeDays = createSampler(streams.stream('lead-time'), { type: 'triangular', min: 30, mode: 45, max: 90 });
 */
export function createSampler(rng: Rng, spec: DistributionSpec): Sampler {
  checkRng('createSampler', rng);
  switch (spec?.type) {
    case 'constant': {
      const { value } = spec;
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        invalid('constant', 'value must be a finite number', value, 'Use the fixed value.');
      }
      return () => value;
    }
    case 'uniform':
      return uniform(rng, spec);
    case 'exponential':
      return exponential(rng, spec);
    case 'normal':
      return normal(rng, spec);
    case 'lognormal':
      return lognormal(rng, spec);
    case 'lognormalFromMeanSd':
      return lognormalFromMeanSd(rng, spec);
    case 'triangular':
      return triangular(rng, spec);
    case 'pert':
      return pert(rng, spec);
    case 'gamma':
      return gamma(rng, spec);
    case 'weibull':
      return weibull(rng, spec);
    case 'beta':
      return beta(rng, spec);
    case 'poisson':
      return poisson(rng, spec);
    case 'binomial':
      return binomial(rng, spec);
    case 'bernoulli':
      return bernoulli(rng, spec);
    case 'discrete':
      return discrete(rng, spec);
    case 'empirical':
      return empirical(rng, spec);
    default: {
      const type: unknown = (spec as { type?: unknown } | undefined)?.type;
      return invalid(
        'createSampler',
        `spec.type must be one of ${distributionTypes.join(', ')}`,
        type,
        'Name one of the distribution functions.',
      );
    }
  }
}
