/**
 * Sweeps over levers: an experiment per design point (grid or Latin hypercube), and one-at-a-time
 * sensitivity for tornado charts. Every point runs with the same seed, so points are compared on common
 * random numbers too.
 *
 * @module
 */
import { checkOptionalFunction, DibsimError, describeValue, ScenarioError } from '../errors.js';
import { checkOptionNames } from '../model/field-suggestions.js';
import { confidenceInterval } from '../stats/confidence.js';
import { Tally } from '../stats/tally.js';
import {
  checkLevers,
  type DesignContext,
  type DesignPoint,
  describeGrid,
  gridPoints,
  hypercubePoints,
  MAX_DESIGN_POINTS,
} from './designs.js';
import {
  applyResolvedLevers,
  type Lever,
  type LeveredSpecs,
  leverLabel,
  leverLowHigh,
  leverName,
  resolveLevers,
} from './levers.js';
import type { ExperimentManifest } from './manifest.js';
import { notAKpi } from './record.js';
import type { ExperimentResult } from './results.js';
import {
  checkWorkers,
  EXPERIMENT_OPTIONS,
  type ExperimentOptions,
  type PreparedExperiment,
  prepare,
  runPrepared,
  threadsFor,
} from './run-experiment.js';
import { loadStrategies, type StrategySpec } from './strategy-spec.js';
import { type ReplicationPool, withReplicationPool } from './worker-pool.js';

/** Options shared by sweeps: an experiment's, without per-run files. */
export type SweepBaseOptions = Omit<
  ExperimentOptions,
  'resultsFile' | 'shard' | 'keepRecords' | 'onProgress'
>;

/**
 * A design: every combination of the levers' values, or a seeded Latin hypercube. {@link runSweep} refuses
 * a field its type does not have (a misspelt `seed`, or `points` on a grid).
 */
export type SweepDesign = GridSweepDesign | LatinHypercubeSweepDesign;

/** Every combination of the levers' `values` (see {@link gridDesign}). */
export interface GridSweepDesign {
  /** Discriminant. */
  readonly type: 'grid';
}

/** A Latin hypercube over the levers' ranges (see {@link latinHypercube}). */
export interface LatinHypercubeSweepDesign {
  /** Discriminant. */
  readonly type: 'latin-hypercube';
  /** Number of design points. */
  readonly points: number;
  /** Seed of the design (not of the replications). @defaultValue the experiment's seed */
  readonly seed?: number | string;
}

/** Options of {@link runSweep}. */
export interface SweepOptions extends SweepBaseOptions {
  /** The levers to vary. */
  readonly levers: readonly Lever[];
  /** How to choose the design points. */
  readonly design: SweepDesign;
  /** Called after each design point's experiment. */
  readonly onPoint?: ((done: number, points: number) => void) | undefined;
}

// The fields of each function's options (records, so that the compiler keeps them in step): an
// experiment's, less what has no meaning for many experiments (per-run files, records and progress).
const {
  resultsFile: _resultsFile,
  shard: _shard,
  keepRecords: _keepRecords,
  onProgress: _onProgress,
  ...SWEEP_BASE
} = EXPERIMENT_OPTIONS;
const { stopWhen: _stopWhen, ...TORNADO_BASE } = SWEEP_BASE;

/** The fields of each type of {@link SweepDesign}. */
const DESIGN_FIELDS: Readonly<Record<SweepDesign['type'], readonly string[]>> = {
  grid: Object.keys({ type: true } satisfies Record<keyof GridSweepDesign, true>),
  'latin-hypercube': Object.keys({
    type: true,
    points: true,
    seed: true,
  } satisfies Record<keyof LatinHypercubeSweepDesign, true>),
};

/** Each type of {@link SweepDesign} in words, and as written. */
const DESIGN_NAMES: Readonly<Record<SweepDesign['type'], readonly [string, string]>> = {
  grid: ['a grid', "{ type: 'grid' }"],
  'latin-hypercube': ['a Latin hypercube', "{ type: 'latin-hypercube', points, seed? }"],
};

/** What the errors of a sweep's design name. */
const SWEEP_DESIGN: DesignContext = {
  levers: 'runSweep: options.levers',
  points: 'runSweep: options.design.points',
  hypercube: "a Latin hypercube, { type: 'latin-hypercube', points }",
};

/** The fields of {@link SweepOptions}. */
const SWEEP_OPTION_NAMES: readonly string[] = Object.keys({
  ...SWEEP_BASE,
  levers: true,
  design: true,
  onPoint: true,
} satisfies Record<keyof SweepOptions, true>);

