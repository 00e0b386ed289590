/**
 * Prints the reading-results guide's table of how often `stopWhen`'s intervals cover the true mean: four KPI
 * distributions, each over `sims` simulated experiments of the library's own stopping rule (see
 * test/support/stopping-coverage.ts), with one stream per experiment from a fixed seed.
 *
 * Usage: npx tsx scripts/stopping-coverage.ts [sims=20000]   (about 10 s at 20,000)
 */
import { exponential } from '../src/random/continuous.js';
import { bernoulli } from '../src/random/discrete.js';
import { lognormal, normal } from '../src/random/normal.js';
import type { Sampler } from '../src/random/rng.js';
import { createStreams } from '../src/random/streams.js';
import { coverage, defaultRule, MAX_REPLICATIONS } from '../test/support/stopping-coverage.js';

const sims = Number(process.argv[2] ?? 20_000);
if (!Number.isSafeInteger(sims) || sims < 1) {
  console.error('usage: npx tsx scripts/stopping-coverage.ts [sims=20000]   (sims: a positive integer)');
  process.exit(2);
}
const streams = createStreams('stopping coverage (guide)');

/** One row: a KPI distribution, its true mean, and the half-width target. */
const rows: {
  name: string;
  make: (seed: string) => Sampler;
  mean: number;
  target: number;
  proportion?: boolean;
}[] = [
  {
    name: 'normal (sd 1)',
    make: (s) => normal(streams.stream(`normal ${s}`), { mean: 0, sd: 1 }),
    mean: 0,
    target: 0.35,
  },
  {
    name: 'exponential (mean 1)',
    make: (s) => exponential(streams.stream(`exp ${s}`), { mean: 1 }),
    mean: 1,
    target: 0.35,
  },
  {
    name: '0/1, p = 0.95 (Wilson)',
    make: (s) => bernoulli(streams.stream(`bernoulli ${s}`), { p: 0.95 }),
    mean: 0.95,
    target: 0.05,
    proportion: true,
  },
  {
    name: 'lognormal (σ = 1.5)',
    make: (s) => lognormal(streams.stream(`lognormal ${s}`), { mu: 0, sigma: 1.5 }),
    mean: Math.exp(1.5 ** 2 / 2),
    target: 1,
  },
];

const { batch, minReplications } = defaultRule({ index: 0, relative: false, proportion: false, value: 1 });
console.log(
  `${sims} simulated experiments per row; batch ${batch}, ${minReplications} before the first check, at most ${MAX_REPLICATIONS}, 95 % intervals`,
);
console.log('');
console.log(
  '| KPI distribution | target half-width | mean count at stop | coverage stopped | coverage, fresh sample of that count |',
);
console.log('|---|---|---|---|---|');
let largestSe = 0;
for (const row of rows) {
  const target = { index: 0, relative: false, proportion: row.proportion ?? false, value: row.target };
  const c = coverage(row.make, row.mean, target, sims);
  for (const p of [c.sequential, c.fixed]) largestSe = Math.max(largestSe, Math.sqrt((p * (1 - p)) / sims));
  console.log(
    `| ${row.name} | ${row.target} | ${c.meanCount.toFixed(1)} | ${c.sequential.toFixed(3)} | ${c.fixed.toFixed(3)} |`,
  );
}
console.log('');
console.log(`One standard error of a coverage above: at most ${largestSe.toFixed(4)}.`);
