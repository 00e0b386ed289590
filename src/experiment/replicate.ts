/**
 * One replication of an experiment: every strategy run on the same seed and replication index (common
 * random numbers), reduced to a compact record — or a failure, returned as plain data so it survives the
 * trip from a worker thread.
 *
 * @module
 */

import { deserialize } from 'node:v8';
import { describeIssue, ScenarioError } from '../errors.js';
import { CommonDemand } from '../model/common-demand.js';
import type { Scenario } from '../model/scenario.js';
import { runValidatedScenario } from '../model/world.js';
import { type RecordLayout, type ReplicationRecord, recordValues } from './record.js';
import { type LoadedStrategy, loadStrategies, type StrategyModule } from './strategy-spec.js';
import { typeScriptForWorker } from './worker-typescript.js';

/**
 * The strategy a worker's failure names when the strategies did not load in the thread: the pool turns it
 * into an error of the whole experiment, not a failed replication.
 * @internal
 */
export const LOADING_STRATEGIES = '(loading strategies)';

/** An error as plain data. @internal */
export interface ErrorData {
  /** Error name, e.g. `ModelError`. */
  readonly name: string;
  /** Message. */
  readonly message: string;
  /** Stack trace, if any. */
  readonly stack?: string;
  /** dibsim error code, if any. */
  readonly code?: string;
}

/** What one replication produced. @internal */
export type ReplicationOutcome =
  | { readonly status: 'ok'; readonly record: ReplicationRecord }
  | {
      readonly status: 'failed';
      readonly replication: number;
      readonly strategy: string;
      readonly error: ErrorData;
      /** The value thrown, when the replication ran in this thread (not copied from workers). */
      readonly thrown?: unknown;
    };

/** Everything a replication needs besides its index. @internal */
export interface ReplicationContext {
  /** The validated scenario. */
  readonly scenario: Scenario;
  /** Master seed. */
  readonly seed: string;
  /** Record layout. */
  readonly layout: RecordLayout;
  /** Strategies, in order. */
  readonly strategies: readonly LoadedStrategy[];
}

/** Runs replication `replication` of every strategy, in strategy order. @internal */
export async function runReplication(
  context: ReplicationContext,
  replication: number,
): Promise<ReplicationOutcome> {
  const values: number[][] = [];
  // Common random numbers: every strategy sees the same demand, so it is drawn once and replayed.
  const demand = new CommonDemand();
  for (const s of context.strategies) {
    try {
      const strategy = await s.create();
      // The experiment validated the scenario and checked the strategies once, before any replication.
      const result = runValidatedScenario(context.scenario, {
        strategy,
        seed: context.seed,
        replication,
        demand,
      });
      values.push(recordValues(result, context.layout));
    } catch (error) {
      return { status: 'failed', replication, strategy: s.name, error: errorData(error), thrown: error };
    }
  }
  return { status: 'ok', record: { replication, values } };
}

/** What a worker thread needs to run an experiment's replications. @internal */
export interface WorkerContext {
  /** The validated scenario. */
  readonly scenario: Scenario;
  /** Master seed. */
  readonly seed: string;
  /** Record layout. */
  readonly layout: RecordLayout;
  /** Strategies as module specifiers, with the names the main thread resolved. */
  readonly strategies: readonly (StrategyModule & { readonly name: string })[];
}

/** One task of a worker thread: a chunk of replications of one experiment. @internal */
export interface WorkerTask {
  /** Number of the experiment within its pool; a new number means a new context. */
  readonly experiment: number;
  /** The experiment's {@link WorkerContext}, serialised with `v8.serialize`. */
  readonly context: Uint8Array;
  /** Replication indices to run, in this order. */
  readonly replications: readonly number[];
}

/**
 * The task function of a worker thread: for each experiment it meets, decodes the context and loads the
 * strategies once (by dynamic import), then runs each chunk of replications in the order given. Never
 * throws: failures come back as data.
 * @internal
 */
export function createWorkerHandler(): (task: WorkerTask) => Promise<ReplicationOutcome[]> {
  let current: { experiment: number; context: Promise<ReplicationContext> } | undefined;
  const one = async (
    context: Promise<ReplicationContext>,
    replication: number,
  ): Promise<ReplicationOutcome> => {
    try {
      const outcome = await runReplication(await context, replication);
      if (outcome.status === 'ok') return outcome;
      // The thrown value itself would lose its class on the way to the main thread: send data only.
      const { thrown: _thrown, ...failure } = outcome;
      return failure;
    } catch (error) {
      // The strategies did not load: their problems, without the prefix of the experiment's own check.
      const data = errorData(error);
      const message =
        error instanceof ScenarioError ? error.issues.map(describeIssue).join(' ') : data.message;
      return { status: 'failed', replication, strategy: LOADING_STRATEGIES, error: { ...data, message } };
    }
  };
  return async (task) => {
    if (current?.experiment !== task.experiment) {
      const data = deserialize(task.context) as WorkerContext;
      current = {
        experiment: task.experiment,
        // Both async: whatever throws fails the loading, not the task.
        context: typeScriptForWorker(data.strategies)
          .then(() => loadStrategies(data.strategies))
          .then((strategies) => ({ ...data, strategies })),
      };
    }
    const outcomes: ReplicationOutcome[] = [];
    for (const r of task.replications) outcomes.push(await one(current.context, r));
    return outcomes;
  };
}

/** Plain-data copy of a thrown value. @internal */
export function errorData(error: unknown): ErrorData {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    message: error.message,
    ...(error.stack === undefined ? {} : { stack: error.stack }),
    ...(typeof code === 'string' ? { code } : {}),
  };
}

/** An `Error` rebuilt from {@link ErrorData}, for the `cause` of a `ReplicationError`. @internal */
export function errorFromData(data: ErrorData): Error {
  const error = new Error(data.message);
  error.name = data.name;
  if (data.stack !== undefined) error.stack = data.stack;
  if (data.code !== undefined) Object.assign(error, { code: data.code });
  return error;
}
