/**
 * A pool of worker threads that run replications (piscina). Only this module knows about threads.
 *
 * @module
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { serialize } from 'node:v8';
import { Piscina } from 'piscina';
import { DibsimError, describeValue } from '../errors.js';
import {
  errorData,
  errorFromData,
  LOADING_STRATEGIES,
  type ReplicationOutcome,
  type WorkerContext,
  type WorkerTask,
} from './replicate.js';
import type { CancelSignal, FoldInOrderOptions } from './schedule.js';

/**
 * Young-generation size of each worker's heap, MB (V8's default here is 96, i.e. 32 MB semi-spaces).
 * A replication keeps its contracts and delivery plans alive for its whole run, so with small semi-spaces
 * the scavenger copies them again and again; 192 MB cut the CPU of europe-155mm experiments by about a
 * fifth (measured side by side: 22–25 s of CPU against 28–33 s for 3 × 100 replications on 2 workers;
 * 384 was no better). Memory is committed only as the young generation grows. Exported for the
 * benchmarks, which give their own threads and processes the same.
 * @internal
 */
export const WORKER_YOUNG_GENERATION_MB = 192;

/**
 * The most worker threads a pool or an experiment may start. Threads beyond the machine's cores only add
 * overhead, and each costs a V8 heap and a start-up: 1000 threads took 4.7 GB and blocked the event loop
 * for 23–46 s (and once crashed Node). A fixed number rather than a multiple of this machine's cores, so
 * that options accepted on one machine are accepted on every other (results do not depend on the number);
 * 256 covers the largest common servers (2 × 64 cores with two threads each).
 * @internal
 */
export const MAX_WORKERS = 256;

/** Runs chunks of one experiment's replications (what the in-order fold calls). @internal */
export type ChunkRunner = FoldInOrderOptions['runChunk'];

/**
 * A running pool. One pool can serve several experiments in turn (the points of a sweep): its threads
 * keep the code V8 has optimised, so only the first experiment pays each worker's start-up and warm-up.
 * @internal
 */
export interface ReplicationPool {
  /** Number of worker threads. */
  readonly threads: number;
  /**
   * A runner for the experiment of `context`. Its chunks do not reject for a failing replication or a
   * crashed thread (failures come back as data), only when cancelled (the threads are restarted if the
   * chunk was still running, and it rejects), with a {@link DibsimError} `INVALID_STATE` when the pool is
   * closed before they finish, and with a {@link DibsimError} `INVALID_ARGUMENT` when the strategies do not
   * load in a worker thread (no replication ran; the pool stays usable).
   */
  runner(context: WorkerContext): ChunkRunner;
  /** Stops the threads; chunks still queued or running then reject (see `runner`). */
  close(): Promise<void>;
}

/**
 * The worker entry for the current build: compiled JavaScript next to this module in `dist/`, or, when
 * this module runs from TypeScript sources (tests, tsx), a bootstrap that registers tsx inside the worker,
 * since tsx's hooks do not reach worker threads on Node 20.
 * @internal
 */
export function workerEntryPath(): string {
  const fromSources = import.meta.url.endsWith('.ts');
  return fileURLToPath(
    new URL(fromSources ? './worker-bootstrap.mjs' : './worker-entry.js', import.meta.url),
  );
}

