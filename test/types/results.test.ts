// Type-level checks of experiment results; `tsc --noEmit` checks them (the repository's settings include
// noUncheckedIndexedAccess), and vitest runs a small experiment so the runtime values agree.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { type KpiSummary, type PairedKpi, RUN_KPI_KEYS, runExperiment } from '../../src/index.js';
import { randomSmallScenario } from '../unit/experiment/helpers.js';

describe('result types', () => {
  it('run-level KPIs are properties without undefined; scenario-dependent keys may be missing', async () => {
    const result = await runExperiment({
      scenario: randomSmallScenario(),
      strategies: ['national-only', 'pooled'],
      replications: 2,
    });
    const [first] = result.strategies;
    const kpis = first!.kpis;
    expectTypeOf(kpis.fillRate).toEqualTypeOf<KpiSummary>();
    expectTypeOf(kpis['nations.AA.fillRate']).toEqualTypeOf<KpiSummary | undefined>();
    expectTypeOf(result.comparisons.vsBaseline[0]!.kpis.totalSpendEur).toEqualTypeOf<PairedKpi>();
    for (const key of RUN_KPI_KEYS) {
      expect(kpis[key].n).toBe(2);
      expect(result.comparisons.vsBaseline[0]!.kpis[key].n).toBe(2);
    }
  });
});
