/**
 * The running state of an experiment: records folded into exact, order-independent accumulators whose
 * size depends on the scenario and the strategies, never on the number of replications.
 *
 * @module
 */
import { Tally } from '../stats/tally.js';
import { KaplanMeier } from './kaplan-meier.js';
import { QuantileSketch } from './quantile-sketch.js';
import {
  type CensoredColumns,
  censoredColumns,
  type RecordLayout,
  type ReplicationRecord,
  recordWidth,
} from './record.js';
import type {
  Comparison,
  Comparisons,
  KpiMap,
  PairedKpi,
  SeriesSummary,
  StrategySummary,
} from './results.js';
import {
  bonferroniLevel,
  censoredSummary,
  kpiSummary,
  pairedKpi,
  QUANTILE_LEVELS,
  reversed,
} from './summaries.js';

interface StrategyState {
  readonly tallies: Tally[];
  readonly sketches: QuantileSketch[];
  readonly missing: number[];
  readonly km: KaplanMeier[];
}

interface PairState {
  readonly i: number;
  readonly j: number;
  readonly a: Tally[];
  readonly b: Tally[];
  readonly d: Tally[];
}

/**
 * Records folded in one pass. Each record touches every tally and sketch of every strategy (about 1,400
 * each on europe-155mm, megabytes in all), so folded one at a time nearly every update misses the cache;
 * in batches, each accumulator takes a whole batch while it is in cache, still in replication order.
 */
const FOLD_BATCH = 64;

/** Options of an {@link ExperimentAccumulator}. @internal */
export interface AccumulatorOptions {
  /** Confidence level. */
  readonly level: number;
  /** Relative accuracy of quantiles. */
  readonly quantileAccuracy: number;
  /** Index of the baseline strategy. */
  readonly baseline: number;
}

/** Folds replication records; see the module description. @internal */
export class ExperimentAccumulator {
  private readonly states: StrategyState[];
  private readonly pairs: PairState[] = [];
  private readonly censoredAt: CensoredColumns[];
  /** Records not yet folded (see {@link FOLD_BATCH}). */
  private pending: ReplicationRecord[] = [];
  private count = 0;

  constructor(
    private readonly layout: RecordLayout,
    private readonly names: readonly string[],
    private readonly options: AccumulatorOptions,
  ) {
    const width = recordWidth(layout);
    const make = <T>(n: number, f: () => T) => Array.from({ length: n }, f);
    this.states = names.map(() => ({
      tallies: make(width, () => new Tally()),
      sketches: make(width, () => new QuantileSketch(options.quantileAccuracy)),
      missing: make(width, () => 0),
      km: make(layout.censored.length, () => new KaplanMeier()),
    }));
    const k = layout.scalars.length;
    for (let i = 0; i < names.length; i++) {
      for (let j = i + 1; j < names.length; j++) {
        const tallies = () => make(k, () => new Tally());
        this.pairs.push({ i, j, a: tallies(), b: tallies(), d: tallies() });
      }
    }
    this.censoredAt = censoredColumns(layout);
  }

  /** Replications folded so far. */
  get folded(): number {
    return this.count;
  }

  /** Tally of scalar `k` of strategy `s`. */
  tally(s: number, k: number): Tally {
    this.flush();
    return this.states[s]!.tallies[k]!;
  }

  /** Adds one replication's record (read when its batch is folded: do not change it afterwards). */
  fold(record: ReplicationRecord): void {
    this.pending.push(record);
    this.count++;
    if (this.pending.length === FOLD_BATCH) this.flush();
  }

  /** Folds the pending records into every accumulator. */
  private flush(): void {
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    this.states.forEach((state, s) => {
      const rows = batch.map((record) => record.values[s]!);
      for (let k = 0; k < state.tallies.length; k++) foldColumn(state, k, rows);
      for (let e = 0; e < this.censoredAt.length; e++) {
        const { reached, day } = this.censoredAt[e]!;
        for (const v of rows) {
          if (Number.isFinite(v[reached]!) && Number.isFinite(v[day]!))
            state.km[e]!.add(v[day]!, v[reached] === 1);
        }
      }
    });
    for (const p of this.pairs) {
      const as = batch.map((record) => record.values[p.i]!);
      const bs = batch.map((record) => record.values[p.j]!);
      for (let k = 0; k < p.d.length; k++) foldPairs(p, k, as, bs);
    }
  }

