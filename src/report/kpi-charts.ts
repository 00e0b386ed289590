/**
 * Charts of scalar KPIs: means with confidence whiskers per strategy, paired differences against the
 * baseline, and tornado charts of lever sensitivity.
 *
 * @module
 */
import type { TornadoResult } from '../experiment/sweep.js';
import type { Scenario } from '../model/scenario.js';
import { chartName, finite, strategyColor, topLevel } from './chart-style.js';
import { axisTitle, describeKey, differenceOf } from './labels.js';
import { headlineKpis, kpiKeys } from './tables.js';
import type { ChartSpec, JsonObject, ReportInput } from './types.js';

/** Percent text of a level, e.g. `95 %`. */
function percent(level: number): string {
  return `${Number((level * 100).toFixed(2))} %`;
}

/** One small panel per KPI: a point with a whisker per strategy on the KPI's own axis. */
function kpiPanel(
  title: string,
  axis: string,
  format: string,
  values: readonly JsonObject[],
  strategies: readonly string[],
  colours: readonly string[],
  withZero: boolean,
): JsonObject {
  const fields = ['mean', 'lower', 'upper', 'adjustedLower', 'adjustedUpper'];
  const x = {
    field: 'mean',
    type: 'quantitative',
    title: axis,
    axis: { format },
    scale: { zero: withZero, ...flatDomain(values, fields, format) },
  };
  const y = { field: 'strategy', type: 'nominal', title: null, sort: [...strategies] };
  const color = strategyColor(colours, false);
  const layer: JsonObject[] = [
    {
      mark: { type: 'rule', strokeWidth: 1.5 },
      encoding: { x: { ...x, field: 'adjustedLower' }, x2: { field: 'adjustedUpper' }, y, color },
    },
    {
      mark: { type: 'rule', strokeWidth: 4 },
      encoding: { x: { ...x, field: 'lower' }, x2: { field: 'upper' }, y, color },
    },
    { mark: { type: 'point', filled: true, size: 70 }, encoding: { x, y, color } },
  ];
  if (withZero)
    layer.unshift({
      data: { values: [{}] },
      mark: { type: 'rule', color: '#888' },
      encoding: { x: { datum: 0 } },
    });
  return {
    title: { text: title, fontSize: 12, anchor: 'start' },
    width: 520,
    height: { step: 24 },
    data: { values: [...values] },
    layer,
  };
}

/**
 * A domain around the one value of `fields` in `values`, when they have one (every difference 0, say):
 * Vega's axis of an empty domain has a single tick, with six decimals ("0.000000"). `{}` otherwise.
 */
function flatDomain(values: readonly JsonObject[], fields: readonly string[], format: string): JsonObject {
  const numbers = values.flatMap((v) => fields.map((f) => v[f])).filter((x) => typeof x === 'number');
  const v = numbers[0];
  if (v === undefined || numbers.some((x) => x !== v)) return {};
  const d = v !== 0 ? Math.abs(v) / 10 : format === '%' ? 0.01 : 1;
  return { domain: [v - d, v + d] };
}

/**
 * A lever's name short enough for a chart's axis, with the middle cut rather than the end, which tells
 * levers of one subject apart (`nations[id=DE].stockpiles[item=155mm].targetRounds` becomes
 * `nations[id=DE].stoc…item=155mm].targetRounds`).
 */
export function shortLever(name: string, max = LEVER_LABEL_CHARS): string {
  if (name.length <= max) return name;
  const tail = Math.ceil((max - 1) * 0.55);
  return `${name.slice(0, max - 1 - tail)}…${name.slice(name.length - tail)}`;
}

/**
 * Characters of a lever's label on a tornado chart's axis. Vega, without a canvas to measure text, counts
 * 0.8 × font size a character (8.8 px at 11 px), and cuts labels longer than the axis's `labelLimit`.
 */
const LEVER_LABEL_CHARS = 44;
/** A tornado's lever axis `labelLimit`, in px: {@link LEVER_LABEL_CHARS} as Vega counts them. */
const LEVER_LABEL_PX = Math.ceil(LEVER_LABEL_CHARS * 0.8 * 11);

/**
 * A subtitle line naming the KPIs left out of a chart because no strategy has a value for them (the average
 * price when nothing was bought): a panel of no values has an axis from Infinity to −Infinity.
 */
function leftOut(keys: readonly string[], shown: readonly string[], scenario: Scenario): string[] {
  const missing = keys.filter((k) => !shown.includes(k)).map((k) => describeKey(k, scenario).label);
  return missing.length === 0 ? [] : [`Left out, undefined for every strategy: ${missing.join(', ')}.`];
}

/** Means of the headline KPIs per strategy with their confidence intervals. */
export function kpiChart(input: ReportInput): ChartSpec {
  const { result, scenario } = input;
  const names = result.strategies.map((s) => s.name);
  const keys = headlineKpis(kpiKeys(input));
  const shown = keys.filter((key) => result.strategies.some((s) => Number.isFinite(s.kpis[key]!.mean)));
  const panels = shown.map((key) => {
    const q = describeKey(key, scenario);
    const values = result.strategies.map((s) => {
      const k = s.kpis[key]!;
      const lower = finite(k.lower, q.chartScale);
      const upper = finite(k.upper, q.chartScale);
      return {
        strategy: s.name,
        mean: finite(k.mean, q.chartScale),
        lower,
        upper,
        adjustedLower: lower,
        adjustedUpper: upper,
      };
    });
    return kpiPanel(q.label, axisTitle(q), q.format, values, names, names, false);
  });
  const title = 'Key indicators by strategy';
  const spec = topLevel(
    title,
    [
      `Point: mean over ${result.replications} replications; whisker: ${percent(result.level)} confidence interval of the mean.`,
      ...leftOut(keys, shown, scenario),
    ],
    {
      vconcat: panels,
      spacing: 18,
    },
  );
  return { name: 'kpis', title, spec };
}

