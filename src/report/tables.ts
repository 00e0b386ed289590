/**
 * Result tables: the KPI table, paired differences, censored events, per-year series, and sensitivity,
 * as plain rows for CSV files and the HTML report.
 *
 * @module
 */
import { csvFormatRows } from 'd3-dsv';
import type { KpiSummary, PairedKpi } from '../experiment/results.js';
import type { TornadoResult } from '../experiment/sweep.js';
import { checkReportInput, type ReportInput, type Table, type TableCell } from './types.js';

const QUANTILES = ['p05', 'p25', 'p50', 'p75', 'p95'] as const;
const PAIRED_COLUMNS = [
  'mean',
  'lower',
  'upper',
  'adjustedLower',
  'adjustedUpper',
  'n',
  'sd',
  'halfWidth',
  'adjustedHalfWidth',
  'correlation',
  'varianceRatio',
] as const;

/** Scalar keys that encode censored events (`<event>.reached`, `<event>.day`): reported as events instead. */
export function censoredScalars(censored: readonly string[]): Set<string> {
  return new Set(censored.flatMap((c) => [`${c}.reached`, `${c}.day`]));
}

/** KPI keys of a result in record order, without the scalars of censored events. */
export function kpiKeys(input: ReportInput): string[] {
  const first = input.result.strategies[0];
  if (first === undefined) return [];
  const skip = censoredScalars(Object.keys(first.censored));
  return Object.keys(first.kpis).filter((k) => !skip.has(k));
}

/** The run-level KPIs and pledge fulfilment: what charts and the report's summary show. */
export function headlineKpis(keys: readonly string[]): string[] {
  return keys.filter((k) => !k.includes('.') || /^pledges\.[^.]+\.fulfilmentByDeadline$/.test(k));
}

/**
 * Every table of a report, in this order: `kpis` (KPI, strategy, mean, lower, upper, halfWidth, n,
 * p05…p95, then sd, missing), `paired-vs-baseline`, `paired-all-pairs`, `censored` (reached fraction with
 * its Wilson interval, Kaplan–Meier median day and date with its interval), `series` (strategy, series,
 * date, day, mean, lower, upper, p05…p95), then `tornado` and `sweep` when present.
 *
 * Numbers keep full precision; a statistic that could not be estimated is `null`.
 */
export function reportTables(input: ReportInput): Table[] {
  checkReportInput(input, 'reportTables');
  const { result } = input;
  const keys = kpiKeys(input);
  const kpiRows = keys.flatMap((key) =>
    result.strategies.map((s) => {
      const k = s.kpis[key] as KpiSummary;
      return [
        key,
        s.name,
        k.mean,
        k.lower,
        k.upper,
        k.halfWidth,
        k.n,
        ...QUANTILES.map((q) => k.quantiles[q]),
        k.sd,
        k.missing,
      ];
    }),
  );
  const paired = (comparisons: typeof result.comparisons.pairs): unknown[][] =>
    keys.flatMap((key) =>
      comparisons.flatMap((c) => {
        const p: PairedKpi | undefined = c.kpis[key];
        if (p === undefined) return [];
        return [[key, c.a, c.b, ...PAIRED_COLUMNS.map((col) => p[col])]];
      }),
    );
  const tables: Table[] = [
    {
      name: 'kpis',
      columns: ['kpi', 'strategy', 'mean', 'lower', 'upper', 'halfWidth', 'n', ...QUANTILES, 'sd', 'missing'],
      rows: kpiRows.map(cells),
    },
    {
      name: 'paired-vs-baseline',
      columns: ['kpi', 'strategy', 'baseline', ...PAIRED_COLUMNS],
      rows: paired(result.comparisons.vsBaseline).map(cells),
    },
    {
      name: 'paired-all-pairs',
      columns: ['kpi', 'a', 'b', ...PAIRED_COLUMNS],
      rows: paired(result.comparisons.pairs).map(cells),
    },
    censoredTable(input),
    seriesTable(input),
  ];
  if (input.tornado !== undefined) tables.push(tornadoTable(input.tornado));
  if (input.sweep !== undefined) tables.push(sweepTable(input));
  return tables;
}

