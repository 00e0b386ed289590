/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): self time by function, and by source line
 * from the nodes' `positionTicks`.
 *
 * Usage: node benchmarks/profile-summary.mjs <file.cpuprofile> [--top=25] [--lines=25]
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (file === undefined) {
  console.error('usage: node benchmarks/profile-summary.mjs <file.cpuprofile> [--top=25] [--lines=25]');
  process.exit(2);
}
const option = (name, fallback) => {
  const hit = args.find((a) => a.startsWith(`--${name}=`));
  return hit === undefined ? fallback : Number(hit.slice(name.length + 3));
};
const top = option('top', 25);
const topLines = option('lines', 25);

const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const intervalMs = (profile.endTime - profile.startTime) / 1000 / Math.max(1, profile.samples.length);
const selfSamples = new Map();
for (const id of profile.samples) selfSamples.set(id, (selfSamples.get(id) ?? 0) + 1);

const byFunction = new Map();
const byLine = new Map();
let total = 0;
for (const [id, count] of selfSamples) {
  const node = nodes.get(id);
  const cf = node.callFrame;
  const where = cf.url ? `${basename(cf.url)}:${cf.lineNumber + 1}` : '';
  const key = `${cf.functionName || '(anonymous)'} ${where}`.trim();
  byFunction.set(key, (byFunction.get(key) ?? 0) + count);
  total += count;
  // positionTicks split a node's self samples by source line (1-based).
  for (const tick of node.positionTicks ?? []) {
    const lineKey = `line ${tick.line} in ${cf.functionName || '(anonymous)'} (${basename(cf.url || '?')})`;
    byLine.set(lineKey, (byLine.get(lineKey) ?? 0) + tick.ticks);
  }
}

const pct = (n) => `${((100 * n) / total).toFixed(1).padStart(5)}%`;
console.log(`${file}: ${total} samples, ~${intervalMs.toFixed(3)} ms each`);
console.log('\nself time by function');
for (const [key, n] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`${pct(n)}  ${key}`);
console.log(
  "\nself time by line (positionTicks; a line inlined from another function keeps its own file's number)",
);
for (const [key, n] of [...byLine].sort((a, b) => b[1] - a[1]).slice(0, topLines))
  console.log(`${pct(n)}  ${key}`);
