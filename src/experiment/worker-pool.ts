/**
 * A pool of worker threads that run replications (piscina). Only this module knows about threads.
 *
 * @module
 */
import { fileURLToPath } from 'node:url';
import { serialize } from 'node:v8';
import { Piscina } from 'piscina';
import { errorData, type ReplicationOutcome, type WorkerContext, type WorkerTask } from './replicate.js';
import type { FoldInOrderOptions } from './schedule.js';

/**
 * Young-generation size of each worker's heap, MB (V8's default here is 96, i.e. 32 MB semi-spaces).
 * A replication keeps its contracts and delivery plans alive for its whole run, so with small semi-spaces
 * the scavenger copies them again and again; 192 MB cut the CPU of europe-155mm experiments by about a
 * fifth (measured side by side: 22–25 s of CPU against 28–33 s for 3 × 100 replications on 2 workers;
 * 384 was no better). Memory is committed only as the young generation grows.
 */
const WORKER_YOUNG_GENERATION_MB = 192;

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
  /** A runner for the experiment of `context`; its chunks never reject (failures come back as data). */
  runner(context: WorkerContext): ChunkRunner;
  /** Stops the threads. */
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
  const pool = new Piscina({
    filename: workerEntryPath(),
    // A fixed pool: with only maxThreads set, piscina tore threads down between tasks.
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
  });
  let experiments = 0;
  return {
    threads,
    runner(context) {
      // Serialised once: each task carries these bytes (a copy costs microseconds), and a worker decodes
      // them only when it meets a new experiment, so any worker can take any task.
      const experiment = ++experiments;
      const bytes = serialize(context);
      return (replications) => {
        const task: WorkerTask = { experiment, context: bytes, replications };
        return (pool.run(task) as Promise<ReplicationOutcome[]>).catch((error: unknown) =>
          replications.map(
            (replication): ReplicationOutcome => ({
              status: 'failed',
              replication,
              strategy: '(worker thread)',
              error: errorData(error),
            }),
          ),
        );
      };
    },
    close: () => pool.destroy(),
  };
}

/**
 * Runs `fn` with a pool of `threads` worker threads (none when `threads` is 0), closed when `fn` settles.
 * @internal
 */
export async function withReplicationPool<T>(
  threads: number,
  fn: (pool: ReplicationPool | undefined) => Promise<T>,
): Promise<T> {
  const pool = threads === 0 ? undefined : createReplicationPool(threads);
  try {
    return await fn(pool);
  } finally {
    await pool?.close();
  }
}
