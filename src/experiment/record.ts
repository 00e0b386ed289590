/**
 * The compact record one replication leaves behind: flattened scalar KPIs and a few series sampled at
 * each year, quarter or month start (`seriesEvery`), in a layout fixed by the scenario before anything
 * runs.
 *
 * @module
 */
import { suggestKey } from '../errors.js';
import { mapToArray } from '../kernel/arrays.js';
import { dateOf, dayOf, monthStarts } from '../model/dates.js';
import type { RunResult } from '../model/results.js';
import type { Scenario } from '../model/scenario.js';

/**
 * Where each number of a replication record sits. Derived from the scenario alone ({@link recordLayout}), so
 * every worker, shard and resumed run agrees on it.
 */
export interface RecordLayout {
  /** Nation ids, in scenario order. */
  readonly nations: readonly string[];
  /** Pledge ids, in scenario order. */
  readonly pledges: readonly string[];
  /** Firm ids, in scenario order. */
  readonly firms: readonly string[];
  /**
   * Scalar KPI keys, e.g. `fillRate`, `nations.DE.spentEur`, `pledges.eu-1m.met.day`. Censored events
   * appear as two scalars, `<key>.reached` (0 or 1) and `<key>.day` (the day, or the horizon when not
   * reached).
   */
  readonly scalars: readonly string[];
  /** Keys of censored events (`nations.<id>.timeToTarget`, `pledges.<id>.met`). */
  readonly censored: readonly string[];
  /**
   * Series keys, e.g. `nations.DE.stockRounds`, `pledges.eu-1m.deliveredRounds`, `capacityPerMonth` (all
   * firms), `pooledStockRounds` (held by a pooling agency), `firms.<id>.capacityPerMonth`.
   */
  readonly series: readonly string[];
  /** How often series are sampled. */
  readonly seriesEvery: SeriesInterval;
  /**
   * Day of each series sample: day 0, the first day of each year, quarter or month (per `seriesEvery`)
   * within the horizon, and the horizon.
   */
  readonly seriesDays: readonly number[];
  /** Calendar date of each sample day, `YYYY-MM-DD`. */
  readonly seriesDates: readonly string[];
  /** Horizon, days: the censoring time of every censored event. */
  readonly horizonDays: number;
  /** The scenario's first day, `YYYY-MM-DD` (day 0). */
  readonly startDate: string;
}

/**
 * One replication's numbers for every strategy, in strategy order: `values[s]` holds the scalars of
 * {@link RecordLayout.scalars}, then each series of {@link RecordLayout.series} at every sample day
 * (series-major). A value that is not finite (an undefined ratio) is `NaN` (`null` in JSON).
 */
export interface ReplicationRecord {
  /** Replication index. */
  readonly replication: number;
  /** Values per strategy. */
  readonly values: readonly (readonly number[])[];
}

/** The run-level KPI keys, first in every layout whatever the scenario (see {@link RunKpiKey}). */
export const RUN_KPI_KEYS = [
  'fillRate',
  'unmetDemandRounds',
  'recipientUnmetRounds',
  'averageUnitCostEur',
  'totalSpendEur',
  'capacityAddedRoundsPerMonth',
  'capacityUsed',
  'capacityIdleForInputs',
  'deliveredRounds',
] as const;

/**
 * A run-level KPI key: `fillRate`, `unmetDemandRounds`, `recipientUnmetRounds`, `averageUnitCostEur`,
 * `totalSpendEur`, `capacityAddedRoundsPerMonth`, `capacityUsed`, `capacityIdleForInputs` or
 * `deliveredRounds`.
 */
export type RunKpiKey = (typeof RUN_KPI_KEYS)[number];
const NATION_SCALARS = ['fillRate', 'daysOfSupply', 'backorderRounds', 'spentEur', 'overheadEur'] as const;

/**
 * How often an experiment samples its series: at each 1 January, each quarter start (1 January, April, July,
 * October) or each month start. Finer sampling makes smoother fan charts and larger records.
 */
export type SeriesInterval = 'year' | 'quarter' | 'month';

const MONTHS_PER_SAMPLE: Readonly<Record<SeriesInterval, number>> = { year: 12, quarter: 3, month: 1 };

/** Every {@link SeriesInterval}, coarsest first. @internal */
export const SERIES_INTERVALS = Object.keys(MONTHS_PER_SAMPLE) as readonly SeriesInterval[];

/** Whether `value` names a {@link SeriesInterval}. @internal */
export function isSeriesInterval(value: unknown): value is SeriesInterval {
  return typeof value === 'string' && Object.hasOwn(MONTHS_PER_SAMPLE, value);
}

/**
 * The record layout of a (validated) scenario.
 *
 * @param every - how often series are sampled @defaultValue 'year'
 */
