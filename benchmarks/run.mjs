/**
 * dibsim benchmark runner.
 *
 *   npm run bench                        build, then run every group at full size
 *   node benchmarks/run.mjs a c          only groups a and c (also: timeouts, mm1, inventory, b/dibsim, …)
 *   node benchmarks/run.mjs --quick      small work for CI smoke runs
 *   options: --reps=N  --seed=N  --no-warmup  --cpu-prof (profiles land in .bench-out/profiles)
 *
 * Each repetition runs every selected model once, each in its own child process (so peak RSS is per
 * model), each right before or after its baseline, in an order that changes from one repetition to the
 * next (see `repetitionOrder`); a model's ratio is its rate divided by its baseline's rate in the same
 * repetition, and the reported ratio is the median over repetitions.
 * Output: one JSON line per model `{ model, work, seconds, rate, ratio, peakRssMb, … }`, then one line
 * per goal `{ goal, ratio, target, met }` (a goal with a `bound` leaves out pairs whose ratio is above it,
 * as impossible but for host noise, and counts them; a `parallel` goal gives each pair's CPU per run
 * against its baseline's, `cpuPerRunRatios`, and the cores its runs kept busy against its baseline's,
 * `coresUsedRatios` (each pair's ratio is the second over the first), where other goals give the ratio of
 * CPU times, `ratioCpu`; at `--quick` size `met` is null and `judged` false, since so little work says
 * nothing about a goal).
 * Progress goes to stderr.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from 'd3-array';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * A model of group e on `workers` threads: started by the experiment itself (cold), or, when `warm`, taken
 * from one createWorkerPool kept from the warm-up run to the timed run.
 */
function experimentModel(model, workers, warm, baseline, note) {
  const at = (replications) => ({ replications, workers, ...(warm ? { warm } : {}) });
  return {
    model,
    file: 'experiment.dibsim',
    baseline,
    ...(note === undefined ? {} : { note }),
    params: { full: at(1000), quick: at(4) },
    warmup: { full: at(2), quick: at(1) },
  };
}

/** A model of group g: the same sweep run as `mode` ('separate', 'sweep' or 'pool'; see sweep.dibsim.mjs). */
function sweepModel(mode, baseline, note) {
  return {
    model: `g/${mode}`,
    file: 'sweep.dibsim',
    baseline,
    ...(note === undefined ? {} : { note }),
    params: {
      full: { points: 4, replications: 100, workers: 2, mode },
      quick: { points: 2, replications: 2, workers: 2, mode },
    },
  };
}

/**
 * The groups. `params` gives full and quick work; `warmup` the smaller run done first in the same child.
 * `key` extracts the statistic that every implementation of a group must reproduce exactly (they share
 * random streams and draw order), as a check that they simulate the same model.
 */
