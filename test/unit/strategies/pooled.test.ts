import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../../src/errors.js';
import { type Contract, DAYS_PER_MONTH } from '../../../src/model/contract.js';
import type { FirmView, NationView } from '../../../src/model/procurement.js';
import { runScenario } from '../../../src/model/run-scenario.js';
import type { Scenario } from '../../../src/model/scenario.js';
import { World } from '../../../src/model/world.js';
import { allocateCapped, nonEuInputShare } from '../../../src/strategies/allocation.js';
import { nationalOnly } from '../../../src/strategies/national.js';
import {
  createPooled,
  type PooledParams,
  poolMembers,
  resolvePooledParams,
} from '../../../src/strategies/pooled.js';
import {
  firm,
  ITEM,
  nation,
  recipient,
  smallScenario,
  supplier,
  suppliersFor,
} from '../model/small-scenario.js';
import { frictionless, member, scenarioOf, THIRD_STATE } from './scenarios.js';

const NEUTRAL: PooledParams = { setUpDelayDays: 0, overheadShareOfValue: 0 };
const AGENCY = 'pesco-agency';

function run(scenario: Scenario, params: PooledParams) {
  const world = new World(scenario, { strategy: createPooled(params), seed: 7 });
  world.run();
  world.checkInvariants();
  return { world, r: world.results(), agency: world.contracts.filter((c) => c.buyer === AGENCY) };
}

describe('createPooled: framework contracts and the investment rule', () => {
  // One member consuming ~9 130 rounds a month from a firm making 8 000; the firm's rule looks 24 months
  // ahead and builds in 540 days. Ordinary contracts are 6 months long.
  const BUILD_DAYS = 540;
  const scenario = scenarioOf([member('AA', { budgetEurPerYear: 5e9, consumption: { roundsPerDay: 300 } })], {
    endDate: '2029-01-01',
    procurement: frictionless({ contractLengthMonths: 6 }),
  });

  it('a longer framework raises capacity, only after the build lead time; a short one does not', () => {
    const short = run(scenario, { ...NEUTRAL, frameworkLengthMonths: 6 });
    const long = run(scenario, { ...NEUTRAL, frameworkLengthMonths: 36 });
    expect(short.r.kpis.capacityAddedRoundsPerMonth).toBe(0);
    expect(long.r.kpis.capacityAddedRoundsPerMonth).toBeGreaterThan(0);
    const added = long.world.firms.get('firm-AA')!.lines.filter((l) => l.id.startsWith('added'));
    const first = Math.min(...added.map((l) => l.commissionedDay));
    expect(first).toBeGreaterThanOrEqual(BUILD_DAYS);
    const capacity = long.r.firms['firm-AA']!.capacityPerMonth;
    long.r.monthDays.forEach((day, i) => {
      if (day < first) expect(capacity[i]).toBe(8_000);
    });
    expect(capacity.at(-1)!).toBeGreaterThan(short.r.firms['firm-AA']!.capacityPerMonth.at(-1)!);
  });

  it('pooled contracts run for the framework length and commit that many months of consumption', () => {
    const { agency } = run(scenario, { ...NEUTRAL, frameworkLengthMonths: 36 });
    expect(agency.length).toBeGreaterThan(0);
    for (const c of agency) expect(c.durationMonths).toBe(36);
    // The first order covers the target gap plus 36 months of ~9 130 rounds.
    expect(agency[0]!.quantityRounds).toBeGreaterThan(36 * 9_000);
  });
});

