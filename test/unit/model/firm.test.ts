import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Contract, DAYS_PER_MONTH } from '../../../src/model/contract.js';
import { Firm, type FirmParams, type Line, rampShare, wrightUnitCost } from '../../../src/model/firm.js';

const YEAR = 365.25;

type Investment = FirmParams['investment'];

function params(
  overrides: Partial<Omit<FirmParams, 'investment'>> & { investment?: Partial<Investment> } = {},
) {
  const { investment, ...rest } = overrides;
  const p: FirmParams = {
    id: 'f',
    nation: 'AA',
    ownership: 'private',
    item: '155mm',
    efficiency: 0.8,
    rampProfile: [0.3, 0.7, 1],
    unitCostEur: 4_000,
    cumulativeRoundsAtStart: 100_000,
    learningRate: 0.1,
    markupAtZeroUtilisation: 0.1,
    markupAtFullUtilisation: 0.5,
    investment: {
      horizonMonths: 24,
      hurdleRate: 0.15,
      capexEurPerAnnualRound: 600,
      buildLeadTimeDays: 540,
      moduleRoundsPerMonth: 5_000,
      publicCoFundingShare: 0,
      ...investment,
    },
    ...rest,
  };
  return p;
}

/** A line at full ramp since long before the start. */
const matureLine = (nameplateRoundsPerMonth = 10_000): Line => ({
  id: 'l1',
  nameplateRoundsPerMonth,
  commissionedDay: -10 * YEAR,
});

/** An active contract of `rounds` at `priceEur` each, deliverable over `months` from day 0. */
function contract(rounds: number, priceEur: number, months: number, id = 0): Contract {
  const c = new Contract(
    id,
    'AA',
    [{ payer: 'AA', share: 1 }],
    'f',
    '155mm',
    rounds,
    priceEur,
    0,
    0,
    months,
    'AA',
    {
      kind: 'stock',
    },
  );
  c.status = 'active';
  return c;
}

describe('rampShare(profile, days)', () => {
  it('is 0 before commissioning, then the profile value of each year since, the last value holding', () => {
    const profile = [0.07, 0.4, 1];
    expect(rampShare(profile, -1)).toBe(0);
    expect(rampShare(profile, 0)).toBe(0.07);
    expect(rampShare(profile, YEAR - 1e-9)).toBe(0.07);
    expect(rampShare(profile, YEAR)).toBe(0.4);
    expect(rampShare(profile, 2 * YEAR)).toBe(1);
    expect(rampShare(profile, 50 * YEAR)).toBe(1);
  });
});

describe('wrightUnitCost(first, atStart, cumulative, learningRate)', () => {
  it('multiplies unit cost by (1 − learning rate) for each doubling of total output', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e5, noNaN: true }),
        fc.integer({ min: 1, max: 1e7 }),
        fc.integer({ min: 0, max: 1e7 }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (first, atStart, cumulative, lr) => {
          const total = atStart + cumulative;
          const cost = wrightUnitCost(first, atStart, cumulative, lr);
          const doubled = wrightUnitCost(first, atStart, 2 * total - atStart, lr);
          expect(doubled / cost).toBeCloseTo(1 - lr, 12);
        },
      ),
    );
  });

  it('is the first-unit cost with no output yet and 0.9^k after k doublings at a 10 % rate', () => {
    expect(wrightUnitCost(4_000, 1_000, 0, 0.1)).toBe(4_000);
    expect(wrightUnitCost(4_000, 1_000, 1_000, 0.1)).toBeCloseTo(3_600, 9);
    expect(wrightUnitCost(4_000, 1_000, 7_000, 0.1)).toBeCloseTo(4_000 * 0.9 ** 3, 9);
    expect(wrightUnitCost(4_000, 1_000, 7_000, 0)).toBe(4_000);
  });

  it('treats a start position below 1 round as 1, so the cost stays finite', () => {
    expect(wrightUnitCost(100, 0, 1, 0.2)).toBeCloseTo(80, 9);
  });
});

