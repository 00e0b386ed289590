// The pooled stock over random small scenarios: rounds and money conserved (every run passes its ledger
// checks, which cover the agency's stock), no stock ever negative (checked every day), and the same seed
// gives the same results; with a switch away from the agency at a random month start, its stock is empty
// and has nothing on order from the switch on. fast-check's seed is pinned by FC_SEED (test/setup.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayOf } from '../../src/model/dates.js';
import type { ProcurementStrategy } from '../../src/model/procurement.js';
import type { Scenario } from '../../src/model/scenario.js';
import { World } from '../../src/model/world.js';
import { nationalOnly } from '../../src/strategies/national.js';
import { createPooled, type PooledParams } from '../../src/strategies/pooled.js';
import { switchAt } from '../../src/strategies/switch.js';
import { ITEM, pledge, recipient } from '../unit/model/small-scenario.js';
import { frictionless, member, scenarioOf } from '../unit/strategies/scenarios.js';

// --- what to generate ------------------------------------------------------------------------------

const memberPart = fc.record({
  initialRounds: fc.integer({ min: 0, max: 100_000 }),
  targetRounds: fc.integer({ min: 0, max: 150_000 }),
  safetyShare: fc.double({ min: 0, max: 1, noNaN: true }),
  roundsPerDay: fc.integer({ min: 0, max: 400 }),
  variability: fc.constantFrom<0 | 0.5 | 1.5 | 'poisson'>(0, 0.5, 1.5, 'poisson'),
  budgetEurPerYear: fc.constantFrom(0, 50e6, 2e9),
  hasFirm: fc.boolean(),
});

const caseArb = fc.record({
  members: fc.array(memberPart, { minLength: 1, maxLength: 3 }),
  contractLengthMonths: fc.integer({ min: 1, max: 24 }),
  transportDays: fc.integer({ min: 0, max: 30 }),
  withPledge: fc.boolean(),
  // Month start (months after 2025-01-01, within the two-year horizon) of a switch away from the agency.
  switchAway: fc.option(
    fc.record({ month: fc.integer({ min: 1, max: 23 }), to: fc.constantFrom('national-only', 'pooled') }),
  ),
  params: fc.record({
    setUpDelayDays: fc.integer({ min: 0, max: 200 }),
    frameworkLengthMonths: fc.integer({ min: 1, max: 36 }),
    allocation: fc.constantFrom<'pro-rata' | 'urgency' | 'contribution'>(
      'pro-rata',
      'urgency',
      'contribution',
    ),
    pooledStock: fc.record({
      enabled: fc.constant(true),
      safetyDays: fc.integer({ min: 0, max: 90 }),
      transferDelayDays: fc.integer({ min: 0, max: 21 }),
      reorderPoint: fc.constantFrom<'safety' | 'target'>('safety', 'target'),
    }),
  }),
});

function toScenario(g: GeneratedCase): Scenario {
  const ids = ['AA', 'BB', 'CC'].slice(0, g.members.length);
  const nations = g.members.map((m, i) =>
    member(ids[i]!, {
      budgetEurPerYear: m.budgetEurPerYear,
      stockpile: {
        initialRounds: m.initialRounds,
        targetRounds: m.targetRounds,
        safetyRounds: Math.floor(m.targetRounds * m.safetyShare),
        storageCapacityRounds: 1_000_000,
      },
      consumption: { roundsPerDay: m.roundsPerDay, variability: m.variability },
    }),
  );
  // The first member always makes rounds.
  const withoutFirm = ids.filter((_, i) => i > 0 && !g.members[i]!.hasFirm);
  return scenarioOf(nations, {
    withoutFirm,
    recipients: g.withPledge ? [recipient('UA')] : [],
    pledges: g.withPledge
      ? [pledge('p1', 'UA', ids[0]!, { donors: ids.map((nation) => ({ nation, share: 1 / ids.length })) })]
      : [],
    procurement: frictionless({
      contractLengthMonths: g.contractLengthMonths,
      transportDays: g.transportDays,
    }),
  });
}

interface GeneratedCase {
  readonly members: readonly {
    initialRounds: number;
    targetRounds: number;
    safetyShare: number;
    roundsPerDay: number;
    variability: 0 | 0.5 | 1.5 | 'poisson';
    budgetEurPerYear: number;
    hasFirm: boolean;
  }[];
  readonly contractLengthMonths: number;
  readonly transportDays: number;
  readonly withPledge: boolean;
  readonly switchAway: { month: number; to: 'national-only' | 'pooled' } | null;
  readonly params: PooledParams;
}

/** The pooled strategy, switched away from at `switchAway`'s month start if set; and the switch day. */
function strategyOf(g: GeneratedCase): { strategy: ProcurementStrategy; switchDay: number } {
  const pooled = createPooled(g.params);
  if (g.switchAway === null) return { strategy: pooled, switchDay: Number.POSITIVE_INFINITY };
  const { month, to } = g.switchAway;
  const date = `${2025 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-01`;
  const after = to === 'pooled' ? createPooled({ setUpDelayDays: 0 }) : nationalOnly;
  return { strategy: switchAt(date, pooled, after), switchDay: dayOf('2025-01-01', date) };
}

// --- how to run --------------------------------------------------------------------------------------

/**
 * Runs with a daily probe; returns the lowest stock level seen anywhere, the most the agency held or had on
 * order on any day from the switch on, and a fingerprint of the run.
 */
function runChecked(scenario: Scenario, g: GeneratedCase, seed: number) {
  const { strategy, switchDay } = strategyOf(g);
  const world = new World(scenario, { strategy, seed });
  let lowest = Number.POSITIVE_INFINITY;
  let heldAfterSwitch = 0;
  const probe = (): void => {
    for (const n of world.nations.values())
      for (const s of n.stockpiles.values()) lowest = Math.min(lowest, s.level);
    for (const s of world.pooledStock.values()) {
      lowest = Math.min(lowest, s.level);
      if (world.sim.now >= switchDay) heldAfterSwitch = Math.max(heldAfterSwitch, s.level + s.onOrderRounds);
    }
    if (world.sim.now + 1 < world.horizonDays) world.sim.schedule(1, probe, { priority: 0.5 });
  };
  world.sim.schedule(0, probe, { priority: 0.5 });
  world.run();
  world.checkInvariants(); // throws ModelError if rounds or money were not conserved
  const r = world.results();
  const pool = world.pooledStock.get(`pesco-agency/${ITEM}`);
  return {
    lowest,
    heldAfterSwitch,
    fingerprint: JSON.stringify({ kpis: r.kpis, pool: pool?.level, contracts: world.contracts.length }),
  };
}

describe('createPooled with a pooled stock over random small scenarios', () => {
  it('conserves rounds and money, never holds negative stock, and is deterministic', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 0, max: 1_000 }), (g, seed) => {
        const scenario = toScenario(g);
        const a = runChecked(scenario, g, seed);
        expect(a.lowest).toBeGreaterThanOrEqual(0);
        // A switch away hands the agency's stock and its contracts to the members (a pooled agency after
        // the switch holds none here: it has no pooled stock).
        if (g.switchAway !== null) expect(a.heldAfterSwitch).toBe(0);
        expect(runChecked(structuredClone(scenario), g, seed).fingerprint).toBe(a.fingerprint);
      }),
      { numRuns: Number(process.env.MODEL_RUNS ?? 25) },
    );
  });
});
