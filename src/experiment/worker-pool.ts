/**
 * A pool of worker threads that run replications (piscina). Only this module knows about threads.
 *
 * @module
 */
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { errorData, type ReplicationOutcome, type WorkerContext } from './replicate.js';

/**
 * Young-generation size of each worker's heap, MB (V8's default here is 96, i.e. 32 MB semi-spaces).
 * A replication keeps its contracts and delivery plans alive for its whole run, so with small semi-spaces
 * the scavenger copies them again and again; 192 MB cut the CPU of europe-155mm experiments by about a
 * fifth (measured side by side: 22–25 s of CPU against 28–33 s for 3 × 100 replications on 2 workers;
 * 384 was no better). Memory is committed only as the young generation grows.
 */
const WORKER_YOUNG_GENERATION_MB = 192;

/** A running pool. @internal */
export interface ReplicationPool {
  /** Runs a chunk of replications in one worker; never rejects (failures come back as data). */
  run(replications: readonly number[]): Promise<ReplicationOutcome[]>;
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

/**
 * Starts `threads` worker threads that share `context` (sent once, as `workerData`).
 * @internal
 */
export function createReplicationPool(threads: number, context: WorkerContext): ReplicationPool {
  const pool = new Piscina({
    filename: workerEntryPath(),
    // A fixed pool: with only maxThreads set, piscina tore threads down between tasks.
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    workerData: context,
  });
  return {
    run: (replications) =>
      (pool.run(replications) as Promise<ReplicationOutcome[]>).catch((error: unknown) =>
        replications.map(
          (replication): ReplicationOutcome => ({
            status: 'failed',
            replication,
            strategy: '(worker thread)',
            error: errorData(error),
          }),
        ),
      ),
    close: () => pool.destroy(),
  };
}
