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
