/**
 * (e) Monte Carlo experiments on europe-155mm: three strategies (national-only, bilateral, pooled) ×
 * `replications`, common random numbers, run with `workers` worker threads (0 = the calling thread).
 * Run once with 1 and once with 2 workers in the same benchmark run to get the speed-up as a ratio.
 * With `warm: true` the threads come from one `createWorkerPool` kept from the warm-up run to the timed
 * one, so the timed run starts on threads that have compiled the model already.
 */
import { createWorkerPool, europe155mm, runExperiment } from '../dist/index.js';

const STRATEGIES = [
  { module: 'national-only', name: 'national-only' },
  { module: 'bilateral', name: 'bilateral' },
  { module: 'pooled', name: 'pooled' },
];

/** The pool of the warm runs, kept between calls. */
let pool;

/** @param {{ replications: number, workers: number, seed: number, warm?: boolean }} params */
export async function run({ replications, workers, seed, warm = false }) {
  if (warm) pool ??= createWorkerPool(workers);
  const result = await runExperiment({
    scenario: europe155mm,
    strategies: STRATEGIES,
    replications,
    seed,
    ...(warm ? { pool } : { workers }),
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

/** Stops the warm runs' threads. */
export async function close() {
  await pool?.close();
}
