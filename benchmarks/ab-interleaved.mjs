/**
 * A/B timing of two builds in one process, for a busy machine: loads both builds and alternates single
 * replications (old, new, new, old, …) of one strategy on europe-155mm, so that each pair of runs sees the
 * same load. Prints the median over pairs of the time ratio old/new (> 1: the new build is faster),
 * the mean CPU ms per run of each, and whether every result was bit-identical between the builds.
 *
 * Usage: node benchmarks/ab-interleaved.mjs <old dist> <new dist> [strategy=national-only] [pairs=40]
 * Each dist directory must resolve the package's dependencies (e.g. a copy beside a node_modules link).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const [oldDist, newDist, strategyName = 'national-only', pairsArg = '40'] = process.argv.slice(2);
if (oldDist === undefined || newDist === undefined) {
  console.error('usage: node benchmarks/ab-interleaved.mjs <old dist> <new dist> [strategy] [pairs]');
  process.exit(2);
}
const pairs = Number(pairsArg);
const load = (dist) => import(pathToFileURL(resolve(dist, 'index.js')).href);
const builds = [await load(oldDist), await load(newDist)];

async function once(lib, replication) {
  const strategy = await lib.loadStrategy(strategyName);
  // CPU time of the process (GC threads included), not wall time: on a loaded machine the process is
  // descheduled for long stretches that wall time would count.
  const start = process.cpuUsage();
  const result = lib.runScenario(lib.europe155mm, { strategy, seed: 7, replication });
  const used = process.cpuUsage(start);
  return { ms: (used.user + used.system) / 1000, result };
}

// Warm-up: let both builds' code get optimised before timing.
for (let r = 0; r < 4; r++) for (const lib of builds) await once(lib, 1000 + r);
const ratios = [];
const total = [0, 0];
let identical = true;
for (let r = 0; r < pairs; r++) {
  const order = r % 2 === 0 ? [0, 1] : [1, 0];
  const out = [];
  for (const b of order) out[b] = await once(builds[b], r);
  total[0] += out[0].ms;
  total[1] += out[1].ms;
  ratios.push(out[0].ms / out[1].ms);
  if (!isDeepStrictEqual(out[0].result, out[1].result)) identical = false;
}
ratios.sort((a, b) => a - b);
const mid = ratios.length >> 1;
const median = ratios.length % 2 === 1 ? ratios[mid] : (ratios[mid - 1] + ratios[mid]) / 2;
console.log(
  JSON.stringify({
    strategy: strategyName,
    pairs,
    oldMsPerRun: +(total[0] / pairs).toFixed(1),
    newMsPerRun: +(total[1] / pairs).toFixed(1),
    medianRatio: +median.toFixed(3),
    quartiles: [+ratios[Math.floor(pairs / 4)].toFixed(3), +ratios[Math.floor((3 * pairs) / 4)].toFixed(3)],
    identical,
  }),
);
