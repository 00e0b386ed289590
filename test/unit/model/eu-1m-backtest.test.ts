import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/model/run-scenario.js';
import type { Scenario, Sourced } from '../../../src/model/scenario.js';
import { eu1mBacktest } from '../../../src/model/scenarios/eu-1m-backtest.js';
import { validateScenario } from '../../../src/model/validate.js';
import { createPooled } from '../../../src/strategies/pooled.js';

/** The strategy example 08 runs for what happened: national buying, then EDA orders from 1 Oct 2023. */
const nationalThenEda = () =>
  createPooled({ setUpDelayDays: 195, frameworkLengthMonths: 24, thirdStates: { enabled: false } });

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

/** Every Sourced value with its path (profile steps and points hold one; they are not one). */
function sourcedValues(node: unknown, path = ''): { path: string; sourced: Sourced }[] {
  if (isObject(node) && 'value' in node && !('type' in node) && !('from' in node) && !('date' in node))
    return [{ path, sourced: node as unknown as Sourced }];
  if (Array.isArray(node)) return node.flatMap((c, i) => sourcedValues(c, `${path}[${i}]`));
  if (isObject(node)) return Object.entries(node).flatMap(([k, v]) => sourcedValues(v, `${path}.${k}`));
  return [];
}

const FACT_ID = /^[A-Z]{2}-\d{2}$/;

describe('eu1mBacktest', () => {
  it('validateScenario(eu1mBacktest) accepts it unchanged', () => {
    expect(validateScenario(eu1mBacktest)).toEqual(eu1mBacktest);
  });

  it('runs from the Council decision (2023-03-20) to mid-2025 with the EU million as its only pledge', () => {
    expect(eu1mBacktest.startDate).toBe('2023-03-20');
    expect(eu1mBacktest.endDate).toBe('2025-06-30');
    expect(eu1mBacktest.pledges.map((p) => p.id)).toEqual(['eu-1m-rounds']);
    const pledge = eu1mBacktest.pledges[0]!;
    expect(pledge.deadlineDate).toBe('2024-03-31');
    expect(pledge.donors.reduce((s, d) => s + d.share, 0)).toBeCloseTo(1, 9);
  });

  it('every sourced parameter names calibration facts or is a gap with a reason', () => {
    const all = sourcedValues(eu1mBacktest);
    expect(all.length).toBeGreaterThan(100);
    const bad = all.filter(({ sourced: s }) => {
      const facts = s.facts ?? [];
      if (!facts.every((f) => FACT_ID.test(f))) return true;
      if (s.confidence === undefined) return true;
      return s.confidence === 'gap' ? !s.note : facts.length === 0;
    });
    expect(bad.map((b) => b.path)).toEqual([]);
  });

  it('the parameters the back-test adds carry their fact IDs', () => {
    const pledge = eu1mBacktest.pledges[0]!;
    const track1 = pledge.fromStockShare as Sourced;
    expect(track1.facts).toContain('PL-01');
    expect(track1.value).toEqual({ type: 'triangular', min: 0.25, mode: 0.3, max: 0.5 });
    expect((pledge.quantityRounds as Sourced).facts).toEqual(['PL-01']);
    const us = eu1mBacktest.nations.find((n) => n.id === 'US')!.stockpiles[0]!;
    expect((us.initialRounds as Sourced).facts).toEqual(['US-11']);
    for (const d of pledge.donors) {
      const stock = eu1mBacktest.nations.find((n) => n.id === d.nation)!.stockpiles[0]!;
      expect((stock.initialRounds as Sourced).facts, d.nation).toContain('PL-01');
    }
  });

  it('keeps no line, step or event outside the horizon', () => {
    const s: Scenario = eu1mBacktest;
    for (const f of s.firms)
      for (const l of f.lines) expect((l.commissionedDate ?? s.startDate) < s.endDate).toBe(true);
    for (const sup of s.suppliers) {
      const p = sup.capacityPerMonth;
      if (typeof p === 'object' && 'steps' in p)
        for (const st of p.steps) expect(st.from < s.endDate).toBe(true);
    }
    const lines = s.firms.flatMap((f) => f.lines.map((l) => `${f.id}/${l.id}`));
    expect(lines).not.toContain('rheinmetall/unterluss');
  });

  it('runScenario(eu1mBacktest) completes, conserves rounds and money, and reports the pledge', () => {
    for (const replication of [0, 1]) {
      // runScenario checks the run against its independent ledger and throws if units were lost.
      const r = runScenario(eu1mBacktest, { strategy: nationalThenEda(), seed: 7, replication });
      const kpi = r.kpis.pledges.find((p) => p.id === 'eu-1m-rounds')!;
      expect(kpi.fulfilmentByDeadline).toBeGreaterThan(0);
      expect(kpi.fulfilmentByDeadline).toBeLessThanOrEqual(1);
      const delivered = Array.from(r.pledges['eu-1m-rounds']!);
      for (let i = 1; i < delivered.length; i++)
        expect(delivered[i]!).toBeGreaterThanOrEqual(delivered[i - 1]!);
      expect(kpi.met.reached).toBe(delivered.at(-1)! >= 1_000_000);
      // Track 1 leaves stock at once: within six weeks (transport ≤ 21 days) the drawn share has arrived.
      const track1 = r.parameters.find((p) => p.path === 'pledges[eu-1m-rounds].fromStockShare')!;
      expect(track1.facts).toContain('PL-01');
      expect(delivered[2]!).toBeGreaterThanOrEqual(
        Math.floor(track1.value * 1_000_000) - eu1mBacktest.pledges[0]!.donors.length,
      );
    }
  });

  it('the same seed gives the same run', () => {
    const a = runScenario(eu1mBacktest, { strategy: nationalThenEda(), seed: 7, replication: 3 });
    const b = runScenario(eu1mBacktest, { strategy: nationalThenEda(), seed: 7, replication: 3 });
    expect(Array.from(a.pledges['eu-1m-rounds']!)).toEqual(Array.from(b.pledges['eu-1m-rounds']!));
    expect(a.kpis).toEqual(b.kpis);
  });
});