describe('createPooled: coordination costs', () => {
  // Two members with a firm each; demand below capacity, so national buying fills everything.
  const scenario = scenarioOf(
    [
      member('AA', { consumption: { roundsPerDay: 250 } }),
      member('BB', { consumption: { roundsPerDay: 250 } }),
    ],
    { procurement: frictionless({ contractLengthMonths: 12 }) },
  );
  const national = runScenario(scenario, { strategy: nationalOnly, seed: 7 });
  const perRound = (r: typeof national) => r.kpis.totalSpendEur / r.kpis.deliveredRounds;

  it('a large extra award delay and overhead make pooling worse than national: lower fill rate, dearer rounds', () => {
    const slow = run(scenario, {
      setUpDelayDays: 0,
      frameworkLengthMonths: 12,
      extraAwardDelayDays: 365,
      overheadShareOfValue: 0.3,
    }).r;
    expect(national.kpis.fillRate).toBe(1);
    expect(slow.kpis.fillRate).toBeLessThan(0.9);
    expect(perRound(slow)).toBeGreaterThan(1.2 * perRound(national));
  });

  it('a long set-up delay leaves the run national until it ends, then the agency orders', () => {
    const SET_UP_DAYS = 400;
    const { world, agency } = run(scenario, {
      ...NEUTRAL,
      setUpDelayDays: SET_UP_DAYS,
      frameworkLengthMonths: 12,
    });
    expect(agency.length).toBeGreaterThan(0);
    for (const c of agency) expect(c.signedDay).toBeGreaterThanOrEqual(SET_UP_DAYS);
    const before = world.contracts.filter((c) => c.signedDay < SET_UP_DAYS);
    expect(before.length).toBeGreaterThan(0);
    for (const c of before) expect(c.buyer).toBe(c.payers[0]!.payer);
  });

  it('the overhead is paid by the payers pro rata and shows in their KPIs', () => {
    const { r, agency } = run(scenario, {
      ...NEUTRAL,
      frameworkLengthMonths: 12,
      overheadEurPerContract: 1e6,
    });
    expect(agency.length).toBeGreaterThan(0);
    const overhead = r.kpis.nations.AA!.overheadEur + r.kpis.nations.BB!.overheadEur;
    expect(overhead).toBeCloseTo(agency.length * 1e6, 0);
  });

  /** The agency's orders' overhead at `fixed` EUR each plus `share` of the value placed. */
  const expectedOverhead = (agency: readonly Contract[], fixed: number, share: number) =>
    agency.reduce((sum, c) => sum + fixed + share * c.quantityRounds * c.unitPriceEur, 0);
  const overheadOf = (r: ReturnType<typeof run>['r']) =>
    Object.values(r.kpis.nations).reduce((sum, n) => sum + n.overheadEur, 0);

  it('the share of value is charged on the rounds placed: an order cut to the budget pays on what it buys', () => {
    // Budgets far below what 24 months of consumption cost, so the joint orders are cut.
    const PER_DAY = 250;
    const SPAN_MONTHS = 24;
    const tight = scenarioOf(
      [
        member('AA', { budgetEurPerYear: 2e8, consumption: { roundsPerDay: PER_DAY } }),
        member('BB', { budgetEurPerYear: 2e8, consumption: { roundsPerDay: PER_DAY } }),
      ],
      { procurement: frictionless({ contractLengthMonths: 12 }) },
    );
    const { r, agency } = run(tight, {
      ...NEUTRAL,
      frameworkLengthMonths: SPAN_MONTHS,
      overheadShareOfValue: 0.1,
    });
    expect(agency.length).toBeGreaterThan(0);
    // The cut happened: the first joint order buys less than the 24 months of consumption it was for.
    expect(agency[0]!.quantityRounds).toBeLessThan(SPAN_MONTHS * DAYS_PER_MONTH * 2 * PER_DAY);
    expect(overheadOf(r) / expectedOverhead(agency, 0, 0.1)).toBeCloseTo(1, 12);
  });

  it('a fixed overhead at the 1e15 EUR cap plus a share of value runs (it failed mid-run naming terms.overheadEur)', () => {
    const { r, agency } = run(scenario, {
      ...NEUTRAL,
      frameworkLengthMonths: 12,
      overheadEurPerContract: 1e15,
      overheadShareOfValue: 0.027,
    });
    expect(agency.length).toBeGreaterThan(0);
    expect(overheadOf(r) / expectedOverhead(agency, 1e15, 0.027)).toBeCloseTo(1, 12);
  });

  it('refuses overhead shares adding up to more than the value, naming both fields', () => {
    expect(() => createPooled({ overheadShareOfValue: 0.6, overlapOverheadShare: 0.5 })).toThrow(
      /overlapOverheadShare: plus overheadShareOfValue \(0\.6\) must be at most 1/,
    );
    expect(() => createPooled({ overheadShareOfValue: 0.6, overlapOverheadShare: 0.4 })).not.toThrow();
  });

  it('resolvePooledParams: a refused overheadShareOfValue is not added to overlapOverheadShare as its default 0.027: one issue, for the field written wrong', () => {
    const issues = (params: unknown) => {
      try {
        resolvePooledParams(params);
      } catch (e) {
        if (e instanceof ScenarioError) return e.issues.map((i) => i.path);
        throw e;
      }
      return [];
    };
    expect(issues({ overheadShareOfValue: 1.5, overlapOverheadShare: 0.99 })).toEqual([
      'overheadShareOfValue',
    ]);
    expect(issues({ overheadShareOfValue: 'x', overlapOverheadShare: 0.99 })).toEqual([
      'overheadShareOfValue',
    ]);
    // Left out, the default is what is charged, so the sum is judged with it.
    expect(issues({ overlapOverheadShare: 0.99 })).toEqual(['overlapOverheadShare']);
  });

  it('every pooled order uses the common standard: a firm qualifies to it once, for all members', () => {
    const s = {
      ...scenario,
      procurement: frictionless({ contractLengthMonths: 12, qualificationCostEur: 2e6 }),
    };
    const { world, r } = run(s, { ...NEUTRAL, frameworkLengthMonths: 12 });
    for (const f of world.firms.values()) expect(f.qualifiedStandards.has('PESCO-common')).toBe(true);
    // Two firms qualify once each; nothing else is qualified (each firm also makes its own nation's rounds).
    expect(r.kpis.nations.AA!.overheadEur + r.kpis.nations.BB!.overheadEur).toBeCloseTo(2 * 2e6, 0);
  });
});

