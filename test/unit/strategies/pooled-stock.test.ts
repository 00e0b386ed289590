import { describe, expect, it } from 'vitest';
import { DibsimError, ModelError, ScenarioError } from '../../../src/errors.js';
import type {
  DailyContext,
  ProcurementContext,
  ProcurementStrategy,
  StockpileView,
} from '../../../src/model/procurement.js';
import type { Scenario } from '../../../src/model/scenario.js';
import { World } from '../../../src/model/world.js';
import { nationalOnly } from '../../../src/strategies/national.js';
import { createPooled, type PooledParams, resolvePooledParams } from '../../../src/strategies/pooled.js';
import { PooledStockKeeper, pooledOrderParts } from '../../../src/strategies/pooled-stock.js';
import { switchAt } from '../../../src/strategies/switch.js';
import { ITEM, pledge, recipient } from '../model/small-scenario.js';
import { frictionless, member, scenarioOf } from './scenarios.js';

const AGENCY = 'pesco-agency';
const WITH_STOCK: PooledParams = {
  setUpDelayDays: 0,
  overheadShareOfValue: 0,
  frameworkLengthMonths: 12,
  pooledStock: { enabled: true, safetyDays: 20, transferDelayDays: 7 },
};

function run(scenario: Scenario, strategy: ProcurementStrategy, seed = 3) {
  const world = new World(scenario, { strategy, seed });
  world.run();
  world.checkInvariants();
  return world;
}

const view = (over: Partial<StockpileView>): StockpileView => ({
  item: ITEM,
  levelRounds: 0,
  backorderRounds: 0,
  targetRounds: 0,
  safetyRounds: 0,
  onOrderRounds: 0,
  incomingTransferRounds: 0,
  demandRoundsPerDay: 0,
  ...over,
});

describe('resolvePooledParams(params).pooledStock', () => {
  it('is off by default, with 30 days of safety stock and a 7-day transfer when enabled', () => {
    expect(resolvePooledParams(undefined).pooledStock).toEqual({
      enabled: false,
      safetyDays: 30,
      transferDelayDays: 7,
      reorderPoint: 'safety',
    });
  });

  it.each([
    [{ enabled: 'yes' }, 'pooledStock.enabled', 'true or false'],
    [{ safetyDays: -1 }, 'pooledStock.safetyDays', '>= 0'],
    [{ transferDelayDays: 1.5 }, 'pooledStock.transferDelayDays', 'whole number'],
    [{ safetyDay: 3 }, 'pooledStock.safetyDay', "did you mean 'safetyDays'"],
    [{ reorderPoint: 'empty' }, 'pooledStock.reorderPoint', 'one of safety, target'],
  ])('rejects %j at %s', (pooledStock, path, text) => {
    let issues: ScenarioError['issues'] = [];
    try {
      resolvePooledParams({ pooledStock });
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      issues = (e as ScenarioError).issues;
    }
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe(path);
    expect(issues[0]!.message).toContain(text);
    expect(issues[0]!.fix.length).toBeGreaterThan(0);
  });
});

describe('pooledOrderParts(members, pool, safetyDays, lengthDays)', () => {
  it("adds each member's gap and its demand share of the pooled stock's gap, never below 0", () => {
    const members = [
      { nation: 'AA', stock: view({ targetRounds: 1_000, levelRounds: 400, demandRoundsPerDay: 30 }) },
      { nation: 'BB', stock: view({ targetRounds: 500, backorderRounds: 50, demandRoundsPerDay: 10 }) },
      { nation: 'CC', stock: view({ targetRounds: 100, levelRounds: 5_000, demandRoundsPerDay: 0 }) },
    ];
    const pool = { owner: AGENCY, item: ITEM, levelRounds: 100, onOrderRounds: 300 };
    // Pool gap: 10 days × 40/day − 400 = 0; own gaps: AA 600 + 30·5, BB 550 + 10·5, CC negative → 0.
    expect(pooledOrderParts(members, pool, 10, 5)).toEqual([750, 600, 0]);
    // 30 days: pool gap 800, shared 3:1:0 by demand.
    expect(pooledOrderParts(members, pool, 30, 5)).toEqual([1_350, 800, 0]);
  });
});

