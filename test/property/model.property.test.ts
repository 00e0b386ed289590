// Model invariants over random small scenarios: conservation (every run passes its ledger checks), no
// negative stock, causality (series sampled at increasing days, cumulative series never decrease) and
// determinism. fast-check's seed is pinned by FC_SEED (test/setup.ts) and printed with any failure.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunResult } from '../../src/model/results.js';
import { runScenario } from '../../src/model/run-scenario.js';
import type { FirmSpec, NationSpec, Scenario, SupplierSpec } from '../../src/model/scenario.js';
import { Stockpile } from '../../src/model/stockpile.js';
import { nationalOnly } from '../../src/strategies/national.js';
import {
  firm,
  ITEM,
  nation,
  pledge,
  recipient,
  smallScenario,
  supplier,
} from '../unit/model/small-scenario.js';

// --- what to generate ------------------------------------------------------------------------------

const NATION_IDS = ['AA', 'BB', 'CC'] as const;

const variability = fc.constantFrom<NationSpec['consumption'][number]['variability']>(0, 0.3, 1, 'poisson', {
  type: 'uniform',
  min: 0,
  max: 0.5,
});

const nationPart = fc.record({
  budgetEurPerYear: fc.constantFrom(0, 20e6, 300e6, 3e9),
  initialRounds: fc.integer({ min: 0, max: 200_000 }),
  targetRounds: fc.integer({ min: 0, max: 300_000 }),
  safetyShare: fc.double({ min: 0, max: 1, noNaN: true }),
  roundsPerDay: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 600, noNaN: true })),
  variability,
  unspentBudget: fc.constantFrom<'rollover' | 'lapse'>('rollover', 'lapse'),
  fiscalYearStartMonth: fc.integer({ min: 1, max: 12 }),
  licenceDelayDays: fc.integer({ min: 0, max: 120 }),
  denialProbability: fc.constantFrom(0, 0.3, 1),
  hasFirm: fc.boolean(),
});

const firmPart = fc.record({
  efficiency: fc.double({ min: 0.3, max: 1, noNaN: true }),
  nameplate: fc.integer({ min: 500, max: 20_000 }),
  commissioned: fc.option(fc.constantFrom('2024-06-01', '2025-01-01', '2025-09-15'), { nil: undefined }),
  rampProfile: fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 }),
  outages: fc.option(
    fc.record({
      meanDaysBetween: fc.integer({ min: 20, max: 400 }),
      meanDaysToRepair: fc.integer({ min: 1, max: 60 }),
    }),
    { nil: null },
  ),
  learningRate: fc.double({ min: 0, max: 0.3, noNaN: true }),
  capexEurPerAnnualRound: fc.constantFrom(50, 600, 5_000),
  buildLeadTimeDays: fc.integer({ min: 30, max: 700 }),
  publicCoFundingShare: fc.constantFrom(0, 0.5),
  tntPerMonth: fc.constantFrom(1e3, 1e5, 1e7),
  fuzeStock: fc.constantFrom(0, 5_000, 1e6),
});

