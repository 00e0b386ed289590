/**
 * Parameter checks shared by the distribution functions, so every message has one shape:
 * `exponential: mean must be > 0 (got -1). Use the average time between events.`
 *
 * @module
 * @internal
 */

import { checkOptionNames, DibsimError, describeValue, requireFinite } from '../errors.js';
import type { Rng } from './rng.js';

/**
 * Throws a {@link DibsimError} `INVALID_ARGUMENT` saying `${where}: ${what} (got value). ${fix}`.
 *
 * @internal
 */
export function invalid(where: string, what: string, value: unknown, fix: string): never {
  throw new DibsimError('INVALID_ARGUMENT', `${where}: ${what} (got ${describeValue(value)}). ${fix}`);
}

/**
 * Checks that `rng` is a function, since a missing source would otherwise fail at the first draw.
 *
 * @internal
 */
export function checkRng(where: string, rng: unknown): Rng {
  if (typeof rng !== 'function') {
    invalid(
      where,
      'rng must be a function returning numbers in [0, 1)',
      rng,
      'Pass a stream, e.g. createStreams(42).stream("arrivals").',
    );
  }
  return rng as Rng;
}

/**
 * Returns `parameters` if it is an object whose fields are among `names` (a spec's `type` aside), so that
 * a parameter of another convention, `{ rate: 2 }` for `{ mean: 0.5 }`, is refused rather than ignored.
 *
 * @param hint - a sentence added to the message of an unknown field, e.g. how to convert a rate
 * @internal
 */
export function parametersOf<P>(where: string, parameters: P, names: readonly string[], hint?: string): P {
  if (typeof parameters !== 'object' || parameters === null) {
    invalid(where, 'parameters must be an object', parameters, `Pass { ${names.join(', ')} }.`);
  }
  try {
    // createSampler passes the whole spec, whose `type` chose this function.
    checkOptionNames(parameters, names, `${where}: parameters`, 'parameter', 'type');
  } catch (error) {
    if (hint === undefined || !(error instanceof DibsimError)) throw error;
    throw new DibsimError(error.code, `${error.message} ${hint}`);
  }
  return parameters;
}

/**
 * Returns `value` if it is a finite number.
 *
 * @internal
 */
export function finite(where: string, name: string, value: unknown, fix: string): number {
  return requireFinite(`${where}: ${name}`, value, fix);
}

/**
 * Returns `value` if it is a finite number > 0.
 *
 * @internal
 */
export function positive(where: string, name: string, value: unknown, fix: string): number {
  const x = finite(where, name, value, fix);
  if (!(x > 0)) invalid(where, `${name} must be > 0`, x, fix);
  return x;
}

/**
 * Returns `value` if it is a finite number ≥ 0.
 *
 * @internal
 */
export function nonNegative(where: string, name: string, value: unknown, fix: string): number {
  const x = finite(where, name, value, fix);
  if (!(x >= 0)) invalid(where, `${name} must be >= 0`, x, fix);
  return x;
}

/**
 * Returns `value` if it is a probability: a finite number in [0, 1].
 *
 * @internal
 */
export function probability(where: string, name: string, value: unknown, fix: string): number {
  const x = finite(where, name, value, fix);
  if (!(x >= 0 && x <= 1)) invalid(where, `${name} must be in [0, 1]`, x, fix);
  return x;
}

/**
 * Checks `min < max` (or `min <= max` when `allowEqual`) and that `max - min` is finite.
 *
 * @internal
 */
export function interval(where: string, min: number, max: number, allowEqual: boolean): void {
  const ok = allowEqual ? max >= min : max > min;
  if (!ok) {
    invalid(
      where,
      `max must be ${allowEqual ? '>=' : '>'} min (${min})`,
      max,
      'Give the range as { min, max } with min below max.',
    );
  }
  // d3 and the inverse CDFs scale by the width; an infinite width would turn draws into NaN.
  if (!Number.isFinite(max - min)) {
    invalid(where, 'max - min must be finite', max - min, 'Use bounds within about ±8.9e307 of each other.');
  }
}