const GROUPS = [
  {
    id: 'a',
    name: 'timeouts',
    title: '1,000 processes × exponential(1) timeouts until t = 10,000',
    reps: { full: 5, quick: 1 },
    params: {
      full: { processes: 1000, horizon: 10_000 },
      quick: { processes: 1000, horizon: 500 },
    },
    warmup: { full: { processes: 1000, horizon: 500 }, quick: { processes: 1000, horizon: 50 } },
    key: (r) => r.events,
    models: [
      { model: 'a/heap', file: 'timeouts.heap', baseline: null, note: 'typed-array heap, no processes' },
      { model: 'a/dibsim', file: 'timeouts.dibsim', baseline: 'a/heap' },
      { model: 'a/simjs', file: 'timeouts.simjs', baseline: 'a/heap', note: 'context' },
      {
        model: 'a/rng',
        file: 'rng',
        baseline: null,
        note: 'the shared exponential sampler alone, for per-event costs net of randomness',
        params: { full: { draws: 10_000_000 }, quick: { draws: 500_000 } },
        warmup: { full: { draws: 500_000 }, quick: { draws: 50_000 } },
      },
    ],
    goals: [
      { goal: 'a: dibsim events/s >= 0.6 x typed-array heap baseline', model: 'a/dibsim', target: 0.6 },
      { goal: 'a: dibsim peak RSS <= 100 MB', model: 'a/dibsim', field: 'peakRssMb', max: 100 },
    ],
  },
  {
    id: 'b',
    name: 'mm1',
    title: 'M/M/1, λ = 0.9, μ = 1, one process per customer, capacity-1 Resource',
    reps: { full: 5, quick: 1 },
    params: { full: { customers: 1_000_000 }, quick: { customers: 50_000 } },
    warmup: { full: { customers: 50_000 }, quick: { customers: 5_000 } },
    key: (r) => r.meanWait,
    models: [
      { model: 'b/simjs', file: 'mm1.simjs', baseline: null, note: 'Facility (FCFS) + useFacility' },
      { model: 'b/dibsim', file: 'mm1.dibsim', baseline: 'b/simjs' },
    ],
    goals: [{ goal: 'b: dibsim customers/s >= 1.5 x simjs', model: 'b/dibsim', target: 1.5 }],
  },
  {
    id: 'c',
    name: 'inventory',
    title: "Law & Kelton's (s, S) = (20, 40) inventory system, 120 months per replication",
    reps: { full: 7, quick: 1 },
    params: { full: { replications: 1000 }, quick: { replications: 50 } },
    warmup: { full: { replications: 100 }, quick: { replications: 10 } },
    key: (r) => r.meanMonthlyCost,
    models: [
      { model: 'c/simjs', file: 'inventory.simjs', baseline: null, note: 'Buffer + TimeSeries + setTimer' },
      { model: 'c/dibsim', file: 'inventory.dibsim', baseline: 'c/simjs' },
    ],
    goals: [{ goal: 'c: dibsim replications/s >= 3 x simjs', model: 'c/dibsim', target: 3 }],
  },
  {
    id: 'd',
    name: 'scenario',
    title: 'europe-155mm, ten years, national-only: replications/s on one core, result size',
    reps: { full: 3, quick: 1 },
    params: { full: { replications: 100 }, quick: { replications: 3 } },
    warmup: { full: { replications: 5 }, quick: { replications: 1 } },
    key: (r) => r.lastFillRate,
    models: [{ model: 'd/dibsim', file: 'scenario.dibsim', baseline: null }],
    goals: [
      { goal: 'd: scenario replications/s >= 50 on one core', model: 'd/dibsim', field: 'rate', min: 50 },
      { goal: 'd: result per replication <= 200 KB (JSON)', model: 'd/dibsim', field: 'resultKb', max: 200 },
    ],
  },
  {
    id: 'e',
    name: 'experiment',
    title: 'europe-155mm, 3 strategies × replications with common random numbers, 1 vs 2 worker threads',
    reps: { full: 1, quick: 1 },
    params: { full: { replications: 1000 }, quick: { replications: 4 } },
    warmup: { full: { replications: 2 }, quick: { replications: 1 } },
    key: (r) => r.fillRatePooledMinusNational,
    models: [
      experimentModel('e/1-worker', 1, false, null),
      experimentModel('e/2-workers', 2, false, 'e/1-worker'),
      experimentModel(
        'e/1-worker-warm',
        1,
        true,
        null,
        'one createWorkerPool thread, kept from the warm-up run: no JIT warm-up in the timed run',
      ),
      experimentModel(
        'e/2-workers-warm',
        2,
        true,
        'e/1-worker-warm',
        'two createWorkerPool threads, kept from the warm-up run',
      ),
    ],
    goals: [
      // The goals are judged on cold runs (threads started by the call itself), as a single runExperiment
      // call by a user runs; the warm models show what shared threads change.
      // Two workers cannot be more than twice as fast as one: a pair above 2 means the host slowed its
      // 1-worker run, so such pairs are left out of the verdict (and counted in the goal line).
      // A speed-up from more threads has no CPU-time counterpart (the same work takes the same CPU, at best):
      // `parallel` replaces the CPU ratio by CPU per run against the baseline's, pair by pair (1: no CPU
      // lost to the second thread; above 1: compiles, collections, or a host that slowed the cores).
      {
        goal: 'e: speed-up from 1 to 2 workers >= 1.7',
        model: 'e/2-workers',
        target: 1.7,
        bound: 2,
        parallel: true,
      },
      {
        goal: 'e: 3 strategies x 1,000 replications <= 30 s with 2 workers',
        model: 'e/2-workers',
        field: 'seconds',
        max: 30,
      },
    ],
  },
  {
    id: 'g',
    name: 'sweep',
    title:
      'a sweep on europe-155mm, 3 strategies × 4 points × 100 replications, 2 worker threads: runSweep (one pool for every point) and runExperiment calls on one createWorkerPool vs separate runExperiment calls (threads started per point)',
    reps: { full: 3, quick: 1 },
    warmup: {
      full: { points: 1, replications: 2, workers: 2, mode: 'separate' },
      quick: { points: 1, replications: 1, workers: 2, mode: 'separate' },
    },
    key: (r) => r.pooledFillRateByPoint,
    models: [
      sweepModel(
        'separate',
        null,
        'a runExperiment call per point, each starting (and warming up) its own threads',
      ),
      sweepModel('sweep', 'g/separate'),
      sweepModel('pool', 'g/separate', 'a runExperiment call per point, all on one createWorkerPool'),
    ],
    goals: [],
  },
  {
    id: 'f',
    name: 'memory',
    title:
      'peak RSS of an experiment at 100, 1,000 and 10,000 replications, and resuming 100 and 10,000 from a results file (small scenario, calling thread)',
    reps: { full: 1, quick: 1 },
    params: { full: { replications: 100 }, quick: { replications: 20 } },
    warmup: { full: { replications: 5 }, quick: { replications: 2 } },
    key: () => 0,
    models: [
      { model: 'f/100', file: 'memory.dibsim', baseline: null },
      {
        model: 'f/1000',
        file: 'memory.dibsim',
        baseline: null,
        params: { full: { replications: 1000 }, quick: { replications: 200 } },
      },
      {
        model: 'f/10000',
        file: 'memory.dibsim',
        baseline: null,
        params: { full: { replications: 10000 }, quick: { replications: 2000 } },
      },
      {
        model: 'f/100-resume',
        file: 'memory.dibsim',
        baseline: null,
        params: { full: { replications: 100, resume: true }, quick: { replications: 20, resume: true } },
      },
      {
        model: 'f/10000-resume',
        file: 'memory.dibsim',
        baseline: null,
        params: { full: { replications: 10000, resume: true }, quick: { replications: 2000, resume: true } },
      },
    ],
    goals: [
      {
        goal: 'f: peak RSS at 10,000 replications <= 1.25 x at 100',
        model: 'f/10000',
        field: 'peakRssMb',
        relativeTo: 'f/100',
        maxRatio: 1.25,
      },
      {
        goal: 'f: peak RSS resuming 10,000 replications from a results file <= 1.25 x resuming 100',
        model: 'f/10000-resume',
        field: 'peakRssMb',
        relativeTo: 'f/100-resume',
        maxRatio: 1.25,
      },
    ],
  },
];

