/**
 * The charts of a report, as Vega-Lite specifications.
 *
 * @module
 */
import { kpiChart, pairedChart, tornadoCharts } from './kpi-charts.js';
import { seriesCharts } from './series-charts.js';
import { type ChartSpec, checkReportInput, type ReportInput } from './types.js';

/**
 * Every chart of a report, in report order: KPI means with CI whiskers; paired differences against the
 * baseline (with at least two strategies); stockpile fan charts per nation; cumulative deliveries per
 * pledge against its target and deadline; fans of the other series (total capacity, spend, …); capacity
 * per firm when the result has per-firm series; then one tornado chart per KPI when a tornado is given.
 *
 * Each spec is plain JSON with its data inlined and the bundled font set, so it renders the same with
 * {@link renderSvg} or in any Vega-Lite 6 viewer. Names are unique and safe as file names.
 */
export function chartSpecs(input: ReportInput): ChartSpec[] {
  checkReportInput(input, 'chartSpecs');
  const charts = [kpiChart(input)];
  if (input.result.comparisons.vsBaseline.length > 0) charts.push(pairedChart(input));
  charts.push(...seriesCharts(input));
  if (input.tornado !== undefined) charts.push(...tornadoCharts(input, input.tornado));
  // Ids that differ only in characters unsafe in file names would collide: number the repeats.
  const seen = new Map<string, number>();
  return charts.map((chart) => {
    const count = seen.get(chart.name) ?? 0;
    seen.set(chart.name, count + 1);
    return count === 0 ? chart : { ...chart, name: `${chart.name}-${count + 1}` };
  });
}