describe('createPooled: third states and the non-EU content cap', () => {
  // AA is a PESCO member; UK a third state whose firm takes TNT from AA and fuzes at home (50 % non-EU).
  const SET_UP_DAYS = 60;
  const ADMISSION_DAYS = 120;
  const scenario = smallScenario({
    nations: [
      member('AA', { consumption: { roundsPerDay: 300 }, budgetEurPerYear: 5e9 }),
      nation('UK', {
        memberships: [...THIRD_STATE],
        consumption: { roundsPerDay: 50 },
        budgetEurPerYear: 5e9,
      }),
    ],
    firms: [
      firm('firm-AA', 'AA'),
      firm('firm-UK', 'UK', {
        inputs: [
          { component: 'tnt', supplier: 'tnt-AA' },
          { component: 'fuze', supplier: 'fuze-UK' },
        ],
      }),
    ],
    suppliers: [...suppliersFor('AA'), supplier('fuze-UK', 'UK', 'fuze')],
    procurement: frictionless(),
  });
  const params = (third: PooledParams['thirdStates']): PooledParams => ({
    setUpDelayDays: SET_UP_DAYS,
    thirdStates: { admissionDelayDays: ADMISSION_DAYS, ...third },
  });
  const ukFirm = (agency: ReturnType<typeof run>['agency']) => agency.filter((c) => c.firm === 'firm-UK');
  const ukPays = (agency: ReturnType<typeof run>['agency']) =>
    agency.filter((c) => c.payers.some((p) => p.payer === 'UK'));

  it('a third state joins and its firm is used only after admission, when within the cap', () => {
    const { agency } = run(scenario, params({ nonEuContentCap: 0.6 }));
    const admitted = SET_UP_DAYS + ADMISSION_DAYS;
    expect(ukFirm(agency).length).toBeGreaterThan(0);
    expect(ukPays(agency).length).toBeGreaterThan(0);
    for (const c of [...ukFirm(agency), ...ukPays(agency)])
      expect(c.signedDay).toBeGreaterThanOrEqual(admitted);
    expect(agency.some((c) => c.signedDay < admitted)).toBe(true); // the agency was active before
  });

  it('the 35 % content cap excludes a firm with half its inputs from outside the EU/EEA', () => {
    const { agency } = run(scenario, params({}));
    expect(ukPays(agency).length).toBeGreaterThan(0); // the UK is a member…
    expect(ukFirm(agency)).toEqual([]); // …but its firm is not eligible
  });

  it('the cap can be limited to third-state firms, and third states can be kept out', () => {
    expect(ukFirm(run(scenario, params({ contentCapScope: 'third-state-firms' })).agency)).toEqual([]);
    const out = run(scenario, params({ enabled: false, nonEuContentCap: 1 })).agency;
    expect(ukFirm(out)).toEqual([]);
    expect(ukPays(out)).toEqual([]);
  });

  it('nonEuInputShare weighs components equally unless given weights, and counts EEA as inside', () => {
    const nations = [
      { id: 'AA', memberships: ['EU'] },
      { id: 'NO', memberships: ['EEA', 'PESCO-third-state'] },
      { id: 'UK', memberships: ['PESCO-third-state'] },
    ] as unknown as NationView[];
    const f = {
      inputs: [
        { component: 'tnt', supplier: 's1', nation: 'NO' },
        { component: 'fuze', supplier: 's2', nation: 'UK' },
        { component: 'primer', supplier: 's3', nation: 'CN' },
        { component: 'charge', supplier: 's4', nation: 'AA' },
      ],
    } as unknown as FirmView;
    expect(nonEuInputShare(f, nations)).toBe(0.5);
    expect(nonEuInputShare(f, nations, { tnt: 6 })).toBeCloseTo(2 / 9);
    expect(nonEuInputShare({ inputs: [] } as unknown as FirmView, nations)).toBe(0);
  });

  it('poolMembers: none before set-up, PESCO members after, third states after admission', () => {
    const p = resolvePooledParams(params({}));
    const nations = scenario.nations as unknown as NationView[];
    expect([...poolMembers(p, nations, SET_UP_DAYS - 1)]).toEqual([]);
    expect([...poolMembers(p, nations, SET_UP_DAYS)]).toEqual(['AA']);
    expect([...poolMembers(p, nations, SET_UP_DAYS + ADMISSION_DAYS)]).toEqual(['AA', 'UK']);
  });
});