// ---- command line ------------------------------------------------------------------------------
const argv = process.argv.slice(2);
const flags = new Map();
const filters = [];
for (const arg of argv) {
  if (arg.startsWith('--')) {
    const [k, v] = arg.slice(2).split('=');
    flags.set(k, v ?? true);
  } else filters.push(arg.toLowerCase());
}
const known = new Set(['quick', 'reps', 'seed', 'no-warmup', 'cpu-prof', 'help']);
for (const k of flags.keys()) {
  if (!known.has(k)) {
    console.error(`unknown option --${k}. Options: ${[...known].map((o) => `--${o}`).join(' ')}`);
    process.exit(2);
  }
}
if (flags.has('help')) {
  console.error(
    'usage: node benchmarks/run.mjs [a|b|c|d|e|f|timeouts|mm1|inventory|scenario|experiment|memory|a/dibsim …] [--quick] [--reps=N] [--seed=N] [--no-warmup] [--cpu-prof]',
  );
  process.exit(0);
}
const size = flags.has('quick') ? 'quick' : 'full';
const seed = flags.has('seed') ? Number(flags.get('seed')) : 20_261_129;
const repsOverride = flags.has('reps') ? Number(flags.get('reps')) : undefined;
if (repsOverride !== undefined && !(Number.isInteger(repsOverride) && repsOverride >= 1)) {
  console.error('--reps must be a positive integer');
  process.exit(2);
}
const profileDir = join(here, '..', '.bench-out', 'profiles');
if (flags.has('cpu-prof')) mkdirSync(profileDir, { recursive: true });

/** Models of `group` selected by the filters, plus the baselines they need. */
function selectedModels(group) {
  if (filters.length === 0) return group.models;
  if (filters.some((f) => f === group.id || f === group.name)) return group.models;
  const chosen = new Set(
    group.models.filter((m) => filters.includes(m.model) || filters.includes(m.file)).map((m) => m.model),
  );
  for (const m of group.models) if (chosen.has(m.model) && m.baseline) chosen.add(m.baseline);
  return group.models.filter((m) => chosen.has(m.model));
}