describe('Firm', () => {
  it('firm.unitCost() moves down the learning curve with recorded output', () => {
    const f = new Firm(params(), [matureLine()], []);
    expect(f.unitCost()).toBe(4_000);
    f.recordOutput(100_000, 100_000); // one doubling of 100 000 rounds at start
    expect(f.unitCost()).toBeCloseTo(3_600, 9);
    f.recordOutput(200_000, 200_000); // two doublings
    expect(f.unitCost()).toBeCloseTo(3_240, 9);
    expect(f.cumulativeRounds).toBe(300_000);
  });

  it('firm.recordOutput(n) books production cost at the unit cost before the batch', () => {
    const f = new Firm(params(), [matureLine()], []);
    f.recordOutput(10, 10);
    expect(f.cost.value).toBe(40_000);
  });

  it('firm.capacityPerMonth(day) is nameplate × ramp × efficiency, summed over lines, and 0 while down', () => {
    const f = new Firm(
      params(),
      [matureLine(10_000), { id: 'new', nameplateRoundsPerMonth: 5_000, commissionedDay: 100 }],
      [],
    );
    expect(f.capacityPerMonth(0)).toBe(8_000);
    expect(f.capacityPerMonth(100)).toBeCloseTo((10_000 + 0.3 * 5_000) * 0.8, 9);
    expect(f.capacityPerMonth(100 + YEAR)).toBeCloseTo((10_000 + 0.7 * 5_000) * 0.8, 9);
    f.up = false;
    expect(f.capacityPerMonth(0)).toBe(0);
    expect(f.nameplatePerMonth(0)).toBe(10_000);
  });

  it('firm.capacityFor(day, days) carries the fraction of a round to the next step only when capacity binds', () => {
    const f = new Firm(params({ efficiency: 1 }), [matureLine(DAYS_PER_MONTH * 1.5)], []);
    const first = f.capacityFor(0, 1); // 1.5 rounds
    expect(first).toBeCloseTo(1.5, 12);
    expect(f.lastCapacityRounds).toBe(1);
    f.recordOutput(1, first); // capacity bound: 0.5 carried
    expect(f.capacityFor(1, 1)).toBeCloseTo(2, 12);
    f.recordOutput(0, 2); // idle: nothing carried
    expect(f.capacityFor(2, 1)).toBeCloseTo(1.5, 12);
  });

  it('firm.quote(day) is unit cost × (1 + markup), the markup rising linearly with backlog over a year of capacity', () => {
    const f = new Firm(params(), [matureLine()], []);
    expect(f.quote(0)).toBeCloseTo(4_000 * 1.1, 9);
    f.book.push(contract(48_000, 5_000, 12)); // half of 96 000 rounds a year
    expect(f.tightness(0)).toBeCloseTo(0.5, 12);
    expect(f.quote(0)).toBeCloseTo(4_000 * 1.3, 9);
    f.book.push(contract(1_000_000, 5_000, 12, 1));
    expect(f.tightness(0)).toBe(1);
    expect(f.quote(0)).toBeCloseTo(4_000 * 1.5, 9);
  });

  it('firm.demandBy(day) counts only active contracts, up to what their schedules allow', () => {
    const f = new Firm(params(), [matureLine()], []);
    const c = contract(1_200, 5_000, 12);
    const pending = contract(1_200, 5_000, 12, 1);
    pending.status = 'pending';
    f.book.push(c, pending);
    expect(f.demandBy(0)).toBe(100);
    c.producedRounds = 30;
    expect(f.demandBy(DAYS_PER_MONTH)).toBe(170);
    expect(f.backlogRounds()).toBe(1_200 - 30 + 1_200);
  });
});

