/**
 * What a worker thread spends on V8's optimising compiler while it warms up: runs benchmark (e)'s
 * experiment (europe-155mm, three strategies) with one worker under `--trace-opt --trace-deopt`, and prints
 * one JSON line `{ dist, replications, deopts, compiles, firstCompiles, recompiles, compileMs, recompileMs }`.
 * Each worker compiles the model's hot code anew, on V8's helper threads; with 2 workers on 2 cores that
 * work competes with the replications, so it bounds the speed-up from 1 to 2 workers. A recompile is a
 * compile of a function compiled before, mostly after a deoptimisation. Times are the compile jobs'
 * durations as V8 reports them (wall time of each job, so they grow on a busy machine); counts are stable
 * to about ±10.
 *
 * Usage: npm run build && node benchmarks/jit-warmup.mjs [replications=100] [--dist=dist]
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const dist = (args.find((a) => a.startsWith('--dist=')) ?? '--dist=dist').slice('--dist='.length);
const positional = args.filter((a) => !a.startsWith('--'));

if (positional[0] === 'child') {
  const { europe155mm, runExperiment } = await import(pathToFileURL(resolve(dist, 'index.js')).href);
  await runExperiment({
    scenario: europe155mm,
    strategies: ['national-only', 'bilateral', 'pooled'].map((m) => ({ module: m, name: m })),
    replications: Number(positional[1]),
    seed: 1,
    workers: 1,
  });
} else {
  const replications = Number(positional[0] ?? 100);
  const child = spawnSync(
    process.execPath,
    [
      '--trace-opt',
      '--trace-deopt',
      fileURLToPath(import.meta.url),
      'child',
      String(replications),
      `--dist=${dist}`,
    ],
    { encoding: 'utf8', maxBuffer: 1 << 30 },
  );
  if (child.status !== 0) {
    process.stderr.write(child.stderr);
    process.exit(child.status ?? 1);
  }
  const seen = new Set();
  const totals = { deopts: 0, compiles: 0, firstCompiles: 0, recompiles: 0, compileMs: 0, recompileMs: 0 };
  for (const line of child.stdout.split('\n')) {
    if (line.startsWith('[bailout (kind')) totals.deopts++;
    // "[completed compiling 0x… <JSFunction name (sfi = 0x…)> (target TURBOFAN) - took a, b, c ms]"
    const done =
      /^\[completed compiling .*\(sfi = (0x[0-9a-f]+)\).* took ([\d.]+), ([\d.]+), ([\d.]+) ms/.exec(line);
    if (done === null) continue;
    const ms = Number(done[2]) + Number(done[3]) + Number(done[4]);
    totals.compiles++;
    totals.compileMs += ms;
    if (seen.has(done[1])) {
      totals.recompiles++;
      totals.recompileMs += ms;
    } else {
      seen.add(done[1]);
      totals.firstCompiles++;
    }
  }
  totals.compileMs = Math.round(totals.compileMs);
  totals.recompileMs = Math.round(totals.recompileMs);
  console.log(JSON.stringify({ dist, replications, ...totals }));
}
