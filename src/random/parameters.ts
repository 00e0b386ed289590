/**
 * Parameter checks shared by the distribution functions, so every message has one shape:
 * `exponential: mean must be > 0 (got -1). Use the average time between events.`
 *
 * @module
 * @internal
 */

import { DibsimError, describeValue, requireFinite } from '../errors.js';
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
 * Returns `parameters` if it is an object whose fields can be read; `shape` names them for the message,
 * e.g. `{ min, max }`.
 *
 * @internal
 */
export function parametersOf<P>(where: string, parameters: P, shape: string): P {
  if (typeof parameters !== 'object' || parameters === null) {
    invalid(where, 'parameters must be an object', parameters, `Pass ${shape}.`);
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
