// Run by scripts/consumer-check.sh against the installed tarball: worker threads must load the packed
// build (dist/experiment/worker-entry.js) and give the same statistics as the calling thread, whether
// started for one experiment or shared through createWorkerPool.
import { createWorkerPool, europe155mm, runExperiment } from 'dibsim';

const options = {
  scenario: europe155mm,
  strategies: [{ module: 'national-only' }, { module: 'pooled' }],
  replications: 4,
  seed: 9,
};
const inWorkers = await runExperiment({ ...options, workers: 2 });
const serial = await runExperiment({ ...options, workers: 0 });
const pool = createWorkerPool(2);
const onPool = await runExperiment({ ...options, pool }).finally(() => pool.close());
for (const [name, result] of [
  ['worker threads', inWorkers],
  ['a shared pool', onPool],
]) {
  if (JSON.stringify(result.strategies) !== JSON.stringify(serial.strategies)) {
    throw new Error(`${name} and the calling thread disagree`);
  }
}
console.log(`workers ok: ${inWorkers.replications} replications, identical to the calling thread`);
