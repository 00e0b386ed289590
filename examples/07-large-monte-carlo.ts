/**
 * Example 07: a large Monte Carlo run: worker threads, progress, stopping rules, shards and resume.
 *
 * Runs national-only, bilateral and pooled on the two-nation scenario of example 03 with common random
 * numbers, four ways, and checks that the ways agree bit for bit:
 *   1. one run on 2 worker threads, reporting progress at fixed fractions (the other steps run in the
 *      calling thread: the number of threads never changes results);
 *   2. a run that stops as soon as chosen KPIs are precise enough (`stopWhen`, checked every batch);
 *   3. the run of step 1 split into 2 shards, each writing a results file, then merged (`mergeShards`),
 *      as one would split it across machines;
 *   4. the run of step 1 aborted part-way (an AbortSignal), then resumed from its results file.
 * Results are compared as SHA-256 hashes of their JSON form (`contentHash`). Temporary files live in
 * `<os.tmpdir()>/dibsim-example-07` and are removed at the end.
 *
 * Shown here at a size CI can afford. For a genuinely large run set REPLICATIONS = 1000 and ABORT_AFTER =
 * 400 (3 strategies × 1,000 replications), `npm run build`, then `npx tsx examples/07-large-monte-carlo.ts`:
 * on a shared 2-core machine (load average ≈ 15) step 1 took 39 s of wall time with 2 workers, steps 3
 * and 4 (in the calling thread) about a minute each, the whole example 2 min 49 s; the fill-rate
 * intervals narrow to ± 0.1 (national-only, bilateral) and ± 0.3 points (pooled).
 * Covers: runExperiment (workers, onProgress, stopWhen, shard, resultsFile, signal), mergeShards, contentHash.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  contentHash,
  type ExperimentOptions,
  type ExperimentResult,
  mergeShards,
  readScenarioFile,
  runExperiment,
} from 'dibsim';

const SCENARIO_FILE = new URL('./scenarios/two-nations.yaml', import.meta.url).pathname;
const SEED = 7;
const REPLICATIONS = 40; // per strategy
const WORKERS = 2; // threads; any number gives the same results
const PROGRESS_STEPS = 4; // progress lines per run: at 25, 50, 75 and 100 %
const SHARDS = 2;
const ABORT_AFTER = 16; // replications folded before step 4 aborts its first attempt
const STOP_BATCH = 20; // replications between precision checks
const STOP_MAX_REPLICATIONS = 400; // upper bound when stopping on precision
const FILL_RATE_HALF_WIDTH = 0.015; // target 95 % CI half-width of the fill rate, fraction (±1.5 points)
const SPEND_RELATIVE_HALF_WIDTH = 0.01; // target half-width of total spend, relative to its mean (±1 %)
const TEMP_DIR = join(tmpdir(), 'dibsim-example-07');

const scenario = await readScenarioFile(SCENARIO_FILE);
const experiment: ExperimentOptions = {
  scenario,
  strategies: [{ module: 'national-only' }, { module: 'bilateral' }, { module: 'pooled' }],
  replications: REPLICATIONS,
  seed: SEED,
};
/** The result's identity: SHA-256 of its JSON form (JSON writes an undefined statistic, NaN, as null). */
const hash = (result: ExperimentResult) => contentHash(JSON.parse(JSON.stringify(result)));
const same = (a: ExperimentResult, b: ExperimentResult) => (hash(a) === hash(b) ? 'yes' : 'NO');
const fillRate = (result: ExperimentResult) =>
  result.strategies
    .map((s) => {
      const k = s.kpis.fillRate!;
      return `${s.name} ${(k.mean * 100).toFixed(1)} ± ${(k.halfWidth * 100).toFixed(1)} %`;
    })
    .join(', ');

