/**
 * The entry point for one run: validates the scenario (unless this object was validated as it is now),
 * checks the strategy against it, then runs the world. Kept apart from `world.ts` so that worker threads, which run
 * scenarios the calling thread has validated, do not load the validator and its schemas.
 *
 * @module
 */
import type { RunResult } from './results.js';
import type { Scenario } from './scenario.js';
import { validatedOnce } from './validate.js';
import { finishRun, type RunScenarioOptions, World } from './world.js';

/**
 * Runs one replication of `scenario` under a strategy and returns its series and KPIs. The run ends with
 * invariant checks against an independent ledger and throws {@link ModelError} if rounds or money were
 * not conserved.
 *
 * Before anything runs, the scenario is validated as `validateScenario` does it, and the strategy's
 * {@link ProcurementStrategy.check} is called. An object `validateScenario` accepted or returned, or an
 * earlier run validated, is not validated again while its content stays the same (a comparison that costs
 * under a millisecond, about 3 % of a europe-155mm run); one edited in place since is validated again, and runs as edited.
 *
 * @throws {@link ScenarioError} if the scenario is invalid, or the strategy's parameters do not fit it;
 *   {@link DibsimError} `INVALID_ARGUMENT` naming `options.strategy`, `options.seed` or
 *   `options.replication` when one is malformed. Both before anything runs.
 * @example
 * const result = runScenario(europe155mm, { strategy: nationalOnly, seed: 42 });
 */
export function runScenario(scenario: Scenario, options: RunScenarioOptions): RunResult {
  const valid = validatedOnce(scenario, 'runScenario: scenario');
  const world = new World(valid, options);
  // The World constructor has checked that the strategy is one.
  options.strategy.check?.(valid);
  return finishRun(world);
}
