/**
 * Runs one benchmark model in this process and prints one JSON line:
 * `{ file, work, unit, seconds, cpuSeconds, rate, peakRssMb, result, warmup }`.
 *
 * Usage: node [--expose-gc] benchmarks/child.mjs <file> '<params JSON>' ['<warm-up params JSON>']
 * where `<file>` names `benchmarks/<file>.mjs`, a module exporting `run(params) → { work, unit, result }` (or a promise of it)
 * and, if it keeps anything open between runs (worker threads), `close()`, called after the timed run.
 * The warm-up run (smaller work) lets the JIT settle before the timed run; peak RSS covers both.
 */
import { performance } from 'node:perf_hooks';

const [file, paramsJson, warmupJson] = process.argv.slice(2);
if (file === undefined || paramsJson === undefined || !/^[a-z0-9.-]+$/i.test(file)) {
  console.error("usage: node benchmarks/child.mjs <file> '<params JSON>' ['<warm-up params JSON>']");
  process.exit(2);
}
const model = await import(`./${file}.mjs`);
const params = JSON.parse(paramsJson);

let warmup = null;
if (warmupJson !== undefined) {
  const start = performance.now();
  const w = await model.run(JSON.parse(warmupJson));
  warmup = { work: w.work, seconds: (performance.now() - start) / 1000 };
  globalThis.gc?.();
}

const cpuStart = process.cpuUsage();
const start = performance.now();
const out = await model.run(params);
const seconds = (performance.now() - start) / 1000;
// CPU time of the whole process (GC helper threads included): less sensitive than wall time to being
// descheduled on a busy machine.
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
// maxRSS is the process's high-water mark in KiB (warm-up included).
const peakRssMb = process.resourceUsage().maxRSS / 1024;
await model.close?.();
console.log(
  JSON.stringify({
    file,
    work: out.work,
    unit: out.unit,
    seconds,
    cpuSeconds,
    rate: out.work / seconds,
    peakRssMb,
    result: out.result,
    warmup,
  }),
);