describe('createPooled: a member with no firm the agency may buy from', () => {
  it('buys as under national-only: the ordinary contract length’s need, not the framework’s', () => {
    // AA is a member without a firm; BB's firm is not the agency's (BB is not a member).
    const scenario = scenarioOf([member('AA', { budgetEurPerYear: 5e9 }), nation('BB')], {
      withoutFirm: ['AA'],
      procurement: frictionless(),
    });
    const ordersOf = (world: World) =>
      world.contracts
        .filter((c) => c.payers.some((p) => p.payer === 'AA'))
        .map((c) => [c.signedDay, c.quantityRounds, c.durationMonths, c.firm]);
    const national = new World(scenario, { strategy: nationalOnly, seed: 7 });
    national.run();
    const { world } = run(scenario, NEUTRAL);
    expect(ordersOf(national).length).toBeGreaterThan(0);
    // Before, AA's first order was 305,675 rounds (84 months of consumption) delivered over 24 months,
    // against 123,050 under national-only.
    expect(ordersOf(world)).toEqual(ordersOf(national));
  });
});

describe('createPooled: allocation when supply falls short', () => {
  // One firm (8 000 a month) in AA; AA sits at its target, BB starts empty and consumes 300 a day.
  // Budgets are ample, so only the allocation rule decides who is served first.
  const BUDGET_EUR = 5e9;
  const scenario = scenarioOf(
    [
      member('AA', {
        consumption: { roundsPerDay: 150 },
        stockpile: { initialRounds: 150_000 },
        budgetEurPerYear: BUDGET_EUR,
      }),
      member('BB', {
        consumption: { roundsPerDay: 300 },
        stockpile: { initialRounds: 0 },
        budgetEurPerYear: BUDGET_EUR,
      }),
    ],
    { withoutFirm: ['BB'], procurement: frictionless({ contractLengthMonths: 12 }) },
  );
  const received = (params: PooledParams, id: string, month: number) =>
    run(scenario, { ...NEUTRAL, frameworkLengthMonths: 12, ...params }).r.nations[id]!.receivedRounds[month]!;

  it("'urgency' serves the member with backorders first; 'pro-rata' shares by need", () => {
    const MONTH = 6;
    expect(received({ allocation: 'urgency' }, 'BB', MONTH)).toBeGreaterThan(
      received({ allocation: 'pro-rata' }, 'BB', MONTH),
    );
    expect(received({ allocation: 'urgency' }, 'AA', MONTH)).toBeLessThan(
      received({ allocation: 'pro-rata' }, 'AA', MONTH),
    );
  });

  it("'contribution' serves the larger contributor first", () => {
    const MONTH = 6;
    const toAA = received({ allocation: 'contribution', contributions: { AA: 1, BB: 0 } }, 'BB', MONTH);
    const toBB = received({ allocation: 'contribution', contributions: { AA: 0, BB: 1 } }, 'BB', MONTH);
    expect(toBB).toBeGreaterThan(toAA);
    // A member left out of contributions weighs 0, also when only one member is listed.
    expect(received({ allocation: 'contribution', contributions: { AA: 1 } }, 'BB', MONTH)).toBe(toAA);
    expect(received({ allocation: 'contribution', contributions: { BB: 1 } }, 'BB', MONTH)).toBe(toBB);
    // Only ratios matter: huge finite contributions serve as 1 : 1 does (before, the allocated tranche came
    // out NaN and was not ordered: BB received 0 rounds in month 6, 10,680 with 1 : 1).
    const huge = { AA: 1e308, BB: 1e308 };
    expect(received({ allocation: 'contribution', contributions: huge }, 'BB', MONTH)).toBe(
      received({ allocation: 'contribution', contributions: { AA: 1, BB: 1 } }, 'BB', MONTH),
    );
  });
});