/** Starts `threads` worker threads. @internal */
export function createReplicationPool(threads: number): ReplicationPool {
  const start = () =>
    new Piscina({
      filename: workerEntryPath(),
      // A fixed pool: with only maxThreads set, piscina tore threads down between tasks.
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 60_000,
      // Chunks in the order they were queued. By default piscina sends a task it cannot hand out yet to the
      // back of its queue, so early chunks ran late; the in-order fold then waited for them and, once the
      // window of chunks ahead was used up, the other worker sat idle (half a second of a 12 s run).
      stricterFIFO: true,
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
  let pool = start();
  // Threads are stopped by restarting them, not through piscina's per-task signal: piscina queues a task
  // that has a signal last in, first out (5.3.2), and chunks out of order cost the 2-worker run about 2 % of
  // its cores. A task that fails because another experiment's cancellation restarted the threads runs again
  // on the new ones (a replication depends only on its seed, so its outcome is the same).
  let restarts = 0;
  const running = new Map<CancelSignal, number>();
  const restart = () => {
    const old = pool;
    pool = start();
    restarts++;
    void old.destroy();
  };
  let experiments = 0;
  // Set before the threads are stopped, so that the tasks this fails are told from a thread that crashed.
  let closing = false;
  const run = (task: WorkerTask, cancel: CancelSignal | undefined): Promise<ReplicationOutcome[]> => {
    const generation = restarts;
    return (pool.run(task) as Promise<ReplicationOutcome[]>).catch((error: unknown) => {
      // Cancelled: its replications neither finished nor failed.
      if (cancel?.aborted === true) throw error;
      if (closing) {
        throw new DibsimError(
          'INVALID_STATE',
          `WorkerPool.close: the pool was closed while an experiment was running on it, so replications ${task.replications.join(', ')} could not finish. Await the experiments on a pool before closing it (or cancel them with their signal first).`,
          { cause: error },
        );
      }
      if (restarts !== generation) return run(task, cancel);
      return task.replications.map(
        (replication): ReplicationOutcome => ({
          status: 'failed',
          replication,
          strategy: '(worker thread)',
          error: errorData(error),
        }),
      );
    });
  };
  return {
    threads,
    runner(context) {
      // Serialised once: each task carries these bytes (a copy costs microseconds), and a worker decodes
      // them only when it meets a new experiment, so any worker can take any task.
      const experiment = ++experiments;
      const bytes = serialize(context);
      return (replications, cancel) => {
        const task: WorkerTask = { experiment, context: bytes, replications };
        if (cancel === undefined) return run(task, undefined).then(throwIfNotLoaded);
        if (cancel.aborted) return Promise.reject(new Error('cancelled'));
        // The first chunk of an experiment listens for its cancellation: chunks still running then are
        // stopped with their threads.
        if (!running.has(cancel)) {
          cancel.addEventListener(
            'abort',
            () => {
              if ((running.get(cancel) ?? 0) > 0 && !closing) restart();
              running.delete(cancel);
            },
            { once: true },
          );
        }
        running.set(cancel, (running.get(cancel) ?? 0) + 1);
        // The fold aborts `cancel` when it ends, cancelled or not, which lets go of the entry.
        return run(task, cancel)
          .then(throwIfNotLoaded)
          .finally(() => {
            if (!cancel.aborted) running.set(cancel, (running.get(cancel) ?? 1) - 1);
          });
      };
    },
    close: () => {
      closing = true;
      return pool.destroy();
    },
  };
}

/**
 * `outcomes`, unless the strategies did not load in the worker thread: that is no replication's failure
 * (none ran) but the whole experiment's, so it rejects the chunk, and nothing of it reaches a results file.
 * The calling thread loaded the same modules, so the thread lacks a loader it has.
 */
function throwIfNotLoaded(outcomes: ReplicationOutcome[]): ReplicationOutcome[] {
  const failure = outcomes.find((o) => o.status === 'failed' && o.strategy === LOADING_STRATEGIES);
  if (failure?.status !== 'failed') return outcomes;
  throw new DibsimError(
    'INVALID_ARGUMENT',
    `Worker threads could not load a strategy that the calling thread loaded: ${failure.error.message} On Node 20, loaders given with --import do not reach worker threads: for a TypeScript module they register tsx themselves, if it is installed where dibsim can import it; with another loader, compile the module to JavaScript, or run in the calling thread (workers: 0, or --workers 0 on the command line).`,
    { cause: errorFromData(failure.error) },
  );
}

/**
 * Runs `fn` with worker threads: a shared pool, left open for the next experiment, or `threads` threads
 * started now (none when 0) and closed when `fn` settles.
 * @internal
 */
export async function withReplicationPool<T>(
  threads: number | ReplicationPool,
  fn: (pool: ReplicationPool | undefined) => Promise<T>,
): Promise<T> {
  if (typeof threads !== 'number') return fn(threads);
  const pool = threads === 0 ? undefined : createReplicationPool(threads);
  try {
    return await fn(pool);
  } finally {
    await pool?.close();
  }
}

/**
 * Worker threads that outlive one experiment, from {@link createWorkerPool}. Each thread keeps the code V8
 * has optimised for it, so experiments after the first start warm: worth it when one process runs many
 * experiments (several scenarios, a notebook, a service).
 */
export interface WorkerPool {
  /** Number of worker threads. */
  readonly workers: number;
  /**
   * Stops the threads; call it when the experiments on the pool have finished (the process does not exit
   * while the threads run). Closing twice is harmless; a closed pool cannot run experiments. An experiment
   * still running on the pool fails with a {@link DibsimError} `INVALID_STATE`.
   */
  close(): Promise<void>;
}

/** The threads behind each pool handed out, and whether it was closed. */
const pools = new WeakMap<WorkerPool, { readonly threads: ReplicationPool; closed: boolean }>();

/**
 * Starts `workers` worker threads for experiments to share: pass the pool as `pool` to
 * {@link runExperiment}, {@link runSweep} or {@link tornado}, in turn or at once. Results are bit-identical
 * to runs with `workers` threads of their own.
 *
 * @param workers - number of threads, an integer from 1 to 256 (more than the machine's cores only adds
 *   overhead)
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if `workers` is not an integer from 1 to 256.
 * @example
 * const pool = createWorkerPool(2);
 * try {
 *   for (const scenario of scenarios) results.push(await runExperiment({ scenario, strategies, replications: 200, pool }));
 * } finally {
 *   await pool.close();
 * }
 */
export function createWorkerPool(workers: number): WorkerPool {
  if (typeof workers !== 'number' || !Number.isSafeInteger(workers) || workers < 1) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `createWorkerPool: workers must be an integer >= 1 (got ${describeValue(workers)}). Use 2 for two threads.`,
    );
  }
  if (workers > MAX_WORKERS)
    throw new DibsimError('INVALID_ARGUMENT', tooManyWorkers('createWorkerPool: workers', workers));
  const state = { threads: createReplicationPool(workers), closed: false };
  const pool: WorkerPool = Object.freeze({
    workers,
    close: async () => {
      if (state.closed) return;
      state.closed = true;
      await state.threads.close();
    },
  });
  pools.set(pool, state);
  return pool;
}

/**
 * The threads of a pool from {@link createWorkerPool}.
 * @param where - what to name in errors, e.g. `runExperiment: options.pool`
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if `pool` is not such a pool or is closed.
 * @internal
 */
export function threadsOf(pool: unknown, where: string): ReplicationPool {
  const state = pools.get(pool as WorkerPool);
  if (state === undefined) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `${where} must be a pool from createWorkerPool(workers) (got ${describeValue(pool)}). Or leave it out and give workers.`,
    );
  }
  if (state.closed) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `${where} is closed. Create another with createWorkerPool(workers), and close it after its last experiment.`,
    );
  }
  return state.threads;
}

/**
 * The message for a number of worker threads above {@link MAX_WORKERS}.
 * @param where - what to name, e.g. `runExperiment: options.workers`
 * @internal
 */
export function tooManyWorkers(where: string, workers: number): string {
  const cores = availableParallelism();
  return `${where} must be at most ${MAX_WORKERS} (got ${workers}). Use at most the machine's cores, os.availableParallelism() (${cores} here): more threads only add overhead.`;
}
