import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runExperiment } from '../../../src/experiment/run-experiment.js';
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
});
