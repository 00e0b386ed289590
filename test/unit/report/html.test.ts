import { describe, expect, it } from 'vitest';
import { runExperiment } from '../../../src/experiment/run-experiment.js';
import { europe155mm } from '../../../src/model/scenarios/europe-155mm.js';
import { chartSpecs } from '../../../src/report/charts.js';
import { reportHtml } from '../../../src/report/html.js';
import { DEFAULT_SENSITIVITY_LEVERS } from '../../../src/report/html-sources.js';
import { renderSvg } from '../../../src/report/render.js';
import { sourcedParameters } from '../../../src/report/sources.js';
import { reportTables } from '../../../src/report/tables.js';
import type { ReportInput } from '../../../src/report/types.js';
import { HOSTILE_NAME, reportInput } from './fixture.js';

async function rendered(input: ReportInput) {
  return Promise.all(
    chartSpecs(input).map(async (c) => ({ name: c.name, title: c.title, svg: await renderSvg(c) })),
  );
}

describe('reportHtml', () => {
  it('reportHtml escapes markup from the scenario: a <script> in its name stays text', async () => {
    const input = await reportInput();
    const html = reportHtml(input, []);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('Small &#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; co');
    expect(HOSTILE_NAME).toContain('<script>');
  });

  it('reportHtml(input, charts) holds every chart inline and every table, with no external resources', async () => {
    const input = await reportInput();
    const charts = await rendered(input);
    const html = reportHtml(input, charts);
    expect(html).not.toMatch(/<script|<link|<img|\ssrc=|@import|url\(http/i);
    expect(html.match(/<svg\b/g)).toHaveLength(charts.length);
    for (const c of charts) expect(html, c.name).toContain(`charts/${c.name}.svg`);
    // Each inlined SVG's clip-path ids are prefixed, so ids are unique on the page.
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const t of reportTables(input)) expect(html, t.name).toContain(`${t.name}.csv`);
    for (const section of [
      'summary',
      'kpis',
      'paired',
      'censored',
      'charts',
      'sources',
      'gaps',
      'manifest',
      'reproduce',
    ]) {
      expect(html).toContain(`id="${section}"`);
    }
    expect(html).toContain('dibsim compare small.yaml --seed 3');
    expect(html).toContain(input.result.manifest.scenario.hash);
    expect(html).toContain('Sensitivity (one lever at a time)');
    // The tornado ran fewer replications than the experiment: the report says how many, from its manifest.
    expect(input.tornado!.manifest).toMatchObject({ replications: 4, seed: '3' });
    expect(html).toContain('Each of its experiments ran 4 replications per strategy on seed <code>3</code>');
  });

  it('the paired-differences table gives differences of percentages in percentage points (pp), without a % sign', async () => {
    const input = await reportInput();
    const html = reportHtml(input, []);
    const paired = /<h2 id="paired">[\s\S]*?<\/table>/.exec(html)![0];
    const row = /<tr><td>Fill rate<\/td><td>([^<]*)<\/td><td>[^<]*<\/td><td class="num">([^<]*)<\/td>/.exec(
      paired,
    );
    expect(row?.[1]).toBe('pp');
    const d = input.result.comparisons.vsBaseline[0]!.kpis.fillRate!;
    // Two decimals, as the console: one would show +0.39 and +0.44 points alike.
    expect(row?.[2]).toBe((Number((d.mean * 100).toFixed(2)) + 0).toFixed(2));
    // The KPI table keeps percentages, also to two decimals (99.96 % is not 100.0 %).
    const kpis = /<h2 id="kpis">[\s\S]*?<\/table>/.exec(html)![0];
    const mean = input.result.strategies[0]!.kpis.fillRate.mean;
    expect(kpis).toContain(
      `<tr><td>Fill rate</td><td>%</td><td>national</td><td class="num">${(mean * 100).toFixed(2)} %</td>`,
    );
  });

  it('without a tornado, the sensitivity section says so and gives a dibsim sweep --tornado command over gap parameters', async () => {
    // The command's levers are the gap parameters of the scenario that ran: europe-155mm here.
    const result = await runExperiment({
      scenario: europe155mm,
      strategies: ['national-only'],
      replications: 2,
    });
    const html = reportHtml({ result, scenario: europe155mm }, []);
    expect(html).toContain('No sensitivity analysis was run');
    const command = /<pre>(dibsim sweep[\s\S]*?)<\/pre>/.exec(html)?.[1]?.replace(/&#39;/g, "'");
    expect(command).toBeDefined();
    expect(command).toContain('--tornado');
    const gaps = sourcedParameters(europe155mm).filter((p) => p.confidence === 'gap');
    // path=low,high: the path may hold '=' itself ([id=DE]), the values do not.
    const levers = [...command!.matchAll(/--lever '?([^' ]+)=[^=' ]+'?/g)].map((m) => m[1]);
    // As many as `compare --sensitivity` takes by default, and said so in the text.
    expect(levers.length).toBe(DEFAULT_SENSITIVITY_LEVERS);
    expect(html).toContain(`over the ${DEFAULT_SENSITIVITY_LEVERS} gap parameters with the widest`);
    for (const lever of levers) expect(gaps.map((g) => g.path)).toContain(lever);
    // A tornado runs 1 + 2 × levers experiments: the command keeps each small.
    expect(command).toContain('--replications 2');
    // Without a command, nothing says to rerun it with --sensitivity; the scenario is named by its name.
    expect(html).not.toContain('--sensitivity');
    expect(command).toMatch(/^dibsim sweep \\\n {2}europe-155mm \\\n {2}--tornado/);

    // Only compare and run take --sensitivity; the suggested command names the scenario as the command did.
    const text = (command: string) =>
      reportHtml({ result, scenario: europe155mm, command, scenarioSource: 'my files/eu.yaml' }, []);
    const compared = text("dibsim compare 'my files/eu.yaml' --seed 1");
    expect(compared).toContain('rerun the command with <code>--sensitivity &lt;replications&gt;</code>');
    expect(compared).toContain('dibsim sweep \\\n  &#39;my files/eu.yaml&#39; \\\n  --tornado');
    expect(compared).not.toContain("give a scenario file's path");
    expect(text('dibsim run eu.yaml --strategy pooled')).toContain('--sensitivity &lt;replications&gt;');
    for (const other of [
      'dibsim sweep eu.yaml --lever a=1,2',
      'dibsim merge a.jsonl b.jsonl --scenario eu.yaml',
    ])
      expect(text(other), other).not.toContain('--sensitivity');
  });

  it('a report of one strategy asks what it achieves, and says nothing of baselines or paired differences', async () => {
    const input = await reportInput();
    const one = await runExperiment({
      scenario: input.scenario,
      strategies: ['national-only'],
      replications: 2,
    });
    const html = reportHtml({ result: one, scenario: input.scenario }, []);
    const summary = /<h2 id="summary">[\s\S]*?<h2 /.exec(html)![0];
    expect(summary).toContain('What does the strategy <b>national-only</b> achieve on the scenario');
    expect(summary).not.toMatch(/compare|Baseline|Bonferroni|paired difference/i);
    // Two strategies: one comparison, so no Bonferroni sentence; the paired differences are explained.
    const two = /<h2 id="summary">[\s\S]*?<h2 /.exec(reportHtml(input, []))![0];
    expect(two).toContain('How do the strategies <b>national</b>, <b>partial</b> compare');
    expect(two).toContain('A paired difference is the mean');
    expect(two).not.toContain('Bonferroni');
  });

  it("a sweep's report says which design point its tables show", async () => {
    const input = await reportInput();
    const other = { ...input.result };
    const sweep = {
      status: 'complete' as const,
      levers: ['stock'],
      points: [
        { values: { stock: 40_000 }, result: other },
        { values: { stock: 80_000 }, result: input.result },
      ],
    };
    const html = reportHtml({ ...input, sweep }, []);
    expect(html).toContain(
      'design point 2 of 2 of the sweep (<code>stock = 40000</code>)'.replace('40000', '80000'),
    );
    expect(html).toContain('<a href="#sweep">sweep table</a>');
    expect(reportHtml(input, [])).not.toContain('A sweep.');
  });
});

describe('sourcedParameters', () => {
  it('sourcedParameters(europe155mm) finds every sourced value with a lever path, facts and confidence', () => {
    const params = sourcedParameters(europe155mm);
    expect(params.length).toBeGreaterThan(50);
    expect(new Set(params.map((p) => p.path)).size).toBe(params.length);
    expect(params.some((p) => p.confidence === 'gap')).toBe(true);
    for (const p of params) {
      expect(p.path).toMatch(/^[A-Za-z]/);
      if (p.confidence !== 'gap') expect(p.facts.length, p.path).toBeGreaterThan(0);
    }
    expect(params.find((p) => /^firms\[id=[^\]]+\]\.efficiency$/.test(p.path))?.value).toMatch(
      /^pert\(min 0\.33, mode 0\.5, max 1\)$/,
    );
  });
});
