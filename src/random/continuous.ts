/**
 * Continuous samplers other than the normal family: uniform, exponential, gamma, weibull and beta.
 *
 * @module
 */

import { randomExponential, randomUniform, randomWeibull } from 'd3-random';
import { standardNormal } from './normal.js';
import { checkRng, finite, interval, parametersOf, positive } from './parameters.js';
import type { Rng, Sampler } from './rng.js';

/** Parameters of {@link uniform}. */
export interface UniformParameters {
  /** Lower bound, finite. */
  readonly min: number;
  /** Upper bound, finite and ≥ `min`. */
  readonly max: number;
}

/** Parameters of {@link exponential}. */
export interface ExponentialParameters {
  /** Mean (1 / rate), > 0, e.g. the average time between events in days. */
  readonly mean: number;
}

/** Parameters of {@link gamma}, in the shape–scale form: mean = shape·scale, variance = shape·scale². */
export interface GammaParameters {
  /** Shape k > 0. */
  readonly shape: number;
  /** Scale θ > 0 (not the rate: rate = 1/θ), in the unit of the quantity drawn. */
  readonly scale: number;
}

/** Parameters of {@link weibull}: `P(X > x) = exp(−(x/scale)^shape)`. */
export interface WeibullParameters {
  /** Shape k > 0 (k < 1: falling hazard, k = 1: exponential, k > 1: wear-out). */
  readonly shape: number;
  /** Scale λ > 0, in the unit of the quantity drawn (the 63.2 % quantile). */
  readonly scale: number;
}

/** Parameters of {@link beta}: mean = alpha / (alpha + beta). */
export interface BetaParameters {
  /** First shape α > 0. */
  readonly alpha: number;
  /** Second shape β > 0. */
  readonly beta: number;
}

/**
 * Uniform distribution on [min, max].
 *
 * @param rng - uniform source, e.g. a stream from {@link createStreams}
 * @param parameters - finite `min` ≤ `max` (equal bounds give a constant)
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if a bound is not finite, `max < min`, or `max − min`
 *   overflows, or `parameters` has another field.
 * @example
 * const inspectionDays = uniform(rng, { min: 2, max: 5 });
 */
export function uniform(rng: Rng, parameters: UniformParameters): Sampler {
  checkRng('uniform', rng);
  const { min, max } = parametersOf('uniform', parameters, ['min', 'max']);
  finite('uniform', 'min', min, 'Use the smallest possible value.');
  finite('uniform', 'max', max, 'Use the largest possible value.');
  interval('uniform', min, max, true);
  const draw = randomUniform.source(rng)(min, max);
  // min + u·(max − min) can round up past max; keep the documented support.
  return () => Math.min(draw(), max);
}

/**
 * Exponential distribution with the given mean (memoryless waiting times); support [0, ∞).
 *
 * @param rng - uniform source
 * @param parameters - `mean` > 0, in the unit of time (or quantity) drawn
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if `mean` is not a finite number > 0, or `parameters` has
 *   another field.
 * @example
 * const daysBetweenOrders = exponential(rng, { mean: 7 });
 */
export function exponential(rng: Rng, parameters: ExponentialParameters): Sampler {
  checkRng('exponential', rng);
  const { mean } = parametersOf('exponential', parameters, ['mean'], 'A rate λ is mean: 1 / λ.');
  positive('exponential', 'mean', mean, 'Use the average time between events.');
  // d3 takes the rate λ = 1/mean.
  return randomExponential.source(rng)(1 / mean);
}

/**
 * Creates a gamma(shape, 1) sampler with Marsaglia & Tsang's method (ACM TOMS 26(3), 2000), the
 * algorithm d3 uses, but on our stateless {@link standardNormal}.
 *
 * @internal
 */
export function standardGamma(rng: Rng, shape: number): Sampler {
  // For shape < 1, draw gamma(shape + 1) and multiply by U^(1/shape) (Marsaglia & Tsang, section 6).
  const boost = shape < 1;
  const d = (boost ? shape + 1 : shape) - 1 / 3;
  const c = 1 / (3 * Math.sqrt(d));
  const inverseShape = 1 / shape;
  return () => {
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = standardNormal(rng);
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = 1 - rng(); // in (0, 1], so log(u) is finite
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
        return boost ? d * v * rng() ** inverseShape : d * v;
      }
    }
  };
}

/**
 * Gamma distribution with shape k and scale θ; mean kθ, variance kθ²; support [0, ∞).
 *
 * @param rng - uniform source
 * @param parameters - `shape` > 0 and `scale` > 0 (scale, not rate)
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if `shape` or `scale` is not a finite number > 0, or
 *   `parameters` has another field.
 * @example
 * const repairDays = gamma(rng, { shape: 2, scale: 1.5 }); // mean 3 days
 */
export function gamma(rng: Rng, parameters: GammaParameters): Sampler {
  checkRng('gamma', rng);
  const { shape, scale } = parametersOf('gamma', parameters, ['shape', 'scale']);
  positive('gamma', 'shape', shape, 'Use the shape k (mean = shape × scale).');
  positive('gamma', 'scale', scale, 'Use the scale θ = mean / shape (not the rate).');
  const draw = standardGamma(rng, shape);
  return () => draw() * scale;
}

/**
 * Weibull distribution with shape k and scale λ, `P(X > x) = exp(−(x/λ)^k)`; mean λ·Γ(1 + 1/k);
 * support [0, ∞). Typical for times to failure.
 *
 * @param rng - uniform source
 * @param parameters - `shape` > 0 and `scale` > 0
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if `shape` or `scale` is not a finite number > 0, or
 *   `parameters` has another field.
 * @example
 * const daysToBreakdown = weibull(rng, { shape: 1.5, scale: 200 });
 */
export function weibull(rng: Rng, parameters: WeibullParameters): Sampler {
  checkRng('weibull', rng);
  const { shape, scale } = parametersOf('weibull', parameters, ['shape', 'scale']);
  positive('weibull', 'shape', shape, 'Use the shape k (1 gives the exponential).');
  positive('weibull', 'scale', scale, 'Use the scale λ, the 63.2 % quantile.');
  // d3's randomWeibull(k, a, b) is a + b·E^(1/k) with E ~ exp(1): a is a location, b the scale.
  return randomWeibull.source(rng)(shape, 0, scale);
}

/**
 * Beta distribution on [0, 1] with shapes α and β; mean α/(α+β).
 *
 * @param rng - uniform source
 * @param parameters - `alpha` > 0 and `beta` > 0
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if `alpha` or `beta` is not a finite number > 0, or
 *   `parameters` has another field.
 * @example
 * const yieldFraction = beta(rng, { alpha: 8, beta: 2 }); // mean 0.8
 */
export function beta(rng: Rng, parameters: BetaParameters): Sampler {
  checkRng('beta', rng);
  const { alpha, beta } = parametersOf('beta', parameters, ['alpha', 'beta']);
  positive('beta', 'alpha', alpha, 'Use the first shape α (mean = α / (α + β)).');
  positive('beta', 'beta', beta, 'Use the second shape β (mean = α / (α + β)).');
  const x = standardGamma(rng, alpha);
  const y = standardGamma(rng, beta);
  return () => {
    const gx = x();
    // Both gammas can underflow to 0 for tiny shapes; 0/0 would be NaN (d3 guards the same way).
    return gx === 0 ? 0 : gx / (gx + y());
  };
}
