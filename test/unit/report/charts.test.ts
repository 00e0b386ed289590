import { describe, expect, it } from 'vitest';
import { runExperiment } from '../../../src/experiment/run-experiment.js';
import { chartSpecs } from '../../../src/report/charts.js';
import { shortLever } from '../../../src/report/kpi-charts.js';
import { renderPng, renderSvg, svgToPng } from '../../../src/report/render.js';
import type { ChartSpec, JsonObject } from '../../../src/report/types.js';
import { randomSmallScenario, STRATEGIES_MODULE } from '../experiment/helpers.js';
import { reportInput } from './fixture.js';

/** The text content of every `<text>` element of an SVG (entities decoded). */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].map((m) =>
    m[1]!
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;|&#x27;/g, "'")
      .replace(/&amp;/g, '&'),
  );
}

/** Axis titles a spec declares, at any depth (`title` of an encoding channel). */
function axisTitles(spec: JsonObject): string[] {
  const found: string[] = [];
  const walk = (node: unknown, key: string) => {
    if (Array.isArray(node)) {
      for (const n of node) walk(n, key);
    } else if (typeof node === 'object' && node !== null) {
      const record = node as Record<string, unknown>;
      if ((key === 'x' || key === 'y') && typeof record.title === 'string') found.push(record.title);
      for (const [k, v] of Object.entries(record)) walk(v, k);
    }
  };
  walk(spec, '');
  return [...new Set(found)];
}

/** Count of pixels in rows [top, bottom) that differ from white. */
function inkInRows(png: { width: number; pixels: Uint8Array }, top: number, bottom: number): number {
  let ink = 0;
  for (let y = top; y < bottom; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = 4 * (y * png.width + x);
      if (png.pixels[i]! < 200 || png.pixels[i + 1]! < 200 || png.pixels[i + 2]! < 200) ink++;
    }
  }
  return ink;
}