/** The fields of {@link TornadoOptions}. */
const TORNADO_OPTION_NAMES: readonly string[] = Object.keys({
  ...TORNADO_BASE,
  levers: true,
  kpis: true,
  onExperiment: true,
} satisfies Record<keyof TornadoOptions, true>);

/** One design point and its experiment. */
export interface SweepPoint {
  /** Value per lever name. */
  readonly values: DesignPoint;
  /** The experiment at this point. */
  readonly result: ExperimentResult;
}

/** Result of {@link runSweep}. */
export interface SweepResult {
  /** `'cancelled'` if the signal aborted it; `points` then holds the points finished. */
  readonly status: 'complete' | 'cancelled';
  /** Lever names, in order. */
  readonly levers: readonly string[];
  /** Design points with their results, in design order. */
  readonly points: readonly SweepPoint[];
}

/**
 * Runs an experiment at each point of a design over `levers`. Every point's scenario and strategies are
 * built and validated before the first point runs, so a bad value anywhere fails before any work is done.
 * A design has at most 10,000 points (counted before any is built); for more combinations, sample the
 * levers with a Latin hypercube. A strategy lever names its strategy as results do (see {@link Lever.strategy}).
 *
 * @throws {@link DibsimError} `INVALID_ARGUMENT` for a bad lever or design (a field a lever, its range or
 *   that type of design does not have, such as a misspelt `seed`, or `points` on a grid), a design of more
 *   than 10,000 points, a lever path that does not exist (`runSweep: options.levers[i] (lever "…"): path
 *   …`), or two levers with one name or on one input; anything
 *   {@link runExperiment} throws (a {@link ScenarioError} for a lever value the scenario rejects).
 * @example
 * const sweep = await runSweep({ ...experiment, levers: [{ path: 'procurement.awardDelayDays', values: [30, 90] }], design: { type: 'grid' } });
 */
export async function runSweep(options: SweepOptions): Promise<SweepResult> {
  checkOptionNames(options, SWEEP_OPTION_NAMES, 'runSweep: options');
  const { levers: given, design, onPoint, ...experiment } = options;
  checkOptionalFunction('runSweep: options.onPoint', onPoint, 'Pass (done, total) => { … }.');
  const workers = checkWorkers(experiment, 'runSweep');
  checkLevers('runSweep: options.levers', given, 1);
  checkDesign(design);
  checkDesignSize(given, design);
  const resolved = await leversOf(given, experiment.strategies, 'runSweep');
  const { levers } = resolved;
  const points = designPoints(levers, design, experiment.seed ?? 1);
  const experiments: ExperimentOptions[] = [];
  for (const values of points) {
    const levered = await applyResolvedLevers(
      experiment.scenario,
      resolved,
      values,
      experiment.baseline,
      'runSweep: options.',
    );
    experiments.push({ ...experiment, ...levered });
  }
  const runs = await prepareRuns(experiments, 'runSweep', (k) => {
    const values = Object.entries(points[k]!).map(([lever, v]) => `${lever} = ${describeValue(v)}`);
    return `at design point ${k + 1} of ${points.length} (${values.join(', ')})`;
  });
  const done: SweepPoint[] = [];
  // One pool for every point: its threads keep their optimised code from one point to the next.
  await withReplicationPool(threadsFor(workers, runs[0]!.setup.manifest.replications), async (pool) => {
    for (let k = 0; k < points.length; k++) {
      if (experiment.signal?.aborted === true) break;
      const result = await runPrepared(runs[k]!.options, runs[k]!.setup, pool);
      if (result.status === 'cancelled') break;
      done.push({ values: points[k]!, result });
      onPoint?.(done.length, points.length);
    }
  });
  return {
    status: done.length === points.length ? 'complete' : 'cancelled',
    levers: levers.map(leverName),
    points: done,
  };
}

/**
 * Checks that `design` is a design of a known type with only that type's fields: a misspelt `seed` would
 * otherwise sample with the experiment's seed, and `points` on a grid would be ignored.
 *
 * @throws {@link DibsimError} `INVALID_ARGUMENT` naming the field, and the type that takes it if another
 *   does (`points` and `seed` are a Latin hypercube's).
 */
