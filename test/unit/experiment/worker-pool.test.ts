import { describe, expect, it } from 'vitest';
import { DibsimError, ReplicationError } from '../../../src/errors.js';
import { prepare, runExperiment, workerContext } from '../../../src/experiment/run-experiment.js';
import { runSweep, tornado } from '../../../src/experiment/sweep.js';
import { createReplicationPool, createWorkerPool, MAX_WORKERS } from '../../../src/experiment/worker-pool.js';
import type { Scenario } from '../../../src/model/scenario.js';
import { national, randomSmallScenario, STRATEGIES_MODULE } from './helpers.js';

const strategies = [
  { module: STRATEGIES_MODULE, name: 'national' },
  { module: STRATEGIES_MODULE, export: 'partialOrders', name: 'partial', params: { share: 0.6 } },
];

/** An experiment's options, and its records computed in the calling thread. */
async function reference(scenario: Scenario, seed: string) {
  const options = { scenario, strategies, replications: 6, seed, keepRecords: true };
  const { records } = await runExperiment(options);
  return { context: workerContext(await prepare(options)), records: records! };
}

describe('createReplicationPool', () => {
  it('serves several experiments in turn and interleaved, each chunk with its own context', async () => {
    const small = randomSmallScenario();
    const other: Scenario = {
      ...small,
      nations: small.nations.map((n) => ({
        ...n,
        stockpiles: n.stockpiles.map((s) => ({ ...s, initialRounds: 90_000 })),
      })),
    };
    const a = await reference(small, 'same seed');
    const b = await reference(other, 'same seed');
    // The scenarios differ, so a worker that kept the wrong context would be seen.
    expect(JSON.stringify(a.records)).not.toBe(JSON.stringify(b.records));
    const pool = createReplicationPool(2);
    try {
      const runA = pool.runner(a.context);
      const runB = pool.runner(b.context);
      // Chunks of both experiments in flight at once, in a mixed order, on two threads.
      const chunks = await Promise.all([
        runA([0, 1]),
        runB([0]),
        runA([2, 3]),
        runB([1, 2, 3]),
        runA([4, 5]),
        runB([4, 5]),
      ]);
      const records = (k: number[]) =>
        k.flatMap((i) => chunks[i]!.map((o) => (o.status === 'ok' ? o.record : o)));
      expect(records([0, 2, 4])).toEqual(a.records);
      expect(records([1, 3, 5])).toEqual(b.records);
      // And again after the other experiment: the first is decoded anew, to the same records.
      expect((await runA([5])).map((o) => (o.status === 'ok' ? o.record : o))).toEqual([a.records[5]]);
    } finally {
      await pool.close();
    }
  });

  it('runs queued chunks first in, first out, so the in-order fold is not kept waiting', async () => {
    const { context } = await reference(randomSmallScenario(), 'fifo');
    const pool = createReplicationPool(1);
    try {
      const run = pool.runner(context);
      const finished: number[] = [];
      // Six chunks queued at once on one thread: each must finish before the next one starts.
      await Promise.all([0, 1, 2, 3, 4, 5].map((r) => run([r]).then(() => finished.push(r))));
      expect(finished).toEqual([0, 1, 2, 3, 4, 5]);
      // Likewise with the cancel signal the fold passes: piscina queues a task given its own signal last
      // in, first out, so the runner must not hand it one.
      const cancel = new AbortController();
      const inOrder: number[] = [];
      await Promise.all([0, 1, 2, 3, 4, 5].map((r) => run([r], cancel.signal).then(() => inOrder.push(r))));
      expect(inOrder).toEqual([0, 1, 2, 3, 4, 5]);
    } finally {
      await pool.close();
    }
  });
});

