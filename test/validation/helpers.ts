/**
 * Shared helpers for the validation tests: confidence intervals, the known-answer assertion, and a
 * trap proving a run uses only injected random streams and never reads a wall clock.
 *
 * The Student-t interval is written here rather than taken from the library's `confidenceInterval`, so
 * that these checks rely only on `Tally` (exact mean and variance) and `studentTQuantile`, which have
 * their own tests against published values.
 */
import { expect, vi } from 'vitest';
import { studentTQuantile, Tally } from '../../src/index.js';

/** Confidence level of every interval in test/validation. */
export const LEVEL = 0.999;

/** Largest half-width allowed, relative to the estimate: a short run cannot pass. */
export const MAX_RELATIVE_HALF_WIDTH = 0.02;

/** A two-sided Student-t confidence interval for a mean. */
export interface Interval {
  readonly mean: number;
  readonly halfWidth: number;
  /** Number of independent (or batch-mean) observations behind it. */
  readonly n: number;
}

/**
 * Student-t interval at `level` from observations assumed i.i.d. normal: independent replications, or
 * batch means from batches much longer than the correlation time (Law, Simulation Modeling and
 * Analysis, 5th ed., §9.4 and §9.5.3).
 */
export function confidenceInterval(observations: readonly number[], level = LEVEL): Interval {
  const tally = new Tally();
  for (const x of observations) tally.add(x);
  const n = tally.count;
  if (n < 2) throw new Error(`confidenceInterval needs at least 2 observations (got ${n}).`);
  const t = studentTQuantile(1 - (1 - level) / 2, n - 1);
  return { mean: tally.mean, halfWidth: t * Math.sqrt(tally.variance / n), n };
}

/** Whether `value` lies in the closed interval. */
export function covers(ci: Interval, value: number): boolean {
  return Math.abs(ci.mean - value) <= ci.halfWidth;
}

/** Relative half-width `halfWidth / |mean|`. */
export function relativeHalfWidth(ci: Interval): number {
  return ci.halfWidth / Math.abs(ci.mean);
}

/** `"0.2946 ± 0.0049 (1.66 %)"`, for assertion messages and the log. */
export function formatInterval(ci: Interval): string {
  return `${ci.mean.toPrecision(5)} ± ${ci.halfWidth.toPrecision(2)} (${(100 * relativeHalfWidth(ci)).toFixed(2)} %)`;
}

/**
 * The known-answer check: `theory` inside the 99.9 % interval, and the interval narrow enough
 * (relative half-width ≤ 2 %) that the check has power against the errors a bug would cause.
 */
export function expectAgreement(name: string, ci: Interval, theory: number): void {
  const shown = `${name}: estimate ${formatInterval(ci)}, theory ${theory.toPrecision(5)}`;
  expect(relativeHalfWidth(ci), `${shown}: interval too wide to test anything`).toBeLessThanOrEqual(
    MAX_RELATIVE_HALF_WIDTH,
  );
  expect(covers(ci, theory), `${shown}: theory outside the ${LEVEL * 100} % interval`).toBe(true);
}

/** {@link expectAgreement} for every measure in `theory`, logging each comparison. */
export function expectAllAgree<K extends string>(
  label: string,
  estimated: Record<NoInfer<K>, Interval>,
  theory: Record<K, number>,
): void {
  for (const m of Object.keys(theory) as K[]) {
    console.info(`${label} ${m}: ${formatInterval(estimated[m])}, theory ${theory[m].toPrecision(5)}`);
    expectAgreement(`${label} ${m}`, estimated[m], theory[m]);
  }
}

/** {@link expectDisagreement} for every measure in `theory`, logging each comparison. */
export function expectAllDisagree<K extends string>(
  label: string,
  estimated: Record<NoInfer<K>, Interval>,
  theory: Record<K, number>,
): void {
  for (const m of Object.keys(theory) as K[]) {
    console.info(
      `${label} ${m}: ${formatInterval(estimated[m])}, correct-model theory ${theory[m].toPrecision(5)}`,
    );
    expectDisagreement(`${label} ${m}`, estimated[m], theory[m]);
  }
}

/** The mutant check: an estimate from a deliberately wrong model must exclude the correct theory. */
export function expectDisagreement(name: string, ci: Interval, theory: number): void {
  expect(
    covers(ci, theory),
    `${name}: mutant estimate ${formatInterval(ci)} still covers theory ${theory}`,
  ).toBe(false);
}

/**
 * Runs `run` with `Math.random`, `Date.now` and `performance.now` replaced by functions that throw,
 * then checks none was called (a throw could be swallowed by a process that catches errors).
 * Everything random must come from streams injected through `createStreams`.
 */
export function withoutAmbientRandomnessOrClock<T>(run: () => T): T {
  const trapped = (name: string) => () => {
    throw new Error(`${name} called during a simulation run: use an injected stream or sim.now.`);
  };
  const spies = [
    vi.spyOn(Math, 'random').mockImplementation(trapped('Math.random')),
    vi.spyOn(Date, 'now').mockImplementation(trapped('Date.now')),
    vi.spyOn(performance, 'now').mockImplementation(trapped('performance.now')),
  ];
  let calls: number[];
  let result: T;
  try {
    result = run();
  } finally {
    calls = spies.map((spy) => spy.mock.calls.length);
    for (const spy of spies) spy.mockRestore();
  }
  expect(calls, 'calls to Math.random, Date.now, performance.now').toEqual([0, 0, 0]);
  return result;
}
