/**
 * The main job (`npm start`): compares national-only, bilateral and PESCO-style pooled procurement on
 * the built-in europe-155mm scenario over ten simulated years, with common random numbers, and prints
 * KPIs per strategy with 95 % confidence intervals and paired differences against national-only.
 *
 * Options (all optional): `--replications N` (default 200), `--workers N` (default: cores, at most 4),
 * `--seed S` (default 2024). Progress goes to stderr, the tables to stdout.
 *
 * @module
 */
import { availableParallelism } from 'node:os';
import type { ExperimentResult, KpiSummary, PairedKpi } from '../experiment/results.js';
import { runExperiment } from '../experiment/run-experiment.js';
import { europe155mm } from '../model/scenarios/europe-155mm.js';

/** Headline KPIs shown in the tables: key in the experiment results, label, scale and unit. */
const KPIS: readonly { key: string; label: string; scale: number; unit: string; digits: number }[] = [
  { key: 'fillRate', label: 'fill rate (nations)', scale: 100, unit: '%', digits: 2 },
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
  {
    key: 'pledges.eu-1m-rounds.fulfilmentByDeadline',
    label: 'EU 1M pledge by deadline',
    scale: 100,
    unit: '%',
    digits: 1,
  },
];

function option(args: readonly string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(args[i + 1]);
  if (!Number.isInteger(value) || value < 0) {
    process.stderr.write(`--${name} needs a whole number (got ${String(args[i + 1])}).\n`);
    process.exit(2);
  }
  return value;
}

const strategyModule = (file: string, exportName: string, name: string) => ({
  module: new URL(`../strategies/${file}.js`, import.meta.url).href,
  export: exportName,
  name,
});

function formatInterval(s: KpiSummary | PairedKpi, scale: number, digits: number): string {
  const f = (x: number) => (Number.isFinite(x) ? (x * scale).toFixed(digits) : 'n/a');
  return `${f(s.mean)} ± ${f(s.halfWidth)}`;
}

function table(result: ExperimentResult): string {
  const names = result.strategies.map((s) => s.name);
  const width = 26;
  const lines = [
    `${'KPI (mean ± 95 % CI half-width)'.padEnd(44)}${names.map((n) => n.padStart(width)).join('')}`,
  ];
  for (const k of KPIS) {
    if (!(k.key in (result.strategies[0]?.kpis ?? {}))) continue;
    const cells = result.strategies.map((s) =>
      formatInterval(s.kpis[k.key]!, k.scale, k.digits).padStart(width),
    );
    lines.push(`${`${k.label} (${k.unit})`.padEnd(44)}${cells.join('')}`);
  }
  lines.push(
    '',
    `Paired differences against ${result.comparisons.baseline} (same replications; Bonferroni-adjusted CI):`,
  );
  const others = result.comparisons.vsBaseline;
  lines.push(`${'KPI'.padEnd(44)}${others.map((c) => `${c.a} − ${c.b}`.padStart(width + 8)).join('')}`);
  for (const k of KPIS) {
    const row = others.map((c) => {
      const d = c.kpis[k.key];
      if (d === undefined) return 'n/a'.padStart(width + 8);
      const f = (x: number) => (Number.isFinite(x) ? (x * k.scale).toFixed(k.digits) : 'n/a');
      return `${f(d.mean)} [${f(d.adjustedLower)}, ${f(d.adjustedUpper)}]`.padStart(width + 8);
    });
    lines.push(`${`${k.label} (${k.unit})`.padEnd(44)}${row.join('')}`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const replications = option(args, 'replications', 200);
  const workers = option(args, 'workers', Math.min(4, availableParallelism()));
  const seed = option(args, 'seed', 2024);
  const started = process.hrtime.bigint();
  let lastShown = 0;
  const result = await runExperiment({
    scenario: europe155mm,
    strategies: [
      strategyModule('national', 'createNationalOnly', 'national-only'),
      strategyModule('bilateral', 'createBilateral', 'bilateral'),
      strategyModule('pooled', 'createPooled', 'pooled'),
    ],
    replications,
    seed,
    workers,
    onProgress: (p) => {
      // At most ten progress lines, or a live counter on a terminal.
      const done = p.completed;
      if (process.stderr.isTTY) process.stderr.write(`\r${done}/${replications} replications`);
      else if (done === replications || done - lastShown >= replications / 10) {
        process.stderr.write(`${done}/${replications} replications\n`);
        lastShown = done;
      }
    },
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const m = result.manifest;
  console.log(
    `dibsim ${m.dibsim}: scenario ${europe155mm.name} (${europe155mm.startDate} to ${europe155mm.endDate}), ` +
      `${result.replications} replications per strategy, seed ${m.seed}, common random numbers\n`,
  );
  console.log(table(result));
  process.stderr.write(
    `\n(${seconds.toFixed(1)} s with ${workers} worker thread${workers === 1 ? '' : 's'})\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
