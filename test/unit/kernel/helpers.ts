/**
 * Test helpers for the kernel.
 *
 * Compare kernel objects (events, requests, processes) by identity with `expectSame`, never with
 * `toEqual`/`toMatchObject`: those matchers iterate every iterable they reach, and a Process holds its
 * generator, so a deep comparison would advance live processes behind the test's back.
 */
import { expect } from 'vitest';
import type { Simulation } from '../../../src/index.js';

/** Checks that `actual` holds exactly the `expected` objects (by identity), in order. */
export function expectSame(actual: readonly unknown[], expected: readonly unknown[]): void {
  expect(actual.length).toBe(expected.length);
  for (const [i, item] of expected.entries()) expect(actual[i]).toBe(item);
}

/** Returns what `fn` throws; fails the test if it throws nothing. */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

/** Runs `sim` and returns what it throws; fails the test if it throws nothing. */
export function runError(sim: Simulation): Error {
  return thrown(() => sim.run());
}
