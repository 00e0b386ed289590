/**
 * `report.html`: one self-contained page (inline CSS and SVG, no scripts, no external URLs) with the
 * summary, tables, charts, scenario sources, gap parameters and sensitivity, and the provenance manifest.
 *
 * @module
 */

import {
  escapeHtml,
  formatDifferenceIn,
  formatIn,
  htmlTable,
  inlineSvg,
  shownUnit,
  tableHtml,
} from './html-parts.js';
import { gapSection, sourcesSection } from './html-sources.js';
import { plain } from './json.js';
import { describeKey, differenceUnit } from './labels.js';
import { headlineKpis, kpiKeys, reportTables } from './tables.js';
import { checkReportInput, type RenderedChart, type ReportInput, type Table } from './types.js';

const CSS = `
body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #222; max-width: 1200px; margin: 2em auto; padding: 0 1.5em; line-height: 1.45; }
h1 { font-size: 1.7em; margin-bottom: 0.2em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; padding-bottom: 0.2em; }
h3 { margin-top: 1.5em; } .muted { color: #555; } code, pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.9em; }
pre { background: #f6f6f6; padding: 0.8em; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
table { border-collapse: collapse; font-size: 0.85em; margin: 0.5em 0; } th, td { border-bottom: 1px solid #ddd; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: #f0f0f0; } td:nth-child(3) { white-space: nowrap; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.scroll { overflow-x: auto; } dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; } dt { font-weight: bold; } dd { margin: 0; }
figure { margin: 1.5em 0; break-inside: avoid; page-break-inside: avoid; } figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 0.85em; color: #555; } details > summary { cursor: pointer; color: #245; margin: 0.5em 0; }
.conf-gap { background: #fde2e1; } .conf-L { background: #fff3cd; }
@media print { body { max-width: none; margin: 0; } details { display: block; } h2 { break-after: avoid; } }
`;

/**
 * The report as one self-contained HTML page: summary (question, scenario, period, replications, seed,
 * strategies, how to read the intervals), the KPI table, paired differences, censored events, the given
 * charts inline, every sourced scenario parameter with its facts and confidence, the gap parameters and
 * their sensitivity, the provenance manifest, and the command that reproduces the results.
 *
 * All text taken from the scenario and results is escaped. `charts` are usually {@link chartSpecs}
 * rendered with {@link renderSvg}.
 */