describe('createWorkerPool: threads shared by experiments', () => {
  const share = { strategy: 'partial', path: 'share', values: [0.3, 0.9], low: 0.3, high: 0.9 };

  it('runExperiment, runSweep and tornado on one pool, in turn and at once, give what the calling thread gives', async () => {
    const small = randomSmallScenario();
    const base = { scenario: small, strategies, replications: 5, seed: 'shared pool' };
    const other = { ...base, seed: 'another seed' };
    const sweep = { ...base, levers: [share], design: { type: 'grid' } as const };
    const oat = { ...base, levers: [share], kpis: ['totalSpendEur'] };
    const serial = await Promise.all([
      runExperiment(base),
      runExperiment(other),
      runSweep(sweep),
      tornado(oat),
    ]);
    const pool = createWorkerPool(2);
    try {
      expect(pool.workers).toBe(2);
      const inTurn = [await runExperiment({ ...base, pool }), await runSweep({ ...sweep, pool })];
      const atOnce = await Promise.all([
        runExperiment({ ...other, pool, workers: 2 }),
        tornado({ ...oat, pool }),
        runExperiment({ ...base, pool, chunkSize: 1 }),
      ]);
      const json = (x: unknown) => JSON.stringify(x);
      expect(json(inTurn[0])).toBe(json(serial[0]));
      expect(json(inTurn[1])).toBe(json(serial[2]));
      expect(json(atOnce[0])).toBe(json(serial[1]));
      expect(json(atOnce[1])).toBe(json(serial[3]));
      expect(json(atOnce[2])).toBe(json(serial[0]));
    } finally {
      await pool.close();
    }
    await pool.close(); // twice is harmless
  });

  it('refuses a closed pool, something else as a pool, a worker count that contradicts the pool, and a factory strategy', async () => {
    const base = { scenario: randomSmallScenario(), strategies, replications: 2 };
    const pool = createWorkerPool(1);
    try {
      await expect(runExperiment({ ...base, pool, workers: 2 })).rejects.toThrow(
        'runExperiment: options.workers differs from the 1 thread of options.pool (got 2). Leave workers out when giving a pool.',
      );
      await expect(runExperiment({ ...base, strategies: [national], pool })).rejects.toThrow(
        /strategies\[0\] is a factory, which cannot cross to a worker thread/,
      );
      const fake = { workers: 1, close: async () => {} };
      await expect(runExperiment({ ...base, pool: fake })).rejects.toThrow(
        /^runExperiment: options.pool must be a pool from createWorkerPool\(workers\) \(got \{/,
      );
    } finally {
      await pool.close();
    }
    await expect(runExperiment({ ...base, pool })).rejects.toThrow(
      'runExperiment: options.pool is closed. Create another with createWorkerPool(workers), and close it after its last experiment.',
    );
    await expect(runSweep({ ...base, pool, levers: [share], design: { type: 'grid' } })).rejects.toThrow(
      /^runSweep: options.pool is closed/,
    );
    await expect(tornado({ ...base, pool, levers: [share], kpis: ['totalSpendEur'] })).rejects.toThrow(
      /^tornado: options.pool is closed/,
    );
    for (const workers of [0, 1.5, '2', Number.NaN]) {
      expect(() => createWorkerPool(workers as number)).toThrow(
        /^createWorkerPool: workers must be an integer >= 1/,
      );
    }
  });
});

describe('createWorkerPool: closing and limits', () => {
  it('closing a pool while an experiment runs on it fails the experiment with INVALID_STATE, not as a replication failure', async () => {
    const pool = createWorkerPool(2);
    let closing: Promise<void> | undefined;
    const run = runExperiment({
      scenario: randomSmallScenario(),
      strategies,
      replications: 20,
      pool,
      onProgress: (p) => {
        // Replications of later chunks are still queued or running.
        if (p.completed === 1) closing = pool.close();
      },
    });
    const error = await run.then(
      () => undefined,
      (e: unknown) => e,
    );
    await closing;
    expect(error).toBeInstanceOf(DibsimError);
    expect(error).not.toBeInstanceOf(ReplicationError);
    expect((error as DibsimError).code).toBe('INVALID_STATE');
    expect((error as Error).message).toMatch(
      /^WorkerPool\.close: the pool was closed while an experiment was running on it, so replications [\d, ]+ could not finish\. Await the experiments on a pool before closing it/,
    );
  });

  it('refuses more than MAX_WORKERS threads, for a pool and for an experiment alike, before starting any', async () => {
    expect(MAX_WORKERS).toBe(256);
    expect(() => createWorkerPool(257)).toThrow(
      /^createWorkerPool: workers must be at most 256 \(got 257\)\. Use at most the machine's cores, os\.availableParallelism\(\) \(\d+ here\): more threads only add overhead\.$/,
    );
    expect(() => createWorkerPool(1000)).toThrow(
      /^createWorkerPool: workers must be at most 256 \(got 1000\)/,
    );
    const options = { scenario: randomSmallScenario(), strategies, replications: 2 };
    await expect(runExperiment({ ...options, workers: 257 })).rejects.toThrow(
      /^runExperiment: options\.workers must be at most 256 \(got 257\)\. Use at most the machine's cores/,
    );
    await expect(
      runSweep({
        ...options,
        workers: 1000,
        levers: [{ strategy: 'partial', path: 'share', values: [0.3, 0.9] }],
        design: { type: 'grid' },
      }),
    ).rejects.toThrow(/^runSweep: options\.workers must be at most 256 \(got 1000\)/);
  });
});
