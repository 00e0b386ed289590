/**
 * Monte Carlo experiments: every strategy run on the same replications (common random numbers), in the
 * calling thread or in worker threads, folded in replication order into statistics that do not depend
 * on how the work was split.
 *
 * @module
 */
import { DibsimError, describeValue } from '../errors.js';
import { checkOptionNames } from '../model/field-suggestions.js';
import type { Scenario } from '../model/scenario.js';
import { validateScenario } from '../model/validate.js';
import { normaliseSeed } from '../random/streams.js';
import { contentHash } from './canonical.js';
import { type ExperimentProgress, ResultBuilder } from './fold-results.js';
import {
  dibsimVersion,
  EXPERIMENT_SCHEMA_VERSION,
  type ExperimentManifest,
  type ShardSpec,
} from './manifest.js';
import { isSeriesInterval, type RecordLayout, recordLayout, type SeriesInterval } from './record.js';
import {
  type ReplicationContext,
  type ReplicationOutcome,
  runReplication,
  type WorkerContext,
} from './replicate.js';
import type { ExperimentResult } from './results.js';
import { checkHeader, ResultsFileWriter, readResultsFile } from './results-file.js';
import { chunkSizeFor, foldInOrder, type ReplicationPlan } from './schedule.js';
import { resolveStopWhen, type StopWhen } from './stopping.js';
import { strategyCode } from './strategy-code.js';
import {
  checkStrategies,
  isStrategyModule,
  type LoadedStrategy,
  loadStrategies,
  type StrategyModule,
  type StrategySpec,
  specObject,
} from './strategy-spec.js';
import {
  MAX_WORKERS,
  type ReplicationPool,
  threadsOf,
  tooManyWorkers,
  type WorkerPool,
  withReplicationPool,
} from './worker-pool.js';

/**
 * What {@link runExperiment} reads of an `AbortSignal` (declared here so the public types need neither the
 * DOM library nor `@types/node`).
 */
export interface AbortSignalLike {
  /** Whether cancellation was requested. */
  readonly aborted: boolean;
}

/** Options of {@link runExperiment}. */
export interface ExperimentOptions {
  /** The scenario; validated before the first replication runs. */
  readonly scenario: Scenario;
  /**
   * Strategies to compare, at least one; names must be unique. Each a module name (`'pooled'`), a module
   * reference (`{ module, params }`) or, without workers, a factory `{ name, create }`: see {@link StrategySpec}.
   */
  readonly strategies: readonly StrategySpec[];
  /** Replications per strategy (the maximum, with `stopWhen`), a positive integer. */
  readonly replications: number;
  /** Master seed. @defaultValue 1 */
  readonly seed?: number | string | undefined;
  /** Name of the strategy the others are compared with. @defaultValue the first strategy */
  readonly baseline?: string | undefined;
  /** Confidence level of every interval, in (0, 1). @defaultValue 0.95 */
  readonly level?: number | undefined;
  /** Relative accuracy of reported quantiles, in (0, 0.5]. @defaultValue 0.001 */
  readonly quantileAccuracy?: number | undefined;
  /**
   * How often series (stock levels, capacity, pledge deliveries) are sampled for fan charts.
   * @defaultValue 'year'
   */
  readonly seriesEvery?: SeriesInterval | undefined;
  /** Stop early once chosen KPIs are precise enough (see {@link StopWhen}). */
  readonly stopWhen?: StopWhen | undefined;
  /**
   * `'abort'`: the first failing replication (lowest index) throws a {@link ReplicationError};
   * `'skip'`: it is left out for every strategy (pairs stay paired) and listed in `failures`; if every
   * replication fails there is nothing to report, and the first failure's {@link ReplicationError} is thrown
   * (for a `shard`, by {@link mergeShards}: a shard's file holds its failures).
   * @defaultValue 'abort'
   */
  readonly onError?: 'abort' | 'skip' | undefined;
  /** Called after each replication is folded, in index order. */
  readonly onProgress?: ((progress: ExperimentProgress) => void) | undefined;
  /**
   * Cancels the experiment (an `AbortSignal`); the result then has status `'cancelled'` and covers the
   * finished prefix. With worker threads the run settles promptly even if a replication never ends (a
   * strategy stuck in a loop): replications still running a quarter of a second after the abort are
   * stopped with their threads, and count neither as folded nor as failed. With `workers: 0` a replication
   * runs in the calling thread, which cannot be interrupted: the abort is seen between replications, so a
   * replication that never ends blocks the run (and the event loop) for good — use a worker to be able to
   * stop one.
   */
  readonly signal?: AbortSignalLike | undefined;
  /** Keep every replication record in the result (memory grows with replications). @defaultValue false */
  readonly keepRecords?: boolean | undefined;
  /**
   * Worker threads, 0 to 256; 0 runs in the calling thread. No more are started than the run (or its
   * `shard`) has replications, counting those a resumed `resultsFile` already holds.
   * Workers need strategies given as modules ({@link StrategyModule}). Results are bit-identical whatever
   * the number. @defaultValue 0
   */
  readonly workers?: number | undefined;
  /**
   * Worker threads shared with other experiments (see {@link createWorkerPool}), instead of threads started
   * and stopped for this one; `workers` may then be left out. Results are the same either way.
   */
  readonly pool?: WorkerPool | undefined;
  /**
   * Replications per task sent to a worker (amortises the ≈0.5 ms cost of a task for fast scenarios; has
   * no effect on results). @defaultValue `ceil(replications / (8 · workers))`, between 1 and 16, shrinking
   * towards 1 over the last replications so that the workers finish together
   */
  readonly chunkSize?: number | undefined;
  /**
   * JSON-lines file of finished replications. An existing file from the same experiment is resumed: its
   * replications are not rerun (their records are read back one at a time as the fold reaches them). A file
   * from another experiment (any manifest field differs, including the Node version) is refused; a torn
   * final line is dropped. Lines are in completion order, and a run that stopped (`stopWhen`) or was
   * cancelled may have written replications past the last one it folded (workers run ahead): its result
   * covers the replications in index order up to that one. Its folder must exist: a file that cannot be
   * created, read or written fails with a {@link DibsimError} `INVALID_ARGUMENT` naming the path and the
   * fix (the system error as `cause`).
   */
  readonly resultsFile?: string | undefined;
  /** Run only replications `i` with `i % count === index`, to merge later with {@link mergeShards}. */
  readonly shard?: ShardSpec | undefined;
}

