/**
 * Result tables: the KPI table, paired differences, censored events, per-year series, and sensitivity,
 * as plain rows for CSV files and the HTML report.
 *
 * @module
 */
import { csvFormatRows } from 'd3-dsv';
import { DibsimError, describeValue } from '../errors.js';
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
 * precision (shortest text that reads back to the same number), `null` (and a non-finite number) as an
 * empty field.
 *
 * Text that a spreadsheet would run as a formula is neutralised (OWASP "CSV injection"): a text cell or
 * column name that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is written with a single
 * quote `'` in front, so that a strategy named `=HYPERLINK(…)` shows as text. Text that is only numbers
 * is left as it is, so that it stays readable: signed decimal numbers (`-1.5`, `+2e-3`, `-12%`), alone or
 * separated by brackets, parentheses, commas or semicolons (`-2.4 [-3.0, -1.7]`), with no letter and no
 * operator between them, cannot call a function or link anywhere. Numbers are numbers, never quoted; every
 * text {@link reportTables} writes itself (KPI keys, dates, built-in names) starts with a letter or a digit,
 * so only names you chose (strategies, nations, levers, lever values) can get the quote.
 *
 * @param table - a table from {@link reportTables}, or any `{ columns, rows }` with one cell (a string, a
 *   number or `null`) per column in every row
 * @throws {@link DibsimError} `INVALID_ARGUMENT` naming the field (`table.columns`, `table.rows[3]`,
 *   `table.rows[3][1]`) if `table` is not an object, `columns` is not an array of strings, `rows` is not an
 *   array of arrays, a row has more or fewer cells than there are columns, or a cell is not a string, a
 *   number or `null`.
 * @example
 * for (const table of reportTables(input)) writeFileSync(`${table.name}.csv`, tableToCsv(table));
 */
export function tableToCsv(table: Table): string {
  checkTable(table);
  const text = (c: TableCell) =>
    c === null ? '' : typeof c === 'number' ? (Number.isFinite(c) ? String(c) : '') : inertText(c);
  return `${csvFormatRows([table.columns.map(inertText), ...table.rows.map((r) => r.map(text))])}\n`;
}

/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A signed decimal number, with an optional exponent and percent sign. */
const NUMBER = String.raw`[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?%?`;

/**
 * Text that is only numbers: one {@link NUMBER}, or several separated by brackets, parentheses, commas or
 * semicolons (and spaces), e.g. `-2.4 [-3.0, -1.7]`. Spaces alone do not separate two numbers: `-1 -2`
 * would be read as a subtraction.
 */
const NUMERIC_TEXT = new RegExp(`^${NUMBER}(?: *[,;()[\\]][ ,;()[\\]]*${NUMBER})*[ )\\]]*$`);

/** `text` as a CSV cell a spreadsheet shows as text: with a `'` in front if it would start a formula. */
function inertText(text: string): string {
  return FORMULA_START.test(text) && !NUMERIC_TEXT.test(text) ? `'${text}` : text;
}

/** What {@link tableToCsv} tells the caller to pass instead. */
const PASS_A_TABLE = 'Pass a table from reportTables(input), or { columns, rows }.';

/** Throws unless `table` has string columns and rows of as many string, number or null cells. */
function checkTable(table: unknown): asserts table is Table {
  const fail = (field: string, value: unknown, rule: string) =>
    new DibsimError(
      'INVALID_ARGUMENT',
      `tableToCsv: ${field} ${rule} (got ${describeValue(value)}). ${PASS_A_TABLE}`,
    );
  if (typeof table !== 'object' || table === null || Array.isArray(table)) {
    throw fail('table', table, 'must be an object { columns, rows }');
  }
  const { columns, rows } = table as Partial<Table>;
  if (!Array.isArray(columns)) throw fail('table.columns', columns, 'must be an array of column names');
  columns.forEach((name: unknown, j) => {
    if (typeof name !== 'string') throw fail(`table.columns[${j}]`, name, 'must be a string');
  });
  if (!Array.isArray(rows)) throw fail('table.rows', rows, 'must be an array of rows');
  rows.forEach((row: unknown, i) => {
    if (!Array.isArray(row)) throw fail(`table.rows[${i}]`, row, 'must be an array of cells');
    if (row.length !== columns.length) {
      throw fail(
        `table.rows[${i}]`,
        row,
        `must have one cell per column: it has ${row.length}, table.columns has ${columns.length}`,
      );
    }
    for (let j = 0; j < row.length; j++) {
      const cell: unknown = row[j];
      if (cell !== null && typeof cell !== 'number' && typeof cell !== 'string') {
        throw fail(`table.rows[${i}][${j}]`, cell, 'must be a string, a number or null');
      }
    }
  });
}
