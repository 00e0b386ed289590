/**
 * Three-point estimates (min, most likely, max): triangular and PERT distributions.
 *
 * @module
 */

import { standardGamma } from './continuous.js';
import { checkRng, finite, interval, invalid, parametersOf } from './parameters.js';
import type { Rng, Sampler } from './rng.js';

/** A three-point estimate: the range and the most likely value, shared by {@link triangular} and {@link pert}. */
export interface ThreePointParameters {
  /** Smallest possible value, finite. */
  readonly min: number;
  /** Most likely value, in [min, max]. */
  readonly mode: number;
  /** Largest possible value, finite and > min. */
  readonly max: number;
}

function checkThreePoint(where: string, parameters: ThreePointParameters): void {
  const { min, mode, max } = parametersOf(where, parameters, ['min', 'mode', 'max']);
  finite(where, 'min', min, 'Use the smallest possible value.');
  finite(where, 'mode', mode, 'Use the most likely value.');
  finite(where, 'max', max, 'Use the largest possible value.');
  interval(where, min, max, false);
  if (!(mode >= min && mode <= max)) {
    invalid(
      where,
      `mode must be in [min, max] = [${min}, ${max}]`,
      mode,
      'Use a most likely value inside the range.',
    );
  }
}

/**
 * Triangular distribution on [min, max] peaking at `mode`; mean (min + mode + max)/3.
 * Drawn by inverting the CDF, so each draw uses exactly one uniform.
 *
 * @param rng - uniform source, e.g. a stream from {@link createStreams}
 * @param parameters - finite `min` < `max`, and `mode` in [min, max]
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if a parameter is not finite, `max <= min`, or `mode` is
 *   outside [min, max], or `parameters` has another field.
 * @example
 * const buildDays = triangular(rng, { min: 20, mode: 30, max: 60 });
 */
export function triangular(rng: Rng, parameters: ThreePointParameters): Sampler {
  checkRng('triangular', rng);
  checkThreePoint('triangular', parameters);
  const { min, mode, max } = parameters;
  const width = max - min;
  const cutoff = (mode - min) / width; // CDF at the mode
  const left = width * (mode - min);
  const right = width * (max - mode);
  return () => {
    const u = rng();
    const x = u < cutoff ? min + Math.sqrt(u * left) : max - Math.sqrt((1 - u) * right);
    // Rounding can step one ulp outside the range; keep the documented support.
    return Math.min(max, Math.max(min, x));
  };
}

/**
 * PERT distribution for a three-point estimate: a beta distribution scaled to [min, max] with
 * shapes `α = 1 + 4·(mode − min)/(max − min)` and `β = 1 + 4·(max − mode)/(max − min)`, so the mean
 * is (min + 4·mode + max)/6 (the standard PERT, λ = 4). Less weight in the tails than {@link triangular}.
 *
 * @param rng - uniform source
 * @param parameters - finite `min` < `max`, and `mode` in [min, max]
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if a parameter is not finite, `max <= min`, or `mode` is
 *   outside [min, max], or `parameters` has another field.
 * @example
 * const qualificationMonths = pert(rng, { min: 6, mode: 9, max: 24 }); // mean 11
 */
export function pert(rng: Rng, parameters: ThreePointParameters): Sampler {
  checkRng('pert', rng);
  checkThreePoint('pert', parameters);
  const { min, mode, max } = parameters;
  const width = max - min;
  const x = standardGamma(rng, 1 + (4 * (mode - min)) / width);
  const y = standardGamma(rng, 1 + (4 * (max - mode)) / width);
  return () => {
    const gx = x();
    const fraction = gx / (gx + y()); // beta(α, β); both shapes ≥ 1, so no 0/0
    return Math.min(max, min + width * fraction);
  };
}