describe('chartSpecs', () => {
  it('chartSpecs(input) gives KPI, paired, stock fan, pledge, other fans, per-firm capacity and tornado charts with unique names', async () => {
    const charts = chartSpecs(await reportInput());
    const names = charts.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.slice(0, 2)).toEqual(['kpis', 'paired-differences']);
    expect(names).toEqual(
      expect.arrayContaining([
        'stock-AA',
        'pledge-p1',
        'fan-capacityPerMonth',
        'tornado-fillRate',
        'tornado-totalSpendEur',
      ]),
    );
    for (const c of charts) expect(c.name).toMatch(/^[A-Za-z0-9._-]+$/);
    // No strategy here opens a pooled stock: its series is 0 throughout, and gets no chart of zeros.
    const input = await reportInput();
    expect(input.result.strategies.every((s) => s.series.pooledStockRounds!.mean.every((v) => v === 0))).toBe(
      true,
    );
    expect(names).not.toContain('fan-pooledStockRounds');
    // Plain JSON: a round trip changes nothing (no functions, no undefined, no non-finite numbers).
    expect(JSON.parse(JSON.stringify(charts))).toEqual(charts);
  });

  it('differences of percentages are in percentage points: paired and tornado axes say (pp), ticks have no % sign', async () => {
    const charts = chartSpecs(await reportInput());
    const paired = charts.find((c) => c.name === 'paired-differences')!;
    const tornado = charts.find((c) => c.name === 'tornado-fillRate')!;
    expect(axisTitles(paired.spec)).toContain('Fill rate (pp)');
    expect(axisTitles(tornado.spec)).toEqual(['Change in Fill rate (pp)']);
    const kpis = charts.find((c) => c.name === 'kpis')!;
    expect(axisTitles(kpis.spec)).toContain('Fill rate (%)');
    // A difference of 0.01 in a share is 1 point on the axis, with a plain number format.
    const panel = JSON.stringify(paired.spec);
    expect(panel).not.toContain('"format":"%"');
    const input = await reportInput();
    const d = input.result.comparisons.vsBaseline[0]!.kpis.fillRate!;
    expect(panel).toContain(`"mean":${d.mean * 100}`);
  });

  it("a tornado's long lever names keep their ends on the axis, and an axis of all-zero changes has plain ticks", async () => {
    const input = await reportInput();
    const base = 'nations[id=AA].stockpiles[item=155mm].';
    const bar = (lever: string, effect: number) => ({
      lever,
      low: 1,
      high: 2,
      lowMean: 0.5,
      highMean: 0.5 + effect,
      effect,
      lower: effect,
      upper: effect,
      halfWidth: 0,
      n: 4,
    });
    const series = (effect: number) => ({
      baseMean: 0.5,
      bars: [bar(`${base}initialRounds`, effect), bar(`${base}targetRounds`, effect / 2)],
    });
    const tornado = {
      level: 0.95,
      kpis: {
        fillRate: { national: series(0.01), partial: series(0.02) },
        totalSpendEur: { national: series(0), partial: series(0) },
      },
    };
    const charts = chartSpecs({ ...input, tornado }).filter((c) => c.name.startsWith('tornado-'));
    const [fill, spend] = await Promise.all(charts.map((c) => renderSvg(c)));
    const labels = texts(fill!);
    // Both levers told apart by the end of their names, cut in the middle, and not cut again by Vega.
    for (const field of ['initialRounds', 'targetRounds']) {
      const label = shortLever(`${base}${field}`);
      expect(label).toMatch(new RegExp(`^nations\\[id=AA\\]\\.[^…]*…[^…]*${field}$`));
      expect(label.length).toBe(44);
      expect(labels).toContain(label);
    }
    expect(shortLever('procurement.awardDelayDays')).toBe('procurement.awardDelayDays');
    // All changes 0: ticks around 0, not a single "0.000000".
    expect(texts(spend!).join(' ')).not.toContain('0.000000');
    expect(texts(spend!)).toContain('0.0');
  });

  it('a KPI no strategy has a value for is left out of the KPI and paired charts, and said so (no Infinity axis)', async () => {
    const small = randomSmallScenario();
    const scenario = { ...small, nations: small.nations.map((n) => ({ ...n, budgetEurPerYear: 0 })) };
    const result = await runExperiment({
      scenario,
      strategies: ['national-only', 'pooled'],
      replications: 2,
    });
    expect(Number.isNaN(result.strategies[0]!.kpis.averageUnitCostEur.mean)).toBe(true);
    const charts = chartSpecs({ result, scenario }).filter(
      (c) => c.name === 'kpis' || c.name === 'paired-differences',
    );
    expect(charts).toHaveLength(2);
    for (const chart of charts) {
      const svg = await renderSvg(chart);
      expect(svg, chart.name).not.toMatch(/Infinity/);
      expect(texts(svg).join(' '), chart.name).toMatch(
        /Left out, undefined for every strategy: .*Average price/,
      );
    }
  });

  it('the pledge chart draws the deadline and target rules', async () => {
    const pledge = chartSpecs(await reportInput()).find((c) => c.name === 'pledge-p1')!;
    const text = JSON.stringify(pledge.spec);
    expect(text).toContain('deadline 2025-12-31');
    expect(text).toContain('target 30,000 rounds');
  });
});

describe('renderSvg', () => {
  it('renderSvg(spec) draws each chart title and every axis title as <text>', async () => {
    const charts = chartSpecs(await reportInput());
    for (const chart of charts) {
      const svg = await renderSvg(chart);
      const drawn = texts(svg);
      expect(drawn, chart.name).toContain(chart.title);
      const axes = axisTitles(chart.spec);
      expect(axes.length, chart.name).toBeGreaterThan(0);
      for (const title of axes) expect(drawn, `${chart.name}: ${title}`).toContain(title);
    }
  });

  it('renderSvg draws every chart of a ten-year horizon with one label per year on date axes (from the start year)', async () => {
    const scenario = { ...randomSmallScenario(), endDate: '2035-01-01' };
    const strategies = [{ module: STRATEGIES_MODULE, name: 'national' }];
    const result = await runExperiment({ scenario, strategies, replications: 2, seed: 1 });
    for (const chart of chartSpecs({ result, scenario })) {
      const drawn = texts(await renderSvg(chart));
      if (!chart.name.startsWith('fan-') && !chart.name.startsWith('pledge-')) continue;
      const years = drawn.filter((t) => /^20\d\d$/.test(t));
      expect(years.slice(0, 3), chart.name).toEqual(['2025', '2026', '2027']);
      expect(new Set(years).size, chart.name).toBe(years.length);
    }
  });

  it('renderSvg names the chart when Vega-Lite rejects the spec', async () => {
    const bad: ChartSpec = { name: 'broken', title: 'x', spec: { mark: 'nope', data: { values: [] } } };
    await expect(renderSvg(bad)).rejects.toThrow(/chart "broken" could not be rendered/);
    await expect(renderSvg(null as unknown as ChartSpec)).rejects.toThrow(
      /renderSvg: spec must be a chart from chartSpecs\(input\) \(got null\)/,
    );
  });
});