  /** Per-strategy summaries. */
  strategies(): StrategySummary[] {
    this.flush();
    const { layout, options } = this;
    const { level } = options;
    const scalars = layout.scalars.length;
    const days = layout.seriesDays.length;
    return this.states.map((state, s) => {
      const kpis = byScalar(layout.scalars, (_, k) =>
        kpiSummary(state.tallies[k]!, state.sketches[k]!, state.missing[k]!, level),
      );
      const censored = Object.fromEntries(
        layout.censored.map((key, e) => {
          const reached = state.tallies[this.censoredAt[e]!.reached]!;
          return [key, censoredSummary(state.km[e]!, reached, level, layout.startDate)];
        }),
      );
      const series = Object.fromEntries(
        layout.series.map((key, q): [string, SeriesSummary] => {
          const points = Array.from({ length: days }, (_, d) => {
            const at = scalars + q * days + d;
            return kpiSummary(state.tallies[at]!, state.sketches[at]!, state.missing[at]!, level);
          });
          const bands = Object.fromEntries(
            Object.keys(QUANTILE_LEVELS).map((name) => [
              name,
              points.map((p) => p.quantiles[name as keyof typeof QUANTILE_LEVELS]),
            ]),
          ) as unknown as SeriesSummary['quantiles'];
          return [
            key,
            {
              days: layout.seriesDays,
              dates: layout.seriesDates,
              mean: points.map((p) => p.mean),
              lower: points.map((p) => p.lower),
              upper: points.map((p) => p.upper),
              quantiles: bands,
            },
          ];
        }),
      );
      return { name: this.names[s]!, kpis, censored, series };
    });
  }

  /** Paired comparisons against the baseline and between all pairs, with Bonferroni-adjusted intervals. */
  comparisons(): Comparisons {
    this.flush();
    const { level, baseline } = this.options;
    const k = this.names.length;
    const baselineAdjustedLevel = bonferroniLevel(level, k - 1);
    const pairsAdjustedLevel = bonferroniLevel(level, (k * (k - 1)) / 2);
    const summarise = (p: PairState, adjusted: number, flip: boolean): KpiMap<PairedKpi> =>
      byScalar(this.layout.scalars, (_, q) => {
        const d = pairedKpi(p.a[q]!, p.b[q]!, p.d[q]!, level, adjusted);
        return flip ? reversed(d) : d;
      });
    const pairs: Comparison[] = this.pairs.map((p) => ({
      a: this.names[p.i]!,
      b: this.names[p.j]!,
      kpis: summarise(p, pairsAdjustedLevel, false),
    }));
    const vsBaseline: Comparison[] = [];
    for (let s = 0; s < k; s++) {
      if (s === baseline) continue;
      const p = this.pairs.find((x) => (x.i === s && x.j === baseline) || (x.i === baseline && x.j === s))!;
      vsBaseline.push({
        a: this.names[s]!,
        b: this.names[baseline]!,
        kpis: summarise(p, baselineAdjustedLevel, p.i !== s),
      });
    }
    return {
      baseline: this.names[baseline]!,
      baselineAdjustedLevel,
      vsBaseline,
      pairsAdjustedLevel,
      pairs,
    };
  }
}

/** Folds value `k` of each row (a record's values for one strategy, in replication order) into that strategy's state. */
function foldColumn(state: StrategyState, k: number, rows: readonly (readonly number[])[]): void {
  const tally = state.tallies[k]!;
  const sketch = state.sketches[k]!;
  for (const v of rows) {
    const x = v[k]!;
    if (Number.isFinite(x)) {
      tally.add(x);
      sketch.add(x);
    } else state.missing[k]!++;
  }
}

/** Folds scalar `k` of paired values (`as[r]` with `bs[r]`, in replication order) into a pair's tallies. */
function foldPairs(
  p: PairState,
  k: number,
  as: readonly (readonly number[])[],
  bs: readonly (readonly number[])[],
): void {
  for (let r = 0; r < as.length; r++) {
    const x = as[r]![k]!;
    const y = bs[r]![k]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    p.a[k]!.add(x);
    p.b[k]!.add(y);
    p.d[k]!.add(x - y);
  }
}

/**
 * A value for each scalar key of a layout, as a {@link KpiMap}: every layout starts with the run-level KPIs
 * (see {@link recordLayout}), which is what the type promises.
 */
function byScalar<T>(scalars: readonly string[], value: (key: string, k: number) => T): KpiMap<T> {
  return Object.fromEntries(scalars.map((key, k) => [key, value(key, k)])) as KpiMap<T>;
}