/**
 * The fields of {@link ExperimentOptions}, for the checks that catch a misspelt one (a record, so that the
 * compiler keeps it in step with the interface; sweeps build theirs from it).
 * @internal
 */
export const EXPERIMENT_OPTIONS = {
  scenario: true,
  strategies: true,
  replications: true,
  seed: true,
  baseline: true,
  level: true,
  quantileAccuracy: true,
  seriesEvery: true,
  stopWhen: true,
  onError: true,
  onProgress: true,
  signal: true,
  keepRecords: true,
  workers: true,
  pool: true,
  chunkSize: true,
  resultsFile: true,
  shard: true,
} as const satisfies Record<keyof ExperimentOptions, true>;

const OPTION_NAMES: readonly string[] = Object.keys(EXPERIMENT_OPTIONS);

/**
 * Runs an experiment and returns per-strategy statistics, paired comparisons and a manifest.
 *
 * @throws {@link ScenarioError} if the scenario is invalid, or a strategy's parameters do not fit it (a
 * bilateral agreement naming an unknown nation, a switch date past the horizon: see
 * {@link ProcurementStrategy.check}), before anything runs;
 * {@link DibsimError} `INVALID_ARGUMENT` for bad options, or for a strategy module that loads in the
 * calling thread but not in the worker threads (before any replication is recorded), `INVALID_STATE` if
 * `options.pool` is closed while the experiment runs on it; {@link ReplicationError} when a replication
 * throws and `onError` is `'abort'`, or, with `'skip'`, the first failure's when every replication failed
 * (not in a shard).
 * @example
 * const result = await runExperiment({
 *   scenario: europe155mm,
 *   strategies: [{ name: 'national', create: () => nationalOnly }],
 *   replications: 100,
 *   seed: 42,
 * });
 * result.strategies[0]!.kpis.fillRate.mean; // `!`: an index may be out of range under noUncheckedIndexedAccess
 */
export async function runExperiment(options: ExperimentOptions): Promise<ExperimentResult> {
  const setup = await prepare(options);
  const plan = replicationPlan(setup.manifest.replications, options.shard);
  return withReplicationPool(threadsFor(checkWorkers(options), plan.length), (pool) =>
    runPrepared(options, setup, pool),
  );
}

