import { describe, expect, it } from 'vitest';
import { experimentTable, runTable, sweepTable, tornadoTable } from '../../../src/cli/format.js';
import { runExperiment } from '../../../src/experiment/run-experiment.js';
import type { TornadoBar, TornadoResult } from '../../../src/experiment/sweep.js';
import { runScenario } from '../../../src/model/run-scenario.js';
import { pledgeLabel } from '../../../src/report/labels.js';
import { nationalOnly } from '../../../src/strategies/national.js';
import { randomSmallScenario, STRATEGIES_MODULE } from '../experiment/helpers.js';

const bar = (lever: string, low: unknown, high: unknown, effect: number): TornadoBar => ({
  lever,
  low,
  high,
  lowMean: 90,
  highMean: 90 + effect,
  effect,
  lower: effect - 0.5,
  upper: effect + 0.5,
  halfWidth: 0.5,
  n: 10,
});

describe('tornadoTable', () => {
  const result: TornadoResult = {
    level: 0.95,
    kpis: {
      fillRate: {
        pooled: {
          baseMean: 91.25,
          bars: [bar('procurement.awardDelayDays', 30, 180, -2.5), bar('x', 1, 2, 1)],
        },
      },
      totalSpendEur: {
        pooled: {
          baseMean: 1_797_500_000,
          bars: [bar('y', 0, 1, 123_456_789)],
        },
      },
    },
  };

  it('prints one aligned block per KPI and strategy, bars in the given order, with no trailing spaces', () => {
    // Significant digits without exponents: euros in billions read with thousands separators.
    expect(tornadoTable(result).split('\n')).toEqual([
      "fillRate, pooled (at the scenario's values: 91.25)",
      '  lever                       low → high  mean at low → high  change (95 % CI)',
      '  procurement.awardDelayDays  30 → 180    90 → 87.5           -2.5 [-3, -2]',
      '  x                           1 → 2       90 → 91             1 [0.5, 1.5]',
      '',
      "totalSpendEur, pooled (at the scenario's values: 1,797,500,000)",
      '  lever  low → high  mean at low → high  change (95 % CI)',
      '  y      0 → 1       90 → 123,457,000    123,500,000 [123,500,000, 123,500,000]',
    ]);
  });

  it('prints a zero effect as 0, also when it is -0', () => {
    const zero: TornadoResult = {
      level: 0.95,
      kpis: { a: { s: { baseMean: -0, bars: [{ ...bar('x', 1, 2, 0), effect: -0, lower: -0, upper: 0 }] } } },
    };
    expect(tornadoTable(zero)).not.toContain('-0');
  });

  it('separates blocks with one empty line', () => {
    const two: TornadoResult = {
      level: 0.9,
      kpis: { a: { s: { baseMean: 1, bars: [] }, t: { baseMean: 2, bars: [] } } },
    };
    expect(tornadoTable(two)).toBe(
      [
        "a, s (at the scenario's values: 1)",
        '  lever  low → high  mean at low → high  change (90 % CI)',
        '',
        "a, t (at the scenario's values: 2)",
        '  lever  low → high  mean at low → high  change (90 % CI)',
      ].join('\n'),
    );
  });
});

describe('experimentTable and runTable', () => {
  // A pledge id as long as europe-155mm's longest (us-drawdowns-2022-2023) and then some.
  const id = 'us-drawdowns-2022-2023-and-2024';
  const scenario = randomSmallScenario();
  const long = { ...scenario, pledges: scenario.pledges.map((p) => ({ ...p, id })) };

  /** The blocks of a table (lines between empty lines), without a block's heading sentence. */
  const blocks = (text: string) =>
    text.split('\n\n').map((b) => b.split('\n').filter((l) => !l.startsWith('Paired differences against')));

  it('keeps every row of a block in its columns: the widest label and the widest cell fit, two spaces apart', async () => {
    const strategies = [
      { module: STRATEGIES_MODULE, name: 'national' },
      { module: STRATEGIES_MODULE, export: 'partialOrders', name: 'partial', params: { share: 0.5 } },
    ];
    const result = await runExperiment({ scenario: long, strategies, replications: 3, seed: 1, workers: 0 });
    const text = experimentTable(result);
    expect(text).toContain(`pledge ${id} by deadline (pp)`);
    for (const block of blocks(text)) {
      // Cells are right-aligned in columns: rows of one block have one length when nothing overflows.
      expect(new Set(block.map((l) => l.length)).size, block.join('\n')).toBe(1);
      for (const line of block) expect(line, line).toMatch(/^\S.*? {2,}\S/);
    }
  });

  it('runTable fits the longest pledge label too', () => {
    const run = runScenario(long, { strategy: nationalOnly, seed: 1 });
    const lines = runTable(run.kpis).split('\n');
    expect(lines.some((l) => l.startsWith(`pledge ${id} by deadline (%)`))).toBe(true);
    expect(new Set(lines.map((l) => l.length)).size, lines.join('\n')).toBe(1);
  });

  it('does not repeat "pledge" when the id says it: "pledge-2024 met", "pledge eu-1m met"', () => {
    const named = { ...scenario, pledges: scenario.pledges.map((p) => ({ ...p, id: 'pledge-2024' })) };
    const text = runTable(runScenario(named, { strategy: nationalOnly, seed: 1 }).kpis);
    expect(text).toMatch(/^pledge-2024 by deadline \(%\)/m);
    expect(text).toMatch(/^pledge-2024 met/m);
    expect(text).not.toContain('pledge pledge');
    expect(pledgeLabel('eu-1m')).toBe('pledge eu-1m');
    expect(pledgeLabel('Pledge_2024')).toBe('Pledge_2024');
    expect(pledgeLabel('pledges-of-2024')).toBe('pledge pledges-of-2024');
  });
});

describe('sweepTable', () => {
  /** The table's rows, split into cells, for one point per entry of `values` (every point the same result). */
  const rows = async (levers: string[], values: Record<string, unknown>[]) => {
    const result = await runExperiment({
      scenario: randomSmallScenario(),
      strategies: [{ module: STRATEGIES_MODULE }],
      replications: 2,
      seed: 1,
    });
    const table = sweepTable({
      status: 'complete',
      levers,
      points: values.map((v) => ({ values: v, result })),
    });
    return table.split('\n').map((line) => line.trim().split(/\s{2,}/));
  };

  it('shows numeric lever values to 6 significant digits and other values as JSON', async () => {
    const [header, first, second] = await rows(
      ['x', 'y'],
      [
        { x: 18.98956317224441, y: 'pro-rata' },
        { x: 180, y: true },
      ],
    );
    expect(header!.slice(0, 2)).toEqual(['x', 'y']);
    expect(first!.slice(0, 2)).toEqual(['18.9896', '"pro-rata"']);
    expect(second!.slice(0, 2)).toEqual(['180', 'true']);
  });

  it("keeps every whole digit of a lever value: a grid's 1234567 is not shown as 1234570", async () => {
    const values = [1234567, 1234567.5, 2_500_000_000, -0.000123456789];
    const [, ...body] = await rows(
      ['x'],
      values.map((x) => ({ x })),
    );
    expect(body.map((cells) => cells[0])).toEqual(['1234567', '1234568', '2500000000', '-0.000123457']);
  });
});