function checkDesign(design: unknown): asserts design is SweepDesign {
  const type = (design as { readonly type?: unknown } | null | undefined)?.type;
  if (
    typeof design !== 'object' ||
    design === null ||
    Array.isArray(design) ||
    (type !== 'grid' && type !== 'latin-hypercube')
  ) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `runSweep: options.design must be { type: 'grid' } or { type: 'latin-hypercube', points } (got ${describeValue(design)}).`,
    );
  }
  const fields = DESIGN_FIELDS[type];
  for (const key in design) {
    if (fields.includes(key)) continue;
    const other = (Object.keys(DESIGN_FIELDS) as SweepDesign['type'][]).find((t) =>
      DESIGN_FIELDS[t].includes(key),
    );
    if (other === undefined) continue; // no type takes it: checkOptionNames names the nearest field
    const [words, written] = DESIGN_NAMES[other];
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `runSweep: options.design.${key} is not an option of ${DESIGN_NAMES[type][0]} (got ${describeValue((design as Record<string, unknown>)[key])}): only ${words}, ${written}, takes ${key}. Drop it, or make the design ${written}.`,
    );
  }
  checkOptionNames(design, fields, 'runSweep: options.design');
}

/**
 * Refuses a design of more than {@link MAX_DESIGN_POINTS} points, counted from the levers' values (a grid)
 * or the points asked for (a Latin hypercube) before any point is built: 8 levers of 20 values make a grid
 * of 2.56e10 points, which ran out of memory after minutes.
 */
function checkDesignSize(levers: readonly Lever[], design: SweepDesign): void {
  const counts = levers.map((l) => (Array.isArray(l.values) ? l.values.length : 1));
  const grid = design.type === 'grid' ? describeGrid(counts) : undefined;
  const points = grid?.points ?? (design as LatinHypercubeSweepDesign).points;
  if (!(points > MAX_DESIGN_POINTS)) return;
  const limit = MAX_DESIGN_POINTS.toLocaleString('en-US');
  throw new DibsimError(
    'INVALID_ARGUMENT',
    grid !== undefined
      ? `runSweep: options.design is a grid of ${grid.text}, but a sweep may have at most ${limit} (got ${describeValue(design)}). Give the levers fewer values, or sample their ranges with a Latin hypercube of at most ${limit} points: { type: 'latin-hypercube', points } (--points on the command line).`
      : `runSweep: options.design.points must be at most ${limit} (got ${describeValue(points)}). Sample fewer points, or split the sweep into several.`,
  );
}

/**
 * The levers and strategies of a sweep or tornado, checked and with each strategy lever naming its strategy
 * as results do (see {@link resolveLevers}); the strategies are loaded for their names only if a lever
 * names one.
 */
async function leversOf(
  levers: readonly Lever[],
  strategies: readonly StrategySpec[],
  caller: 'runSweep' | 'tornado',
): Promise<LeveredSpecs> {
  const names = levers.some((l) => l?.strategy !== undefined)
    ? (await loadStrategies(strategies, `${caller}: options.`)).map((s) => s.name)
    : undefined;
  return resolveLevers(levers, strategies, names, `${caller}: options.levers`);
}

/** The points of `design` (checked by {@link checkDesign}) over `levers`. */
function designPoints(levers: readonly Lever[], design: SweepDesign, seed: number | string): DesignPoint[] {
  return design.type === 'grid'
    ? gridPoints(levers, SWEEP_DESIGN)
    : hypercubePoints(levers, design.points, design.seed ?? seed, SWEEP_DESIGN);
}

/** An experiment's options with their validated form, ready for {@link runPrepared}. */
interface PreparedRun {
  readonly options: ExperimentOptions;
  readonly setup: PreparedExperiment;
}

/**
 * Every experiment validated (scenario, strategies and options) before any of them runs: a bad value at
 * the last point must not cost the points before it. A levered scenario the model refuses is reported as
 * the scenario `at(k)` (which point, which lever values), not as `options.scenario`, which is valid.
 */
async function prepareRuns(
  experiments: readonly ExperimentOptions[],
  caller: 'runSweep' | 'tornado',
  at?: (k: number) => string,
): Promise<PreparedRun[]> {
  const runs: PreparedRun[] = [];
  for (const [k, options] of experiments.entries()) {
    try {
      runs.push({ options, setup: await prepare(options, caller) });
    } catch (error) {
      if (at === undefined || !(error instanceof ScenarioError)) throw error;
      if (error.source !== `${caller}: options.scenario`) throw error;
      throw new ScenarioError(error.issues, `${caller}: the scenario ${at(k)}`);
    }
  }
  return runs;
}

