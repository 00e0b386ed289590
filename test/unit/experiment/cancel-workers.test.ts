import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readResultsFile } from '../../../src/experiment/results-file.js';
import { runExperiment } from '../../../src/experiment/run-experiment.js';
import { createWorkerPool } from '../../../src/experiment/worker-pool.js';
import { randomSmallScenario } from './helpers.js';

/** A strategy that loops forever in its reviews from day 100 (see the fixture). */
const HANG_MODULE = fileURLToPath(new URL('./fixtures/hang-strategy.mjs', import.meta.url));

/** Milliseconds `promise` took to settle, and what it gave. */
async function timed<T>(promise: Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await promise;
  return { ms: performance.now() - start, value };
}

describe('cancelling an experiment whose worker is stuck in a replication', () => {
  it('settles promptly with status "cancelled", the stuck replication neither folded nor failed', async () => {
    const controller = new AbortController();
    const run = runExperiment({
      scenario: randomSmallScenario(),
      strategies: [{ module: HANG_MODULE }],
      replications: 2,
      workers: 1,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 300);
    const { ms, value: result } = await timed(run);
    expect(result.status).toBe('cancelled');
    expect(result.replications).toBe(0);
    expect(result.failures).toEqual([]);
    expect(ms).toBeLessThan(5_000);
  }, 30_000);

  it('sees the abort of a signal that has only `aborted` (no events), and keeps a shared pool usable', async () => {
    const signal = { aborted: false };
    const pool = createWorkerPool(1);
    try {
      const run = runExperiment({
        scenario: randomSmallScenario(),
        strategies: [{ module: HANG_MODULE }],
        replications: 3,
        pool,
        signal,
      });
      setTimeout(() => {
        signal.aborted = true;
      }, 300);
      const { ms, value: result } = await timed(run);
      expect([result.status, result.replications, result.failures]).toEqual(['cancelled', 0, []]);
      expect(ms).toBeLessThan(5_000);
      // The stuck thread was replaced: the pool runs the next experiment.
      const next = await runExperiment({
        scenario: randomSmallScenario(),
        strategies: [{ module: HANG_MODULE, params: { replication: 99 } }],
        replications: 2,
        pool,
      });
      expect([next.status, next.replications]).toEqual(['complete', 2]);
    } finally {
      await pool.close();
    }
  }, 30_000);

  it("an experiment sharing the pool is not hurt by another's cancellation: its chunks run again on the new threads", async () => {
    const pool = createWorkerPool(2);
    try {
      const stuck = new AbortController();
      const common = { scenario: randomSmallScenario(), replications: 6, seed: 3, chunkSize: 1 };
      const hung = runExperiment({
        ...common,
        strategies: [{ module: HANG_MODULE }],
        pool,
        signal: stuck.signal,
      });
      const healthy = runExperiment({
        ...common,
        strategies: [{ module: HANG_MODULE, params: { replication: 99 } }],
        pool,
      });
      setTimeout(() => stuck.abort(), 300);
      const [h, ok] = await Promise.all([hung, healthy]);
      expect(h.status).toBe('cancelled');
      expect([ok.status, ok.replications, ok.failures]).toEqual(['complete', 6, []]);
      const alone = await runExperiment({
        ...common,
        strategies: [{ module: HANG_MODULE, params: { replication: 99 } }],
        workers: 0,
      });
      expect(ok.strategies).toEqual(alone.strategies);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('still writes the replications that finished to the results file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'dibsim-cancel-')), 'results.jsonl');
    const controller = new AbortController();
    // Replication 1 never ends; 0, 2 and 3 finish on the other worker, and only 0 can be folded.
    const run = runExperiment({
      scenario: randomSmallScenario(),
      strategies: [{ module: HANG_MODULE, params: { replication: 1 } }],
      replications: 4,
      workers: 2,
      chunkSize: 1,
      resultsFile: file,
      signal: controller.signal,
    });
    // Abort once the three have reached the file (worker threads take a second or two to start from sources).
    const waited = performance.now();
    while (!existsSync(file) || readResultsFile(file).outcomes.size < 3) {
      expect(performance.now() - waited, 'replications 0, 2 and 3 written').toBeLessThan(30_000);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    controller.abort();
    const { ms, value: result } = await timed(run);
    expect([result.status, result.replications, result.failures]).toEqual(['cancelled', 1, []]);
    expect(ms).toBeLessThan(5_000);
    const { outcomes } = readResultsFile(file);
    expect([0, 1, 2, 3].map((r) => outcomes.has(r))).toEqual([true, false, true, true]);
  }, 30_000);
});
