/**
 * Where the CPU time of benchmark (e)'s experiment goes, by thread: runs europe-155mm × three strategies on
 * 1 and on 2 worker threads, each cold in its own child process, alternating, and prints one JSON line per
 * run `{ workers, replications, wall, workerJs, helpers, main, cpu, coresUsed, workerWait, workerSleep }`
 * (seconds), then one summary line with the medians per worker count.
 *
 * - `workerJs`: the worker threads running replications (the busiest threads started with the pool);
 * - `helpers`: every other thread of the process, mostly V8's platform threads, shared by all isolates,
 *   which run optimising compiles (TurboFan) and parallel or concurrent garbage collection;
 * - `main`: the calling thread (validation, the in-order fold, summaries);
 * - `workerWait` and `workerSleep`: what the worker threads' wall time holds besides their CPU, summed over
 *   them: waiting for a core while runnable (from `/proc/…/schedstat`), and the rest (waiting for a task,
 *   or for helper threads to finish their share of a scavenge).
 *
 * With 1 worker the helpers and the main thread run beside the worker on the second core, for free; with
 * 2 workers on 2 cores they compete with the workers, and each worker isolate compiles and warms up the
 * model anew. Since `wall(2) = cpu(2) / coresUsed(2)`, the speed-up from 1 to 2 workers is
 * `wall(1) × coresUsed(2) / cpu(2)`: with both cores busy, it reaches 2 only if `cpu(2)` is no more than
 * `wall(1)`. The summary's `wall2Parts` splits the 2-worker run's wall time into the even share of the
 * work and what is added to it (see `wall2Parts`). Linux only (reads `/proc/self/task`).
 *
 * With `--gc`, each child runs under V8's `--trace-gc-nvp` and its line also gives, per worker thread, the
 * number of scavenges (young-generation collections) and their total pause in ms (`scavenges`,
 * `scavengePauseMs`), and the summary the mean pause per worker count (`meanScavengePauseMs1`, `…2`). A
 * scavenge runs in parallel on V8's helper threads; beside a second busy worker those wait for a core, so
 * its pauses grow.
 *
 * Usage: npm run build && node benchmarks/thread-cpu.mjs [replications=300] [--rounds=2] [--dist=dist] [--gc]
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median } from 'd3-array';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const hit = args.find((a) => a.startsWith(`--${name}=`));
  return hit === undefined ? fallback : hit.slice(name.length + 3);
};
const dist = option('dist', 'dist');
const positional = args.filter((a) => !a.startsWith('--'));
/** Seconds to two decimals, for the JSON lines. */
const centi = (x) => Math.round(x * 100) / 100;

/**
 * Each thread of this process, by thread id: `cpu`, its CPU seconds (user + system), and `wait`, the
 * seconds it spent runnable without a core (`schedstat`).
 */
function threadTimes() {
  const ticks = 100; // USER_HZ
  const out = new Map();
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // Fields after the command name, which may hold spaces: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const [, waitNs] = readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ');
    out.set(tid, { cpu: (Number(fields[11]) + Number(fields[12])) / ticks, wait: Number(waitNs) / 1e9 });
  }
  return out;
}

