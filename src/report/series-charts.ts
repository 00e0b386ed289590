/**
 * Charts of series over time: fan charts (median, 50 % and 90 % bands) per strategy, cumulative pledge
 * deliveries against the target and deadline, and capacity per firm.
 *
 * @module
 */
import type { SeriesSummary } from '../experiment/results.js';
import type { Param } from '../model/scenario.js';
import { chartName, dateAxis, finite, strategyColor, topLevel } from './chart-style.js';
import { axisTitle, countOf, describeKey, subjectName } from './labels.js';
import type { ChartSpec, JsonObject, ReportInput } from './types.js';

const FAN_NOTE =
  'Line: median; dark band: 25th–75th percentile (50 %); light band: 5th–95th percentile (90 %).';

/** Inline rows of one series for every strategy: date and the quantiles and mean, scaled. */
function seriesRows(input: ReportInput, key: string, scale: number): JsonObject[] {
  return input.result.strategies.flatMap((s) => {
    const series: SeriesSummary | undefined = s.series[key];
    if (series === undefined) return [];
    return series.dates.map((date, i) => ({
      strategy: s.name,
      date,
      mean: finite(series.mean[i], scale),
      p05: finite(series.quantiles.p05[i], scale),
      p25: finite(series.quantiles.p25[i], scale),
      p50: finite(series.quantiles.p50[i], scale),
      p75: finite(series.quantiles.p75[i], scale),
      p95: finite(series.quantiles.p95[i], scale),
    }));
  });
}

function seriesDates(input: ReportInput, key: string): readonly string[] {
  return input.result.strategies[0]?.series[key]?.dates ?? [];
}

/** Fan chart of one series: a panel per strategy, sharing the y scale. */
export function fanChart(input: ReportInput, key: string, name: string, title: string): ChartSpec {
  const q = describeKey(key, input.scenario);
  const names = input.result.strategies.map((s) => s.name);
  const x = dateAxis(seriesDates(input, key));
  const y = (field: string, withTitle: boolean): JsonObject => ({
    field,
    type: 'quantitative',
    title: withTitle ? axisTitle(q) : null,
    axis: { format: q.format },
  });
  const color = strategyColor(names, false);
  const spec = topLevel(
    title,
    [FAN_NOTE, `${countOf(input.result.replications, 'replication')} per strategy.`],
    {
      data: { values: seriesRows(input, key, q.chartScale) },
      facet: { column: { field: 'strategy', type: 'nominal', title: null, sort: names } },
      spec: {
        width: 250,
        height: 200,
        layer: [
          {
            mark: { type: 'area', opacity: 0.18 },
            encoding: { x, y: y('p05', true), y2: { field: 'p95' }, color },
          },
          {
            mark: { type: 'area', opacity: 0.35 },
            encoding: { x, y: y('p25', true), y2: { field: 'p75' }, color },
          },
          { mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y: y('p50', true), color } },
        ],
      },
    },
  );
  return { name, title, spec };
}

/** A parameter's single value, when it has one (a number, or a sourced number). */
function fixedValue(param: Param): number | undefined {
  if (typeof param === 'number') return param;
  if ('value' in param && typeof param.value === 'number') return param.value;
  return undefined;
}

/** Cumulative deliveries to one pledge: median line and 50 % band per strategy, target and deadline rules. */
export function pledgeChart(input: ReportInput, pledgeId: string, key: string): ChartSpec {
  const pledge = input.scenario.pledges.find((p) => p.id === pledgeId);
  const names = input.result.strategies.map((s) => s.name);
  const title = `Cumulative deliveries to ${subjectName('pledges', pledgeId, input.scenario)}`;
  const x = dateAxis(seriesDates(input, key));
  const y: JsonObject = {
    field: 'p50',
    type: 'quantitative',
    title: 'Rounds delivered (cumulative)',
    axis: { format: ',f' },
  };
  // Full-opacity legend symbols: the bands' opacity would otherwise make them hard to match to the lines.
  const color = {
    ...strategyColor(names, true),
    legend: { symbolOpacity: 1, symbolType: 'stroke', symbolStrokeWidth: 3 },
  };
  const layers: JsonObject[] = [
    {
      mark: { type: 'area', opacity: 0.2 },
      encoding: { x, y: { ...y, field: 'p25' }, y2: { field: 'p75' }, color },
    },
    { mark: { type: 'line', strokeWidth: 2, point: true }, encoding: { x, y, color } },
  ];
  const subtitle = ['Line: median over replications; band: 25th–75th percentile (50 %).'];
  if (pledge !== undefined) {
    const target = fixedValue(pledge.quantityRounds);
    if (target !== undefined) {
      layers.push(rule({ y: target }, `target ${target.toLocaleString('en-US')} rounds`));
    }
    layers.push(rule({ date: pledge.deadlineDate }, `deadline ${pledge.deadlineDate}`));
    subtitle.push(
      target === undefined
        ? `Dashed line: the deadline (${pledge.deadlineDate}); the pledged quantity is drawn per replication, so no target line.`
        : `Dashed lines: the pledged quantity and its deadline (${pledge.deadlineDate}).`,
    );
  }
  const spec = topLevel(title, subtitle, {
    data: { values: seriesRows(input, key, 1) },
    width: 640,
    height: 300,
    layer: layers,
  });
  return { name: chartName('pledge', pledgeId), title, spec };
}

