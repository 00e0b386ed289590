// switchAt with a pooled stock before the switch: what the agency holds, and what is on its way from it.
import { describe, expect, it } from 'vitest';
import type { ProcurementStrategy } from '../../../src/model/procurement.js';
import { World } from '../../../src/model/world.js';
import { createPooled, type PooledParams } from '../../../src/strategies/pooled.js';
import { switchAt } from '../../../src/strategies/switch.js';
import { frictionless, member, scenarioOf } from './scenarios.js';

const SWITCH_DATE = '2025-09-01';
const SWITCH_DAY = 243; // days from 2025-01-01
// Three members topped up from a pooled stock 60 days away, so transfers are on their way at the switch.
const stockpile = { initialRounds: 30_000, targetRounds: 30_000, safetyRounds: 10_000 };
const scenario = scenarioOf(
  [
    member('AA', { consumption: { roundsPerDay: 150, variability: 0.5 }, budgetEurPerYear: 5e9, stockpile }),
    member('BB', { consumption: { roundsPerDay: 100, variability: 0.5 }, budgetEurPerYear: 5e9, stockpile }),
    member('CC', { consumption: { roundsPerDay: 50, variability: 0.5 }, budgetEurPerYear: 5e9, stockpile }),
  ],
  { withoutFirm: ['CC'], procurement: frictionless({ contractLengthMonths: 12 }) },
);
const BEFORE: PooledParams = {
  setUpDelayDays: 0,
  frameworkLengthMonths: 2,
  pooledStock: { enabled: true, transferDelayDays: 60 },
};

/** A transfer a strategy's daily hook made, with the member's stock − backorders just before it. */
interface Shipment {
  readonly by: string;
  readonly day: number;
  readonly to: string;
  readonly rounds: number;
  readonly arrivalDay: number;
  readonly position: number;
  readonly upTo: number;
}

/** `strategy`, with every transfer of its daily hook logged as shipped by `by`. */
function logged(by: string, strategy: ProcurementStrategy, log: Shipment[]): ProcurementStrategy {
  return {
    name: strategy.name,
    start: (c) => strategy.start?.(c),
    review: (c) => strategy.review(c),
    daily: (c) =>
      strategy.daily?.({
        day: c.day,
        stockpile: (nation, item) => c.stockpile(nation, item),
        pooledStock: (owner, item) => c.pooledStock(owner, item),
        transfer: (r) => {
          const s = c.stockpile(r.to, r.item)!;
          const rounds = c.transfer(r);
          const upTo = Math.max(s.targetRounds, s.safetyRounds);
          const position = s.levelRounds - s.backorderRounds;
          log.push({ by, day: c.day, to: r.to, rounds, arrivalDay: c.day + r.delayDays, position, upTo });
          return rounds;
        },
      }),
  };
}

/**
 * Rounds of the shipments logged before `log[index]` still on their way to its member when it was sent:
 * one sent on day d with delay k arrives on day d + k before consumption, so it is on its way at the daily
 * hooks of days d to d + k − 1 (and, with k = 0, for the rest of the hook that sent it).
 */
function onTheWay(log: readonly Shipment[], index: number): number {
  const s = log[index]!;
  let rounds = 0;
  for (const e of log.slice(0, index))
    if (e.to === s.to && (e.arrivalDay > s.day || e.day === s.day)) rounds += e.rounds;
  return rounds;
}

describe('switchAt(date, pooled with a stock, …)', () => {
  it("to another pooled stock: the new keeper counts the old one's transfers on their way and ships nothing twice", () => {
    const log: Shipment[] = [];
    const after = createPooled({ ...BEFORE, pooledStock: { ...BEFORE.pooledStock, transferDelayDays: 5 } });
    const world = new World(scenario, {
      strategy: switchAt(SWITCH_DATE, logged('A', createPooled(BEFORE), log), logged('B', after, log)),
      seed: 1,
    });
    world.run();
    world.checkInvariants();
    log.forEach((s, i) => {
      if (s.by !== 'B') return;
      expect(s.day).toBeGreaterThanOrEqual(SWITCH_DAY);
      // B tops up to the target at most, counting every transfer on its way: before, it counted only its
      // own and shipped again what A's transfers (60 days on the way) were bringing.
      expect(
        s.position + onTheWay(log, i) + s.rounds,
        `B's transfer on day ${s.day} to ${s.to}`,
      ).toBeLessThanOrEqual(s.upTo);
    });
    // Not vacuous: A sent members below their reorder point rounds still on their way at the switch (a
    // keeper that forgot them would top those members up again at once), and B ships.
    expect(log.some((s) => s.by === 'A' && s.arrivalDay > SWITCH_DAY)).toBe(true);
    expect(log.some((s) => s.by === 'B')).toBe(true);
  });
});