/**
 * The replication indices a run (or its `shard`, every `count`-th from `index`) owns, in order.
 * @internal
 */
export function replicationPlan(replications: number, shard: ShardSpec | undefined): ReplicationPlan {
  const first = shard?.index ?? 0;
  const step = shard?.count ?? 1;
  return {
    length: Math.max(0, Math.ceil((replications - first) / step)),
    at: (position) => first + position * step,
  };
}

/**
 * Threads worth starting for `replications` replications: a thread beyond one per replication would only
 * start, load the model and sit idle (`workers: 999` for 2 replications started 999 threads). A shared
 * pool is used as it is.
 * @internal
 */
export function threadsFor(threads: number, replications: number): number;
export function threadsFor(threads: number | ReplicationPool, replications: number): number | ReplicationPool;
export function threadsFor(
  threads: number | ReplicationPool,
  replications: number,
): number | ReplicationPool {
  return typeof threads === 'number' ? Math.min(threads, replications) : threads;
}

/**
 * `options.workers` and `options.pool`, checked: the pool's threads, or a whole number of threads to start,
 * from 0 to {@link MAX_WORKERS}; and, with any thread, every strategy given as a module that a worker thread can load. Errors
 * name `caller`, the public function the options were given to.
 * @internal
 */
export function checkWorkers(
  options: Pick<ExperimentOptions, 'workers' | 'pool' | 'strategies'>,
  caller = 'runExperiment',
): number | ReplicationPool {
  const shared = options.pool === undefined ? undefined : threadsOf(options.pool, `${caller}: options.pool`);
  const workers = options.workers ?? shared?.threads ?? 0;
  checkInteger(caller, 'workers', workers, 0);
  if (workers > MAX_WORKERS) {
    throw new DibsimError('INVALID_ARGUMENT', tooManyWorkers(`${caller}: options.workers`, workers));
  }
  if (shared !== undefined && workers !== shared.threads) {
    throw invalid(
      caller,
      'workers',
      workers,
      `differs from the ${shared.threads} thread${shared.threads === 1 ? '' : 's'} of options.pool`,
      'Leave workers out when giving a pool.',
    );
  }
  if (workers > 0) {
    const i = options.strategies.findIndex((s) => !isStrategyModule(specObject(s)));
    if (i >= 0) {
      throw invalid(
        caller,
        `strategies[${i}]`,
        options.strategies[i],
        'is a factory, which cannot cross to a worker thread',
        'Give it as { module, export?, params? }, or run with workers: 0.',
      );
    }
  }
  return shared ?? workers;
}

/**
 * What a worker thread needs to run the experiment validated as `setup`: its strategies as the manifest
 * records them, each a module reference with its resolved name (workers never get a factory, see
 * {@link checkWorkers}).
 * @internal
 */
export function workerContext(setup: PreparedExperiment): WorkerContext {
  return {
    scenario: setup.scenario,
    seed: setup.manifest.seed,
    layout: setup.layout,
    strategies: setup.strategies.map((s) => s.descriptor as StrategyModule & { readonly name: string }),
  };
}

/**
 * Runs the experiment of `options`, validated by {@link prepare} as `setup`, on `pool` (in the calling thread
 * when undefined). The pool may outlive it: sweeps run all their experiments on one.
 * @internal
 */