describe('firm.appraise(day): the investment rule at a fixed 24-month contract length', () => {
  // Capacity 8 000/month × 24 months = 192 000 rounds; a 480 000-round, 24-month contract leaves
  // 288 000 rounds of excess. Net capex of a 5 000/month module = 60 000 × 600 = 36 M EUR; with a 15 %
  // hurdle the module pays when 288 000 × margin ≥ 41.4 M EUR, i.e. margin ≥ 143.75 EUR a round.
  const ROUNDS = 480_000;
  const MONTHS = 24;
  const appraise = (priceEur: number, overrides: Parameters<typeof params>[0] = {}) => {
    const f = new Firm(params(overrides), [matureLine()], []);
    f.book.push(contract(ROUNDS, priceEur, MONTHS));
    return f.appraise(0);
  };

  it('reports the excess over capacity, the unit margin and the net capex', () => {
    const a = appraise(4_200);
    expect(a.excessRounds).toBeCloseTo(ROUNDS - 8_000 * 24, 6);
    expect(a.unitMarginEur).toBeCloseTo(200, 9);
    expect(a.netCapexEur).toBeCloseTo(36e6, 3);
  });

  it('flips to invest when the contract price rises (margin 100 → 200 EUR)', () => {
    expect(appraise(4_100).invest).toBe(false);
    expect(appraise(4_200).invest).toBe(true);
  });

  it('flips to invest when the unit cost falls at the same price (margin 50 → 250 EUR)', () => {
    expect(appraise(4_200, { unitCostEur: 4_150 }).invest).toBe(false);
    expect(appraise(4_200, { unitCostEur: 3_950 }).invest).toBe(true);
  });

  it('flips with capex, co-funding or the hurdle rate', () => {
    expect(appraise(4_100).invest).toBe(false);
    expect(appraise(4_100, { investment: { capexEurPerAnnualRound: 400 } }).invest).toBe(true);
    expect(appraise(4_100, { investment: { publicCoFundingShare: 0.5 } }).invest).toBe(true);
    expect(appraise(4_200, { investment: { hurdleRate: 1 } }).invest).toBe(false); // 57.6 M < 72 M
  });

  it('never invests at a zero or negative margin, however large the excess', () => {
    expect(appraise(4_000, { investment: { capexEurPerAnnualRound: 0 } }).invest).toBe(false);
    expect(appraise(3_000, { investment: { capexEurPerAnnualRound: 0 } }).invest).toBe(false);
  });

  it('never invests when existing capacity covers the committed rounds', () => {
    const f = new Firm(params(), [matureLine()], []);
    f.book.push(contract(8_000 * 24, 10_000, MONTHS));
    const a = f.appraise(0);
    expect(a.excessRounds).toBe(0);
    expect(a.invest).toBe(false);
  });

  it('counts only the tranches due by the horizon’s end: a firm keeping pace with a longer contract has no excess', () => {
    // 8 000 a month for 48 months against 8 000 a month of capacity. The tranche released on the horizon's
    // last day (month 25) is due a month later; counting it would show 8 000 rounds of excess.
    const f = new Firm(params(), [matureLine()], []);
    f.book.push(contract(8_000 * 48, 10_000, 48));
    expect(f.appraise(0).excessRounds).toBe(0);
    // Mid-month, with the month's tranche part made: still no excess, at any phase.
    for (const phase of [0.25, 0.5, 0.99]) {
      const day = 3 * DAYS_PER_MONTH + phase * DAYS_PER_MONTH;
      const c = contract(8_000 * 48, 10_000, 48);
      c.producedRounds = 8_000 * (3 + phase);
      const g = new Firm(params(), [matureLine()], []);
      g.book.push(c);
      expect(g.appraise(day).excessRounds).toBe(0);
    }
    // One tranche more than capacity over the horizon is excess.
    const h = new Firm(params(), [matureLine()], []);
    h.book.push(contract(8_400 * 48, 10_000, 48));
    expect(h.appraise(0).excessRounds).toBeCloseTo(400 * 24, 6);
  });

  it('counts a line under construction at full nameplate, so one decision is not repeated while it is built', () => {
    const f = new Firm(params(), [matureLine()], []);
    f.book.push(contract(ROUNDS, 4_200, MONTHS));
    expect(f.appraise(0).invest).toBe(true);
    f.lines.push({ id: 'added', nameplateRoundsPerMonth: 5_000, commissionedDay: 540 });
    expect(f.appraise(0).excessRounds).toBeCloseTo(ROUNDS - (10_000 + 5_000) * 0.8 * 24, 6);
  });
});

describe('firm.decidesToInvest(day, backlog): appraise’s decision, skipping the order book when it cannot invest', () => {
  it('agrees with appraise(day).invest on random order books, lines and days', () => {
    const contractArb = fc.record({
      rounds: fc.integer({ min: 1, max: 600_000 }),
      produced: fc.double({ min: 0, max: 1, noNaN: true }),
      price: fc.double({ min: 3_000, max: 6_000, noNaN: true }),
      months: fc.integer({ min: 1, max: 48 }),
      activeFrom: fc.integer({ min: -400, max: 400 }),
      status: fc.constantFrom('pending', 'active', 'active', 'completed', 'denied'),
    });
    fc.assert(
      fc.property(
        fc.array(contractArb, { maxLength: 12 }),
        fc.array(
          fc.record({
            nameplate: fc.integer({ min: 0, max: 20_000 }),
            day: fc.integer({ min: -4_000, max: 800 }),
          }),
          {
            minLength: 1,
            maxLength: 3,
          },
        ),
        fc.integer({ min: 0, max: 3_600 }),
        fc.integer({ min: 1, max: 60 }),
        (specs, lines, day, horizonMonths) => {
          const f = new Firm(
            params({ investment: { horizonMonths, capexEurPerAnnualRound: 50 } }),
            lines.map((l, i) => ({
              id: `l${i}`,
              nameplateRoundsPerMonth: l.nameplate,
              commissionedDay: l.day,
            })),
            [],
          );
          specs.forEach((s, i) => {
            const c = new Contract(
              i,
              'AA',
              [{ payer: 'AA', share: 1 }],
              'f',
              '155mm',
              s.rounds,
              s.price,
              0,
              s.activeFrom,
              s.months,
              'AA',
              { kind: 'stock' },
            );
            c.status = s.status as Contract['status'];
            c.producedRounds = s.status === 'completed' ? s.rounds : Math.floor(s.rounds * s.produced);
            f.book.push(c);
          });
          expect(f.decidesToInvest(day, f.backlogRounds())).toBe(f.appraise(day).invest);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('invests when the backlog exceeds capacity at a good margin, and reports the module’s net capex', () => {
    const f = new Firm(params(), [matureLine()], []);
    f.book.push(contract(480_000, 4_200, 24));
    expect(f.decidesToInvest(0, f.backlogRounds())).toBe(true);
    expect(f.moduleNetCapexEur).toBe(f.appraise(0).netCapexEur);
    expect(f.decidesToInvest(0, 8_000 * 24)).toBe(false); // a backlog within capacity: no walk, no investment
  });
});
