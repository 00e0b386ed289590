import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Budget } from '../../../src/model/budget.js';
import type { ProcurementStrategy } from '../../../src/model/procurement.js';
import { World } from '../../../src/model/world.js';
import { nationalOnly } from '../../../src/strategies/national.js';
import { nation, smallScenario } from './small-scenario.js';

const YEAR_STARTS = [365, 730, 1096];
const budget = (rule: 'rollover' | 'lapse', perYear = 100, firstYearShare = 1) =>
  new Budget('AA', () => perYear, YEAR_STARTS, firstYearShare, rule);
const inYear = (y: number, eur: number) => new Map([[y, eur]]);

describe('Budget', () => {
  it('starts with the share of the first budget year that lies inside the scenario', () => {
    expect(budget('rollover', 100, 0.25).availableEur).toBe(25);
  });

  it('budget.yearOf(day) and yearStartDay(y) index budget years from the scenario start', () => {
    const b = budget('rollover');
    // Past the last start in the horizon (day 1096), years go on every 365.25 days: day 2000 is in year 5.
    expect([0, 364, 365, 729, 730, 1096, 1461.25, 2000].map((d) => b.yearOf(d))).toEqual([
      0, 0, 1, 1, 2, 3, 4, 5,
    ]);
    expect([0, 1, 3, 4].map((y) => b.yearStartDay(y))).toEqual([0, 365, 1096, 1096 + 365.25]);
  });

  it('budget.affordableFraction caps an order at what is left this year', () => {
    const b = budget('rollover');
    expect(b.affordableFraction(inYear(0, 50))).toBe(1);
    expect(b.affordableFraction(inYear(0, 400))).toBe(0.25);
    b.obligate(inYear(0, 80));
    expect(b.availableEur).toBe(20);
    expect(b.affordableFraction(inYear(0, 40))).toBe(0.5);
    b.obligate(inYear(0, 20));
    expect(b.affordableFraction(inYear(0, 1))).toBe(0);
  });

  it('obligations within a year never exceed its appropriation when orders take their affordable fraction', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.01, max: 500, noNaN: true }), { maxLength: 20 }), (orders) => {
        const b = budget('lapse');
        for (const eur of orders) {
          const f = b.affordableFraction(inYear(0, eur));
          b.obligate(inYear(0, eur * f));
        }
        expect(b.obligated.value).toBeLessThanOrEqual(100 * (1 + 1e-12));
        expect(b.availableEur).toBeGreaterThanOrEqual(-1e-12);
      }),
    );
  });

  it('budget.openYear carries unobligated money over under "rollover" and drops it under "lapse"', () => {
    const roll = budget('rollover');
    const lapse = budget('lapse');
    for (const b of [roll, lapse]) {
      b.obligate(inYear(0, 30));
      b.openYear(1, 365);
    }
    expect(roll.availableEur).toBe(170);
    expect(lapse.availableEur).toBe(100);
  });

  it('a multi-year obligation takes each year’s share from that year’s appropriation', () => {
    const b = budget('rollover');
    const split = new Map([
      [0, 40],
      [1, 60],
      [2, 90],
    ]);
    expect(b.affordableFraction(split)).toBe(1);
    b.obligate(split);
    expect(b.availableEur).toBe(60);
    expect(b.obligated.value).toBe(190);
    // Year 2 has 10 of its 100 left: a second order of 50 a year fits only to 20 %.
    expect(b.affordableFraction(new Map([[2, 50]]))).toBeCloseTo(0.2, 12);
    b.openYear(1, 365);
    expect(b.availableEur).toBe(60 + 100 - 60);
    b.openYear(2, 730);
    expect(b.availableEur).toBe(100 + 100 - 90);
  });

  it('budget.release(byYear) returns money to the years it was obligated in', () => {
    const b = budget('rollover');
    const split = new Map([
      [0, 40],
      [1, 60],
    ]);
    b.obligate(split);
    b.release(split);
    expect(b.availableEur).toBe(100);
    expect(b.obligated.value).toBe(0);
    b.openYear(1, 365);
    expect(b.availableEur).toBe(200);
  });

  it('budget.pay(q, price) adds q × price to spent, exactly', () => {
    const b = budget('rollover');
    b.pay(3, 0.1);
    b.pay(7, 0.1);
    expect(b.spent.value).toBe(1);
  });
});

