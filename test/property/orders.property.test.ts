// Conservation of money and rounds around cut, denied and partial orders: a strategy places random
// orders (several payers, tight budgets, licences denied at random, overheads), and every amount and count
// the run reports must follow from what was placed, denied and delivered, never from what was asked for.
// fast-check's seed is pinned by FC_SEED (test/setup.ts) and printed with any failure.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Contract } from '../../src/model/contract.js';
import type { OrderTerms, ProcurementStrategy } from '../../src/model/procurement.js';
import { World } from '../../src/model/world.js';
import {
  firm,
  ITEM,
  nation,
  pledge,
  recipient,
  smallScenario,
  suppliersFor,
} from '../unit/model/small-scenario.js';

// --- what to generate ------------------------------------------------------------------------------

const IDS = ['AA', 'BB', 'CC'] as const;
const QUALIFICATION_COST_EUR = 1e6;

const nationPart = fc.record({
  // From nothing to enough for most orders: many orders are cut, some refused.
  budgetEurPerYear: fc.constantFrom(0, 2e7, 2e8, 2e9),
  unspentBudget: fc.constantFrom<'rollover' | 'lapse'>('rollover', 'lapse'),
  fiscalYearStartMonth: fc.integer({ min: 1, max: 12 }),
  licenceDelayDays: fc.integer({ min: 0, max: 200 }),
  denialProbability: fc.constantFrom(0, 0.5, 1),
});

const orderPart = fc.record({
  month: fc.integer({ min: 0, max: 17 }),
  firm: fc.constantFrom(...IDS),
  // A weight per nation; those with 0 do not pay (at least one pays).
  weights: fc.tuple(fc.nat(3), fc.nat(3), fc.nat(3)),
  rounds: fc.integer({ min: 1, max: 150_000 }),
  durationMonths: fc.integer({ min: 1, max: 30 }),
  pledge: fc.boolean(),
  standard: fc.option(fc.constantFrom('AA-155', 'BB-155', 'CC-155'), { nil: undefined }),
  licence: fc.option(fc.constantFrom<NonNullable<OrderTerms['licence']>>('standard', 'fast-lane', 'waived'), {
    nil: undefined,
  }),
  overheadEur: fc.constantFrom(0, 3e5),
  overheadShareOfValue: fc.constantFrom(0, 0.1, 0.37),
});
type OrderPart = typeof orderPart extends fc.Arbitrary<infer T> ? T : never;

