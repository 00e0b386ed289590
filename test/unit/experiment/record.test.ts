import { describe, expect, it } from 'vitest';
import { recordLayout, recordValues, recordWidth, valueName } from '../../../src/experiment/record.js';
import { runExperiment } from '../../../src/experiment/run-experiment.js';
import { runScenario } from '../../../src/model/run-scenario.js';
import { validateScenario } from '../../../src/model/validate.js';
import { nationalOnly } from '../../../src/strategies/national.js';
import { national, randomSmallScenario } from './helpers.js';

// The small scenario runs from 2025-01-01 for two years.
const scenario = validateScenario(randomSmallScenario());

describe('recordLayout', () => {
  it('samples series at day 0, each year, quarter or month start, and the horizon', () => {
    const dates = (every: 'year' | 'quarter' | 'month') => recordLayout(scenario, every).seriesDates;
    expect(dates('year')).toEqual(['2025-01-01', '2026-01-01', '2027-01-01']);
    expect(dates('quarter')).toEqual([
      '2025-01-01',
      ...['2025', '2026'].flatMap((y) => ['01', '04', '07', '10'].map((m) => `${y}-${m}-01`)).slice(1),
      '2027-01-01',
    ]);
    expect(dates('month')).toHaveLength(25);
    expect(recordLayout(scenario).seriesEvery).toBe('year');
  });

  it('has one capacity series per firm, and the firms add up to the total', () => {
    const layout = recordLayout(scenario, 'quarter');
    expect(layout.firms).toEqual(['firm-AA']);
    expect(layout.series).toContain('firms.firm-AA.capacityPerMonth');
    const values = recordValues(runScenario(scenario, { strategy: nationalOnly, seed: 7 }), layout);
    expect(values).toHaveLength(recordWidth(layout));
    const samples = layout.seriesDays.length;
    const series = (key: string) => {
      const start = layout.scalars.length + layout.series.indexOf(key) * samples;
      return values.slice(start, start + samples);
    };
    // The firm has outages: its capacity is not constant, so the test sees the sampling.
    expect(new Set(series('firms.firm-AA.capacityPerMonth')).size).toBeGreaterThan(1);
    expect(series('firms.firm-AA.capacityPerMonth')).toEqual(series('capacityPerMonth'));
  });

  it('puts the sampling interval in the manifest and rejects an unknown one', async () => {
    const options = { scenario, strategies: [national], replications: 2, seed: 3 } as const;
    const quarterly = await runExperiment({ ...options, seriesEvery: 'quarter' });
    expect(quarterly.manifest.seriesEvery).toBe('quarter');
    expect(quarterly.strategies[0]!.series['nations.AA.stockRounds']!.days).toHaveLength(9);
    await expect(runExperiment({ ...options, seriesEvery: 'week' as unknown as 'year' })).rejects.toThrow(
      /seriesEvery must be 'year', 'quarter' or 'month'/,
    );
  });
});

describe('valueName(layout, index)', () => {
  it('names a scalar by its key, and a series value by its key and sample date', () => {
    const layout = recordLayout(scenario, 'year');
    expect(valueName(layout, 0)).toBe('fillRate');
    const first = layout.scalars.length;
    expect(valueName(layout, first - 1)).toBe(layout.scalars.at(-1));
    // Series-major, three samples a series (2025, 2026, 2027-01-01).
    expect(valueName(layout, first)).toBe('capacityPerMonth on 2025-01-01');
    expect(valueName(layout, first + 4)).toBe('spentEur on 2026-01-01');
  });
});
