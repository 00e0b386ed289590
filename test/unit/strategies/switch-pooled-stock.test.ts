// switchAt with a pooled stock before the switch: what the agency holds, and what is on its way from it.
import { describe, expect, it } from 'vitest';
import type { ProcurementStrategy } from '../../../src/model/procurement.js';
import { World } from '../../../src/model/world.js';
import { createPooled, type PooledParams } from '../../../src/strategies/pooled.js';
import { switchAt } from '../../../src/strategies/switch.js';
import { ITEM } from '../model/small-scenario.js';
import { frictionless, member, scenarioOf } from './scenarios.js';

const SWITCH_DATE = '2025-09-01';
const SWITCH_DAY = 243; // days from 2025-01-01
const AGENCY = 'pesco-agency';
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
    stop: (c) => strategy.stop?.(c),
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

/** Members' stock − backorders + rounds on order, summed, and the pooled stock's level + rounds on order. */
function positions(world: World): { members: number; pool: number } {
  const pool = world.pooledStock.get(`${AGENCY}/${ITEM}`)!;
  let members = 0;
  for (const n of world.nations.values()) {
    const s = n.stockpiles.get(ITEM)!;
    members += s.level - s.backorderRounds + s.onOrderRounds;
  }
  return { members, pool: pool.level + pool.onOrderRounds };
}

/** Each member's rounds on their way from a pooled stock, by nation id. */
function incoming(world: World): Map<string, number> {
  return new Map([...world.nations].map(([id, n]) => [id, n.stockpiles.get(ITEM)!.incomingTransferRounds]));
}

describe('switchAt(date, pooled with a stock, a strategy without one)', () => {
  it('the agency hands its stock and its contracts still to deliver to the members; every round bought reaches them', () => {
    const pooled = createPooled(BEFORE);
    let world: World | undefined;
    // What the old agency and its members held just before it handed over.
    let atStop = { positions: { members: 0, pool: 0 }, level: 0, incoming: new Map<string, number>() };
    const before: ProcurementStrategy = {
      name: pooled.name,
      start: (c) => pooled.start!(c),
      review: (c) => pooled.review(c),
      daily: (c) => pooled.daily!(c),
      stop: (c) => {
        const pool = world!.pooledStock.get(`${AGENCY}/${ITEM}`)!;
        atStop = { positions: positions(world!), level: pool.level, incoming: incoming(world!) };
        pooled.stop?.(c);
      },
    };
    // After the switch nobody buys: what members receive from then on comes from the agency.
    let checkedStart = false;
    const idle: ProcurementStrategy = {
      name: 'idle',
      start: (c) => {
        const w = world!;
        // The pooled stock is empty, with nothing on order: all of it, held or to come, counts for members.
        expect(c.pooledStock(AGENCY, ITEM)).toMatchObject({ levelRounds: 0, onOrderRounds: 0 });
        // Not vacuous: the agency held rounds, and had more on order.
        expect(atStop.level).toBeGreaterThan(0);
        expect(atStop.positions.pool).toBeGreaterThan(atStop.level);
        expect(positions(w).members).toBeCloseTo(atStop.positions.members + atStop.positions.pool, 6);
        // The context's views show it, for the strategy that starts.
        for (const n of c.nations) {
          const live = w.nations.get(n.id)!.stockpiles.get(ITEM)!;
          expect(n.stockpiles[0]!.onOrderRounds).toBe(live.onOrderRounds);
          expect(n.stockpiles[0]!.incomingTransferRounds).toBe(live.incomingTransferRounds);
        }
        // The stock is shared in whole rounds in proportion to what each member paid for.
        const paid = new Map<string, number>();
        for (const k of w.contracts)
          if (k.deliverTo === AGENCY)
            for (const p of k.payers)
              paid.set(p.payer, (paid.get(p.payer) ?? 0) + k.deliveredRounds * p.share);
        const totalPaid = [...paid.values()].reduce((s, x) => s + x, 0);
        let handed = 0;
        for (const [id, now] of incoming(w)) {
          const part = now - atStop.incoming.get(id)!;
          expect(Number.isInteger(part)).toBe(true);
          expect(Math.abs(part - (atStop.level * (paid.get(id) ?? 0)) / totalPaid)).toBeLessThan(1);
          handed += part;
        }
        expect(handed).toBe(atStop.level);
        checkedStart = true;
      },
      review: () => {},
    };
    world = new World(scenario, { strategy: switchAt(SWITCH_DATE, before, idle), seed: 1 });
    world.run();
    world.checkInvariants();
    expect(checkedStart).toBe(true);
    // Transfers on their way at the switch (60 days from the agency) arrived as scheduled.
    expect([...atStop.incoming.values()].some((r) => r > 0)).toBe(true);
    const pool = world.pooledStock.get(`${AGENCY}/${ITEM}`)!;
    expect(pool.level).toBe(0);
    expect(pool.onOrderRounds).toBe(0);
    // Conservation: with every contract done and nothing on its way, members received every round
    // bought for stock (through the agency's stock or straight from its contracts after the switch).
    for (const k of world.contracts) expect(['completed', 'denied']).toContain(k.status);
    expect(world.inTransitRounds).toBe(0);
    const bought = world.contracts.reduce(
      (s, k) => s + (k.purpose.kind === 'stock' ? k.deliveredRounds : 0),
      0,
    );
    const received = [...world.nations.values()].reduce(
      (s, n) => s + n.stockpiles.get(ITEM)!.receivedRounds,
      0,
    );
    expect(bought).toBeGreaterThan(0);
    expect(received).toBe(bought);
  });
});

describe('switchAt(date, …, switchAt(date2, …)) with one pooled stock handed over twice', () => {
  /**
   * Opens (or reopens) the agency's pooled stock and orders `rounds` into it, paid by `payer` alone; hands
   * the stock over at its stop.
   */
  const feeder = (payer: string, rounds: number): ProcurementStrategy => ({
    name: `feeder-${payer}`,
    start(c) {
      c.openPooledStock(AGENCY, ITEM);
      const request = { buyer: AGENCY, payers: [{ payer, share: 1 }], firm: `firm-${payer}`, item: ITEM };
      c.placeOrder({ ...request, rounds, durationMonths: 1, deliverTo: AGENCY, purpose: { kind: 'stock' } });
    },
    review() {},
    stop: (c) => void c.handOverPooledStock(AGENCY, ITEM, 0),
  });
  const idle: ProcurementStrategy = { name: 'idle', review() {} };

  it('the second hand-over shares only what was paid for since the first', () => {
    // AA fills the stock until June; BB from then until December. Each member's rounds go back to it.
    const world = new World(scenario, {
      strategy: switchAt(
        '2025-06-01',
        feeder('AA', 10_000),
        switchAt('2025-12-01', feeder('BB', 10_000), idle),
      ),
      seed: 1,
    });
    world.run();
    world.checkInvariants();
    expect(world.contracts.map((c) => [c.payers[0]!.payer, c.status])).toEqual([
      ['AA', 'completed'],
      ['BB', 'completed'],
    ]);
    // Before, the second hand-over also weighed AA's contract, done and handed over in June: AA got 5,000
    // of the rounds BB paid for.
    const received = (id: string) => world.nations.get(id)!.stockpiles.get(ITEM)!.receivedRounds;
    expect([received('AA'), received('BB'), received('CC')]).toEqual([10_000, 10_000, 0]);
  });
});