describe('PooledStockKeeper.topUp(context, members, item, weightOf)', () => {
  /**
   * A fake daily context over plain stock records; transfers leave the pool at once, are logged, and count
   * as incoming for their member (they never arrive).
   */
  function fake(pool: number, given: Record<string, StockpileView>) {
    const stocks = { ...given };
    const sent: { to: string; rounds: number; delayDays: number }[] = [];
    const ctx: DailyContext & { day: number } = {
      day: 10,
      stockpile: (nation) => stocks[nation],
      pooledStock: (owner, item) => ({ owner, item, levelRounds: pool, onOrderRounds: 0 }),
      transfer: (r) => {
        const rounds = Math.min(r.rounds, pool);
        pool -= rounds;
        sent.push({ to: r.to, rounds, delayDays: r.delayDays });
        const to = stocks[r.to]!;
        stocks[r.to] = { ...to, incomingTransferRounds: to.incomingTransferRounds + rounds };
        return rounds;
      },
    };
    return { ctx, sent };
  }

  it('sends members below their reorder point (safety level) enough to reach their target', () => {
    const { ctx, sent } = fake(10_000, {
      AA: view({ levelRounds: 90, safetyRounds: 100, targetRounds: 300 }),
      BB: view({ levelRounds: 100, safetyRounds: 100, targetRounds: 300 }), // at the reorder point
      CC: view({ levelRounds: 0, backorderRounds: 40, safetyRounds: 0, targetRounds: 0 }),
    });
    const keeper = new PooledStockKeeper(AGENCY, 4);
    keeper.topUp(ctx, ['AA', 'BB', 'CC'], ITEM, (r) => r.rounds);
    expect(sent).toEqual([
      { to: 'AA', rounds: 210, delayDays: 4 },
      { to: 'CC', rounds: 40, delayDays: 4 },
    ]);
    // The next day, what is on its way counts: no second shipment for the same shortfall.
    ctx.day = 11;
    keeper.topUp(ctx, ['AA', 'BB', 'CC'], ITEM, (r) => r.rounds);
    expect(sent).toHaveLength(2);
  });

  it("counts transfers on their way that another keeper sent (the model's incomingTransferRounds)", () => {
    // A keeper of a strategy switched to knows nothing of what the one before sent.
    const { ctx, sent } = fake(10_000, {
      AA: view({ levelRounds: 90, safetyRounds: 100, targetRounds: 300, incomingTransferRounds: 210 }),
      BB: view({ levelRounds: 50, safetyRounds: 100, targetRounds: 300, incomingTransferRounds: 30 }),
    });
    new PooledStockKeeper(AGENCY, 4).topUp(ctx, ['AA', 'BB'], ITEM, (r) => r.rounds);
    expect(sent).toEqual([{ to: 'BB', rounds: 220, delayDays: 4 }]);
  });

  it("with reorderPoint 'target', tops up every member below its target", () => {
    const { ctx, sent } = fake(10_000, {
      AA: view({ levelRounds: 90, safetyRounds: 100, targetRounds: 300 }),
      BB: view({ levelRounds: 250, safetyRounds: 100, targetRounds: 300 }), // above safety, below target
    });
    new PooledStockKeeper(AGENCY, 0, 'target').topUp(ctx, ['AA', 'BB'], ITEM, (r) => r.rounds);
    expect(sent.map((s) => [s.to, s.rounds])).toEqual([
      ['AA', 210],
      ['BB', 50],
    ]);
  });

  it('shares a short pooled stock by the weights and sends nothing from an empty one', () => {
    const stocks = {
      AA: view({ levelRounds: 0, safetyRounds: 100, targetRounds: 300 }),
      BB: view({ levelRounds: 200, safetyRounds: 250, targetRounds: 300 }),
    };
    const short = fake(200, stocks);
    new PooledStockKeeper(AGENCY, 0).topUp(short.ctx, ['AA', 'BB'], ITEM, (r) => r.rounds);
    expect(short.sent.map((s) => s.rounds)).toEqual([150, 50]); // pro rata to 300 : 100
    const first = fake(200, stocks);
    new PooledStockKeeper(AGENCY, 0).topUp(first.ctx, ['AA', 'BB'], ITEM, (r) => (r.nation === 'AA' ? 1 : 0));
    expect(first.sent.map((s) => s.rounds)).toEqual([200]);
    const empty = fake(0, stocks);
    expect(new PooledStockKeeper(AGENCY, 0).topUp(empty.ctx, ['AA', 'BB'], ITEM, () => 1)).toBe(0);
    expect(empty.sent).toEqual([]);
  });
});