const caseArb = fc.record({
  nations: fc.tuple(nationPart, nationPart, nationPart),
  orders: fc.array(orderPart, { minLength: 1, maxLength: 25 }),
  awardDelayDays: fc.integer({ min: 0, max: 90 }),
  qualificationDelayDays: fc.integer({ min: 0, max: 365 }),
  qualificationCostEur: fc.constantFrom(0, QUALIFICATION_COST_EUR),
  deficitFirstShare: fc.constantFrom(0, 0.5, 1),
  productionOrder: fc.constantFrom('activation' as const, 'pledgesFirst' as const),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function scenarioOf(c: Case) {
  return smallScenario({
    startDate: '2025-01-01',
    endDate: '2026-07-01',
    nations: IDS.map((id, i) => {
      const n = c.nations[i]!;
      return nation(id, {
        budgetEurPerYear: n.budgetEurPerYear,
        unspentBudget: n.unspentBudget,
        fiscalYearStartMonth: n.fiscalYearStartMonth,
        exportLicence: { delayDays: n.licenceDelayDays, denialProbability: n.denialProbability },
      });
    }),
    firms: IDS.map((id) => firm(`firm-${id}`, id)),
    suppliers: IDS.flatMap((id) => suppliersFor(id)),
    recipients: [recipient('UA')],
    pledges: [
      pledge('p1', 'UA', 'AA', {
        quantityRounds: 1_000_000,
        fromStockShare: 0,
        deadlineDate: '2026-06-30',
        donors: IDS.map((nation) => ({ nation, share: 1 / IDS.length })),
      }),
    ],
    procurement: {
      ...smallScenario().procurement,
      awardDelayDays: c.awardDelayDays,
      qualificationDelayDays: c.qualificationDelayDays,
      qualificationCostEur: c.qualificationCostEur,
      deficitFirstShare: c.deficitFirstShare,
      productionOrder: c.productionOrder,
    },
  });
}

/** Places each order at the review of its month; keeps each placed contract's terms. */
function randomOrders(orders: readonly OrderPart[], terms: Map<number, OrderTerms>): ProcurementStrategy {
  let month = 0;
  return {
    name: 'random-orders',
    review(ctx) {
      for (const n of ctx.nations) expect(n.availableBudgetEur, `${n.id} available`).toBeGreaterThan(-1e-3);
      for (const o of orders) {
        if (o.month !== month) continue;
        const total = o.weights.reduce((s, w) => s + w, 0);
        const payers =
          total === 0
            ? [{ payer: 'AA', share: 1 }]
            : IDS.flatMap((payer, i) => (o.weights[i]! > 0 ? [{ payer, share: o.weights[i]! / total }] : []));
        const t: OrderTerms = {
          ...(o.standard === undefined ? {} : { standard: o.standard }),
          ...(o.licence === undefined ? {} : { licence: o.licence }),
          overheadEur: o.overheadEur,
          overheadShareOfValue: o.overheadShareOfValue,
        };
        const r = ctx.placeOrder({
          buyer: 'group',
          payers,
          firm: `firm-${o.firm}`,
          item: ITEM,
          rounds: o.rounds,
          durationMonths: o.durationMonths,
          deliverTo: o.pledge ? 'UA' : '@payers',
          purpose: o.pledge ? { kind: 'pledge', pledge: 'p1' } : { kind: 'stock' },
          terms: t,
        });
        if (r.status === 'placed') {
          expect(r.rounds).toBeLessThanOrEqual(o.rounds);
          terms.set(r.contract, t);
        } else expect(r.rounds).toBe(0);
      }
      month++;
    },
  };
}

// --- how to check ------------------------------------------------------------------------------------

/** Sum of `f` over `contracts`. */
const sum = (contracts: readonly Contract[], f: (c: Contract) => number) =>
  contracts.reduce((s, c) => s + f(c), 0);
/** `nation`'s share of `c` (0 if it does not pay). */
const shareOf = (c: Contract, nation: string) => c.payers.find((p) => p.payer === nation)?.share ?? 0;
/** Whether `a` equals `b` up to rounding of sums whose terms are about `scale`. */
const close = (a: number, b: number, scale: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, scale);

describe('placeOrder over random cut, denied and partial orders', () => {
  it('money obligated is paid or still owed, rounds ordered are delivered, on their way or to make, and overheads follow what was placed', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const terms = new Map<number, OrderTerms>();
        const world = new World(scenarioOf(c), { strategy: randomOrders(c.orders, terms), seed: 3 });
        world.run();
        world.checkInvariants();
        const contracts = world.contracts;
        const live = contracts.filter((x) => x.status !== 'denied');
        for (const x of contracts) {
          expect(x.deliveredRounds).toBeLessThanOrEqual(x.producedRounds);
          expect(x.producedRounds).toBeLessThanOrEqual(x.quantityRounds);
          if (x.status === 'denied') expect(x.producedRounds).toBe(0);
        }
        // Rounds: what live contracts ordered = delivered + shipped and not arrived + still to make.
        const backlog = [...world.firms.values()].reduce((s, f) => s + f.backlogRounds(), 0);
        expect(sum(live, (x) => x.quantityRounds)).toBe(
          sum(live, (x) => x.deliveredRounds) + world.inTransitRounds + backlog,
        );
        const value = sum(contracts, (x) => x.quantityRounds * x.unitPriceEur);
        for (const id of IDS) {
          const n = world.nations.get(id)!;
          const owed = (x: Contract) => shareOf(x, id) * x.quantityRounds * x.unitPriceEur;
          const paid = (x: Contract) => shareOf(x, id) * x.deliveredRounds * x.unitPriceEur;
          // Money: obligated (net of what denials released) = paid + still owed on live contracts.
          expect(close(n.budget.obligated.value, sum(live, owed), value), `${id} obligated`).toBe(true);
          expect(close(n.budget.spent.value, sum(live, paid), value), `${id} paid`).toBe(true);
          // Rounds on order for its own stock: its share of what live stock contracts have not delivered.
          const stock = n.stockpiles.get(ITEM)!;
          const onOrder = sum(
            live.filter((x) => x.purpose.kind === 'stock'),
            (x) => shareOf(x, id) * (x.quantityRounds - x.deliveredRounds),
          );
          expect(Math.abs(stock.onOrderRounds - onOrder), `${id} on order`).toBeLessThan(1e-6);
          // Pledge booking: its whole part of each live pledge contract, a share rounded either way.
          const pledged = live.filter((x) => x.purpose.kind === 'pledge');
          const ordered = world.pledges[0]!.donors.find((d) => d.nation === id)!.orderedRounds;
          expect(ordered, `${id} pledge rounds booked`).toBeGreaterThanOrEqual(
            sum(pledged, (x) => Math.floor(shareOf(x, id) * x.quantityRounds - 1e-9)),
          );
          expect(ordered, `${id} pledge rounds booked`).toBeLessThanOrEqual(
            sum(pledged, (x) => Math.ceil(shareOf(x, id) * x.quantityRounds + 1e-9)),
          );
        }
        // Overheads: the terms' amounts on every contract placed (denied ones too: see assumptions.md),
        // plus whole qualification costs, at least one per standard a firm gained.
        const placed = contracts.reduce((s, x) => {
          const t = terms.get(x.id)!;
          return s + (t.overheadEur ?? 0) + (t.overheadShareOfValue ?? 0) * x.quantityRounds * x.unitPriceEur;
        }, 0);
        const overhead = IDS.reduce((s, id) => s + world.nations.get(id)!.overhead.eur, 0);
        const qualifications = (overhead - placed) / QUALIFICATION_COST_EUR;
        if (c.qualificationCostEur === 0) expect(close(overhead, placed, value)).toBe(true);
        else {
          expect(Math.abs(qualifications - Math.round(qualifications))).toBeLessThan(1e-6);
          const gained = [...world.firms.values()].reduce((s, f) => s + f.qualifiedStandards.size - 1, 0);
          expect(Math.round(qualifications)).toBeGreaterThanOrEqual(gained);
        }
      }),
      { numRuns: Number(process.env.ORDER_RUNS ?? 150) },
    );
  });
});