export async function runPrepared(
  options: ExperimentOptions,
  setup: PreparedExperiment,
  pool: ReplicationPool | undefined,
): Promise<ExperimentResult> {
  const { manifest, layout, strategies } = setup;
  const workers = pool?.threads ?? 0;
  const plan = replicationPlan(manifest.replications, options.shard);
  const chunkSize = options.chunkSize ?? (workers === 0 ? 1 : guidedChunkSize(plan.length, workers));
  const file = options.resultsFile;
  const existing = file === undefined ? undefined : readResultsFile(file);
  if (file !== undefined && existing?.header !== undefined)
    checkHeader(file, existing.header, { manifest, layout });
  const writer =
    file === undefined ? undefined : new ResultsFileWriter(file, { manifest, layout }, existing!);
  const context: ReplicationContext = { scenario: setup.scenario, seed: manifest.seed, layout, strategies };
  const runInPool = pool?.runner(workerContext(setup));
  const builder = new ResultBuilder({
    layout,
    manifest,
    total: plan.length,
    stop: setup.stop,
    keepRecords: options.keepRecords,
    onProgress: options.onProgress,
    resultsFile: file,
  });
  let status: ExperimentResult['status'];
  try {
    status = await foldInOrder({
      plan,
      done: existing?.outcomes,
      runChunk:
        runInPool === undefined
          ? async (replications, cancel) => {
              // Yield to the event loop first, so an abort signal or a progress bar gets its turn.
              await new Promise<void>((resolve) => setImmediate(resolve));
              const outcomes: ReplicationOutcome[] = [];
              for (const r of replications) {
                // Between replications only: one running in this thread cannot be interrupted.
                if (cancel?.aborted === true) throw new Error('cancelled');
                outcomes.push(await runReplication(context, r));
              }
              return outcomes;
            }
          : runInPool,
      chunkSize,
      // Two of the largest (first) chunks per worker keep every worker busy while the main thread folds.
      window: runInPool === undefined ? 1 : workers * chunkSizeFor(chunkSize, plan.length) * 2,
      onComputed: writer === undefined ? undefined : (outcome) => writer.append(outcome),
      accept: (outcome, known) => builder.accept(outcome, known),
      signal: options.signal,
    });
  } finally {
    writer?.close();
  }
  return builder.finish(status);
}

/** A validated experiment, ready to run or to check a file against. @internal */
export interface PreparedExperiment {
  /** The validated scenario. */
  readonly scenario: Scenario;
  /** Record layout. */
  readonly layout: RecordLayout;
  /** Loaded strategies. */
  readonly strategies: LoadedStrategy[];
  /** Manifest. */
  readonly manifest: ExperimentManifest;
  /** Resolved stopping rule. */
  readonly stop: ReturnType<typeof resolveStopWhen> | undefined;
}

/**
 * Validates the options, the scenario and the strategies, and builds the manifest. Errors name `caller`,
 * the public function the options were given to.
 * @internal
 */