const plan = GROUPS.map((g) => ({ group: g, models: selectedModels(g) })).filter((p) => p.models.length > 0);
if (plan.length === 0) {
  console.error(
    `no benchmark matches ${filters.join(' ')}; groups: ${GROUPS.map((g) => `${g.id} (${g.name})`).join(', ')}`,
  );
  process.exit(2);
}

// ---- running -------------------------------------------------------------------------------
function runChild(group, m) {
  const params = { ...(m.params ?? group.params)[size], seed };
  const warm = { ...(m.warmup ?? group.warmup)[size], seed };
  const nodeArgs = ['--expose-gc'];
  if (flags.has('cpu-prof'))
    nodeArgs.push(
      '--cpu-prof',
      `--cpu-prof-dir=${profileDir}`,
      `--cpu-prof-name=${m.file}.${Date.now()}.cpuprofile`,
    );
  const childArgs = [...nodeArgs, join(here, 'child.mjs'), m.file, JSON.stringify(params)];
  if (!flags.has('no-warmup')) childArgs.push(JSON.stringify(warm));
  const proc = spawnSync(process.execPath, childArgs, { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (proc.status !== 0) {
    throw new Error(`${m.model} failed (exit ${proc.status ?? proc.signal}):\n${proc.stderr}`);
  }
  const line = proc.stdout.trim().split('\n').at(-1);
  return JSON.parse(line);
}

/**
 * The order of `models` in repetition `r`. Each baseline runs between its models (at most two per baseline
 * here), so that every ratio divides two runs made back to back: the host's speed drifts over minutes.
 * Which side runs first alternates from one repetition to the next (a drift then favours neither), and the
 * groups of a baseline and its models rotate so that none always runs first. `models` holds the baseline
 * of each of its models (see `selectedModels`).
 */
function repetitionOrder(models, r) {
  const groups = models
    .filter((base) => !base.baseline)
    .map((base) => {
      const others = models.filter((m) => m.baseline === base.model);
      const half = Math.ceil(others.length / 2);
      const line = [...others.slice(0, half), base, ...others.slice(half)];
      return r % 2 === 0 ? line : line.reverse();
    });
  return groups.flatMap((_, i) => groups[(i + r) % groups.length]);
}

const sig = (x, d = 4) => (Number.isFinite(x) ? Number(x.toPrecision(d)) : x);

const goalLines = [];
for (const { group, models } of plan) {
  const reps = repsOverride ?? group.reps[size];
  console.error(`[bench] ${group.id} (${group.name}): ${group.title}; ${reps} repetition(s), ${size} size`);
  /** @type {Map<string, any[]>} */
  const runs = new Map(models.map((m) => [m.model, []]));
  for (let r = 0; r < reps; r++) {
    const order = repetitionOrder(models, r);
    for (const m of order) {
      const out = runChild(group, m);
      runs.get(m.model).push(out);
      console.error(
        `[bench]   rep ${r + 1}/${reps} ${m.model}: ${sig(out.rate)} ${out.unit}/s, ${sig(out.seconds)} s (CPU ${sig(out.cpuSeconds)} s), ${sig(out.peakRssMb)} MB`,
      );
    }
  }

  const rngRuns = runs.get(`${group.id}/rng`);
  const nsPerDraw = rngRuns ? 1e9 / median(rngRuns.map((o) => o.rate)) : undefined;
  const lines = new Map();
  for (const m of models) {
    const outs = runs.get(m.model);
    const rates = outs.map((o) => o.rate);
    const line = {
      model: m.model,
      work: outs[0].work,
      unit: outs[0].unit,
      seconds: sig(median(outs.map((o) => o.seconds))),
      cpuSeconds: sig(median(outs.map((o) => o.cpuSeconds))),
      rate: sig(median(rates)),
      ratio: 1,
      baseline: m.baseline,
      peakRssMb: sig(Math.max(...outs.map((o) => o.peakRssMb)), 3),
    };
    if (m.baseline && runs.has(m.baseline)) {
      const base = runs.get(m.baseline);
      /** Each repetition's `of` over its baseline run's, pair by pair. */
      const pairRatios = (of) => outs.map((o, i) => of(o) / of(base[i]));
      const ratios = pairRatios((o) => o.rate);
      line.ratio = sig(median(ratios));
      line.ratios = ratios.map((x) => sig(x, 3));
      line.ratioRange = [sig(Math.min(...ratios), 3), sig(Math.max(...ratios), 3)];
      const cpuPerRun = pairRatios((o) => o.cpuSeconds / o.work);
      // The same ratio from CPU time instead of wall time (robust to being descheduled; counts GC threads).
      line.ratioCpu = sig(median(cpuPerRun.map((x) => 1 / x)));
      line.cpuPerRunRatios = cpuPerRun.map((x) => sig(x, 3));
      // Cores kept busy (CPU over wall time) against the baseline's: a pair's ratio is exactly this over its
      // CPU per run ratio. A 1-worker run keeps more than one core busy (its compiles, collections and
      // calling thread run beside the worker), which a 2-worker run cannot add to.
      line.coresUsedRatios = pairRatios((o) => o.cpuSeconds / o.seconds).map((x) => sig(x, 3));
      line.baselineRate = sig(median(base.map((o) => o.rate)));
      if (m.file !== 'rng')
        line.agreesWithBaseline =
          group.key(outs[0].result) === group.key(base[0].result) ||
          relClose(group.key(outs[0].result), group.key(base[0].result));
    } else if (m.baseline) {
      line.ratio = null;
    }
    line.rateRange = [sig(Math.min(...rates), 3), sig(Math.max(...rates), 3)];
    line.reps = outs.length;
    if (outs[0].unit === 'events') {
      line.nsPerEvent = sig(1e9 / median(rates), 3);
      if (nsPerDraw !== undefined) line.nsPerEventLessRng = sig(1e9 / median(rates) - nsPerDraw, 3);
    }
    if (outs[0].unit === 'draws') line.nsPerDraw = sig(nsPerDraw, 3);
    line.deterministic = outs.every((o) => JSON.stringify(o.result) === JSON.stringify(outs[0].result));
    if (m.note) line.note = m.note;
    line.result = outs[0].result;
    lines.set(m.model, line);
    console.log(JSON.stringify(line));
  }

  for (const g of group.goals) {
    const line = lines.get(g.model);
    if (line === undefined) continue;
    if (g.relativeTo) {
      const value = line[g.field] / lines.get(g.relativeTo)?.[g.field];
      goalLines.push({ goal: g.goal, ratio: sig(value), target: g.maxRatio, met: value <= g.maxRatio });
    } else if (g.field) {
      const value = line[g.field] ?? line.result?.[g.field];
      const met = g.max !== undefined ? value <= g.max : value >= g.min;
      goalLines.push({ goal: g.goal, [g.field]: value, target: g.max ?? g.min, met });
    } else {
      const baselineRate = lines.get(line.baseline)?.rate;
      // Pairs above the bound are left out of the verdict and counted; with none left out, the line's ratio.
      const pairs = line.ratios ?? [];
      const within = pairs.filter((x) => g.bound === undefined || x <= g.bound);
      const aboveBound = pairs.length - within.length;
      let ratio = line.ratio;
      if (aboveBound > 0) ratio = within.length > 0 ? sig(median(within)) : null;
      goalLines.push({
        goal: g.goal,
        ratio,
        target: g.target,
        met: ratio !== null && ratio >= g.target,
        ...(aboveBound > 0 ? { pairsAboveBound: aboveBound, bound: g.bound, ratioAllPairs: line.ratio } : {}),
        ...(g.parallel
          ? { cpuPerRunRatios: line.cpuPerRunRatios, coresUsedRatios: line.coresUsedRatios }
          : { ratioCpu: line.ratioCpu, metCpu: line.ratioCpu >= g.target }),
        rate: line.rate,
        baselineRate,
      });
    }
  }
}
// At quick size the work is too small for rates, ratios and memory to mean anything: say so instead of a
// verdict that a reader of a CI log could take for a measurement.
for (const g of goalLines) {
  if (size === 'full') {
    console.log(JSON.stringify(g));
    continue;
  }
  const { metCpu: _metCpu, ...measured } = g;
  const why = 'quick size: too little work to judge; run without --quick';
  console.log(JSON.stringify({ ...measured, met: null, judged: false, why }));
}

function relClose(a, b) {
  return (
    typeof a === 'number' &&
    typeof b === 'number' &&
    Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b))
  );
}