/** Options of {@link tornado}. */
export interface TornadoOptions extends Omit<SweepBaseOptions, 'stopWhen'> {
  /** Levers, each with low and high values (see {@link Lever.low}). */
  readonly levers: readonly Lever[];
  /** Scalar KPI keys to report, e.g. `['fillRate', 'totalSpendEur']`. */
  readonly kpis: readonly string[];
  /**
   * Called after each of the `1 + 2·levers` experiments with how many are done and its result; the first
   * is the base experiment (every lever at its scenario value).
   */
  readonly onExperiment?: ((done: number, total: number, result: ExperimentResult) => void) | undefined;
}

/** One bar of a tornado chart: the change of a KPI when one lever moves from low to high. */
export interface TornadoBar {
  /** Lever name. */
  readonly lever: string;
  /**
   * Low value of the lever: whatever the lever sets (a number, a string such as `'pledgesFirst'`, a
   * distribution), so narrow it before use, e.g. `typeof bar.low === 'number'`.
   */
  readonly low: unknown;
  /** High value of the lever (see {@link TornadoBar.low}). */
  readonly high: unknown;
  /** KPI mean with the lever at low. */
  readonly lowMean: number;
  /** KPI mean with the lever at high. */
  readonly highMean: number;
  /** Mean paired change, high − low, over common replications. */
  readonly effect: number;
  /** Student-t CI of the change: lower bound. */
  readonly lower: number;
  /** Upper bound. */
  readonly upper: number;
  /** Half-width. */
  readonly halfWidth: number;
  /** Replications paired. */
  readonly n: number;
}

/** Tornado data of one KPI and strategy. */
export interface TornadoSeries {
  /** KPI mean with every lever at its scenario value. */
  readonly baseMean: number;
  /** Bars, largest |effect| first. */
  readonly bars: readonly TornadoBar[];
}

/** Result of {@link tornado}. */
export interface TornadoResult {
  /**
   * `'cancelled'` when the signal stopped it: the bars then hold only the levers whose two runs finished
   * before. Set by {@link tornado}; a result put together otherwise may leave it out (complete).
   */
  readonly status?: 'complete' | 'cancelled' | undefined;
  /** Confidence level of the intervals. */
  readonly level: number;
  /**
   * The manifest of the base experiment (every lever at its scenario value): the scenario's hash, the
   * seed, replications and strategies of every experiment of the tornado. Set by {@link tornado}; a result
   * put together otherwise may leave it out.
   */
  readonly manifest?: ExperimentManifest | undefined;
  /** Per KPI key, per strategy name. */
  readonly kpis: Readonly<Record<string, Readonly<Record<string, TornadoSeries>>>>;
}

/**
 * One-at-a-time sensitivity: for each lever, runs the experiment with the lever at its low and at its
 * high value (the others as in the scenario) and reports, per KPI and strategy, the paired change
 * high − low with a confidence interval — the data of a tornado chart.
 *
 * @remarks Runs `1 + 2·levers` experiments; records of two runs are held at a time.
 * @throws {@link DibsimError} `INVALID_ARGUMENT` for an empty lever list, a lever with a field a lever (or
 *   its range) does not have (a misspelt `high` would otherwise be replaced by `range.max`), a lever without
 *   low/high or whose path does not exist (`tornado: options.levers[i] (lever "…"): path …`), or an empty
 *   or unknown KPI; anything {@link runExperiment} throws. All of these before the first experiment runs.
 */
