/**
 * Small helpers for writing scenarios in TypeScript: typed, sourced values and yearly steps.
 *
 * @module
 */
import { DibsimError, describeValue } from '../errors.js';
import type { DistributionSpec } from '../random/spec.js';
import { parseDate } from './dates.js';
import type { Confidence, Param, Profile, Scenario, Sourced } from './scenario.js';

/**
 * A parameter with the calibration fact IDs it comes from, its confidence and a one-line note.
 *
 * @example
 * const efficiency = sourced({ type: 'pert', min: 0.33, mode: 0.5, max: 1 }, ['EU-06'], 'M');
 */
export function sourced(
  value: number | DistributionSpec,
  facts: readonly string[],
  confidence: Confidence,
  note?: string,
): Sourced {
  return note === undefined ? { value, facts, confidence } : { value, facts, confidence, note };
}

/**
 * An assumption with no public source (confidence `'gap'`); `facts` are the IDs it leans on, if any.
 *
 * @example
 * const qualificationDelayDays = gap({ type: 'pert', min: 180, mode: 365, max: 730 }, 'No public duration (LT-17).');
 */
export function gap(value: number | DistributionSpec, note: string, facts: readonly string[] = []): Sourced {
  return { value, facts, confidence: 'gap', note };
}

/**
 * Yearly steps, e.g. for a budget: each `[year, value]` starts on the first day of `startMonth` of that
 * year. Of the steps that begin on or before `scenarioStart`, the last (the one in force then) starts at
 * `scenarioStart` and the earlier ones are dropped.
 *
 * @param scenarioStart - the scenario's start date, `YYYY-MM-DD`
 * @param startMonth - first month (1–12) of each step's year
 * @param values - `[year, value]` pairs, years in strictly ascending order
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if `scenarioStart` is not a date, `startMonth` not a whole
 *   number from 1 to 12, or the years not four-digit years in strictly ascending order.
 * @example
 * // Fiscal years from April: the 2021 step is in force on 2022-02-24, so it starts then.
 * yearlySteps('2022-02-24', 4, [[2021, 1e9], [2022, 1.2e9]]);
 * // { steps: [{ from: '2022-02-24', value: 1e9 }, { from: '2022-04-01', value: 1.2e9 }] }
 */
export function yearlySteps(
  scenarioStart: string,
  startMonth: number,
  values: readonly (readonly [number, Param])[],
): Profile {
  const fail = (what: string, got: unknown, fix: string) =>
    new DibsimError('INVALID_ARGUMENT', `yearlySteps: ${what} (got ${describeValue(got)}). ${fix}`);
  try {
    parseDate(scenarioStart);
  } catch {
    throw fail('scenarioStart must be a date YYYY-MM-DD', scenarioStart, "Pass the scenario's startDate.");
  }
  if (!Number.isInteger(startMonth) || startMonth < 1 || startMonth > 12)
    throw fail(
      'startMonth must be a whole number from 1 to 12',
      startMonth,
      'Use 1 for calendar years, 4 for April.',
    );
  values.forEach(([year], i) => {
    const previous = i === 0 ? 999 : values[i - 1]![0];
    if (!Number.isInteger(year) || year > 9999 || year <= previous)
      throw fail(
        `values[${i}][0] must be a four-digit year after the one before`,
        year,
        'List [year, value] pairs in ascending year order, one per year.',
      );
  });
  const month = String(startMonth).padStart(2, '0');
  const steps = values.map(([year, value]) => ({ from: `${year}-${month}-01`, value }));
  const early = steps.filter((step) => step.from <= scenarioStart).length;
  if (early === 0) return { steps };
  return { steps: [{ from: scenarioStart, value: steps[early - 1]!.value }, ...steps.slice(early)] };
}

/**
 * Returns `scenario` unchanged, typed: a way to get editor completion and type errors while writing
 * one. Validate it with `validateScenario` before running it.
 */
export function defineScenario(scenario: Scenario): Scenario {
  return scenario;
}

/**
 * Freezes `value` and everything it holds, and returns it: a built-in scenario is shared by every caller
 * in the process, so one caller's edit must not change another's runs (edit a copy, or use levers).
 * @internal
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
