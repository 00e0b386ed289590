/**
 * Scheduling: replications run in chunks, possibly out of order in worker threads, while their outcomes
 * are folded strictly in replication order — the one order that makes results independent of how the
 * work was split.
 *
 * @module
 */
import type { ReplicationOutcome } from './replicate.js';

/** Outcomes known before a run starts (a `Map` will do; results files read them back lazily). @internal */
export interface KnownOutcomes {
  /** Whether replication `r` is known. */
  has(replication: number): boolean;
  /** The outcome of replication `r`, if known. */
  get(replication: number): ReplicationOutcome | undefined;
}

/**
 * The replication indices a run or shard owns, read by position. Computed rather than stored, so that a
 * plan of 10⁹ replications (a stopping rule's "at most") costs nothing before the first one runs.
 * @internal
 */
export interface ReplicationPlan {
  /** How many replications the plan holds. */
  readonly length: number;
  /** The replication index at `position`, 0 ≤ `position` < `length`. */
  at(position: number): number;
}

/** What {@link foldInOrder} needs. @internal */
export interface FoldInOrderOptions {
  /** Replication indices to fold, in order. */
  readonly plan: ReplicationPlan;
  /** Outcomes already known (from a results file), by replication index; read only when their turn comes. */
  readonly done?: KnownOutcomes | undefined;
  /** Runs a chunk of replications; must not reject (failures are outcomes). */
  readonly runChunk: (replications: readonly number[]) => Promise<ReplicationOutcome[]>;
  /**
   * Replications per chunk, ≥ 1: a number, or a function of the replications still to launch (guided
   * scheduling: smaller chunks near the end, so that the workers finish together).
   */
  readonly chunkSize: number | ((remaining: number) => number);
  /** Replications started ahead of the fold, ≥ 1: enough to keep every worker busy, and the bound on buffering. */
  readonly window: number;
  /** Called with each newly computed outcome as its chunk completes (e.g. to append it to a file). */
  readonly onComputed?: ((outcome: ReplicationOutcome) => void) | undefined;
  /**
   * Takes the next outcome in order, `known` when it came from `done` rather than from `runChunk`;
   * `'stop'` ends the run.
   */
  readonly accept: (outcome: ReplicationOutcome, known: boolean) => 'continue' | 'stop';
  /** Cancels before the next outcome is folded. */
  readonly signal?: { readonly aborted: boolean } | undefined;
}

/** The size of the next chunk when `remaining` replications are still to launch. @internal */
export function chunkSizeFor(chunkSize: FoldInOrderOptions['chunkSize'], remaining: number): number {
  return typeof chunkSize === 'number' ? chunkSize : chunkSize(remaining);
}

/**
 * Folds the plan's outcomes in order and returns how it ended. Chunks already started are awaited before
 * it returns, even after a stop, a cancellation or a throw, so nothing is left running.
 * @internal
 */
export async function foldInOrder(
  options: FoldInOrderOptions,
): Promise<'complete' | 'stopped' | 'cancelled'> {
  const { plan, done, runChunk, chunkSize, window, onComputed, accept, signal } = options;
  const pending = new Map<number, Promise<ReplicationOutcome>>();
  const known = new Set<number>(); // positions whose outcome came from `done`
  const started: Promise<unknown>[] = [];
  let launched = 0;
  const launch = (limit: number) => {
    while (launched < plan.length && launched < limit) {
      const outcome = done?.get(plan.at(launched));
      if (outcome !== undefined) {
        known.add(launched);
        pending.set(launched++, Promise.resolve(outcome));
        continue;
      }
      const positions: number[] = [];
      const size = chunkSizeFor(chunkSize, plan.length - launched);
      while (launched < plan.length && positions.length < size && done?.has(plan.at(launched)) !== true) {
        positions.push(launched++);
      }
      const chunk = runChunk(positions.map((p) => plan.at(p))).then((outcomes) => {
        if (onComputed !== undefined) for (const o of outcomes) onComputed(o);
        return outcomes;
      });
      started.push(chunk.catch(() => undefined));
      positions.forEach((p, k) => {
        pending.set(
          p,
          chunk.then((outcomes) => outcomes[k]!),
        );
      });
    }
  };
  try {
    for (let position = 0; position < plan.length; position++) {
      if (signal?.aborted === true) return 'cancelled';
      launch(position + window);
      const outcome = await pending.get(position)!;
      pending.delete(position);
      if (accept(outcome, known.delete(position)) === 'stop')
        return position + 1 < plan.length ? 'stopped' : 'complete';
    }
    return 'complete';
  } finally {
    // Let started chunks finish (and reach the results file) before the caller closes anything.
    await Promise.allSettled(started);
  }
}
