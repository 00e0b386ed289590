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
  /**
   * Runs a chunk of replications. A failing replication is an outcome, not a rejection. It rejects once
   * `cancel` is aborted (the chunk was cancelled, a worker running it stopped, and its replications count as
   * neither computed nor failed), or with an error of the whole run (the pool closed under it, strategies
   * that do not load in a worker thread), which the fold rejects with when it reaches the chunk, after the
   * chunks started have settled. The fold always passes `cancel`; other callers may leave it out.
   */
  readonly runChunk: (
    replications: readonly number[],
    cancel?: CancelSignal,
  ) => Promise<ReplicationOutcome[]>;
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
  /**
   * Cancels the fold: checked before each outcome and, while waiting for one, on an `abort` event when the
   * signal has `addEventListener`, else every {@link ABORT_POLL_MS} ms. Chunks still running then get
   * {@link ABORT_GRACE_MS} ms to finish (and reach `onComputed`) before they are cancelled.
   */
  readonly signal?: { readonly aborted: boolean } | undefined;
}

/**
 * What a chunk is given to notice that it was cancelled: an `AbortSignal` (the fold's own), declared by
 * what the runners read so that the published types need neither the DOM library nor `@types/node`.
 * The fold aborts it when a cancellation's grace period is over (the worker runner then restarts its
 * threads if chunks of the experiment still run) and, to let runners forget it, when the fold ends.
 * @internal
 */
export interface CancelSignal {
  /** Whether the chunk was cancelled. */
  readonly aborted: boolean;
  /** Calls `listener` once the chunk is cancelled. */
  addEventListener(type: 'abort', listener: () => void, options?: { once: boolean }): void;
  /** Removes a listener added with `addEventListener`. */
  removeEventListener(type: 'abort', listener: () => void): void;
}

/**
 * How often a fold waiting for an outcome checks a signal that cannot tell it of an abort (one with only
 * `aborted`), ms: prompt enough for a person pressing Ctrl-C, and a negligible cost while it waits.
 * @internal
 */
export const ABORT_POLL_MS = 50;

/**
 * How long chunks still running when a fold is cancelled get to finish, ms, so that their replications
 * reach `onComputed` (a results file that a later run resumes); then they are cancelled, and a worker
 * stuck in a replication that never ends is stopped rather than waited for. Short: a cancelled run should
 * settle promptly, and at worst it loses a chunk per worker.
 * @internal
 */
export const ABORT_GRACE_MS = 250;

/** The size of the next chunk when `remaining` replications are still to launch. @internal */
export function chunkSizeFor(chunkSize: FoldInOrderOptions['chunkSize'], remaining: number): number {
  return typeof chunkSize === 'number' ? chunkSize : chunkSize(remaining);
}

/**
 * Folds the plan's outcomes in order and returns how it ended. Chunks already started are awaited before
 * it returns, even after a stop or a throw, so nothing is left running; after a cancellation (`signal`),
 * those that do not finish within {@link ABORT_GRACE_MS} are cancelled, so a stuck worker cannot keep the
 * fold from returning.
 * @internal
 */
export async function foldInOrder(
  options: FoldInOrderOptions,
): Promise<'complete' | 'stopped' | 'cancelled'> {
  const { plan, done, runChunk, chunkSize, window, onComputed, accept, signal } = options;
  const pending = new Map<number, Promise<ReplicationOutcome>>();
  const known = new Set<number>(); // positions whose outcome came from `done`
  const started: Promise<unknown>[] = [];
  const cancel = new AbortController();
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
      const chunk = runChunk(
        positions.map((p) => plan.at(p)),
        cancel.signal,
      ).then((outcomes) => {
        if (onComputed !== undefined) for (const o of outcomes) onComputed(o);
        return outcomes;
      });
      started.push(chunk.catch(() => undefined));
      positions.forEach((p, k) => {
        const outcome = chunk.then((outcomes) => outcomes[k]!);
        // A cancelled chunk rejects, and the fold may no longer be waiting for its outcomes.
        outcome.catch(() => undefined);
        pending.set(p, outcome);
      });
    }
  };
  const watch = watchAbort(signal);
  let cancelled = false;
  try {
    for (let position = 0; position < plan.length; position++) {
      if (signal?.aborted === true) {
        cancelled = true;
        return 'cancelled';
      }
      launch(position + window);
      const outcome = await watch.wait(pending.get(position)!);
      if (outcome === ABORTED) {
        cancelled = true;
        return 'cancelled';
      }
      pending.delete(position);
      if (accept(outcome, known.delete(position)) === 'stop')
        return position + 1 < plan.length ? 'stopped' : 'complete';
    }
    return 'complete';
  } finally {
    watch.dispose();
    // Let started chunks finish (and reach the results file) before the caller closes anything; after a
    // cancellation, only for a moment.
    if (cancelled) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled(started),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, ABORT_GRACE_MS);
        }),
      ]);
      clearTimeout(timer);
      cancel.abort();
    }
    await Promise.allSettled(started);
    // Every chunk has settled: this only tells the runners that the fold is over (they let go of it).
    cancel.abort();
  }
}

/** What {@link watchAbort}'s `wait` gives instead of an outcome once the signal is aborted. */
const ABORTED = Symbol('aborted');

/**
 * Waits for promises, or for `signal` to be aborted, whichever comes first: on its `abort` event when it
 * has one (an `AbortSignal`), and by checking it every {@link ABORT_POLL_MS} ms in any case. One waiter
 * at a time, so nothing accumulates on a long-lived promise (as `Promise.race` against one would).
 */
function watchAbort(signal: { readonly aborted: boolean } | undefined): {
  wait<T>(promise: Promise<T>): Promise<T | typeof ABORTED>;
  dispose(): void;
} {
  if (signal === undefined) return { wait: (promise) => promise, dispose: () => {} };
  let wake: (() => void) | undefined;
  const check = () => {
    if (signal.aborted) wake?.();
  };
  const timer = setInterval(check, ABORT_POLL_MS);
  const target = signal as Partial<CancelSignal>;
  const events =
    typeof target.addEventListener === 'function' && typeof target.removeEventListener === 'function';
  if (events) target.addEventListener!('abort', check);
  return {
    wait: (promise) =>
      new Promise((resolve, reject) => {
        wake = () => resolve(ABORTED);
        promise.then(resolve, reject);
      }),
    dispose: () => {
      clearInterval(timer);
      if (events) target.removeEventListener!('abort', check);
    },
  };
}
