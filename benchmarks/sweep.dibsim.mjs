/**
 * (g) A sweep on europe-155mm: the three strategies at `points` values of one lever (the award delay),
 * `replications` each, on `workers` worker threads. `shared: true` runs it with `runSweep` (one pool of
 * threads for every point); `shared: false` runs the same points as separate `runExperiment` calls, each
 * starting its own threads, as sweeps did before. Both give the same numbers.
 */
import { applyLevers, europe155mm, runExperiment, runSweep } from '../dist/index.js';

const STRATEGIES = ['national-only', 'bilateral', 'pooled'].map((m) => ({ module: m, name: m }));
const PATH = 'procurement.awardDelayDays';

/** @param {{ points: number, replications: number, workers: number, shared: boolean, seed: number }} params */
export async function run({ points, replications, workers, shared, seed }) {
  const values = Array.from({ length: points }, (_, i) => 30 + 30 * i);
  const experiment = { scenario: europe155mm, strategies: STRATEGIES, replications, seed, workers };
  const levers = [{ path: PATH, values }];
  let fillRates;
  if (shared) {
    const sweep = await runSweep({ ...experiment, levers, design: { type: 'grid' } });
    fillRates = sweep.points.map((p) => p.result.strategies[2].kpis.fillRate.mean);
  } else {
    fillRates = [];
    for (const value of values) {
      const inputs = applyLevers(europe155mm, STRATEGIES, levers, { [PATH]: value });
      const result = await runExperiment({ ...experiment, ...inputs });
      fillRates.push(result.strategies[2].kpis.fillRate.mean);
    }
  }
  return {
    work: points * replications * STRATEGIES.length,
    unit: 'runs',
    result: { workers, pooledFillRateByPoint: fillRates.join(',') },
  };
}