describe('createPooled with a pooled stock', () => {
  // Two members with a firm each; AA starts below its safety level.
  const scenario = scenarioOf(
    [
      member('AA', {
        consumption: { roundsPerDay: 150, variability: 0.5 },
        stockpile: { initialRounds: 10_000 },
      }),
      member('BB', { consumption: { roundsPerDay: 100, variability: 0.5 } }),
    ],
    { procurement: frictionless({ contractLengthMonths: 12 }) },
  );

  it('one instance run again gives the results of a fresh one: no transfer of the last run is in transit', () => {
    // Members topped up up to their target every few days, so transfers are on their way at the horizon.
    const busy = scenarioOf(
      [
        member('AA', { consumption: { roundsPerDay: 300, variability: 0.5 }, budgetEurPerYear: 5e9 }),
        member('BB', { consumption: { roundsPerDay: 200, variability: 0.5 }, budgetEurPerYear: 5e9 }),
      ],
      { withoutFirm: ['BB'], procurement: frictionless() },
    );
    const params: PooledParams = {
      setUpDelayDays: 0,
      pooledStock: { enabled: true, transferDelayDays: 7, reorderPoint: 'target' },
    };
    const reused = createPooled(params);
    run(busy, reused, 1);
    // Before, transfers the first run sent near its horizon counted as on their way in the second run and
    // held back top-ups (fill rate 0.8513 against 0.8515).
    expect(run(busy, reused, 2).results().kpis).toEqual(run(busy, createPooled(params), 2).results().kpis);
  });

  it('framework contracts deliver into the pooled stock, which tops members up; the ledger covers it', () => {
    const world = run(scenario, createPooled(WITH_STOCK));
    const agency = world.contracts.filter((c) => c.buyer === AGENCY);
    expect(agency.length).toBeGreaterThan(0);
    for (const c of agency) expect(c.deliverTo).toBe(AGENCY);
    const pool = world.pooledStock.get(`${AGENCY}/${ITEM}`)!;
    expect(pool.receivedRounds).toBeGreaterThan(0);
    expect(pool.transferredOutRounds).toBeGreaterThan(0);
    // Members receive only from the pooled stock (no contract delivers to them).
    const received = [...world.nations.values()].reduce(
      (s, n) => s + n.stockpiles.get(ITEM)!.receivedRounds,
      0,
    );
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThanOrEqual(pool.transferredOutRounds);
    // The results carry the pooled stock's level month by month.
    const series = world.results().pooledStockRounds;
    expect(Math.max(...series)).toBeGreaterThan(0);
    expect(series.at(-1)).toBe(pool.level);
    // Rounds are conserved in the pooled stock: a tampered level is caught by the ledger check.
    pool.level += 1;
    expect(() => world.checkInvariants()).toThrow(ModelError);
    expect(() => world.checkInvariants()).toThrow(/pesco-agency\/155mm/);
  });

  it('members who hold nothing, topped up within the day, count that demand as filled on the day', () => {
    // Eppen's centralised system: the pooled stock serves members' demand, arriving the same day.
    const empty = { initialRounds: 0, targetRounds: 0, safetyRounds: 0, storageCapacityRounds: 1e9 };
    const hollow = scenarioOf(
      [
        member('AA', { stockpile: empty, consumption: { roundsPerDay: 150, variability: 0.5 } }),
        member('BB', { stockpile: empty, consumption: { roundsPerDay: 100, variability: 0.5 } }),
      ],
      { procurement: frictionless({ contractLengthMonths: 12 }) },
    );
    const world = new World(hollow, {
      strategy: createPooled({ ...WITH_STOCK, pooledStock: { enabled: true, transferDelayDays: 0 } }),
      seed: 3,
    });
    // Each day after consumption and same-day transfers (priority 0.5): demand of the day and backorders.
    const stocks = ['AA', 'BB'].map((id) => world.nations.get(id)!.stockpiles.get(ITEM)!);
    const unmetOnTheDay = [0, 0];
    const demandedBefore = [0, 0];
    const probe = (): void => {
      stocks.forEach((st, i) => {
        // Backorders are met oldest first, and a backorder leaves the stock empty, so what is left of the
        // day's demand is the newest part of the backorders, up to the day's demand.
        unmetOnTheDay[i]! += Math.min(st.backorderRounds, st.demandedRounds - demandedBefore[i]!);
        demandedBefore[i] = st.demandedRounds;
      });
      if (world.sim.now + 1 < world.horizonDays) world.sim.schedule(1, probe, { priority: 0.5 });
    };
    world.sim.schedule(0, probe, { priority: 0.5 });
    world.run();
    world.checkInvariants();
    const kpis = world.results().kpis;
    stocks.forEach((st, i) => {
      // Nothing is ever in the members' own stock: all that is filled on the day came from the pool.
      expect(st.servedFromStockRounds).toBe(0);
      expect(st.filledOnTheDayRounds).toBeGreaterThan(0.25 * st.demandedRounds);
      expect(kpis.nations[st.owner]!.fillRate).toBeCloseTo(1 - unmetOnTheDay[i]! / st.demandedRounds, 12);
    });
  });

  it("holds safetyDays of members' demand more in the system's position (stock + on order)", () => {
    const none = run(
      scenario,
      createPooled({ ...WITH_STOCK, pooledStock: { enabled: true, safetyDays: 0 } }),
    );
    const sixty = run(
      scenario,
      createPooled({ ...WITH_STOCK, pooledStock: { enabled: true, safetyDays: 60 } }),
    );
    // Echelon position: pooled stock and members' stock, less backorders, plus everything on order.
    const position = (w: World) => {
      const pool = w.pooledStock.get(`${AGENCY}/${ITEM}`)!;
      let p = pool.level + pool.onOrderRounds;
      for (const n of w.nations.values()) {
        const s = n.stockpiles.get(ITEM)!;
        p += s.level - s.backorderRounds + s.onOrderRounds;
      }
      return p;
    };
    // 60 days × 250 rounds a day = 15 000 rounds, within half a month's demand (orders are monthly).
    expect(position(sixty) - position(none)).toBeGreaterThan(15_000 - 3_800);
    expect(position(sixty) - position(none)).toBeLessThan(15_000 + 3_800);
  });

  it('switchAt hands the daily hook to the pooled strategy once it is in force', () => {
    const SWITCH = '2025-07-01';
    // Members are stocked by July, so top-ups start below target rather than below safety.
    const pooled = createPooled({ ...WITH_STOCK, pooledStock: { enabled: true, reorderPoint: 'target' } });
    const world = run(scenario, switchAt(SWITCH, nationalOnly, pooled));
    const pool = world.pooledStock.get(`${AGENCY}/${ITEM}`)!;
    expect(pool.transferredOutRounds).toBeGreaterThan(0);
    const agency = world.contracts.filter((c) => c.buyer === AGENCY);
    expect(agency.length).toBeGreaterThan(0);
    for (const c of agency) expect(c.signedDay).toBeGreaterThanOrEqual(181); // 2025-07-01
    expect(switchAt(SWITCH, nationalOnly, createPooled({})).daily).toBeUndefined();
  });

  it('is off by default: no pooled stock and no daily hook', () => {
    const strategy = createPooled({ setUpDelayDays: 0 });
    expect(strategy.daily).toBeUndefined();
    expect(run(scenario, strategy).pooledStock.size).toBe(0);
  });
});

