/**
 * Report sections on inputs: every sourced scenario parameter with its facts and confidence, and the
 * least certain ("gap") parameters with their sensitivity.
 *
 * @module
 */
import type { TornadoResult } from '../experiment/sweep.js';
import type { Scenario } from '../model/scenario.js';
import { escapeHtml, htmlTable, inlineSvg, tableHtml } from './html-parts.js';
import { countOf } from './labels.js';
import { gapLevers, type SourcedParameter, sourcedParameters } from './sources.js';
import { reportTables } from './tables.js';
import type { RenderedChart, ReportInput } from './types.js';

/**
 * Gap parameters in a sensitivity analysis unless told otherwise: the widest-ranged six, as the default
 * of `dibsim compare --sensitivity-levers` and the report's suggested command.
 */
export const DEFAULT_SENSITIVITY_LEVERS = 6;

/** Replications per experiment in the suggested tornado command (1 + 2 × levers experiments). */
const SUGGESTED_REPLICATIONS = 10;

function parameterRows(params: readonly SourcedParameter[]): string[][] {
  return params.map((p) => [
    `<code>${escapeHtml(p.path)}</code>`,
    escapeHtml(p.value),
    `<span class="conf-${escapeHtml(p.confidence ?? 'none')}">${escapeHtml(p.confidence ?? '—')}</span>`,
    escapeHtml(p.facts.join(', ')),
    escapeHtml(p.note ?? ''),
  ]);
}

/** Scenario parameters with their sources and confidence, counted by confidence. */
export function sourcesSection(scenario: Scenario): string {
  const params = sourcedParameters(scenario);
  if (params.length === 0) {
    return '<h2 id="sources">Scenario parameters and sources</h2>\n<p>The scenario carries no sourced parameters (no value gives fact IDs or a confidence).</p>';
  }
  const counts = new Map<string, number>();
  for (const p of params)
    counts.set(p.confidence ?? 'not given', (counts.get(p.confidence ?? 'not given') ?? 0) + 1);
  const summary = [...counts.entries()].map(([c, n]) => `${escapeHtml(c)}: ${n}`).join(', ');
  return `<h2 id="sources">Scenario parameters and sources</h2>
<p>${params.length} parameters carry their calibration facts and confidence (H high, M medium, L low, gap: an assumption without a public source) — ${summary}. Paths use the lever syntax of <code>dibsim sweep --lever</code>. Distributions are drawn once per replication.</p>
${htmlTable(['parameter', 'value', 'confidence', 'facts', 'note'], parameterRows(params))}`;
}

/** Single-quoted for a POSIX shell. */
function shellQuote(text: string): string {
  return /^[\w./:=,@+-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The `dibsim sweep --tornado` command over the gap parameters with the widest relative ranges, and how
 * many levers it has.
 */
export function tornadoCommand(input: ReportInput): { command: string; levers: number } | undefined {
  const levers = gapLevers(input.scenario, DEFAULT_SENSITIVITY_LEVERS);
  if (levers.length === 0) return undefined;
  const m = input.result.manifest;
  const parts = ['dibsim sweep', shellQuote(input.scenarioSource ?? input.scenario.name), '--tornado'];
  for (const l of levers) parts.push(`--lever ${shellQuote(`${l.path}=${String(l.low)},${String(l.high)}`)}`);
  for (const s of m.strategies) parts.push(`--strategy ${shellQuote(s.name)}`);
  parts.push(
    '--kpi fillRate --kpi totalSpendEur',
    `--replications ${Math.min(m.replications, SUGGESTED_REPLICATIONS)}`,
    `--seed ${shellQuote(m.seed)}`,
  );
  return { command: parts.join(' \\\n  '), levers: levers.length };
}

/** How the tornado's experiments ran, from its manifest (` Each experiment ran 10 replications, seed 1.`). */
function ranWith(tornado: TornadoResult): string {
  const m = tornado.manifest;
  if (m === undefined) return '';
  return ` Each of its experiments ran ${countOf(m.replications, 'replication')} per strategy on seed <code>${escapeHtml(m.seed)}</code> (its manifest is in <code>tornado.json</code>).`;
}

/** Gap parameters and sensitivity: the tornado charts and table when run, else how to run them. */
export function gapSection(input: ReportInput, charts: readonly RenderedChart[]): string {
  const gaps = sourcedParameters(input.scenario).filter((p) => p.confidence === 'gap');
  const list =
    gaps.length === 0
      ? '<p>The scenario has no gap parameters.</p>'
      : `<p>${countOf(gaps.length, 'parameter')} ${gaps.length === 1 ? 'has' : 'have'} no public source: they are assumptions, the least certain inputs. Their ranges are drawn per replication where they are distributions, so the intervals above already include that uncertainty; the sensitivity shows which of them move the results most.</p>\n${htmlTable(['parameter', 'value', 'confidence', 'facts', 'note'], parameterRows(gaps))}`;
  let sensitivity: string;
  if (input.tornado !== undefined) {
    const tornadoCharts = charts
      .map((c, i) => ({ c, i }))
      .filter(({ c }) => c.name.startsWith('tornado-'))
      .map(
        ({ c, i }) =>
          `<figure>\n${inlineSvg(c.svg, `t${i}`)}\n<figcaption>${escapeHtml(c.title)} (<code>charts/${escapeHtml(c.name)}.svg</code>)</figcaption>\n</figure>`,
      );
    const table = reportTables(input).find((t) => t.name === 'tornado');
    sensitivity = `<h3>Sensitivity (one lever at a time)</h3>
<p>Each lever moved from its low to its high value with the others as in the scenario; bars show the mean paired change with its ${Number((input.tornado.level * 100).toFixed(2))} % CI (<code>tornado.csv</code>).${ranWith(input.tornado)}</p>
${tornadoCharts.join('\n')}
${table === undefined ? '' : tableHtml(table)}`;
  } else {
    const suggestion = tornadoCommand(input);
    // Only `dibsim compare` and `dibsim run` take --sensitivity; a sweep's or a merge's command does not.
    const rerun = /^dibsim (compare|run)(\s|$)/.test(input.command ?? '')
      ? ' To include one here, rerun the command with <code>--sensitivity &lt;replications&gt;</code> (the main job from a clone: <code>npm start -- --sensitivity 10</code>): a one-at-a-time tornado over the gap parameters with the widest ranges, on the same seed.'
      : '';
    const named =
      input.scenarioSource === undefined
        ? " (give a scenario file's path instead of the name if it came from a file; add <code>--out</code> for a report)"
        : ' (add <code>--out</code> for a report)';
    sensitivity = `<h3>Sensitivity</h3>
<p>No sensitivity analysis was run with these results.${rerun}${suggestion === undefined ? ' Run <code>dibsim sweep --tornado --lever &lt;path&gt;=&lt;low&gt;,&lt;high&gt; …</code> with the parameters above as levers.' : ` This command runs one over the ${suggestion.levers} gap parameters with the widest relative ranges${named}:`}</p>
${suggestion === undefined ? '' : `<pre>${escapeHtml(suggestion.command)}</pre>`}`;
  }
  return `<h2 id="gaps">Gap parameters and sensitivity</h2>\n${list}\n${sensitivity}`;
}