describe('allocateCapped(total, caps, weights)', () => {
  it('shares by weight, gives what a capped claimant cannot take to the others', () => {
    expect(allocateCapped(100, [80, 80], [3, 1])).toEqual([75, 25]);
    expect(allocateCapped(100, [50, 80], [3, 1])).toEqual([50, 50]);
    expect(allocateCapped(100, [30, 30], [1, 1])).toEqual([30, 30]);
    expect(allocateCapped(10, [10, 10, 10], [0, 0, 0])).toEqual([4, 3, 3]);
    expect(allocateCapped(10, [10, 10], [1, 0])).toEqual([10, 0]);
    // Only ratios matter: weights whose sum overflows gave NaN rounds.
    expect(allocateCapped(100, [80, 80], [1e308, 1e308])).toEqual([50, 50]);
    expect(allocateCapped(100, [80, 80, 80], [1e308, 1e308, 0])).toEqual([50, 50, 0]);
  });

  it('returns whole rounds within the caps summing to min(total, Σ caps)', () => {
    fc.assert(
      fc.property(
        fc.nat(10_000),
        fc.array(
          fc.tuple(
            fc.nat(5_000),
            fc.oneof(
              fc.double({ min: 0, max: 100, noNaN: true }),
              fc.double({ min: 0, max: Number.MAX_VALUE, noNaN: true }),
            ),
          ),
          { maxLength: 8 },
        ),
        (total, claims) => {
          const caps = claims.map(([c]) => c);
          const out = allocateCapped(
            total,
            caps,
            claims.map(([, w]) => w),
          );
          const sum = caps.reduce((s, c) => s + c, 0);
          expect(out.reduce((s, x) => s + x, 0)).toBe(Math.min(total, sum));
          out.forEach((x, i) => {
            expect(Number.isInteger(x)).toBe(true);
            expect(x).toBeGreaterThanOrEqual(0);
            expect(x).toBeLessThanOrEqual(caps[i]!);
          });
        },
      ),
    );
  });
});

describe('resolvePooledParams(params)', () => {
  const issues = (params: unknown) => {
    try {
      resolvePooledParams(params);
    } catch (e) {
      if (e instanceof ScenarioError) return e.issues;
      throw e;
    }
    return [];
  };

  it('fills in the sourced defaults', () => {
    const p = resolvePooledParams(undefined);
    expect(p.setUpDelayDays).toBe(198);
    expect(p.frameworkLengthMonths).toBe(84);
    expect(p.commonStandard).toBe('PESCO-common');
    expect(p.overheadShareOfValue).toBe(0.027);
    expect(p.allocation).toBe('pro-rata');
    expect(p.thirdStates).toEqual({
      enabled: true,
      admissionDelayDays: 183,
      nonEuContentCap: 0.35,
      contentCapScope: 'all',
      componentWeights: {},
    });
  });

  it('reports an unknown field with the field a typo meant', () => {
    const [i] = issues({ setUpDelayDay: 10 });
    expect(i?.path).toBe('setUpDelayDay');
    expect(i?.message).toContain("did you mean 'setUpDelayDays'");
  });

  it.each([
    [{ setUpDelayDays: -1 }, 'setUpDelayDays', '>= 0'],
    [{ frameworkLengthMonths: 0 }, 'frameworkLengthMonths', '>= 1'],
    [{ overheadShareOfValue: 1.5 }, 'overheadShareOfValue', '<= 1'],
    [{ extraAwardDelayDays: Number.NaN }, 'extraAwardDelayDays', 'finite'],
    [{ allocation: 'first-come' }, 'allocation', 'one of pro-rata, urgency, contribution'],
    [{ licence: 'none' }, 'licence', 'one of standard'],
    [{ contributions: { DE: -1 } }, 'contributions.DE', '>= 0'],
    [{ commonStandard: '' }, 'commonStandard', 'non-empty'],
    [{ thirdStates: { nonEuContentCap: 2 } }, 'thirdStates.nonEuContentCap', '<= 1'],
    [{ thirdStates: { enable: true } }, 'thirdStates.enable', "did you mean 'enabled'"],
    [{ thirdStates: { contentCapScope: 'some' } }, 'thirdStates.contentCapScope', 'one of all'],
  ])('rejects %j at %s', (params, path, text) => {
    const found = issues(params);
    expect(found).toHaveLength(1);
    expect(found[0]!.path).toBe(path);
    expect(found[0]!.message).toContain(text);
    expect(found[0]!.fix.length).toBeGreaterThan(0);
  });

  it('collects every problem before throwing', () => {
    expect(
      issues({ setUpDelayDays: -1, allocation: 'x', thirdStates: { admissionDelayDays: -5 } }),
    ).toHaveLength(3);
    expect(() => createPooled({ setUpDelayDays: -1 })).toThrow(ScenarioError);
  });
});

