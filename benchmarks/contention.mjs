/**
 * How much two busy worker threads slow each other once warm, apart from compiling: two threads with the
 * young generation of dibsim's pool each run a fixed piece of work alone (the other idle) and then both at
 * once, several rounds, and one JSON line per kind of work gives the median milliseconds alone and together
 * and their ratio `slowdown` (1 = no interference). Kinds: `sim` (replications of europe-155mm under the
 * three strategies, as the experiment runner does them), `alu` (a loop of floating-point arithmetic) and
 * `memory` (a loop streaming through 64 MB). If `sim` stays near 1, what a cold 2-worker experiment loses
 * to a 1-worker one is not shared caches or memory but what each thread's isolate does besides running
 * (compiling, collecting garbage on helper threads); see `thread-cpu.mjs`.
 *
 * Usage: npm run build && node benchmarks/contention.mjs [replications=20] [--rounds=4] [--kinds=sim,alu,memory]
 *          [--dist=dist]
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { median } from 'd3-array';

if (isMainThread) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const hit = args.find((a) => a.startsWith(`--${name}=`));
    return hit === undefined ? fallback : hit.slice(name.length + 3);
  };
  const replications = Number(args.find((a) => !a.startsWith('--')) ?? 20);
  const rounds = Number(option('rounds', 4));
  const dist = resolve(option('dist', 'dist'));
  const { WORKER_YOUNG_GENERATION_MB } = await import(
    pathToFileURL(resolve(dist, 'experiment/worker-pool.js')).href
  );
  for (const kind of option('kinds', 'sim,alu,memory').split(',')) {
    // The pool's young generation, so that garbage collection is as there.
    const start = () =>
      new Worker(new URL(import.meta.url), {
        workerData: { kind, replications, dist },
        resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
      });
    const threads = [start(), start()];
    const run = (thread) =>
      new Promise((done, fail) => {
        thread.once('error', fail);
        thread.once('message', (ms) => {
          thread.off('error', fail);
          done(ms);
        });
        thread.postMessage('run');
      });
    await Promise.all(threads.map(run)); // warm-up: compiles happen here, not in the timed rounds
    const alone = [];
    const together = [];
    for (let r = 0; r < rounds; r++) {
      for (const thread of threads) alone.push(await run(thread));
      together.push(...(await Promise.all(threads.map(run))));
    }
    await Promise.all(threads.map((t) => t.terminate()));
    const aloneMs = median(alone);
    const togetherMs = median(together);
    const round = (x, digits) => Math.round(x * 10 ** digits) / 10 ** digits;
    console.log(
      JSON.stringify({
        kind,
        rounds,
        aloneMs: round(aloneMs, 1),
        togetherMs: round(togetherMs, 1),
        slowdown: round(togetherMs / aloneMs, 3),
      }),
    );
  }
} else {
  const { kind, replications, dist } = workerData;
  let work;
  if (kind === 'sim') {
    const lib = await import(pathToFileURL(resolve(dist, 'index.js')).href);
    const makers = [lib.createNationalOnly, lib.createBilateral, lib.createPooled];
    let next = 0;
    work = () => {
      for (let i = 0; i < replications; i++, next++) {
        // Common random numbers, as in an experiment: the strategies of one replication share its demand.
        const demand = new lib.CommonDemand();
        for (const make of makers) {
          lib.runScenario(lib.europe155mm, { strategy: make(), seed: 1, replication: next, demand });
        }
      }
    };
  } else if (kind === 'alu') {
    work = () => {
      let s = 0;
      for (let i = 0; i < replications * 2e6; i++) s = (s * 1.0000001 + i) % 1e9;
      return s;
    };
  } else if (kind === 'memory') {
    const big = new Float64Array(8e6); // 64 MB, far beyond the caches
    work = () => {
      let s = 0;
      for (let k = 0; k < replications * 2; k++) {
        for (let i = 0; i < big.length; i += 8) {
          s += big[i];
          big[i] = s;
        }
      }
      return s;
    };
  } else {
    throw new Error(`contention.mjs: unknown kind "${kind}"; use sim, alu or memory.`);
  }
  parentPort.on('message', () => {
    const start = performance.now();
    work();
    parentPort.postMessage(performance.now() - start);
  });
}