export async function prepare(
  options: ExperimentOptions,
  caller = 'runExperiment',
): Promise<PreparedExperiment> {
  if (typeof options !== 'object' || options === null) {
    throw invalid(caller, '', options, 'must be an object', 'Pass { scenario, strategies, replications }.');
  }
  checkOptionNames(options, OPTION_NAMES, `${caller}: options`);
  checkInteger(caller, 'replications', options.replications, 1);
  const level = options.level ?? 0.95;
  if (typeof level !== 'number' || !(level > 0 && level < 1)) {
    throw invalid(caller, 'level', level, 'must be strictly between 0 and 1', 'Use 0.95 for 95 % intervals.');
  }
  const quantileAccuracy = options.quantileAccuracy ?? 0.001;
  if (typeof quantileAccuracy !== 'number' || !(quantileAccuracy > 0 && quantileAccuracy <= 0.5)) {
    throw invalid(
      caller,
      'quantileAccuracy',
      quantileAccuracy,
      'must be in (0, 0.5]',
      'Use 0.001 for 0.1 %.',
    );
  }
  const seriesEvery = options.seriesEvery ?? 'year';
  if (!isSeriesInterval(seriesEvery)) {
    throw invalid(caller, 'seriesEvery', seriesEvery, "must be 'year', 'quarter' or 'month'", '');
  }
  const onError = options.onError ?? 'abort';
  if (onError !== 'abort' && onError !== 'skip') {
    throw invalid(caller, 'onError', onError, "must be 'abort' or 'skip'", '');
  }
  if (options.chunkSize !== undefined) checkInteger(caller, 'chunkSize', options.chunkSize, 1);
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw invalid(
      caller,
      'onProgress',
      options.onProgress,
      'must be a function',
      'Pass (progress) => { … }.',
    );
  }
  const signal = options.signal as unknown;
  if (signal !== undefined && (typeof signal !== 'object' || signal === null || !('aborted' in signal))) {
    throw invalid(
      caller,
      'signal',
      signal,
      'must be an AbortSignal',
      'Pass controller.signal of an AbortController.',
    );
  }
  if (options.keepRecords !== undefined && typeof options.keepRecords !== 'boolean') {
    throw invalid(caller, 'keepRecords', options.keepRecords, 'must be true or false', '');
  }
  const file = options.resultsFile as unknown;
  if (file !== undefined && (typeof file !== 'string' || file === '')) {
    throw invalid(
      caller,
      'resultsFile',
      file,
      "must be a file's path",
      "E.g. 'runs.jsonl'; leave it out for none.",
    );
  }
  const { shard } = options;
  if (shard !== undefined) {
    if (typeof shard !== 'object' || shard === null) {
      throw invalid(
        caller,
        'shard',
        shard,
        'must be an object { index, count }',
        'E.g. { index: 0, count: 2 }.',
      );
    }
    checkInteger(caller, 'shard.count', shard.count, 1);
    checkInteger(caller, 'shard.index', shard.index, 0);
    if (shard.index >= shard.count)
      throw invalid(caller, 'shard.index', shard.index, `must be < shard.count`, '');
    if (options.resultsFile === undefined) {
      throw invalid(
        caller,
        'resultsFile',
        undefined,
        'is required with shard',
        'Name the shard file to merge later.',
      );
    }
    if (options.stopWhen !== undefined) {
      throw invalid(
        caller,
        'stopWhen',
        options.stopWhen,
        'cannot be combined with shard',
        'Stop on the whole run.',
      );
    }
  }
  // Normalises the seed (42 and "42" are the same) and rejects null, NaN or an empty string.
  const seed = normaliseSeed(options.seed === undefined ? 1 : options.seed, `${caller}: options.seed`);
  const scenario = validateScenario(options.scenario, `${caller}: options.scenario`);
  const layout = recordLayout(scenario, seriesEvery);
  const strategies = await loadStrategies(options.strategies, `${caller}: options.`);
  // Here, not in the replications: worker threads then run them without checking again.
  await checkStrategies(strategies, scenario, `${caller}: options.`);
  const baseline = options.baseline ?? strategies[0]!.name;
  if (!strategies.some((s) => s.name === baseline)) {
    throw invalid(
      caller,
      'baseline',
      baseline,
      'is not one of the strategies',
      'Use the name of one of them.',
    );
  }
  const stop =
    options.stopWhen === undefined
      ? undefined
      : resolveStopWhen(options.stopWhen, layout, `${caller}: options.`, options.replications);
  const code = strategies.map((s) => strategyCode(s.descriptor));
  const manifest: ExperimentManifest = {
    dibsim: dibsimVersion(),
    schemaVersion: EXPERIMENT_SCHEMA_VERSION,
    scenario: { name: scenario.name, schemaVersion: scenario.schemaVersion, hash: contentHash(scenario) },
    seed,
    replications: options.replications,
    strategies: strategies.map((s) => s.descriptor),
    ...(code.some((c) => c !== null) ? { strategyCode: code } : {}),
    baseline,
    level,
    quantileAccuracy,
    seriesEvery,
    ...(options.stopWhen === undefined ? {} : { stopWhen: options.stopWhen }),
    onError,
    ...(shard === undefined ? {} : { shard: { index: shard.index, count: shard.count } }),
    node: process.version,
  };
  return { scenario, layout, strategies, manifest, stop };
}

/**
 * The default chunk size as a function of the replications still to launch: about an eighth of each
 * worker's share, at most 16 (a task costs ≈0.5 ms; a chunk of 16 europe-155mm replications ≈1 s), shrinking
 * towards 1 as the plan runs out (guided self-scheduling), so that no worker is left with a long last chunk
 * while the others idle.
 */
function guidedChunkSize(replications: number, workers: number): (remaining: number) => number {
  const largest = Math.max(1, Math.min(16, Math.ceil(replications / (8 * workers))));
  return (remaining) => Math.max(1, Math.min(largest, Math.ceil(remaining / (4 * workers))));
}

function checkInteger(caller: string, name: string, value: unknown, min: number): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw invalid(caller, name, value, `must be an integer >= ${min}`, '');
  }
}

/** An `INVALID_ARGUMENT` error naming the function called (`runExperiment`, `runSweep`, …) and the option. */
function invalid(caller: string, path: string, value: unknown, rule: string, fix: string): DibsimError {
  return new DibsimError(
    'INVALID_ARGUMENT',
    `${caller}: ${path === '' ? 'options' : `options.${path}`} ${rule} (got ${describeValue(value)}).${fix === '' ? '' : ` ${fix}`}`,
  );
}