const procurementPart = fc.record({
  contractLengthMonths: fc.integer({ min: 1, max: 60 }),
  awardDelayDays: fc.integer({ min: 0, max: 90 }),
  qualificationDelayDays: fc.integer({ min: 0, max: 365 }),
  qualificationCostEur: fc.constantFrom(0, 1e6),
  deficitFirstShare: fc.constantFrom(0, 0.5, 1),
  productionOrder: fc.constantFrom('activation' as const, 'pledgesFirst' as const),
  transportDays: fc.oneof(
    fc.integer({ min: 0, max: 60 }),
    fc.constant({ type: 'uniform' as const, min: 5, max: 30 }),
  ),
});

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    nations: fc.array(nationPart, { minLength: 1, maxLength: 3 }),
    firms: fc.array(firmPart, { minLength: 3, maxLength: 3 }),
    procurement: procurementPart,
    years: fc.integer({ min: 1, max: 3 }),
    startDate: fc.constantFrom('2025-01-01', '2025-03-15'),
    withPledge: fc.boolean(),
    pledgeQuantity: fc.integer({ min: 1_000, max: 200_000 }),
    fromStockShare: fc.double({ min: 0, max: 1, noNaN: true }),
    withShock: fc.boolean(),
  })
  .map((g) => {
    const ids = NATION_IDS.slice(0, g.nations.length);
    const nations = g.nations.map((n, i) =>
      nation(ids[i]!, {
        budgetEurPerYear: n.budgetEurPerYear,
        unspentBudget: n.unspentBudget,
        fiscalYearStartMonth: n.fiscalYearStartMonth,
        exportLicence: { delayDays: n.licenceDelayDays, denialProbability: n.denialProbability },
        stockpile: {
          initialRounds: n.initialRounds,
          storageCapacityRounds: 1_000_000,
          targetRounds: n.targetRounds,
          safetyRounds: Math.floor(n.targetRounds * n.safetyShare),
        },
        consumption: { roundsPerDay: n.roundsPerDay, variability: n.variability },
      }),
    );
    // At least one nation makes rounds.
    const makers = ids.filter((_, i) => g.nations[i]!.hasFirm || i === 0);
    const firms: FirmSpec[] = [];
    const suppliers: SupplierSpec[] = [];
    makers.forEach((home, i) => {
      const f = g.firms[i]!;
      firms.push(
        firm(`firm-${home}`, home, {
          efficiency: f.efficiency,
          lines: [
            f.commissioned === undefined
              ? { id: 'l1', nameplateRoundsPerMonth: f.nameplate }
              : { id: 'l1', nameplateRoundsPerMonth: f.nameplate, commissionedDate: f.commissioned },
          ],
          // A valid profile rises and ends at full nameplate (runScenario validates the scenario).
          rampProfile: [...[...f.rampProfile].sort((a, b) => a - b), 1],
          outages: f.outages,
          learningRate: f.learningRate,
          investment: {
            ...firm('x', home).investment,
            capexEurPerAnnualRound: f.capexEurPerAnnualRound,
            buildLeadTimeDays: f.buildLeadTimeDays,
            publicCoFundingShare: f.publicCoFundingShare,
          },
        }),
      );
      suppliers.push(
        supplier(`tnt-${home}`, home, 'tnt', {
          capacityPerMonth: f.tntPerMonth,
          initialStock: f.tntPerMonth,
        }),
        supplier(`fuze-${home}`, home, 'fuze', { initialStock: f.fuzeStock }),
      );
    });
    const start = g.startDate;
    const end = `${2025 + g.years}${start.slice(4)}`;
    const donors = ids.map((nation) => ({ nation, share: 1 / ids.length }));
    return smallScenario({
      startDate: start,
      endDate: end,
      nations,
      firms,
      suppliers,
      recipients: g.withPledge
        ? [recipient('UA', { consumption: [{ item: ITEM, roundsPerDay: 80, variability: 'poisson' }] })]
        : [],
      pledges: g.withPledge
        ? [
            pledge('p1', 'UA', ids[0]!, {
              startDate: start,
              deadlineDate: `2025-12-31`,
              quantityRounds: g.pledgeQuantity,
              fromStockShare: g.fromStockShare,
              donors,
            }),
          ]
        : [],
      shocks: g.withShock
        ? [
            {
              id: 's1',
              // UA exists only with the pledge.
              actors: g.withPledge ? [ids[0]!, 'UA'] : [ids[0]!],
              item: ITEM,
              startDate: '2025-06-01',
              endDate: '2025-09-30',
              multiplier: 3,
            },
          ]
        : [],
      procurement: { ...g.procurement, contractLengthMonths: g.procurement.contractLengthMonths },
    });
  });

// --- how to run --------------------------------------------------------------------------------------

