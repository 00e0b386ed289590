/**
 * Runs `runScenario` on europe-155mm for one strategy, N replications in a row, and prints one JSON line
 * `{ dist, strategy, replications, seconds, msPerRun, cpuMsPerRun, digest }` (CPU time of the whole process,
 * GC threads included: less sensitive than wall time to a busy machine). The digest hashes every result (typed
 * arrays written out in full), so two builds that must be bit-identical can be compared.
 *
 * Strategy `all` runs the three in turn on each replication, sharing its demand as experiments do (a
 * `CommonDemand` per replication, in builds that have it); its times are per replication of all three.
 *
 * Usage: node [--cpu-prof] benchmarks/strategy-runs.mjs <national-only|bilateral|pooled|all> [N=50]
 *          [--dist=dist] [--seed=1] [--warmup=5]
 * (`--dist` points at another build, e.g. a copy of the old one in /tmp/ab/dist-old beside a node_modules link, for A/B ratios.)
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const hit = args.find((a) => a.startsWith(`--${name}=`));
  return hit === undefined ? fallback : hit.slice(name.length + 3);
};
const positional = args.filter((a) => !a.startsWith('--'));
const strategyName = positional[0] ?? 'national-only';
const replications = Number(positional[1] ?? 50);
const dist = option('dist', 'dist');
const seed = Number(option('seed', 1));
const warmup = Number(option('warmup', 5));

const lib = await import(pathToFileURL(resolve(dist, 'index.js')).href);
const { europe155mm, runScenario, loadStrategy, CommonDemand } = lib;
const names = strategyName === 'all' ? ['national-only', 'bilateral', 'pooled'] : [strategyName];

/** Runs replication `r` of every strategy in `names`, fresh strategy state each, as experiments do. */
async function runAll(seed, r) {
  const demand = CommonDemand === undefined ? undefined : new CommonDemand();
  const strategies = await Promise.all(names.map((name) => loadStrategy(name)));
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const results = strategies.map((strategy) =>
    runScenario(europe155mm, { strategy, seed, replication: r, ...(demand === undefined ? {} : { demand }) }),
  );
  const used = process.cpuUsage(cpuStart);
  return { results, ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

/** Hashes a result; Float64Arrays by their bytes, so −0, NaN and last bits all count. */
function digestOf(hash, result) {
  hash.update(
    JSON.stringify(result, (_k, v) =>
      v instanceof Float64Array ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') : v,
    ),
  );
}

for (let r = 0; r < warmup; r++) await runAll(seed + 1000, r);
const hash = createHash('sha256');
let busy = 0;
let cpu = 0;
for (let r = 0; r < replications; r++) {
  const { results, ms, cpuMs } = await runAll(seed, r);
  busy += ms;
  cpu += cpuMs;
  for (const result of results) digestOf(hash, result);
}
console.log(
  JSON.stringify({
    dist,
    strategy: strategyName,
    replications,
    seconds: busy / 1000,
    msPerRun: busy / replications,
    cpuMsPerRun: cpu / replications,
    digest: hash.digest('hex').slice(0, 16),
  }),
);