export function recordLayout(scenario: Scenario, every: SeriesInterval = 'year'): RecordLayout {
  const scalars: string[] = [...RUN_KPI_KEYS];
  const censored: string[] = [];
  const series: string[] = ['capacityPerMonth', 'spentEur', 'recipientUnmetRounds', 'pooledStockRounds'];
  const addCensored = (key: string) => {
    censored.push(key);
    scalars.push(`${key}.reached`, `${key}.day`);
  };
  for (const n of scenario.nations) {
    for (const k of NATION_SCALARS) scalars.push(`nations.${n.id}.${k}`);
    addCensored(`nations.${n.id}.timeToTarget`);
    series.push(`nations.${n.id}.stockRounds`);
  }
  for (const p of scenario.pledges) {
    scalars.push(`pledges.${p.id}.fulfilmentByDeadline`);
    addCensored(`pledges.${p.id}.met`);
    series.push(`pledges.${p.id}.deliveredRounds`);
  }
  for (const f of scenario.firms) series.push(`firms.${f.id}.capacityPerMonth`);
  const horizonDays = dayOf(scenario.startDate, scenario.endDate);
  const step = MONTHS_PER_SAMPLE[every];
  const starts = monthStarts(scenario.startDate, scenario.endDate).filter(
    (d) => (Number(dateOf(scenario.startDate, d).slice(5, 7)) - 1) % step === 0,
  );
  const seriesDays = [0, ...starts, horizonDays];
  return {
    nations: scenario.nations.map((n) => n.id),
    pledges: scenario.pledges.map((p) => p.id),
    firms: scenario.firms.map((f) => f.id),
    scalars,
    censored,
    series,
    seriesEvery: every,
    seriesDays,
    seriesDates: seriesDays.map((d) => dateOf(scenario.startDate, d)),
    horizonDays,
    startDate: scenario.startDate,
  };
}

/**
 * Where a censored event's two scalars, `<key>.reached` and `<key>.day`, sit in each strategy's values.
 * @internal
 */
export interface CensoredColumns {
  /** Index of `<key>.reached` (1 or 0). */
  readonly reached: number;
  /** Index of `<key>.day`. */
  readonly day: number;
}

/** The columns of each censored event of `layout`, in {@link RecordLayout.censored} order. @internal */
export function censoredColumns(layout: RecordLayout): CensoredColumns[] {
  return layout.censored.map((key) => ({
    reached: layout.scalars.indexOf(`${key}.reached`),
    day: layout.scalars.indexOf(`${key}.day`),
  }));
}

/**
 * What an error says of `key`, which is not one of the layout's KPIs: `is not a KPI of this scenario.`, the
 * KPI it was likely meant to be, and the first few there are.
 * @internal
 */
export function notAKpi(key: string, layout: RecordLayout): string {
  const near = suggestKey(key, layout.scalars);
  return `is not a KPI of this scenario.${near === undefined ? '' : ` Did you mean '${near}'?`} Use one of: ${layout.scalars.slice(0, 8).join(', ')}, …`;
}

/**
 * The name of value `index` of a record of `layout`, for messages: its scalar key, or its series key and
 * sample date (`nations.DE.stockRounds on 2026-01-01`). @internal
 */
export function valueName(layout: RecordLayout, index: number): string {
  const scalars = layout.scalars.length;
  if (index < scalars) return String(layout.scalars[index]);
  const samples = layout.seriesDays.length;
  const q = Math.floor((index - scalars) / samples);
  const d = (index - scalars) % samples;
  return `${String(layout.series[q])} on ${layout.seriesDates?.[d] ?? `day ${layout.seriesDays[d]}`}`;
}

/** Number of values per strategy in a record of `layout`. @internal */
export function recordWidth(layout: RecordLayout): number {
  return layout.scalars.length + layout.series.length * layout.seriesDays.length;
}

/**
 * Flattens one run into the values of a record (see {@link ReplicationRecord}). `-0` becomes `0` and
 * infinities become `NaN`, so a JSON round trip changes nothing.
 */
export function recordValues(result: RunResult, layout: RecordLayout): number[] {
  const k = result.kpis;
  const out: number[] = [];
  const push = (x: number) => out.push(Number.isFinite(x) ? x + 0 : Number.NaN);
  for (const key of RUN_KPI_KEYS) push(k[key]);
  const { nations: nationIds, pledges: pledgeIds } = layout;
  for (const id of nationIds) {
    const n = k.nations[id];
    for (const key of NATION_SCALARS) push(n === undefined ? Number.NaN : n[key]);
    push(n === undefined ? Number.NaN : n.timeToTarget.reached ? 1 : 0);
    push(n === undefined ? Number.NaN : n.timeToTarget.day);
  }
  for (const id of pledgeIds) {
    const p = k.pledges.find((x) => x.id === id);
    push(p === undefined ? Number.NaN : p.fulfilmentByDeadline);
    push(p === undefined ? Number.NaN : p.met.reached ? 1 : 0);
    push(p === undefined ? Number.NaN : p.met.day);
  }
  const at = sampleIndices(result.monthDays, layout.seriesDays);
  const sample = (pick: (i: number) => number) => {
    for (const i of at) push(pick(i));
  };
  const sum = (arrays: readonly Float64Array[], i: number) => arrays.reduce((s, a) => s + (a[i] ?? 0), 0);
  const firms = mapToArray(Object.values(result.firms), (f) => f.capacityPerMonth);
  const spent = mapToArray(Object.values(result.nations), (n) => n.spentEur);
  const unmet = mapToArray(Object.values(result.recipients), (r) => r.unmetRounds);
  sample((i) => sum(firms, i));
  sample((i) => sum(spent, i));
  sample((i) => sum(unmet, i));
  sample((i) => result.pooledStockRounds[i] ?? Number.NaN);
  for (const id of nationIds) sample((i) => result.nations[id]?.stockRounds[i] ?? Number.NaN);
  for (const id of pledgeIds) sample((i) => result.pledges[id]?.[i] ?? Number.NaN);
  for (const id of layout.firms) sample((i) => result.firms[id]?.capacityPerMonth[i] ?? Number.NaN);
  return out;
}

/**
 * For each wanted day (ascending), the index of the last snapshot at or before it (snapshots ascending too),
 * in one merged pass.
 */
function sampleIndices(days: Float64Array, wanted: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  for (const day of wanted) {
    while (i + 1 < days.length && days[i + 1]! <= day) i++;
    out.push(i);
  }
  return out;
}