export function reportHtml(input: ReportInput, charts: readonly RenderedChart[]): string {
  checkReportInput(input, 'reportHtml');
  const { result, scenario } = input;
  const title = input.title ?? `dibsim report: ${scenario.name}`;
  const tables = reportTables(input);
  const byName = new Map(tables.map((t) => [t.name, t]));
  const sections = [
    summarySection(input),
    kpiSection(input, byName),
    pairedSection(input, byName),
    censoredSection(byName),
    chartsSection(charts.filter((c) => input.tornado === undefined || !c.name.startsWith('tornado-'))),
    sourcesSection(scenario),
    gapSection(input, charts),
    input.sweep === undefined ? '' : `<h2 id="sweep">Sweep</h2>\n${detailsTable(byName.get('sweep'), true)}`,
    `<h2 id="series">Series by date</h2>\n<p>Mean with its confidence interval and quantiles over replications at each sample date (also in <code>series.csv</code>).</p>\n${detailsTable(byName.get('series'), false)}`,
    `<h2 id="manifest">Provenance manifest</h2>\n<p>What produced these results; equal manifests give bit-identical results (also in <code>manifest.json</code>).</p>\n<pre>${escapeHtml(JSON.stringify(plain(result.manifest), null, 2))}</pre>`,
    reproduceSection(input),
  ];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="muted">dibsim ${escapeHtml(result.manifest.dibsim)} · scenario hash <code>${escapeHtml(result.manifest.scenario.hash.slice(0, 16))}…</code></p>
${sections.filter((s) => s !== '').join('\n')}
</body>
</html>
`;
}

function percent(level: number): string {
  return `${Number((level * 100).toFixed(2))} %`;
}

function summarySection(input: ReportInput): string {
  const { result, scenario } = input;
  const m = result.manifest;
  const names = result.strategies.map((s) => s.name);
  const strategies = m.strategies.map((s) => {
    const params =
      'params' in s && s.params !== undefined ? ` <code>${escapeHtml(JSON.stringify(s.params))}</code>` : '';
    return `<li><b>${escapeHtml(s.name)}</b>${params}</li>`;
  });
  const status =
    result.status === 'complete'
      ? 'complete'
      : result.status === 'stopped'
        ? 'stopped early: the requested precision was reached'
        : 'cancelled: statistics cover the replications finished before the stop';
  const failures =
    result.failures.length === 0
      ? ''
      : `<dt>Failed replications</dt><dd>${result.failures.length} skipped (see results.json)</dd>`;
  const bold = names.map((n) => `<b>${escapeHtml(n)}</b>`);
  const question =
    names.length === 1
      ? `What does the strategy ${bold[0]} achieve on the scenario <b>${escapeHtml(scenario.name)}</b>, and how sure can we be?`
      : `How do the strategies ${bold.join(', ')} compare on the scenario <b>${escapeHtml(scenario.name)}</b>, by how much, and how sure can we be?`;
  const paired =
    names.length === 1
      ? ''
      : ` A paired difference is the mean of the per-replication differences; where its interval excludes 0 the difference is unlikely to be noise.${names.length > 2 ? ` With several strategies, a KPI's Bonferroni-adjusted intervals (${percent(result.comparisons.baselineAdjustedLevel)} each) hold together at ${percent(result.level)} over its ${names.length - 1} comparisons with ${escapeHtml(result.comparisons.baseline)}; the adjustment is per KPI, not over the whole table (to cover <i>K</i> KPIs at once, run the experiment at level 1 − ${percent(1 - result.level)}/<i>K</i>).` : ''}`;
  return `<h2 id="summary">Summary</h2>
<p><b>Question.</b> ${question}</p>
${scenario.description === undefined ? '' : `<p>${escapeHtml(scenario.description)}</p>`}
${sweepNote(input)}
<dl>
<dt>Scenario</dt><dd>${escapeHtml(scenario.name)} (format version ${scenario.schemaVersion}; prices in ${scenario.basePriceYear} EUR)</dd>
<dt>Period</dt><dd>${escapeHtml(scenario.startDate)} to ${escapeHtml(scenario.endDate)}</dd>
<dt>Replications</dt><dd>${result.replications} per strategy (${escapeHtml(status)})</dd>
<dt>Seed</dt><dd><code>${escapeHtml(m.seed)}</code></dd>
${names.length === 1 ? '' : `<dt>Baseline</dt><dd>${escapeHtml(result.comparisons.baseline)}</dd>`}
<dt>Confidence level</dt><dd>${percent(result.level)}</dd>
${failures}
</dl>
<p><b>Strategies</b></p><ul>${strategies.join('')}</ul>
<p><b>How to read the intervals.</b> Every strategy runs on the same replications with common random numbers: the same demand, outages and parameter draws. A KPI's interval is the ${percent(result.level)} Student-t confidence interval of its mean over replications: it says how precisely the mean is known, not how much single runs vary (the quantiles p05–p95 and the fan charts show that).${paired} Events that may not happen within the horizon (a stock target reached, a pledge met) are reported as the fraction of replications where they happened, with a Wilson interval, and the Kaplan–Meier median date with its Brookmeyer–Crowley interval; "—" means not reached within the horizon.</p>`;
}

/**
 * For a sweep's report, which design point the tables and charts show: a sweep runs one experiment per
 * point, and the report has room for one.
 */
function sweepNote(input: ReportInput): string {
  const { sweep } = input;
  if (sweep === undefined) return '';
  const k = sweep.points.findIndex((p) => p.result === input.result);
  const point =
    k < 0
      ? 'one experiment of the sweep'
      : `design point ${k + 1} of ${sweep.points.length} of the sweep (${Object.entries(
          sweep.points[k]!.values,
        )
          .map(([lever, v]) => `<code>${escapeHtml(lever)} = ${escapeHtml(JSON.stringify(v))}</code>`)
          .join(', ')})`;
  return `<p><b>A sweep.</b> The tables, charts, scenario parameters and manifest below are those of ${point}; a parameter a lever set is not among the sourced parameters, as its value is the lever's. The <a href="#sweep">sweep table</a> (<code>sweep.csv</code>, and <code>sweep.json</code>) holds every point.</p>`;
}

