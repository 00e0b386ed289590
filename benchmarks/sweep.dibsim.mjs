/**
 * (g) A sweep on europe-155mm: the three strategies at `points` values of one lever (the award delay),
 * `replications` each, on `workers` worker threads, run three ways that give the same numbers:
 * - `mode: 'sweep'`: `runSweep`, one pool of threads for every point;
 * - `mode: 'pool'`: a `runExperiment` call per point, all on one `createWorkerPool` (how a user runs
 *   experiments of their own in a row);
 * - `mode: 'separate'`: a `runExperiment` call per point, each starting (and warming up) its own threads.
 */
import { applyLevers, createWorkerPool, europe155mm, runExperiment, runSweep } from '../dist/index.js';

const STRATEGIES = ['national-only', 'bilateral', 'pooled'].map((m) => ({ module: m, name: m }));
const PATH = 'procurement.awardDelayDays';

/** @param {{ points: number, replications: number, workers: number, mode: 'sweep' | 'pool' | 'separate', seed: number }} params */
export async function run({ points, replications, workers, mode, seed }) {
  const values = Array.from({ length: points }, (_, i) => 30 + 30 * i);
  const experiment = { scenario: europe155mm, strategies: STRATEGIES, replications, seed, workers };
  const levers = [{ path: PATH, values }];
  let fillRates;
  if (mode === 'sweep') {
    const sweep = await runSweep({ ...experiment, levers, design: { type: 'grid' } });
    fillRates = sweep.points.map((p) => p.result.strategies[2].kpis.fillRate.mean);
  } else {
    const pool = mode === 'pool' ? createWorkerPool(workers) : undefined;
    fillRates = [];
    try {
      for (const value of values) {
        const inputs = applyLevers(europe155mm, STRATEGIES, levers, { [PATH]: value });
        const result = await runExperiment({ ...experiment, ...inputs, pool });
        fillRates.push(result.strategies[2].kpis.fillRate.mean);
      }
    } finally {
      await pool?.close();
    }
  }
  return {
    work: points * replications * STRATEGIES.length,
    unit: 'runs',
    result: { workers, pooledFillRateByPoint: fillRates.join(',') },
  };
}