describe('ProcurementContext.openPooledStock and DailyContext.transfer', () => {
  const scenario = scenarioOf([member('AA')], { procurement: frictionless() });
  const trying = (start: ProcurementStrategy['start'], daily?: ProcurementStrategy['daily']) => () =>
    run(scenario, {
      name: 'probe',
      ...(start === undefined ? {} : { start }),
      review: () => {},
      ...(daily === undefined ? {} : { daily }),
    });

  it('rejects a nation as owner and an unknown item, naming the fix', () => {
    expect(trying((c) => c.openPooledStock('AA', ITEM))).toThrow(/"AA" is a nation or recipient.*group id/);
    expect(trying((c) => c.openPooledStock(AGENCY, '120mm'))).toThrow(/unknown item "120mm"/);
  });

  it('rejects a transfer from a stock that was not opened, or of a fractional quantity', () => {
    const daily = (rounds: number) => (c: DailyContext) => {
      c.transfer({ from: AGENCY, to: 'AA', item: ITEM, rounds, delayDays: 0 });
    };
    expect(trying(undefined, daily(1))).toThrow(DibsimError);
    expect(trying(undefined, daily(1))).toThrow(/no pooled stock of 155mm held by "pesco-agency"/);
    expect(trying((c) => c.openPooledStock(AGENCY, ITEM), daily(0.5))).toThrow(/whole numbers/);
    // From an empty pooled stock nothing moves, and nothing fails.
    expect(trying((c) => c.openPooledStock(AGENCY, ITEM), daily(5))).not.toThrow();
  });

  it('handOverPooledStock rejects a stock that was not opened, or a fractional delay, naming the fix', () => {
    expect(trying((c) => c.handOverPooledStock(AGENCY, ITEM, 7))).toThrow(
      /handOverPooledStock: no pooled stock of 155mm held by "pesco-agency". Open it with openPooledStock/,
    );
    const open = (delayDays: number) => (c: ProcurementContext) => {
      c.openPooledStock(AGENCY, ITEM);
      c.handOverPooledStock(AGENCY, ITEM, delayDays);
    };
    expect(trying(open(1.5))).toThrow(/delayDays must be a whole number >= 0 \(got 1.5\)/);
    expect(trying(open(0))).not.toThrow(); // an empty stock hands over nothing
  });
});

