/**
 * (e) Monte Carlo experiments on europe-155mm: three strategies (national-only, bilateral, pooled) ×
 * `replications`, common random numbers, run with `workers` worker threads (0 = the calling thread).
 * Run once with 1 and once with 2 workers in the same benchmark run to get the speed-up as a ratio.
 */
import { europe155mm, runExperiment } from '../dist/index.js';

const STRATEGIES = [
  { module: 'national-only', name: 'national-only' },
  { module: 'bilateral', name: 'bilateral' },
  { module: 'pooled', name: 'pooled' },
];

/** @param {{ replications: number, workers: number, seed: number }} params */
export async function run({ replications, workers, seed }) {
  const result = await runExperiment({
    scenario: europe155mm,
    strategies: STRATEGIES,
    replications,
    seed,
    workers,
  });
  return {
    work: replications * STRATEGIES.length,
    unit: 'runs',
    result: {
      workers,
      fillRatePooledMinusNational: result.comparisons.vsBaseline[1]?.kpis.fillRate?.mean,
    },
  };
}
