import { csvParse, csvParseRows } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
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
});