describe('pledges through the pooling agency', () => {
  // Two members pledge 60 000 rounds to UA, all procured (no share from stock).
  const scenario = scenarioOf(
    [member('AA', { budgetEurPerYear: 2e9 }), member('BB', { budgetEurPerYear: 2e9 })],
    {
      recipients: [recipient('UA')],
      pledges: [
        pledge('p1', 'UA', 'AA', {
          quantityRounds: 60_000,
          fromStockShare: 0,
          donors: [
            { nation: 'AA', share: 2 / 3 },
            { nation: 'BB', share: 1 / 3 },
          ],
        }),
      ],
      procurement: frictionless({ contractLengthMonths: 12 }),
    },
  );
  const pledgeContracts = (w: World) => w.contracts.filter((c) => c.purpose.kind === 'pledge');

  it("under pooled, the donors' procured part is one joint agency contract per firm, delivered to the recipient", () => {
    const world = run(scenario, createPooled({ setUpDelayDays: 0, overheadShareOfValue: 0 }));
    const contracts = pledgeContracts(world);
    expect(contracts.length).toBeGreaterThan(0);
    for (const c of contracts) {
      expect(c.buyer).toBe(AGENCY);
      expect(c.deliverTo).toBe('UA');
      expect(c.payers.map((p) => p.payer).sort()).toEqual(['AA', 'BB']);
    }
    expect(contracts.reduce((s, c) => s + c.quantityRounds, 0)).toBe(60_000);
    // Each donor's part is booked to it, so nothing is ordered twice.
    expect(world.pledges[0]!.donors.map((d) => d.orderedRounds)).toEqual([40_000, 20_000]);
    // Rounds reach UA (not all by the horizon: the members first call off their stocks' deficits from
    // the same two firms).
    for (const c of contracts) expect(c.deliveredRounds).toBeGreaterThan(0);
  });

  it('under national-only, each donor orders its own part as its own contracts', () => {
    const contracts = pledgeContracts(run(scenario, nationalOnly));
    expect(contracts.length).toBeGreaterThan(0);
    for (const c of contracts) {
      expect(c.payers).toHaveLength(1);
      expect(c.buyer).toBe(c.payers[0]!.payer);
    }
  });
});
