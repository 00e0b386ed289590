import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DibsimError, ReplicationError } from '../../../src/errors.js';
import { replicationPlan, runExperiment, threadsFor } from '../../../src/experiment/run-experiment.js';
import { createWorkerPool } from '../../../src/experiment/worker-pool.js';
import { randomSmallScenario, STRATEGIES_MODULE } from './helpers.js';

const options = {
  scenario: randomSmallScenario(),
  strategies: [
    { module: STRATEGIES_MODULE },
    { module: STRATEGIES_MODULE, export: 'partialOrders', params: { share: 0.6 } },
  ],
  replications: 24,
  seed: 'workers',
  stopWhen: { halfWidth: { totalSpendEur: { relative: 0.5 } }, batch: 5, minReplications: 5 },
  keepRecords: true,
};

describe('runExperiment with worker threads', () => {
  it('gives bit-identical results with 0 (calling thread), 1, 2 and 4 workers and any chunk size', async () => {
    const reference = await runExperiment(options);
    // Stopped early: workers had replications in flight past the stopping point, which must not count.
    expect([reference.status, reference.replications]).toEqual(['stopped', 5]);
    const serial = JSON.stringify(reference);
    // Chunk sizes (replications per worker task) must not matter either.
    for (const [workers, chunkSize] of [
      [1, 1],
      [2, 3],
      [4, 2],
      [2, 16],
    ] as const) {
      const result = await runExperiment({ ...options, workers, chunkSize });
      expect(JSON.stringify(result), `${workers} workers, chunks of ${chunkSize}`).toBe(serial);
    }
    // The default: chunks that shrink as the plan runs out.
    expect(JSON.stringify(await runExperiment({ ...options, workers: 2 }))).toBe(serial);
  });

  it('runs the compiled build (dist/, worker-entry.js) to the same result as the sources (tsx bootstrap)', async () => {
    const built = new URL('../../../dist/index.js', import.meta.url);
    expect(existsSync(built), 'run `npm run build` first').toBe(true);
    const dist = (await import(built.href)) as { runExperiment: typeof runExperiment };
    const fromDist = await dist.runExperiment({ ...options, workers: 2 });
    expect(JSON.stringify(fromDist)).toBe(JSON.stringify(await runExperiment({ ...options, workers: 2 })));
  });

  // Each worker is an OS thread of this process: count them while the run is under way (Linux only).
  it.runIf(process.platform === 'linux')(
    'starts no more worker threads than there are replications to run',
    async () => {
      const threadsNow = () => readdirSync('/proc/self/task').length;
      const before = threadsNow();
      let during = 0;
      const result = await runExperiment({
        ...options,
        stopWhen: undefined,
        replications: 2,
        workers: 16,
        onProgress: () => {
          during = Math.max(during, threadsNow());
        },
      });
      expect(result.replications).toBe(2);
      // 2 workers, plus at most libuv's 4 pool threads started on first use; 16 workers would add 16.
      expect(during - before).toBeGreaterThanOrEqual(2);
      expect(during - before).toBeLessThan(16);
    },
  );
});

describe('a strategy module that worker threads cannot load', () => {
  const module = fileURLToPath(new URL('./fixtures/main-thread-only.mjs', import.meta.url));

  it('fails the experiment with an error saying so, not as failed replications kept in the results file', async () => {
    const resultsFile = join(mkdtempSync(join(tmpdir(), 'dibsim-unloadable-')), 'results.jsonl');
    const run = (workers: number) =>
      runExperiment({
        scenario: randomSmallScenario(),
        strategies: [{ module }],
        replications: 4,
        seed: 'unloadable',
        workers,
        resultsFile,
      });
    const error = await run(2).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DibsimError);
    expect(error).not.toBeInstanceOf(ReplicationError);
    expect((error as Error).message).toMatch(
      /^Worker threads could not load a strategy that the calling thread loaded: .*this module needs a loader worker threads do not have.* run in the calling thread \(workers: 0, or --workers 0 on the command line\)\.$/s,
    );
    // The header only: no replication was recorded as failed, so a run in this thread resumes the file.
    expect(readFileSync(resultsFile, 'utf8').trim().split('\n')).toHaveLength(1);
    const result = await run(0);
    expect([result.status, result.replications, result.failures]).toEqual(['complete', 4, []]);
  });

  it('leaves a shared pool usable for the next experiment', async () => {
    const pool = createWorkerPool(2);
    try {
      const common = { scenario: randomSmallScenario(), replications: 4, seed: 'pool after failure', pool };
      await expect(runExperiment({ ...common, strategies: [{ module }] })).rejects.toThrow(
        /^Worker threads could not load a strategy/,
      );
      const after = await runExperiment({ ...common, strategies: [{ module: STRATEGIES_MODULE }] });
      const inThread = await runExperiment({
        ...common,
        pool: undefined,
        strategies: [{ module: STRATEGIES_MODULE }],
      });
      expect(JSON.stringify(after)).toBe(JSON.stringify(inThread));
    } finally {
      await pool.close();
    }
  });
});

describe('threadsFor and replicationPlan', () => {
  it('caps the threads at the replications a run or shard owns, and leaves a shared pool alone', () => {
    const indices = (plan: ReturnType<typeof replicationPlan>) =>
      Array.from({ length: plan.length }, (_, position) => plan.at(position));
    expect(indices(replicationPlan(5, undefined))).toEqual([0, 1, 2, 3, 4]);
    expect(indices(replicationPlan(5, { index: 1, count: 2 }))).toEqual([1, 3]);
    expect(indices(replicationPlan(7, { index: 2, count: 3 }))).toEqual([2, 5]);
    expect(indices(replicationPlan(2, { index: 3, count: 4 }))).toEqual([]);
    // Computed, not stored: a stopping rule's "at most 10⁹" costs nothing up front.
    const huge = replicationPlan(1e9, { index: 2, count: 3 });
    expect([huge.length, huge.at(0), huge.at(huge.length - 1)]).toEqual([333_333_333, 2, 999_999_998]);
    expect(threadsFor(16, 2)).toBe(2);
    expect(threadsFor(2, 1000)).toBe(2);
    expect(threadsFor(0, 5)).toBe(0);
    // A shard with nothing to run (more shards than replications) starts none.
    expect(threadsFor(4, 0)).toBe(0);
    const pool = { threads: 8, runner: () => () => Promise.resolve([]), close: () => Promise.resolve() };
    expect(threadsFor(pool, 2)).toBe(pool);
  });
});