describe('budgets in a run', () => {
  /** A strategy that places orders of `rounds` for AA's stock at the start, one each, and nothing else. */
  const ordersAtStart = (durationMonths: number, ...rounds: number[]): ProcurementStrategy => ({
    name: 'orders-at-start',
    start(ctx) {
      for (const r of rounds)
        ctx.placeOrder({
          buyer: 'AA',
          payers: [{ payer: 'AA', share: 1 }],
          firm: 'firm-AA',
          item: '155mm',
          rounds: r,
          durationMonths,
          deliverTo: 'AA',
          purpose: { kind: 'stock' },
        });
    },
    review() {},
  });
  const oneOrder = (rounds: number, durationMonths: number) => ordersAtStart(durationMonths, rounds);
  /** AA's deficit on day 0 in the small scenario: target − initial stock (no backorders yet). */
  const AA_STOCK = nation('AA').stockpiles[0]!;
  const DEFICIT = (AA_STOCK.targetRounds as number) - (AA_STOCK.initialRounds as number);

  it('an order spanning two budget years obligates each year its months of deliveries', () => {
    // deficitFirstShare 0: every round in the monthly tranches (the deficit-first case is below).
    const scenario = smallScenario({
      nations: [nation('AA', { budgetEurPerYear: 1e12 })],
      procurement: { ...smallScenario().procurement, awardDelayDays: 0, deficitFirstShare: 0 },
    });
    const world = new World(scenario, { strategy: oneOrder(24_000, 24) });
    world.run();
    world.checkInvariants();
    const c = world.contracts[0]!;
    const byYear = c.obligated[0]!; // the only payer, AA
    expect(c.quantityRounds).toBe(24_000); // an affordable order is placed whole
    const total = 24_000 * c.unitPriceEur;
    // Deliveries from day 0 over 24 months: 12 month-midpoints fall in each of 2025 and 2026.
    expect(byYear.years).toEqual([0, 1]);
    expect(byYear.amounts[0]!).toBeCloseTo(total / 2, 3);
    expect(byYear.amounts[1]!).toBeCloseTo(total / 2, 3);
  });

  it.each([1, 0.5])(
    'with deficitFirstShare %s, that share of the deficit comes at once and is obligated in the first year',
    (share) => {
      const upfront = share * DEFICIT;
      const scenario = smallScenario({
        nations: [nation('AA', { budgetEurPerYear: 1e12 })],
        procurement: { ...smallScenario().procurement, awardDelayDays: 0, deficitFirstShare: share },
      });
      const world = new World(scenario, { strategy: oneOrder(98_000, 24) });
      world.run();
      world.checkInvariants();
      const c = world.contracts[0]!;
      expect(c.upfrontRounds).toBe(upfront);
      const tranche = (98_000 - upfront) / 24;
      expect(c.allowedBy(0)).toBe(upfront + Math.floor(tranche));
      // The upfront rounds' money in the first budget year, with 12 tranches; 12 tranches in the second.
      const { years, amounts } = c.obligated[0]!;
      expect(years).toEqual([0, 1]);
      expect(amounts[0]!).toBeCloseTo((upfront + 12 * tranche) * c.unitPriceEur, 3);
      expect(amounts[1]!).toBeCloseTo(12 * tranche * c.unitPriceEur, 3);
    },
  );

  it('a second order the same day calls off only the deficit the first left', () => {
    const scenario = smallScenario({ nations: [nation('AA', { budgetEurPerYear: 1e12 })] });
    const world = new World(scenario, { strategy: ordersAtStart(24, 30_000, 30_000) });
    world.run();
    expect(world.contracts.map((c) => c.upfrontRounds)).toEqual([30_000, DEFICIT - 30_000]);
  });

  it('with deficitFirstShare 0.5, a need split into two orders calls off half the deficit, as one order does', () => {
    // A deficit of 50 000: one order of 80 000 calls off half, 25 000. Split in two, the first covers 40 000
    // of the deficit (calling off 20 000), the second the 10 000 left (5 000). Before, the second counted the
    // 20 000 the first left to its tranches as still lacking and called off 15 000: 35 000 in all.
    const scenario = smallScenario({
      nations: [nation('AA', { budgetEurPerYear: 1e12 })],
      procurement: { ...smallScenario().procurement, deficitFirstShare: 0.5 },
    });
    const upfront = (...rounds: number[]) => {
      const world = new World(scenario, { strategy: ordersAtStart(24, ...rounds) });
      world.run();
      return world.contracts.map((c) => c.upfrontRounds);
    };
    expect(upfront(80_000)).toEqual([DEFICIT / 2]);
    expect(upfront(40_000, 40_000)).toEqual([20_000, (DEFICIT - 40_000) / 2]);
  });

  it('a joint order calls off each payer’s deficit up to its part; an order for a pooled stock none', () => {
    // AA lacks 50 000 rounds, BB nothing (its stock is at its target).
    const scenario = smallScenario({
      nations: [
        nation('AA', { budgetEurPerYear: 1e12 }),
        nation('BB', {
          budgetEurPerYear: 1e12,
          stockpile: { initialRounds: AA_STOCK.targetRounds as number },
        }),
      ],
    });
    const order = { firm: 'firm-AA', item: '155mm', durationMonths: 24, purpose: { kind: 'stock' } } as const;
    const strategy: ProcurementStrategy = {
      name: 'orders',
      start(ctx) {
        ctx.openPooledStock('agency', '155mm');
        const alone = { buyer: 'AA', payers: [{ payer: 'AA', share: 1 }] };
        ctx.placeOrder({ ...order, ...alone, rounds: 10_000, deliverTo: 'agency' });
        const both = [
          { payer: 'AA', share: 0.5 },
          { payer: 'BB', share: 0.5 },
        ];
        ctx.placeOrder({ ...order, buyer: 'AA+BB', payers: both, rounds: 60_000, deliverTo: '@payers' });
        ctx.placeOrder({ ...order, ...alone, rounds: 40_000, deliverTo: 'AA' });
      },
      review() {},
    };
    const world = new World(scenario, { strategy });
    world.run();
    world.checkInvariants();
    // The pooled stock's order: even tranches. The joint order: AA's deficit up to its 30 000, BB none.
    // AA's own order: the 20 000 of its deficit left.
    expect(world.contracts.map((c) => c.upfrontRounds)).toEqual([0, 30_000, DEFICIT - 30_000]);
  });

  it('an order cut to the budget calls off the deficit’s share of the rounds placed', () => {
    // AA lacks half of what it orders, and has 50 M EUR a year: the order is cut.
    const scenario = smallScenario({ nations: [nation('AA', { budgetEurPerYear: 50e6 })] });
    const world = new World(scenario, { strategy: oneOrder(2 * DEFICIT, 24) });
    world.run();
    world.checkInvariants();
    const c = world.contracts[0]!;
    expect(c.quantityRounds).toBeLessThan(DEFICIT);
    expect(c.upfrontRounds).toBe(Math.floor(c.quantityRounds / 2));
    // The money follows the schedule: the upfront half is obligated in the first budget year.
    const perRound = c.obligated[0]!.amounts.reduce((a, x) => a + x, 0) / c.quantityRounds;
    expect(c.obligated[0]!.amounts[0]! / perRound).toBeGreaterThan(c.quantityRounds / 2);
  });

  it('an order larger than the budget is cut to the rounds this year’s and next year’s money allow', () => {
    // 2025 starts on its 1st day; the budget is 50 M EUR a year. Price ≈ 4 400 EUR: one year of the
    // two-year order fits ≈ 11 360 rounds a year, so ≈ 22 700 of the 100 000 rounds are bought.
    const scenario = smallScenario({ nations: [nation('AA', { budgetEurPerYear: 50e6 })] });
    const world = new World(scenario, { strategy: oneOrder(100_000, 24) });
    world.run();
    world.checkInvariants();
    const c = world.contracts[0]!;
    expect(c.quantityRounds).toBeLessThan(100_000);
    expect(c.quantityRounds * c.unitPriceEur).toBeLessThanOrEqual(2 * 50e6);
    for (const eur of c.obligated[0]!.amounts) expect(eur).toBeLessThanOrEqual(50e6);
  });

  it.each([
    ['rollover', (365 / 365.25) * 100e6 + 100e6],
    ['lapse', 100e6],
  ] as const)('unspent money at the budget-year end: "%s" leaves %d EUR on 2026-01-01', (rule, expected) => {
    // Nothing is ordered; 2025 starts on the scenario's first day, 365 of 365.25 days inside it.
    const scenario = smallScenario({
      nations: [nation('AA', { budgetEurPerYear: 100e6, unspentBudget: rule })],
    });
    const world = new World(scenario, { strategy: { name: 'idle', review() {} } });
    const b = world.nations.get('AA')!.budget;
    const seen: number[] = [];
    world.sim.schedule(364.5, () => seen.push(b.availableEur));
    world.sim.schedule(365.5, () => seen.push(b.availableEur));
    world.run();
    expect(seen[0]).toBeCloseTo((365 / 365.25) * 100e6, 3);
    expect(seen[1]).toBeCloseTo(expected, 3);
  });

  it('a nation with no budget orders nothing and pays nothing', () => {
    const scenario = smallScenario({ nations: [nation('AA', { budgetEurPerYear: 0 })] });
    const world = new World(scenario, { strategy: oneOrder(1_000, 12) });
    world.run();
    world.checkInvariants();
    expect(world.contracts).toHaveLength(0);
    expect(world.results().kpis.nations.AA!.spentEur).toBe(0);
  });

  it('under national-only, obligations never exceed the appropriations and payments never exceed obligations', () => {
    // Consumption of 300 rounds a day costs ≈ 480 M EUR a year, far beyond 100 M EUR a year.
    const scenario = smallScenario({
      nations: [nation('AA', { budgetEurPerYear: 100e6, consumption: { roundsPerDay: 300 } })],
    });
    const world = new World(scenario, { strategy: nationalOnly });
    world.run();
    world.checkInvariants();
    const b = world.nations.get('AA')!.budget;
    const appropriated = (365 / 365.25) * 100e6 + 100e6; // 2025 (364/365.25 of a year inside) and 2026
    expect(b.obligated.value).toBeGreaterThan(0.9 * appropriated);
    // Contracts run 24 months, so obligations may reach into the two budget years after the horizon.
    expect(b.obligated.value).toBeLessThanOrEqual(appropriated * (1 + 1e-9) + 2 * 100e6);
    expect(b.spent.value).toBeLessThanOrEqual(b.obligated.value * (1 + 1e-12));
  });
});