describe('createPooled(params).check(scenario)', () => {
  const scenario = scenarioOf([member('AA'), member('BB')], { recipients: [recipient('UA')] });
  const issues = (params: PooledParams) => {
    try {
      createPooled(params).check!(scenario);
    } catch (e) {
      if (e instanceof ScenarioError) return e.issues;
      throw e;
    }
    return [];
  };

  it('rejects a contribution of a nation the scenario does not have, which would weigh every member 0', () => {
    expect(issues({ allocation: 'contribution', contributions: { AA: 2, XX: 1 } })).toEqual([
      {
        path: 'contributions.XX',
        message: 'unknown nation "XX"',
        fix: 'Use nation ids of the scenario: AA, BB.',
      },
    ]);
    expect(issues({ allocation: 'contribution', contributions: { AA: 2, BB: 1 } })).toEqual([]);
    // runScenario checks before the run, as experiments do.
    expect(() =>
      runScenario(scenario, {
        strategy: createPooled({ allocation: 'contribution', contributions: { XX: 1 } }),
      }),
    ).toThrow(/pooled strategy params has 1 problem:\n {2}- contributions\.XX: unknown nation "XX"/);
  });

  it('rejects a component weight of a component the scenario does not have', () => {
    const [i] = issues({ thirdStates: { componentWeights: { tnt: 2, fuse: 1 } } });
    expect(i).toEqual({
      path: 'thirdStates.componentWeights.fuse',
      message: 'unknown component "fuse"',
      fix: 'Use component ids of the scenario: tnt, fuze.',
    });
  });

  it('rejects a pooled stock held by a nation or recipient id', () => {
    const pooledStock = { enabled: true };
    expect(issues({ agency: 'UA', pooledStock })[0]?.path).toBe('agency');
    expect(issues({ agency: 'AA', pooledStock })[0]?.message).toMatch(/"AA" is a nation or recipient id/);
    // Without a pooled stock the agency id only labels contracts.
    expect(issues({ agency: 'AA' })).toEqual([]);
    expect(issues({ pooledStock })).toEqual([]);
  });
});

describe('createPooled: bookkeeping', () => {
  it('joint contracts split deliveries among payers and the run conserves rounds and money', () => {
    const scenario = scenarioOf([member('AA'), member('BB'), member('CC')], {
      withoutFirm: ['CC'],
      procurement: frictionless({ contractLengthMonths: 12 }),
    });
    const { agency, r } = run(scenario, { ...NEUTRAL, frameworkLengthMonths: 12 });
    expect(agency.some((c) => c.payers.length === 3 && c.deliverTo === '@payers')).toBe(true);
    for (const c of agency) expect(c.payers.reduce((s, p) => s + p.share, 0)).toBeCloseTo(1, 12);
    expect(r.nations.CC!.receivedRounds.at(-1)!).toBeGreaterThan(0);
    expect(agency.every((c) => c.item === ITEM)).toBe(true);
  });
});
