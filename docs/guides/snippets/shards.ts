/**
 * Splitting one experiment over processes or machines: each shard runs every third replication and
 * writes a results file; mergeShards folds them into the result of the whole run, bit for bit. The same
 * results file also lets an interrupted run resume where it stopped.
 * Run: npm run build && npx tsx docs/guides/snippets/shards.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson, type ExperimentOptions, mergeShards, readScenarioFile, runExperiment } from 'dibsim';

const scenario = await readScenarioFile(
  new URL('../../../examples/scenarios/two-nations.yaml', import.meta.url).pathname,
);
const experiment: ExperimentOptions = {
  scenario,
  strategies: [{ module: 'national-only' }, { module: 'pooled' }],
  replications: 12,
  seed: 2024,
};
const dir = mkdtempSync(join(tmpdir(), 'dibsim-shards-'));
try {
  const files = [0, 1, 2].map((index) => join(dir, `shard-${index}.jsonl`));
  // In practice each shard runs in its own process or on its own machine.
  for (const [index, resultsFile] of files.entries())
    await runExperiment({ ...experiment, shard: { index, count: 3 }, resultsFile });
  const merged = mergeShards(files);
  const whole = await runExperiment(experiment);
  const same = canonicalJson(merged.strategies) === canonicalJson(whole.strategies);
  console.log(`merged ${merged.replications} replications; identical to the whole run: ${same}`);
  // Resuming: a second call with the same results file reruns nothing that is already in it.
  const file = join(dir, 'whole.jsonl');
  await runExperiment({ ...experiment, resultsFile: file });
  const resumed = await runExperiment({ ...experiment, resultsFile: file });
  console.log(`resumed: ${canonicalJson(resumed.strategies) === canonicalJson(whole.strategies)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
