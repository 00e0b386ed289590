import { describe, expect, it } from 'vitest';
import { prepare, runExperiment, workerContext } from '../../../src/experiment/run-experiment.js';
import { createReplicationPool } from '../../../src/experiment/worker-pool.js';
import type { Scenario } from '../../../src/model/scenario.js';
import { randomSmallScenario, STRATEGIES_MODULE } from './helpers.js';

const strategies = [
  { module: STRATEGIES_MODULE, name: 'national' },
  { module: STRATEGIES_MODULE, export: 'partialOrders', name: 'partial', params: { share: 0.6 } },
];

/** An experiment's options, and its records computed in the calling thread. */
async function reference(scenario: Scenario, seed: string) {
  const options = { scenario, strategies, replications: 6, seed, keepRecords: true };
  const { records } = await runExperiment(options);
  return { context: workerContext(options, await prepare(options)), records: records! };
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
});
