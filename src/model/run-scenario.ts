/**
 * The entry point for one run: validates the scenario (once per scenario object), checks the strategy
 * against it, then runs the world. Kept apart from `world.ts` so that worker threads, which run
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
 * Before anything runs, the scenario is validated as `validateScenario` does it, once per scenario object
 * (an object `validateScenario` accepted or returned, or an earlier run validated, is not validated again:
 * to change a scenario between runs, build a changed copy rather than editing it in place), and the
 * strategy's {@link ProcurementStrategy.check} is called.
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
