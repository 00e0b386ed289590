import { describe, expect, it } from 'vitest';
import type { ReplicationOutcome } from '../../../src/experiment/replicate.js';
import { foldInOrder } from '../../../src/experiment/schedule.js';

const ok = (replication: number): ReplicationOutcome => ({
  status: 'ok',
  record: { replication, values: [] },
});

describe('foldInOrder', () => {
  it('sizes chunks by the replications still to launch, and folds every outcome in plan order', async () => {
    const replications = Array.from({ length: 40 }, (_, i) => 100 + i);
    const chunks: number[][] = [];
    const folded: number[] = [];
    const status = await foldInOrder({
      plan: { length: replications.length, at: (position) => replications[position]! },
      // Later chunks finish first, so the fold has to wait for the earlier ones.
      runChunk: async (replications) => {
        chunks.push([...replications]);
        await new Promise((resolve) => setTimeout(resolve, 40 - chunks.length));
        return replications.map(ok);
      },
      chunkSize: (remaining) => Math.max(1, Math.min(8, Math.ceil(remaining / 4))),
      window: 16,
      accept: (outcome) => {
        folded.push(outcome.status === 'ok' ? outcome.record.replication : -1);
        return 'continue';
      },
    });
    expect(status).toBe('complete');
    expect(folded).toEqual(replications);
    // 40 left: 8, 8, then 24 left: 6, 18: 5, 13: 4, 9: 3, 6: 2, 4: 1, 1, 1, 1.
    expect(chunks.map((c) => c.length)).toEqual([8, 8, 6, 5, 4, 3, 2, 1, 1, 1, 1]);
    expect(chunks.flat()).toEqual(replications);
  });
});

describe('foldInOrder, cancelled while it waits', () => {
  it('notices an abort of a signal with only `aborted`, lets chunks finish for a moment, then cancels the rest', async () => {
    const signal = { aborted: false };
    const computed: number[] = [];
    const cancels: boolean[] = [];
    const started = performance.now();
    setTimeout(() => {
      signal.aborted = true;
    }, 30);
    const status = await foldInOrder({
      plan: { length: 3, at: (position) => position },
      // Replication 1 finishes during the grace period after the abort; 0 and 2 never would.
      runChunk: (replications, cancel) =>
        new Promise((resolve, reject) => {
          const r = replications[0]!;
          if (r === 1) setTimeout(() => resolve([ok(r)]), 120);
          cancel!.addEventListener('abort', () => {
            cancels.push(cancel!.aborted);
            reject(new Error(`cancelled ${r}`));
          });
        }),
      chunkSize: 1,
      window: 3,
      onComputed: (outcome) => computed.push(outcome.status === 'ok' ? outcome.record.replication : -1),
      accept: () => {
        throw new Error('nothing should be folded');
      },
      signal,
    });
    expect(status).toBe('cancelled');
    // The finished chunk reached onComputed (a results file); the cancelled ones did not.
    expect(computed).toEqual([1]);
    expect(cancels).toEqual([true, true, true]);
    expect(performance.now() - started).toBeLessThan(2_000);
  }, 5_000);

  it('returns at once when the signal was aborted before it started, running nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    let chunks = 0;
    const status = await foldInOrder({
      plan: { length: 2, at: (position) => position },
      runChunk: async (replications) => {
        chunks++;
        return replications.map(ok);
      },
      chunkSize: 1,
      window: 2,
      accept: () => 'continue',
      signal: controller.signal,
    });
    expect([status, chunks]).toEqual(['cancelled', 0]);
  });
});
