// Run by scripts/consumer-check.sh against the installed tarball: worker threads must load the packed
// build (dist/experiment/worker-entry.js) and give the same statistics as the calling thread.
import { europe155mm, runExperiment } from 'dibsim';

const options = {
  scenario: europe155mm,
  strategies: [{ module: 'national-only' }, { module: 'pooled' }],
  replications: 4,
  seed: 9,
};
const inWorkers = await runExperiment({ ...options, workers: 2 });
const serial = await runExperiment({ ...options, workers: 0 });
if (JSON.stringify(inWorkers.strategies) !== JSON.stringify(serial.strategies)) {
  throw new Error('worker threads and the calling thread disagree');
}
console.log(`workers ok: ${inWorkers.replications} replications, identical to the calling thread`);