describe('svgToPng', () => {
  it('svgToPng draws the title with the bundled font; the same check finds nothing without a font', async () => {
    const chart = chartSpecs(await reportInput()).find((c) => c.name === 'stock-AA')!;
    const svg = await renderSvg(chart);
    const width = Number(/width="(\d+)"/.exec(svg)![1]);
    // Title and subtitle sit in the top 60 px (padding 8, title 15 px, two subtitle lines of 11 px);
    // nothing else is drawn there.
    const withFont = renderPng(svg, { width });
    const withoutFont = renderPng(svg, { width, fontFiles: [] });
    expect(inkInRows(withFont, 0, 60)).toBeGreaterThan(500);
    expect(inkInRows(withoutFont, 0, 60)).toBe(0);
    // The plot itself is drawn either way.
    expect(inkInRows(withoutFont, 60, withoutFont.height)).toBeGreaterThan(1000);
  });

  it('svgToPng(svg, options) rejects a misspelt option (it rendered at the default width) or options that are not an object', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>';
    expect(() => svgToPng(svg, { widht: 5 } as never)).toThrow(
      "svgToPng(svg, options): options.widht is not an option (got 5). Did you mean 'width'? Options: width, fontFiles.",
    );
    expect(() => svgToPng(svg, null as never)).toThrow(
      'svgToPng(svg, options): options must be an object { width, fontFiles } (got null).',
    );
  });

  it('svgToPng refuses a PNG wider or taller than 10,000 px before allocating it (width 100,000 got the process killed)', () => {
    const svg = (w: number, h: number) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"/>`;
    expect(() => svgToPng(svg(800, 500), { width: 100_000 })).toThrow(
      "svgToPng: width must be a positive whole number of pixels up to 10000 (got 100000). Omit it for twice the SVG's width.",
    );
    expect(() => svgToPng(svg(800, 500), { width: 10_001 })).toThrow(/up to 10000 \(got 10001\)/);
    // The height follows the SVG's aspect ratio; the default zoom of 2 counts too.
    expect(() => svgToPng(svg(10, 2000), { width: 100 })).toThrow(
      'svgToPng: the PNG must be at most 10000 pixels wide and high (got 100 × 20000 from an SVG of 10 × 2000). Pass a smaller width.',
    );
    expect(() => svgToPng(svg(6000, 10))).toThrow(/got 12000 × 20 from an SVG of 6000 × 10/);
    expect(new DataView(svgToPng(svg(10, 5000), { width: 20 }).buffer).getUint32(20)).toBe(10_000);
  });

  it('svgToPng(svg) returns a PNG twice the SVG width by default, or the width asked', async () => {
    const chart = chartSpecs(await reportInput()).find((c) => c.name === 'kpis')!;
    const svg = await renderSvg(chart);
    const png = svgToPng(svg, { width: 300 });
    expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // IHDR width: bytes 16–19, big-endian.
    expect(new DataView(png.buffer, png.byteOffset).getUint32(16)).toBe(300);
    const width = Number(/width="(\d+)"/.exec(svg)![1]);
    expect(new DataView(svgToPng(svg).buffer).getUint32(16)).toBe(2 * width);
    expect(() => svgToPng(svg, { width: 0 })).toThrow(/width must be a positive whole number/);
    expect(() => svgToPng('not svg')).toThrow(/could not be rendered/);
  });
});