function censoredTable(input: ReportInput): Table {
  const first = input.result.strategies[0];
  const events = first === undefined ? [] : Object.keys(first.censored);
  return {
    name: 'censored',
    columns: [
      'event',
      'strategy',
      'n',
      'reached',
      'fractionReached',
      'fractionLower',
      'fractionUpper',
      'medianDay',
      'medianLowerDay',
      'medianUpperDay',
      'medianDate',
      'medianLowerDate',
      'medianUpperDate',
    ],
    rows: events.flatMap((event) =>
      input.result.strategies.map((s) => {
        const c = s.censored[event]!;
        const { median: m, medianDates: d } = c;
        return cells([
          event,
          s.name,
          c.n,
          c.reached,
          c.fractionReached,
          c.fractionLower,
          c.fractionUpper,
        ]).concat(cells([m.day, m.lower, m.upper, d.day, d.lower, d.upper]));
      }),
    ),
  };
}

function seriesTable(input: ReportInput): Table {
  const rows: TableCell[][] = [];
  for (const s of input.result.strategies) {
    for (const [key, series] of Object.entries(s.series)) {
      series.dates.forEach((date, i) => {
        rows.push(
          cells([
            s.name,
            key,
            date,
            series.days[i],
            series.mean[i],
            series.lower[i],
            series.upper[i],
            ...QUANTILES.map((q) => series.quantiles[q][i]),
          ]),
        );
      });
    }
  }
  return {
    name: 'series',
    columns: ['strategy', 'series', 'date', 'day', 'mean', 'lower', 'upper', ...QUANTILES],
    rows,
  };
}

function tornadoTable(tornado: TornadoResult): Table {
  const rows: TableCell[][] = [];
  for (const [kpi, byStrategy] of Object.entries(tornado.kpis)) {
    for (const [strategy, series] of Object.entries(byStrategy)) {
      for (const b of series.bars) {
        rows.push(
          cells([
            kpi,
            strategy,
            b.lever,
            leverValue(b.low),
            leverValue(b.high),
            series.baseMean,
            b.lowMean,
            b.highMean,
          ]).concat(cells([b.effect, b.lower, b.upper, b.halfWidth, b.n])),
        );
      }
    }
  }
  return {
    name: 'tornado',
    columns: [
      'kpi',
      'strategy',
      'lever',
      'low',
      'high',
      'baseMean',
      'lowMean',
      'highMean',
      'effect',
      'lower',
      'upper',
      'halfWidth',
      'n',
    ],
    rows,
  };
}

function sweepTable(input: ReportInput): Table {
  const sweep = input.sweep!;
  const rows: TableCell[][] = [];
  sweep.points.forEach((point, i) => {
    const keys = headlineKpis(Object.keys(point.result.strategies[0]?.kpis ?? {}));
    for (const key of keys) {
      for (const s of point.result.strategies) {
        const k = s.kpis[key]!;
        rows.push(
          cells([
            i,
            ...sweep.levers.map((l) => leverValue(point.values[l])),
            key,
            s.name,
            k.mean,
            k.lower,
            k.upper,
            k.n,
          ]),
        );
      }
    }
  });
  return {
    name: 'sweep',
    columns: ['point', ...sweep.levers, 'kpi', 'strategy', 'mean', 'lower', 'upper', 'n'],
    rows,
  };
}

/** A lever value as a cell: numbers and strings as they are, anything else as JSON. */
function leverValue(v: unknown): TableCell {
  if (typeof v === 'number' || typeof v === 'string') return v;
  return v === undefined ? null : JSON.stringify(v);
}

/** Cells with non-finite numbers and `undefined` as `null`. */
function cells(values: readonly unknown[]): TableCell[] {
  return values.map((v) => {
    if (typeof v === 'number') return Number.isFinite(v) ? v + 0 : null;
    if (typeof v === 'string') return v;
    return v === null || v === undefined ? null : String(v);
  });
}

/**
 * A table as CSV (RFC 4180 quoting by d3-dsv): a header row, then one line per row; numbers in full
 * precision (shortest text that reads back to the same number), `null` as an empty field.
 *
 * @example
 * writeFileSync('kpis.csv', tableToCsv(reportTables(input)[0]));
 */
export function tableToCsv(table: Table): string {
  const text = (c: TableCell) =>
    c === null ? '' : typeof c === 'number' ? (Number.isFinite(c) ? String(c) : '') : c;
  return `${csvFormatRows([[...table.columns], ...table.rows.map((r) => r.map(text))])}\n`;
}