const CUMULATIVE: readonly string[] = ['receivedRounds', 'spentEur', 'outputRounds', 'unmetRounds'];

/** Every series of a run, named `kind/id/series`. */
function allSeries(r: RunResult): [string, Float64Array][] {
  const out: [string, Float64Array][] = [];
  for (const [kind, group] of [
    ['nations', r.nations],
    ['firms', r.firms],
    ['recipients', r.recipients],
  ] as const) {
    for (const [id, series] of Object.entries(group)) {
      for (const [name, values] of Object.entries(series))
        out.push([`${kind}/${id}/${name}`, values as Float64Array]);
    }
  }
  for (const [id, values] of Object.entries(r.pledges)) out.push([`pledges/${id}/deliveredRounds`, values]);
  return out;
}

/** KPIs and series as JSON, for exact comparison of two runs. */
const fingerprint = (r: RunResult) =>
  JSON.stringify({
    kpis: r.kpis,
    parameters: r.parameters,
    events: r.events,
    series: allSeries(r).map(([name, v]) => [name, Array.from(v)]),
  });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('runScenario over random small scenarios (national-only)', () => {
  it('conserves rounds and money, never holds negative stock, and keeps series causal', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 0, max: 3 }), (scenario, replication) => {
        const r = runScenario(scenario, { strategy: nationalOnly, seed: 17, replication }); // throws ModelError if not conserved
        const days = Array.from(r.monthDays);
        for (let i = 1; i < days.length; i++) expect(days[i]!).toBeGreaterThan(days[i - 1]!);
        expect(days.at(-1)).toBe(r.horizonDays);
        for (const [name, values] of allSeries(r)) {
          expect(values.length, name).toBe(days.length);
          for (const v of values) expect(Number.isFinite(v) && v >= 0, `${name} has ${v}`).toBe(true);
          if (CUMULATIVE.some((c) => name.endsWith(c)) || name.startsWith('pledges/')) {
            for (let i = 1; i < values.length; i++)
              expect(values[i]!, `${name} decreased at ${i}`).toBeGreaterThanOrEqual(values[i - 1]!);
          }
        }
        const k = r.kpis;
        expect(k.fillRate).toBeGreaterThanOrEqual(0);
        expect(k.fillRate).toBeLessThanOrEqual(1);
        expect(k.unmetDemandRounds).toBeGreaterThanOrEqual(0);
        // Capacity used and idle for want of inputs are parts of the capacity: neither below 0, together
        // not above it (float sums aside); both undefined only without any capacity.
        expect(Number.isNaN(k.capacityIdleForInputs)).toBe(Number.isNaN(k.capacityUsed));
        if (!Number.isNaN(k.capacityUsed)) {
          expect(k.capacityUsed).toBeGreaterThanOrEqual(0);
          expect(k.capacityIdleForInputs).toBeGreaterThanOrEqual(0);
          expect(k.capacityUsed + k.capacityIdleForInputs).toBeLessThanOrEqual(1 + 1e-9);
        }
        for (const p of k.pledges) {
          expect(p.fulfilmentByDeadline).toBeGreaterThanOrEqual(0);
          expect(p.met.day).toBeLessThanOrEqual(r.horizonDays);
          if (!p.met.reached) expect(p.met.day).toBe(r.horizonDays);
        }
        for (const n of Object.values(k.nations)) {
          expect(n.backorderRounds).toBeGreaterThanOrEqual(0);
          expect(n.timeToTarget.day).toBeLessThanOrEqual(r.horizonDays);
        }
      }),
      { numRuns: Number(process.env.MODEL_RUNS ?? 40) },
    );
  });

  it('is deterministic: the same seed and replication give identical results, with no ambient randomness or clock', () => {
    const trap = (name: string) => () => {
      throw new Error(`${name} called during a run`);
    };
    const spies = [
      vi.spyOn(Math, 'random').mockImplementation(trap('Math.random')),
      vi.spyOn(Date, 'now').mockImplementation(trap('Date.now')),
      vi.spyOn(performance, 'now').mockImplementation(trap('performance.now')),
    ];
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 0, max: 1_000 }), (scenario, replication) => {
        const a = runScenario(scenario, { strategy: nationalOnly, seed: 'det', replication });
        const b = runScenario(structuredClone(scenario), {
          strategy: nationalOnly,
          seed: 'det',
          replication,
        });
        expect(fingerprint(b)).toBe(fingerprint(a));
      }),
      { numRuns: 15 },
    );
    expect(spies.map((s) => s.mock.calls.length)).toEqual([0, 0, 0]);
  });

  it('another replication gives different results when demand is random', () => {
    fc.assert(
      fc.property(scenarioArb, (generated) => {
        // Poisson demand on every nation, so each replication draws its own consumption.
        const scenario: Scenario = {
          ...generated,
          nations: generated.nations.map((n) => ({
            ...n,
            consumption: [{ item: ITEM, roundsPerDay: 50, variability: 'poisson' }],
          })),
        };
        const a = runScenario(scenario, { strategy: nationalOnly, seed: 4, replication: 0 });
        const b = runScenario(scenario, { strategy: nationalOnly, seed: 4, replication: 1 });
        expect(fingerprint(b)).not.toBe(fingerprint(a));
        expect(b.replication).toBe(1);
      }),
      { numRuns: 10 },
    );
  });
});