if (positional[0] === 'child') {
  const [, replications, workers] = positional.map(Number);
  const { createWorkerPool, europe155mm, runExperiment } = await import(
    pathToFileURL(resolve(dist, 'index.js')).href
  );
  const before = threadTimes();
  const start = performance.now();
  // A pool of our own, so that its threads are still there to be read when the experiment ends.
  const pool = createWorkerPool(workers);
  await runExperiment({
    scenario: europe155mm,
    strategies: ['national-only', 'bilateral', 'pooled'].map((m) => ({ module: m, name: m })),
    replications,
    seed: 1,
    pool,
  });
  const wall = (performance.now() - start) / 1000;
  // [tid, cpu, wait] of each thread during the run.
  const used = [...threadTimes()].map(([tid, { cpu, wait }]) => {
    const start = before.get(tid) ?? { cpu: 0, wait: 0 };
    return [tid, cpu - start.cpu, wait - start.wait];
  });
  await pool.close();
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  const main = used.find(([tid]) => tid === String(process.pid))?.[1] ?? 0;
  // The pool's threads are among those started after the first reading (with, perhaps, libuv's thread pool).
  const started = used.filter(([tid]) => !before.has(tid)).sort((a, b) => b[1] - a[1]);
  const workerThreads = started.slice(0, workers);
  const workerJs = sum(workerThreads.map(([, cpu]) => cpu));
  // A worker thread's wall time is its CPU, its wait for a core, and its sleep (waiting for a task, or for
  // helper threads to finish their share of a collection).
  const workerWait = sum(workerThreads.map(([, , wait]) => wait));
  const workerSleep = workers * wall - workerJs - workerWait;
  const helpers = sum(used.map(([, cpu]) => cpu)) - main - workerJs;
  const cpu = workerJs + helpers + main;
  console.log(
    JSON.stringify({
      workers,
      replications,
      wall: centi(wall),
      workerJs: centi(workerJs),
      helpers: centi(helpers),
      main: centi(main),
      cpu: centi(cpu),
      coresUsed: centi(cpu / wall),
      workerWait: centi(workerWait),
      workerSleep: centi(workerSleep),
    }),
  );
} else {
  const gc = args.includes('--gc');
  const replications = Number(positional[0] ?? 300);
  const rounds = Number(option('rounds', 2));
  const runs = [];
  for (let r = 0; r < rounds; r++) {
    for (const workers of r % 2 === 0 ? [1, 2] : [2, 1]) {
      const child = spawnSync(
        process.execPath,
        [
          ...(gc ? ['--trace-gc-nvp'] : []),
          fileURLToPath(import.meta.url),
          'child',
          String(replications),
          String(workers),
          `--dist=${dist}`,
        ],
        { encoding: 'utf8', maxBuffer: 1 << 30 },
      );
      if (child.status !== 0) {
        process.stderr.write(child.stderr);
        process.exit(child.status ?? 1);
      }
      const lines = child.stdout.trim().split('\n');
      const run = { ...JSON.parse(lines.at(-1)), ...(gc ? scavengesByWorker(lines) : {}) };
      console.log(JSON.stringify(run));
      runs.push(run);
    }
  }
  const summary = { replications, rounds };
  for (const workers of [1, 2]) {
    const mine = runs.filter((x) => x.workers === workers);
    for (const key of ['wall', 'workerJs', 'helpers', 'main', 'cpu', 'workerWait', 'workerSleep']) {
      summary[`${key}${workers}`] = centi(median(mine, (x) => x[key]));
    }
  }
  if (gc) {
    for (const workers of [1, 2]) {
      const mine = runs.filter((x) => x.workers === workers);
      const sum = (key) => mine.reduce((a, x) => a + x[key].reduce((b, y) => b + y, 0), 0);
      summary[`meanScavengePauseMs${workers}`] = centi(sum('scavengePauseMs') / sum('scavenges'));
    }
  }
  summary.speedup = centi(summary.wall1 / summary.wall2);
  summary.wall2Parts = wall2Parts(runs);
  console.log(JSON.stringify(summary));
}

/**
 * The 2-worker run's wall time in parts, per round (its two adjacent runs), median over rounds:
 * `ideal`, the 1-worker run's replication work split evenly (`workerJs1 / 2`); `workerJs`, what the two
 * workers' own threads spent beyond it (each isolate's warm-up, and scavenges slowed beside the other);
 * `helpers` and `main`, those threads' CPU halved, as the two cores pay for it; and `idle`, `wall2 − cpu2 / 2`
 * (half the core-seconds in which a core had nothing of the process to run: start-up, the serial end,
 * waits). In each round they add up to that round's `wall2` (their medians, nearly); all but `ideal` keep
 * the speed-up below 2, since in the 1-worker run the helpers and the main thread had the second core free.
 */
function wall2Parts(runs) {
  const rounds = [];
  for (let i = 0; i + 1 < runs.length; i += 2) {
    const one = runs[i].workers === 1 ? runs[i] : runs[i + 1];
    const two = runs[i].workers === 2 ? runs[i] : runs[i + 1];
    rounds.push({
      ideal: one.workerJs / 2,
      workerJs: (two.workerJs - one.workerJs) / 2,
      helpers: two.helpers / 2,
      main: two.main / 2,
      idle: two.wall - two.cpu / 2,
    });
  }
  const parts = {};
  for (const key of ['ideal', 'workerJs', 'helpers', 'main', 'idle']) {
    parts[key] = centi(median(rounds, (x) => x[key]));
  }
  return parts;
}

/**
 * Scavenges and their total pause (ms) per worker thread, from `--trace-gc-nvp` lines
 * (`[pid:isolate] time ms: pause=… … gc=s …`). The main thread's isolate reports first (it starts first)
 * and is left out; the others are the pool's workers.
 */
function scavengesByWorker(lines) {
  const isolates = new Map();
  for (const line of lines) {
    const hit = /^\[\d+:(0x[0-9a-f]+)\]\s+[\d.]+ ms: pause=([\d.]+) .*\bgc=(\w+) /.exec(line);
    if (hit === null) continue;
    const [, isolate, pause, kind] = hit;
    if (!isolates.has(isolate)) isolates.set(isolate, { scavenges: 0, pauseMs: 0 });
    if (kind !== 's') continue;
    const mine = isolates.get(isolate);
    mine.scavenges++;
    mine.pauseMs += Number(pause);
  }
  const workers = [...isolates.values()].slice(1);
  return {
    scavenges: workers.map((w) => w.scavenges),
    scavengePauseMs: workers.map((w) => Math.round(w.pauseMs)),
  };
}