function kpiSection(input: ReportInput, tables: ReadonlyMap<string, Table>): string {
  const { result, scenario } = input;
  const rows = headlineKpis(kpiKeys(input)).flatMap((key) => {
    const q = describeKey(key, scenario);
    return result.strategies.map((s) => {
      const k = s.kpis[key]!;
      const f = (x: number) => escapeHtml(formatIn(x, q.unit));
      return [
        escapeHtml(q.label),
        escapeHtml(shownUnit(q.unit)),
        escapeHtml(s.name),
        f(k.mean),
        f(k.lower),
        f(k.upper),
        f(k.quantiles.p05),
        f(k.quantiles.p50),
        f(k.quantiles.p95),
        String(k.n),
      ];
    });
  });
  const header = ['KPI', 'unit', 'strategy', 'mean', 'CI lower', 'CI upper', 'p05', 'median', 'p95', 'n'];
  const numeric = header.map((_, i) => i >= 3);
  return `<h2 id="kpis">Key indicators</h2>
<p>Headline KPIs with the ${percent(result.level)} confidence interval of the mean and quantiles over replications. Every KPI, per nation too, is in the full table (<code>kpis.csv</code>).</p>
${htmlTable(header, rows, numeric)}
${detailsTable(tables.get('kpis'), false, 'All KPIs')}`;
}

function pairedSection(input: ReportInput, tables: ReadonlyMap<string, Table>): string {
  const { result, scenario } = input;
  const { comparisons } = result;
  if (comparisons.vsBaseline.length === 0) return '';
  const rows = headlineKpis(kpiKeys(input)).flatMap((key) => {
    const q = describeKey(key, scenario);
    return comparisons.vsBaseline.map((c) => {
      const p = c.kpis[key]!;
      const f = (x: number) => escapeHtml(formatDifferenceIn(x, q.unit));
      return [
        escapeHtml(q.label),
        escapeHtml(differenceUnit(shownUnit(q.unit))),
        escapeHtml(`${c.a} − ${c.b}`),
        f(p.mean),
        f(p.lower),
        f(p.upper),
        f(p.adjustedLower),
        f(p.adjustedUpper),
        formatIn(p.varianceRatio, ''),
      ];
    });
  });
  const header = [
    'KPI',
    'unit',
    'difference',
    'mean',
    'CI lower',
    'CI upper',
    'adjusted lower',
    'adjusted upper',
    'variance ratio',
  ];
  return `<h2 id="paired">Paired differences against ${escapeHtml(comparisons.baseline)}</h2>
<p>Mean per-replication difference with its ${percent(result.level)} CI and the Bonferroni-adjusted ${percent(comparisons.baselineAdjustedLevel)} CI (adjusted over each KPI's comparisons, not across KPIs). The variance ratio below 1 shows how much common random numbers narrowed the interval.</p>
${htmlTable(
  header,
  rows,
  header.map((_, i) => i >= 3),
)}
${detailsTable(tables.get('paired-vs-baseline'), false, 'Every KPI against the baseline')}
${detailsTable(tables.get('paired-all-pairs'), false, `All pairs (adjusted level ${percent(comparisons.pairsAdjustedLevel)})`)}`;
}

function censoredSection(tables: ReadonlyMap<string, Table>): string {
  const table = tables.get('censored');
  if (table === undefined || table.rows.length === 0) return '';
  return `<h2 id="censored">Events within the horizon</h2>
<p>Fraction of replications where the event happened (Wilson interval) and the Kaplan–Meier median day and date (Brookmeyer–Crowley interval); "—" where the median is not reached within the horizon (<code>censored.csv</code>).</p>
${tableHtml(table)}`;
}

function chartsSection(charts: readonly RenderedChart[]): string {
  if (charts.length === 0) return '';
  const figures = charts.map(
    (c, i) =>
      `<figure id="chart-${escapeHtml(c.name)}">\n${inlineSvg(c.svg, `c${i}`)}\n<figcaption>${escapeHtml(c.title)} (<code>charts/${escapeHtml(c.name)}.svg</code>)</figcaption>\n</figure>`,
  );
  return `<h2 id="charts">Charts</h2>\n${figures.join('\n')}`;
}

function reproduceSection(input: ReportInput): string {
  const m = input.result.manifest;
  const command =
    input.command ??
    `runExperiment({ scenario, strategies, replications: ${m.replications}, seed: ${JSON.stringify(m.seed)}, level: ${m.level} })`;
  return `<h2 id="reproduce">Reproduce</h2>
<p>Same scenario (hash in the manifest), same dibsim and Node.js versions, same command: bit-identical results, whatever the number of workers.</p>
<pre>${escapeHtml(command)}</pre>`;
}

/** A full table inside a collapsed `<details>` (open when `open`), with its CSV file name. */
export function detailsTable(table: Table | undefined, open: boolean, summary?: string): string {
  if (table === undefined) return '';
  const label = `${summary ?? `Table ${table.name}`}: ${table.rows.length} rows (<code>${escapeHtml(table.name)}.csv</code>)`;
  return `<details${open ? ' open' : ''}><summary>${label}</summary>\n${tableHtml(table)}\n</details>`;
}
