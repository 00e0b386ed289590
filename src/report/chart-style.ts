/**
 * The look shared by every chart: the bundled font, sizes, a colour per strategy, and date axes.
 *
 * @module
 */
import type { JsonObject, JsonValue } from './types.js';

/** Font family of every chart; the same family is bundled for PNG rendering (see `svgToPng`). */
export const CHART_FONT = 'DejaVu Sans';

/** Vega-Lite schema of the specs (vega-lite 6). */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Tableau 10: distinguishable colours, assigned to strategies in the experiment's order. */
const PALETTE = [
  '#4c78a8',
  '#f58518',
  '#54a24b',
  '#e45756',
  '#72b7b2',
  '#b279a2',
  '#eeca3b',
  '#9d755d',
  '#ff9da6',
  '#bab0ac',
] as const;

/** Vega-Lite `config` shared by all charts: font, sizes, white background, no view border. */
export const CHART_CONFIG: JsonObject = {
  font: CHART_FONT,
  background: 'white',
  padding: 8,
  title: { fontSize: 15, subtitleFontSize: 11, subtitleColor: '#555', anchor: 'start', offset: 10 },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', labelLimit: 360 },
  header: { labelFontSize: 12, titleFontSize: 12 },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 420 },
  view: { stroke: null },
};

/** A colour scale mapping each strategy to the same colour in every chart. */
export function strategyScale(strategies: readonly string[]): JsonObject {
  return { domain: [...strategies], range: strategies.map((_, i) => PALETTE[i % PALETTE.length]!) };
}

/** The colour encoding of strategies (`legend: null` hides the legend where facets name them). */
export function strategyColor(strategies: readonly string[], legend: boolean): JsonObject {
  return {
    field: 'strategy',
    type: 'nominal',
    title: 'Strategy',
    scale: strategyScale(strategies),
    ...(legend ? {} : { legend: null }),
  };
}

/**
 * A date x axis over `YYYY-MM-DD` strings in field `date`, in UTC (so labels do not depend on the
 * machine's time zone): yearly ticks labelled with the year for spans of three years or more.
 */
export function dateAxis(dates: readonly string[]): JsonObject {
  const first = dates[0] ?? '';
  const last = dates[dates.length - 1] ?? '';
  const years = Number(last.slice(0, 4)) - Number(first.slice(0, 4));
  const axis: JsonObject =
    years >= 3
      ? { format: '%Y', tickCount: { interval: 'year', step: 1 }, labelAngle: 0 }
      : { format: '%b %Y', labelAngle: 0 };
  return { field: 'date', type: 'temporal', title: 'Date', scale: { type: 'utc' }, axis };
}

/** A number for a chart's inline data: non-finite becomes `null` (Vega leaves a gap). */
export function finite(x: number | undefined, scale = 1): number | null {
  return x !== undefined && Number.isFinite(x) ? x * scale + 0 : null;
}

/** A complete top-level spec: schema, config, title with subtitle, and the body. */
export function topLevel(title: string, subtitle: string | readonly string[], body: JsonObject): JsonObject {
  const text: JsonValue = typeof subtitle === 'string' ? subtitle : [...subtitle];
  return { $schema: VEGA_LITE_SCHEMA, title: { text: title, subtitle: text }, config: CHART_CONFIG, ...body };
}

/** A file-name-safe chart name from parts (ids may hold any character). */
export function chartName(...parts: readonly string[]): string {
  return parts
    .join('-')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._-]+/, '');
}
