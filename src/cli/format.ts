/**
 * Text tables for the terminal: headline KPIs per strategy (mean ± 95 % CI half-width), censored events
 * (share reached and median date) and paired differences against the baseline.
 *
 * @module
 */
import type { ExperimentResult } from '../experiment/results.js';
import type { SweepResult, TornadoResult } from '../experiment/sweep.js';
import type { RunKpis } from '../model/results.js';
import { differenceUnit, pledgeLabel } from '../report/labels.js';

/** A headline KPI: key in the results, label, display scale and unit. */
interface Headline {
  readonly key: string;
  readonly label: string;
  readonly scale: number;
  readonly unit: string;
  readonly digits: number;
}

const HEADLINES: readonly Headline[] = [
  { key: 'fillRate', label: 'fill rate, nations', scale: 100, unit: '%', digits: 2 },
  { key: 'recipientUnmetRounds', label: 'recipient unmet demand', scale: 1e-6, unit: 'M rounds', digits: 2 },
  { key: 'deliveredRounds', label: 'rounds delivered', scale: 1e-6, unit: 'M rounds', digits: 2 },
  { key: 'averageUnitCostEur', label: 'average price paid', scale: 1, unit: 'EUR/round', digits: 0 },
  { key: 'totalSpendEur', label: 'total spend', scale: 1e-9, unit: 'bn EUR', digits: 2 },
  {
    key: 'capacityAddedRoundsPerMonth',
    label: 'capacity added',
    scale: 1e-3,
    unit: 'k rounds/month',
    digits: 1,
  },
  { key: 'capacityUsed', label: 'capacity used', scale: 100, unit: '%', digits: 1 },
  {
    key: 'capacityIdleForInputs',
    label: 'capacity idle for want of inputs',
    scale: 100,
    unit: '%',
    digits: 1,
  },
];

/** The headline KPIs of a result: the run-level ones, then each pledge's share delivered by its deadline. */
function headlines(result: ExperimentResult): Headline[] {
  const keys = Object.keys(result.strategies[0]?.kpis ?? {});
  const pledges = keys
    .filter((k) => /^pledges\..+\.fulfilmentByDeadline$/.test(k))
    .map((key) => ({
      key,
      label: `${pledgeLabel(key.slice('pledges.'.length, -'.fulfilmentByDeadline'.length))} by deadline`,
      scale: 100,
      unit: '%',
      digits: 1,
    }));
  return [...HEADLINES.filter((h) => keys.includes(h.key)), ...pledges];
}

/** Narrowest label column: the headline labels line up across tables whatever the pledge ids. */
const LABEL_WIDTH = 44;

