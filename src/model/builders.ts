/**
 * Small helpers for writing scenarios in TypeScript: typed, sourced values and yearly steps.
 *
 * @module
 */
import type { DistributionSpec } from '../random/spec.js';
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
 * year; a step before `scenarioStart` is moved to it.
 *
 * @param scenarioStart - the scenario's start date, `YYYY-MM-DD`
 * @param startMonth - first month (1–12) of each step's year
 * @param values - `[year, value]` pairs in ascending year order
 */
export function yearlySteps(
  scenarioStart: string,
  startMonth: number,
  values: readonly (readonly [number, Param])[],
): Profile {
  const month = String(startMonth).padStart(2, '0');
  return {
    steps: values.map(([year, value]) => {
      const from = `${year}-${month}-01`;
      return { from: from < scenarioStart ? scenarioStart : from, value };
    }),
  };
}

/**
 * Returns `scenario` unchanged, typed: a way to get editor completion and type errors while writing
 * one. Validate it with `validateScenario` before running it.
 */
export function defineScenario(scenario: Scenario): Scenario {
  return scenario;
}
