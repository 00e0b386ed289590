/**
 * The scenario argument of a command: a built-in scenario's name, or a JSON/YAML file.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { suggestKey } from '../errors.js';
import { readScenarioFile } from '../io/scenario-file.js';
import type { Scenario } from '../model/scenario.js';
import { eu1mBacktest } from '../model/scenarios/eu-1m-backtest.js';
import { europe155mm } from '../model/scenarios/europe-155mm.js';
import { validateScenario } from '../model/validate.js';
import { UsageError } from './errors.js';

/** Built-in scenarios by name. */
export const BUILTIN_SCENARIOS: Readonly<Record<string, Scenario>> = {
  [europe155mm.name]: europe155mm,
  [eu1mBacktest.name]: eu1mBacktest,
};

/** The scenario used when a command names none. */
export const DEFAULT_SCENARIO = europe155mm.name;

/** A scenario and how the user named it (for commands printed back, such as a replay). */
export interface LoadedScenario {
  /** The scenario argument as typed, or the default name. */
  readonly source: string;
  /** The validated scenario. */
  readonly scenario: Scenario;
}

/**
 * Loads `argument` (a built-in name or a file path; the default scenario when absent) and validates it.
 *
 * @throws {@link ScenarioError} for an invalid file; {@link UsageError} for a name that is neither.
 */
export async function loadScenario(argument: string | undefined): Promise<LoadedScenario> {
  const source = argument ?? DEFAULT_SCENARIO;
  const builtin = Object.hasOwn(BUILTIN_SCENARIOS, source) ? BUILTIN_SCENARIOS[source] : undefined;
  if (builtin !== undefined && !existsSync(source))
    return { source, scenario: validateScenario(builtin, source) };
  if (!existsSync(source)) {
    const names = Object.keys(BUILTIN_SCENARIOS);
    const near = suggestKey(source, names);
    const give = near === undefined ? 'Give' : `Did you mean "${near}"? Otherwise give`;
    throw new UsageError(
      `scenario "${source}" is neither a file nor a built-in scenario (${names.join(', ')}). ${give} the path of a .yaml or .json file, or write a starter file with: dibsim init ${/\.ya?ml$/i.test(source) ? source : 'scenario.yaml'}`,
    );
  }
  return { source, scenario: await readScenarioFile(source) };
}
