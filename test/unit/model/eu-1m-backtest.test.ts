import { describe, expect, it } from 'vitest';
import type { Scenario, Sourced } from '../../../src/model/scenario.js';
import { eu1mBacktest } from '../../../src/model/scenarios/eu-1m-backtest.js';
import { validateScenario } from '../../../src/model/validate.js';

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
});