/** Paired differences (strategy − baseline) of the headline KPIs, with unadjusted and adjusted intervals. */
export function pairedChart(input: ReportInput): ChartSpec {
  const { result, scenario } = input;
  const { comparisons } = result;
  const all = result.strategies.map((s) => s.name);
  const others = comparisons.vsBaseline.map((c) => c.a);
  const keys = headlineKpis(kpiKeys(input));
  const shown = keys.filter((key) => comparisons.vsBaseline.some((c) => Number.isFinite(c.kpis[key]!.mean)));
  const panels = shown.map((key) => {
    const q = differenceOf(describeKey(key, scenario));
    const values = comparisons.vsBaseline.map((c) => {
      const p = c.kpis[key]!;
      const at = (v: number) => finite(v, q.chartScale);
      return {
        strategy: c.a,
        mean: at(p.mean),
        lower: at(p.lower),
        upper: at(p.upper),
        adjustedLower: at(p.adjustedLower),
        adjustedUpper: at(p.adjustedUpper),
      };
    });
    return kpiPanel(`${q.label}: difference`, axisTitle(q), q.format, values, others, all, true);
  });
  const title = `Paired differences against ${comparisons.baseline}`;
  const spec = topLevel(
    title,
    [
      `Strategy minus ${comparisons.baseline} on the same replications (common random numbers).`,
      `Thick whisker: ${percent(result.level)} CI; thin whisker: Bonferroni-adjusted ${percent(comparisons.baselineAdjustedLevel)} CI, simultaneous over each KPI's comparisons. Grey line: no difference.`,
      ...leftOut(keys, shown, scenario),
    ],
    { vconcat: panels, spacing: 18 },
  );
  return { name: 'paired-differences', title, spec };
}

/** One tornado chart per KPI: the change high − low per lever, grouped by strategy, largest first. */
export function tornadoCharts(input: ReportInput, tornado: TornadoResult): ChartSpec[] {
  const names = input.result.strategies.map((s) => s.name);
  return Object.entries(tornado.kpis).map(([kpi, byStrategy]) => {
    const q = differenceOf(describeKey(kpi, input.scenario));
    const bars = Object.entries(byStrategy).flatMap(([strategy, series]) =>
      series.bars.map((b) => ({ strategy, b })),
    );
    const size = new Map<string, number>();
    for (const { b } of bars) {
      const e = Number.isFinite(b.effect) ? Math.abs(b.effect) : 0;
      size.set(b.lever, Math.max(size.get(b.lever) ?? 0, e));
    }
    const levers = [...size.entries()].sort((a, b) => b[1] - a[1]).map(([lever]) => lever);
    // Shortened labels, unless two levers would then read alike (Vega cuts them at the end instead).
    const short = levers.map((l) => shortLever(l));
    const unique = new Set(short).size === short.length;
    const label = (lever: string) => (unique ? short[levers.indexOf(lever)]! : lever);
    const values: JsonObject[] = bars.map(({ strategy, b }) => ({
      strategy,
      lever: b.lever,
      label: label(b.lever),
      range: `${String(b.low)} → ${String(b.high)}`,
      effect: finite(b.effect, q.chartScale),
      lower: finite(b.lower, q.chartScale),
      upper: finite(b.upper, q.chartScale),
    }));
    const x = {
      field: 'effect',
      type: 'quantitative',
      title: `Change in ${axisTitle(q)}`,
      axis: { format: q.format },
      scale: flatDomain(values, ['effect', 'lower', 'upper'], q.format),
    };
    const y = {
      field: 'label',
      type: 'nominal',
      title: null,
      sort: levers.map(label),
      axis: { labelLimit: LEVER_LABEL_PX },
    };
    const color = strategyColor(names, true);
    const title = `Sensitivity of ${q.label}`;
    const spec = topLevel(
      title,
      [
        'Bar: mean paired change when one lever moves from its low to its high value, the others as in the scenario.',
        `Whisker: ${percent(tornado.level)} CI of the change. Largest effect on top.`,
      ],
      {
        data: { values },
        width: 560,
        // With an offset channel the step is per strategy within a lever's group.
        height: { step: 15 },
        encoding: { y, yOffset: { field: 'strategy', sort: names }, color },
        layer: [
          {
            mark: { type: 'bar', height: 13 },
            encoding: { x, tooltip: [{ field: 'lever' }, { field: 'range' }] },
          },
          {
            mark: { type: 'rule', color: '#222' },
            encoding: { x: { ...x, field: 'lower' }, x2: { field: 'upper' } },
          },
          {
            data: { values: [{}] },
            mark: { type: 'rule', color: '#888' },
            encoding: { x: { datum: 0 }, y: null, yOffset: null, color: null },
          },
        ],
      },
    );
    return { name: chartName('tornado', kpi), title, spec };
  });
}
