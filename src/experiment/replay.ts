/**
 * Replays a failed replication in the calling thread, where a debugger and the original error class are
 * available.
 *
 * @module
 */
import { DibsimError, describeValue, type ReplicationError } from '../errors.js';
import type { RunResult } from '../model/results.js';
import { runScenario } from '../model/run-scenario.js';
import type { Scenario } from '../model/scenario.js';
import { validateScenario } from '../model/validate.js';
import { contentHash } from './canonical.js';
import { recordLayout, recordValues } from './record.js';
import { loadStrategies, type StrategySpec } from './strategy-spec.js';

/**
 * Reruns the replication a {@link ReplicationError} describes — same scenario, strategy, seed and
 * replication index — serially in this thread. A deterministic failure throws again, now with its original
 * class and stack; if the run succeeds (the failure did not reproduce), its result is returned.
 *
 * @param error - the error thrown by {@link runExperiment} or {@link mergeShards}
 * @param scenario - the experiment's scenario (its hash must match `error.scenarioHash`)
 * @param strategies - the experiment's strategies (or any list holding one with `error.strategy`'s name);
 *   needed only when that strategy was given as a factory, as the error carries a module's reference
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if the scenario is not the one that failed, no strategy
 *   has that name, or `strategies` is left out for a factory; otherwise whatever the replication throws.
 * @example
 * try { await runExperiment(options); }
 * catch (e) { if (e instanceof ReplicationError) await replay(e, options.scenario); }
 */
export async function replay(
  error: ReplicationError,
  scenario: Scenario,
  strategies?: readonly StrategySpec[],
): Promise<RunResult> {
  const failed = error as Partial<ReplicationError> | undefined;
  if (typeof failed?.scenarioHash !== 'string' || typeof failed.strategy !== 'string') {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `replay: error must be a ReplicationError, as runExperiment throws (got ${describeValue(error)}). Catch it from the experiment and pass it with the same scenario and strategies.`,
    );
  }
  const valid = validateScenario(scenario);
  const hash = contentHash(valid);
  if (hash !== error.scenarioHash) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `replay: the scenario's hash ${hash.slice(0, 12)}… is not the failed run's ${error.scenarioHash.slice(0, 12)}…. Pass the scenario the experiment ran.`,
    );
  }
  let specs = strategies;
  if (specs === undefined) {
    if (failed.strategyModule === undefined) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `replay: strategy ${JSON.stringify(error.strategy)} was given as { name, create }, which the error cannot carry. Pass the experiment's strategies: replay(error, scenario, strategies).`,
      );
    }
    specs = [{ name: error.strategy, ...failed.strategyModule }];
  }
  const strategy = (await loadStrategies(specs, 'replay: ')).find((s) => s.name === error.strategy);
  if (strategy === undefined) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `replay: no strategy is named ${JSON.stringify(error.strategy)}. Pass the experiment's strategies.`,
    );
  }
  const result = runScenario(valid, {
    strategy: await strategy.create(),
    seed: error.seed,
    replication: error.replication,
  });
  // The experiment also flattened the result; a failure there must reproduce too.
  recordValues(result, recordLayout(valid));
  return result;
}