function number(x: number, scale: number, digits: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  const text = (x * scale).toFixed(digits);
  // A tiny negative rounds to "-0.0", which reads as a sign where there is none.
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** `x` to `digits` significant digits, with thousands separators and no exponent: 1,797,500,000, 0.75714. */
function significant(x: number, digits: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  // `x + 0` turns -0 into 0, which Intl would print as "-0".
  return new Intl.NumberFormat('en-US', { maximumSignificantDigits: digits }).format(x + 0);
}

/** A table row: a label and its cells. */
type Row = readonly [label: string, cells: readonly string[]];

/**
 * Blocks of rows as text, separated by empty lines (and a block's heading sentence above it): labels in
 * one column as wide as the longest label of any block plus two spaces (at least {@link LABEL_WIDTH}),
 * each block's cells right-aligned in columns as wide as its widest cell plus two spaces, at least
 * `minWidth`.
 */
function blocks(parts: readonly { heading?: string; rows: readonly Row[]; minWidth: number }[]): string {
  const labelWidth = Math.max(
    LABEL_WIDTH,
    ...parts.flatMap((p) => p.rows.map(([label]) => label.length + 2)),
  );
  return parts
    .map(({ heading, rows, minWidth }) => {
      const width = Math.max(minWidth, ...rows.flatMap(([, cells]) => cells.map((c) => c.length + 2)));
      const lines = rows.map(
        ([label, cells]) => `${label.padEnd(labelWidth)}${cells.map((c) => c.padStart(width)).join('')}`,
      );
      return [...(heading === undefined ? [] : [heading]), ...lines].join('\n');
    })
    .join('\n\n');
}

/**
 * The KPI table of an experiment: means with CI half-widths, censored events, and paired differences
 * against the baseline with Bonferroni-adjusted intervals.
 */
export function experimentTable(result: ExperimentResult): string {
  const names = result.strategies.map((s) => s.name);
  const percent = Math.round(result.level * 100);
  const width = Math.max(24, ...names.map((n) => n.length + 2));
  const shown = headlines(result);
  const kpis: Row[] = [[`KPI (mean ± ${percent} % CI half-width)`, names]];
  for (const h of shown) {
    const cells = result.strategies.map((s) => {
      const k = s.kpis[h.key];
      return k === undefined
        ? 'n/a'
        : `${number(k.mean, h.scale, h.digits)} ± ${number(k.halfWidth, h.scale, h.digits)}`;
    });
    kpis.push([`${h.label} (${h.unit})`, cells]);
  }
  const parts: { heading?: string; rows: readonly Row[]; minWidth: number }[] = [
    { rows: kpis, minWidth: width },
  ];
  const censored = Object.keys(result.strategies[0]?.censored ?? {});
  if (censored.length > 0) {
    const rows: Row[] = [['Event by the horizon (% reached; median)', names]];
    for (const key of censored) {
      const cells = result.strategies.map((s) => {
        const c = s.censored[key];
        if (c === undefined) return 'n/a';
        return `${number(c.fractionReached, 100, 0)} %; ${c.medianDates.day ?? 'not reached'}`;
      });
      rows.push([censoredLabel(key), cells]);
    }
    parts.push({ rows, minWidth: width });
  }
  const others = result.comparisons.vsBaseline;
  if (others.length > 0) {
    const adjusted = Math.round(result.comparisons.baselineAdjustedLevel * 1000) / 10;
    const rows: Row[] = [['KPI', others.map((c) => `${c.a} − ${c.b}`)]];
    for (const h of shown) {
      const cells = others.map((c) => {
        const d = c.kpis[h.key];
        if (d === undefined) return 'n/a';
        const f = (x: number) => number(x, h.scale, h.digits);
        return `${f(d.mean)} [${f(d.adjustedLower)}, ${f(d.adjustedUpper)}]`;
      });
      rows.push([`${h.label} (${differenceUnit(h.unit)})`, cells]);
    }
    parts.push({
      heading: `Paired differences against ${result.comparisons.baseline} (same replications; Bonferroni-adjusted ${adjusted} % CI):`,
      rows,
      minWidth: width + 8,
    });
  }
  const lines = [blocks(parts)];
  if (result.failures.length > 0) {
    lines.push('', `${result.failures.length} replication(s) failed and were left out for every strategy.`);
  }
  return lines.join('\n');
}

function censoredLabel(key: string): string {
  const m = /^(nations|pledges)\.(.+)\.(timeToTarget|met)$/.exec(key);
  if (m === null) return key;
  return m[1] === 'nations' ? `${m[2]} stock target reached` : `${pledgeLabel(m[2]!)} met`;
}

/** One replication's headline KPIs (`dibsim run --replication`). */
export function runTable(kpis: RunKpis): string {
  const values = kpis as unknown as Record<string, unknown>;
  const rows: Row[] = [];
  for (const h of HEADLINES) {
    const v = values[h.key];
    if (typeof v === 'number') rows.push([`${h.label} (${h.unit})`, [number(v, h.scale, h.digits)]]);
  }
  for (const p of kpis.pledges) {
    rows.push([`${pledgeLabel(p.id)} by deadline (%)`, [number(p.fulfilmentByDeadline, 100, 1)]]);
    rows.push([`${pledgeLabel(p.id)} met`, [p.met.reached ? p.met.date : `not by ${p.met.date}`]]);
  }
  return blocks([{ rows, minWidth: 16 }]);
}

/** One line per design point and strategy: lever values, then headline KPI means ± half-widths. */
export function sweepTable(sweep: SweepResult): string {
  const first = sweep.points[0]?.result;
  if (first === undefined) return '(no design point finished)';
  const shown = headlines(first);
  const header = [...sweep.levers, 'strategy', ...shown.map((h) => `${h.label} (${h.unit})`)];
  const body = sweep.points.flatMap((p) =>
    p.result.strategies.map((s) => [
      ...sweep.levers.map((l) => leverText(p.values[l])),
      s.name,
      ...shown.map((h) => {
        const k = s.kpis[h.key];
        return k === undefined
          ? 'n/a'
          : `${number(k.mean, h.scale, h.digits)} ± ${number(k.halfWidth, h.scale, h.digits)}`;
      }),
    ]),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  return [header, ...body].map((r) => r.map((c, i) => c.padStart(widths[i]!)).join('  ')).join('\n');
}

/**
 * A lever's value in a table: numbers to 6 significant digits (a Latin hypercube draws values like
 * 18.98956317224441; the JSON and CSV keep them whole) but never fewer than their whole digits, so that a
 * grid's 1234567 is not shown as 1234570; anything else as JSON.
 */
function leverText(value: unknown): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return JSON.stringify(value ?? null);
  const wholeDigits = value === 0 ? 1 : Math.floor(Math.log10(Math.abs(value))) + 1;
  return String(Number(value.toPrecision(Math.min(100, Math.max(6, wholeDigits)))));
}

/** One replication's KPIs as `[key, value]` pairs, keyed as in experiment results (`nations.DE.fillRate`). */
export function flattenRunKpis(kpis: RunKpis): [string, number][] {
  const out: [string, number][] = [];
  const walk = (node: unknown, key: string): void => {
    if (typeof node === 'number') out.push([key, node]);
    else if (typeof node === 'boolean') out.push([key, node ? 1 : 0]);
    else if (typeof node === 'object' && node !== null) {
      for (const [k, v] of Object.entries(node)) walk(v, key === '' ? k : `${key}.${k}`);
    }
  };
  const { pledges, ...rest } = kpis;
  walk(rest, '');
  for (const { id, ...p } of pledges) walk(p, `pledges.${id}`);
  return out;
}

/** Per KPI and strategy, the bars of a tornado: the change high − low of each lever with its CI. */
export function tornadoTable(result: TornadoResult): string {
  const percent = Math.round(result.level * 100);
  const lines: string[] = [];
  for (const [kpi, byStrategy] of Object.entries(result.kpis)) {
    for (const [strategy, series] of Object.entries(byStrategy)) {
      lines.push(`${kpi}, ${strategy} (at the scenario's values: ${significant(series.baseMean, 6)})`);
      const rows = series.bars.map((b) => [
        b.lever,
        `${JSON.stringify(b.low)} → ${JSON.stringify(b.high)}`,
        `${significant(b.lowMean, 6)} → ${significant(b.highMean, 6)}`,
        `${significant(b.effect, 4)} [${significant(b.lower, 4)}, ${significant(b.upper, 4)}]`,
      ]);
      const header = ['lever', 'low → high', 'mean at low → high', `change (${percent} % CI)`];
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
      for (const r of [header, ...rows]) {
        lines.push(`  ${r.map((c, i) => c.padEnd(widths[i]!)).join('  ')}`.trimEnd());
      }
      lines.push('');
    }
  }
  return lines.join('\n').trimEnd();
}
