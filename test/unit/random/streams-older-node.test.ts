import { describe, expect, it, vi } from 'vitest';
import { GOLDEN_STREAMS } from './golden-streams.js';

// Node before 20.12 has no one-shot `crypto.hash`: streams must then derive the same starting states
// with `createHash`. The mock hides `hash` and counts the `createHash` calls, so the test knows which
// path ran.
const createHashCalls = vi.hoisted(() => ({ count: 0 }));
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return {
    ...actual,
    hash: undefined,
    createHash: (...args: Parameters<typeof actual.createHash>) => {
      createHashCalls.count++;
      return actual.createHash(...args);
    },
  };
});

const { createStreams } = await import('../../../src/random/streams.js');

describe('createStreams on a Node without crypto.hash', () => {
  it.each(GOLDEN_STREAMS)(
    'derives the golden stream: seed %j, replication %j, key %j',
    (seed, replication, key, golden) => {
      const before = createHashCalls.count;
      const stream = createStreams(seed, { replication }).stream(key);
      expect(createHashCalls.count).toBe(before + 1);
      expect(Array.from({ length: 4 }, stream)).toEqual(golden);
    },
  );
});