/** A dashed reference line with a text label: horizontal at `y` rounds, or vertical at a date. */
function rule(at: { y: number } | { date: string }, label: string): JsonObject {
  let encoding: JsonObject;
  let text: JsonObject;
  if ('y' in at) {
    encoding = { y: { datum: at.y, type: 'quantitative' } };
    text = { align: 'left', baseline: 'bottom', x: 4, dy: -3 };
  } else {
    const [year, month, date] = at.date.split('-').map(Number);
    encoding = {
      x: { datum: { year: year ?? 0, month: month ?? 1, date: date ?? 1, utc: true }, type: 'temporal' },
    };
    text = { align: 'left', baseline: 'top', y: 4, dx: 4 };
  }
  return {
    data: { values: [{}] },
    layer: [
      { mark: { type: 'rule', strokeDash: [6, 4], color: '#333' }, encoding },
      { mark: { type: 'text', text: label, color: '#333', fontSize: 11, ...text }, encoding },
    ],
  };
}

/** Median capacity per firm (series `firms.<id>.capacityPerMonth`), a panel per strategy. */
export function firmCapacityChart(input: ReportInput, keys: readonly string[]): ChartSpec {
  const names = input.result.strategies.map((s) => s.name);
  const title = 'Production capacity per firm';
  const values = input.result.strategies.flatMap((s) =>
    keys.flatMap((key) => {
      const series = s.series[key];
      const id = /^firms\.([^.]+)\./.exec(key)?.[1] ?? key;
      if (series === undefined) return [];
      const firm = subjectName('firms', id, input.scenario);
      return series.dates.map((date, i) => ({
        strategy: s.name,
        firm,
        date,
        p50: finite(series.quantiles.p50[i]),
      }));
    }),
  );
  const spec = topLevel(title, 'Median over replications, rounds per month at the sample dates.', {
    data: { values },
    facet: { column: { field: 'strategy', type: 'nominal', title: null, sort: names } },
    spec: {
      width: 250,
      height: 220,
      mark: { type: 'line', strokeWidth: 2 },
      encoding: {
        x: dateAxis(seriesDates(input, keys[0] ?? '')),
        y: { field: 'p50', type: 'quantitative', title: 'Capacity (rounds/month)', axis: { format: ',f' } },
        color: {
          field: 'firm',
          type: 'nominal',
          title: 'Firm',
          scale: { scheme: keys.length > 10 ? 'tableau20' : 'tableau10' },
        },
      },
    },
  });
  return { name: 'capacity-per-firm', title, spec };
}

/** Whether series `key` is 0 at every date under every strategy (e.g. a pooled stock nobody opened). */
function zeroThroughout(input: ReportInput, key: string): boolean {
  return input.result.strategies.every((s) => {
    const series = s.series[key];
    return (
      series === undefined ||
      (series.mean.every((v) => v === 0) && series.quantiles.p95.every((v) => v === 0))
    );
  });
}

/**
 * Every series chart of a report: stock fans per nation, pledges, capacity, then any other series that is
 * not 0 throughout.
 */
export function seriesCharts(input: ReportInput): ChartSpec[] {
  const keys = Object.keys(input.result.strategies[0]?.series ?? {});
  const charts: ChartSpec[] = [];
  const firmKeys = keys.filter((k) => /^firms\.[^.]+\.capacityPerMonth$/.test(k));
  for (const key of keys) {
    const nation = /^nations\.([^.]+)\.stockRounds$/.exec(key)?.[1];
    const pledge = /^pledges\.([^.]+)\.deliveredRounds$/.exec(key)?.[1];
    if (nation !== undefined) {
      const title = `Stockpile level: ${subjectName('nations', nation, input.scenario)}`;
      charts.push(fanChart(input, key, chartName('stock', nation), title));
    } else if (pledge !== undefined) {
      charts.push(pledgeChart(input, pledge, key));
    } else if (!firmKeys.includes(key) && !zeroThroughout(input, key)) {
      charts.push(fanChart(input, key, chartName('fan', key), describeKey(key, input.scenario).label));
    }
  }
  if (firmKeys.length > 0) charts.push(firmCapacityChart(input, firmKeys));
  return charts;
}
