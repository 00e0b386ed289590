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
  stopWhen: { halfWidth: { totalSpendEur: { relative: 0.03 } }, batch: 5 },
  keepRecords: true,
};

describe('runExperiment with worker threads', () => {
  it('gives bit-identical results with 0 (calling thread), 1, 2 and 4 workers', async () => {
    const reference = await runExperiment(options);
    // Stopped early: workers had replications in flight past the stopping point, which must not count.
    expect([reference.status, reference.replications]).toEqual(['stopped', 10]);
    const serial = JSON.stringify(reference);
    for (const workers of [1, 2, 4]) {
      expect(JSON.stringify(await runExperiment({ ...options, workers })), `${workers} workers`).toBe(serial);
    }
  });

  it('runs the compiled build (dist/, worker-entry.js) to the same result as the sources (tsx bootstrap)', async () => {
    const built = new URL('../../../dist/index.js', import.meta.url);
    expect(existsSync(built), 'run `npm run build` first').toBe(true);
    const dist = (await import(built.href)) as { runExperiment: typeof runExperiment };
    const fromDist = await dist.runExperiment({ ...options, workers: 2 });
    expect(JSON.stringify(fromDist)).toBe(JSON.stringify(await runExperiment({ ...options, workers: 2 })));
  });
});