console.log(
  `${scenario.name}, ${scenario.startDate} to ${scenario.endDate}: ${experiment.strategies.length} strategies, seed ${SEED}, common random numbers`,
);
mkdirSync(TEMP_DIR, { recursive: true });
try {
  // 1. Progress arrives after each replication is folded, in replication order, so printing at fixed
  //    fractions gives the same lines whatever the number of workers.
  console.log(`\n1. One run: ${REPLICATIONS} replications per strategy on worker threads`);
  let shown = 0;
  const whole = await runExperiment({
    ...experiment,
    workers: WORKERS,
    onProgress: ({ completed, total }) => {
      while (shown < PROGRESS_STEPS && completed >= ((shown + 1) * total) / PROGRESS_STEPS) {
        shown++;
        console.log(`   progress ${completed}/${total} (${(100 * completed) / total} %)`);
      }
    },
  });
  console.log(`   ${whole.status}; fill rate (95 % CI): ${fillRate(whole)}`);

  // 2. Precision is judged only after replications 0 … b·j − 1, so where it stops never depends on timing.
  //    Steps 2 to 4 run in the calling thread (the default, workers: 0): for runs of a second or two,
  //    starting threads costs more than it saves, and the results are the same.
  const stopped = await runExperiment({
    ...experiment,
    replications: STOP_MAX_REPLICATIONS,
    stopWhen: {
      halfWidth: {
        fillRate: { absolute: FILL_RATE_HALF_WIDTH },
        totalSpendEur: { relative: SPEND_RELATIVE_HALF_WIDTH },
      },
      batch: STOP_BATCH,
    },
  });
  console.log(
    `\n2. Stop when every strategy has fill rate ± ${FILL_RATE_HALF_WIDTH * 100} points and spend ± ` +
      `${SPEND_RELATIVE_HALF_WIDTH * 100} % (checked every ${STOP_BATCH}, at most ${STOP_MAX_REPLICATIONS})`,
  );
  console.log(`   ${stopped.status} after ${stopped.replications} replications per strategy`);
  for (const s of stopped.strategies) {
    const spend = s.kpis.totalSpendEur!;
    console.log(
      `   ${s.name.padEnd(14)} fill rate ± ${(s.kpis.fillRate!.halfWidth * 100).toFixed(2)} points, ` +
        `spend EUR ${(spend.mean / 1e6).toFixed(0)} m ± ${((100 * spend.halfWidth) / spend.mean).toFixed(2)} %`,
    );
  }

  // 3. Shard i runs replications r with r % SHARDS === i; each could run on another machine.
  const shardFiles: string[] = [];
  for (let index = 0; index < SHARDS; index++) {
    const file = join(TEMP_DIR, `shard-${index}-of-${SHARDS}.jsonl`);
    rmSync(file, { force: true });
    const part = await runExperiment({
      ...experiment,
      shard: { index, count: SHARDS },
      resultsFile: file,
    });
    shardFiles.push(file);
    console.log(
      `${index === 0 ? `\n3. ${SHARDS} shards, each with a results file:\n` : ''}   shard ${index}: ` +
        `${part.replications} replications, ${part.status}`,
    );
  }
  const merged = mergeShards(shardFiles);
  console.log(`   merged: ${merged.replications} replications; identical to run 1: ${same(merged, whole)}`);

  // 4. Abort from the progress callback; the results file keeps every replication computed so far
  //    (with workers, also those beyond the abort point still in flight), and the rerun computes the rest.
  const resultsFile = join(TEMP_DIR, 'resumable.jsonl');
  rmSync(resultsFile, { force: true });
  const controller = new AbortController();
  const first = await runExperiment({
    ...experiment,
    resultsFile,
    signal: controller.signal,
    onProgress: ({ completed }) => {
      if (completed === ABORT_AFTER) controller.abort();
    },
  });
  console.log(
    `\n4. Interrupted: ${first.status} after ${first.replications} of ${REPLICATIONS} replications`,
  );
  const resumed = await runExperiment({ ...experiment, resultsFile });
  console.log(
    `   resumed from its results file: ${resumed.status}, ${resumed.replications} replications; ` +
      `identical to run 1: ${same(resumed, whole)}`,
  );
} finally {
  rmSync(TEMP_DIR, { recursive: true, force: true });
}