describe('Stockpile over random operation sequences', () => {
  const op = fc.oneof(
    fc.record({ kind: fc.constant('consume' as const), n: fc.integer({ min: 0, max: 50 }) }),
    fc.record({ kind: fc.constant('receive' as const), n: fc.integer({ min: 0, max: 50 }) }),
    fc.record({ kind: fc.constant('next day' as const) }),
    fc.record({
      kind: fc.constant('transfer' as const),
      n: fc.integer({ min: 0, max: 50 }),
      floor: fc.integer({ min: 0, max: 40 }),
    }),
  );

  it('never goes negative, conserves rounds and keeps backorders only while stock is empty', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100 }),
        fc.boolean(),
        fc.array(op, { maxLength: 60 }),
        (initial, backorders, ops) => {
          const s = new Stockpile('AA', ITEM, initial, 1_000, 10, backorders);
          let day = 0;
          // Oracle of the fill on the day: backorders as a first-in, first-out queue of [day, rounds].
          const owed: [number, number][] = [];
          let filledOnTheDay = 0;
          for (const o of ops) {
            if (o.kind === 'consume') {
              const short = o.n - Math.min(o.n, s.level);
              s.consume(o.n, day);
              if (backorders && short > 0) owed.push([day, short]);
            } else if (o.kind === 'receive') {
              s.receive(o.n, day);
              for (let left = o.n; left > 0 && owed.length > 0; ) {
                const first = owed[0]!;
                const met = Math.min(left, first[1]);
                if (first[0] === day) filledOnTheDay += met;
                left -= met;
                first[1] -= met;
                if (first[1] === 0) owed.shift();
              }
            } else if (o.kind === 'next day') day++;
            else s.transferOut(o.n, o.floor);
            expect(s.filledOnTheDayRounds).toBe(filledOnTheDay);
            expect(s.fillRate()).toBeGreaterThanOrEqual(0);
            expect(s.fillRate()).toBeLessThanOrEqual(1);
            expect(s.level).toBeGreaterThanOrEqual(0);
            if (s.backorderRounds > 0) expect(s.level).toBe(0);
            expect(s.level).toBe(
              s.initialRounds +
                s.receivedRounds -
                s.servedFromStockRounds -
                s.servedLateRounds -
                s.transferredOutRounds,
            );
            expect(s.demandedRounds).toBe(
              s.servedFromStockRounds + s.servedLateRounds + s.backorderRounds + s.unmetRounds,
            );
          }
        },
      ),
    );
  });
});