export async function tornado(options: TornadoOptions): Promise<TornadoResult> {
  checkOptionNames(options, TORNADO_OPTION_NAMES, 'tornado: options');
  const { levers: given, kpis, onExperiment, ...experiment } = options;
  checkOptionalFunction(
    'tornado: options.onExperiment',
    onExperiment,
    'Pass (done, total, result) => { … }.',
  );
  const workers = checkWorkers(options, 'tornado');
  checkLevers('tornado: options.levers', given, 1);
  const resolved = await leversOf(given, experiment.strategies, 'tornado');
  const { levers } = resolved;
  // Everything is checked before the first experiment runs: KPI names, each lever's low and high values,
  // and the scenario and strategies at both ends of each lever.
  const [base] = await prepareRuns([experiment], 'tornado');
  const { layout } = base!.setup;
  if (!Array.isArray(kpis) || kpis.length === 0) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `tornado: options.kpis must be a non-empty array of KPI keys (got ${describeValue(kpis)}). E.g. ['fillRate', 'totalSpendEur'].`,
    );
  }
  const indices = kpis.map((kpi) => {
    const k = layout.scalars.indexOf(kpi);
    if (k < 0) {
      throw new DibsimError('INVALID_ARGUMENT', `tornado: ${JSON.stringify(kpi)} ${notAKpi(kpi, layout)}`);
    }
    return k;
  });
  const swings: Swing[] = [];
  for (const [i, lever] of levers.entries()) {
    const { low, high } = leverLowHigh(lever, leverLabel('tornado: options.levers', i, lever));
    const name = leverName(lever);
    const ends: ExperimentOptions[] = [];
    for (const value of [low, high]) {
      const levered = await applyResolvedLevers(
        experiment.scenario,
        resolved,
        { [name]: value },
        experiment.baseline,
        'tornado: options.',
      );
      ends.push({ ...experiment, ...levered, keepRecords: true });
    }
    const [lo, hi] = await prepareRuns(
      ends,
      'tornado',
      (k) => `with ${name} at its ${k === 0 ? 'low' : 'high'} value, ${describeValue(k === 0 ? low : high)}`,
    );
    swings.push({ name, low, high, runs: [lo!, hi!] });
  }
  // One pool for all the experiments, as in runSweep.
  return withReplicationPool(threadsFor(workers, base!.setup.manifest.replications), (pool) =>
    tornadoOn({ level: experiment.level ?? 0.95, base: base!, kpis, indices, swings, onExperiment }, pool),
  );
}

/** A lever's two ends, built and checked. */
interface Swing {
  readonly name: string;
  readonly low: unknown;
  readonly high: unknown;
  readonly runs: readonly [PreparedRun, PreparedRun];
}

async function tornadoOn(
  plan: {
    readonly level: number;
    readonly base: PreparedRun;
    readonly kpis: readonly string[];
    readonly indices: readonly number[];
    readonly swings: readonly Swing[];
    readonly onExperiment: TornadoOptions['onExperiment'];
  },
  pool: ReplicationPool | undefined,
): Promise<TornadoResult> {
  const { level, kpis, indices, swings, onExperiment } = plan;
  const total = 1 + 2 * swings.length;
  let done = 0;
  let cancelled = false;
  const run = async ({ options, setup }: PreparedRun) => {
    const result = await runPrepared(options, setup, pool);
    // A cancelled experiment is not one done: the progress stops where the signal stopped it.
    if (result.status === 'cancelled') cancelled = true;
    else onExperiment?.(++done, total, result);
    return result;
  };
  const base = await run(plan.base);
  const names = base.strategies.map((s) => s.name);
  const bars = kpis.map(() => names.map((): TornadoBar[] => []));
  for (const { name, low, high, runs } of swings) {
    const lo = cancelled ? undefined : await run(runs[0]);
    const hi = cancelled ? undefined : await run(runs[1]);
    if (lo === undefined || hi === undefined || cancelled) break;
    const loByIndex = new Map(lo.records!.map((r) => [r.replication, r]));
    kpis.forEach((kpi, q) => {
      const k = indices[q]!;
      names.forEach((_name, s) => {
        const change = new Tally();
        for (const h of hi.records!) {
          const l = loByIndex.get(h.replication);
          const d = h.values[s]![k]! - (l?.values[s]?.[k] ?? Number.NaN);
          if (Number.isFinite(d)) change.add(d);
        }
        const ci = confidenceInterval(change, { level });
        bars[q]![s]!.push({
          lever: name,
          low,
          high,
          lowMean: lo.strategies[s]!.kpis[kpi]!.mean,
          highMean: hi.strategies[s]!.kpis[kpi]!.mean,
          effect: ci.mean,
          lower: ci.lower,
          upper: ci.upper,
          halfWidth: ci.halfWidth,
          n: change.count,
        });
      });
    });
  }
  // Largest effect first; an undefined (NaN) effect last. Array.prototype.sort is stable: ties keep lever order.
  const size = (bar: TornadoBar) => (Number.isNaN(bar.effect) ? -1 : Math.abs(bar.effect));
  const bySize = (a: TornadoBar, b: TornadoBar) => size(b) - size(a);
  return {
    status: cancelled ? 'cancelled' : 'complete',
    level,
    manifest: base.manifest,
    kpis: Object.fromEntries(
      kpis.map((kpi, q) => [
        kpi,
        Object.fromEntries(
          names.map((strategy, s) => [
            strategy,
            { baseMean: base.strategies[s]!.kpis[kpi]!.mean, bars: [...bars[q]![s]!].sort(bySize) },
          ]),
        ),
      ]),
    ),
  };
}
