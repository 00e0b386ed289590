/**
 * A/B timing of two builds on a busy machine: alternates child processes that run
 * `benchmarks/strategy-runs.mjs` on the old and the new build, several rounds, and prints per strategy the
 * median ratio old/new of CPU ms per run (> 1: the new build is faster) and of wall ms per run, and
 * whether the result digests agree (they must: optimisations keep results bit-identical).
 *
 * Usage: node benchmarks/compare-builds.mjs [--old=/tmp/ab/dist-old] [--new=dist] [--rounds=5] [--reps=20]
 *          [--strategies=national-only,bilateral,pooled]
 */
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median } from 'd3-array';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const hit = args.find((a) => a.startsWith(`--${name}=`));
  return hit === undefined ? fallback : hit.slice(name.length + 3);
};
const oldDist = option('old', '/tmp/ab/dist-old');
const newDist = option('new', 'dist');
const rounds = Number(option('rounds', 5));
const reps = Number(option('reps', 20));
const strategies = option('strategies', 'national-only,bilateral,pooled').split(',');
// From the new build: both builds' runs get the young generation of the one being measured.
const { WORKER_YOUNG_GENERATION_MB } = await import(
  pathToFileURL(resolve(newDist, 'experiment/worker-pool.js')).href
);

function once(dist, strategy) {
  const child = spawnSync(
    process.execPath,
    // The young generation of dibsim's worker threads, which V8 counts as three semi-spaces, so that
    // allocation costs what it costs in experiments.
    [
      `--max-semi-space-size=${WORKER_YOUNG_GENERATION_MB / 3}`,
      join(here, 'strategy-runs.mjs'),
      strategy,
      String(reps),
      `--dist=${dist}`,
    ],
    { encoding: 'utf8' },
  );
  if (child.status !== 0) throw new Error(`${dist} ${strategy} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1));
}

for (const strategy of strategies) {
  const cpuRatios = [];
  const wallRatios = [];
  const digests = new Set();
  const oldMs = [];
  const newMs = [];
  for (let r = 0; r < rounds; r++) {
    // Alternate which build goes first, so a load change favours neither.
    const [a, b] = r % 2 === 0 ? [once(oldDist, strategy), once(newDist, strategy)] : [null, null];
    const [nb, oa] = r % 2 === 1 ? [once(newDist, strategy), once(oldDist, strategy)] : [b, a];
    cpuRatios.push(oa.cpuMsPerRun / nb.cpuMsPerRun);
    wallRatios.push(oa.msPerRun / nb.msPerRun);
    oldMs.push(oa.cpuMsPerRun);
    newMs.push(nb.cpuMsPerRun);
    digests.add(`${oa.digest}/${nb.digest}`);
    if (oa.digest !== nb.digest) digests.add('MISMATCH');
  }
  console.log(
    JSON.stringify({
      strategy,
      reps,
      rounds,
      oldCpuMsPerRun: +median(oldMs).toFixed(1),
      newCpuMsPerRun: +median(newMs).toFixed(1),
      cpuRatio: +median(cpuRatios).toFixed(3),
      wallRatio: +median(wallRatios).toFixed(3),
      identical: !digests.has('MISMATCH'),
      digests: [...digests],
    }),
  );
}
