import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../../src/errors.js';
import type { Contract } from '../../../src/model/contract.js';
import type { ProcurementStrategy } from '../../../src/model/procurement.js';
import { runScenario } from '../../../src/model/run-scenario.js';
import type { Scenario } from '../../../src/model/scenario.js';
import { World } from '../../../src/model/world.js';
import {
  agreementSchedule,
  type BilateralParams,
  createBilateral,
  resolveBilateralParams,
} from '../../../src/strategies/bilateral.js';
import { nationalOnly } from '../../../src/strategies/national.js';
import { nation, smallScenario } from '../model/small-scenario.js';
import { frictionless, scenarioOf } from './scenarios.js';

const AWARD_DAYS = 30;
const IDS = ['AA', 'BB', 'CC', 'DD'];
/** Four nations, each with its own firm; each tops up its stock every month. */
const four = (procurement: Scenario['procurement'] = frictionless()) =>
  scenarioOf(
    IDS.map((id) => nation(id)),
    { procurement },
  );

function run(scenario: Scenario, params: BilateralParams) {
  const world = new World(scenario, { strategy: createBilateral(params), seed: 3 });
  world.run();
  world.checkInvariants();
  const crossBorder = world.contracts.filter((c) =>
    c.payers.some((p) => p.payer !== world.firms.get(c.firm)!.params.nation),
  );
  return { world, crossBorder };
}

/** The unordered pair of nations a cross-border contract joins (buyer side and seller side). */
function pairOf(world: World, c: Contract): string {
  const nations = new Set([...c.payers.map((p) => p.payer), world.firms.get(c.firm)!.params.nation]);
  return [...nations].sort().join('-');
}

describe('agreementSchedule(params, nations): coverage grows only as fast as agreements are set up', () => {
  const nations = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `N${i}`, memberships: [] }));

  it.each([2, 3, 5, 8])('%i nations need n(n−1)/2 agreements, set up one after another', (n) => {
    const s = agreementSchedule(
      resolveBilateralParams({ parallelNegotiations: 1, setUpDelayDays: 100 }),
      nations(n),
    );
    expect(s).toHaveLength((n * (n - 1)) / 2);
    expect(s.map((a) => a.activeAfterDays)).toEqual(s.map((_, k) => 100 * (k + 1)));
  });

  it('parallel negotiations finish ⌈n(n−1)/2 / k⌉ set-up delays after the start', () => {
    const s = agreementSchedule(
      resolveBilateralParams({ parallelNegotiations: 3, setUpDelayDays: 100 }),
      nations(5),
    );
    expect(Math.max(...s.map((a) => a.activeAfterDays))).toBe(Math.ceil(10 / 3) * 100);
    expect(s.filter((a) => a.activeAfterDays <= 100)).toHaveLength(3);
  });

  it('pairs are formed among the group in order; a membership selects the group', () => {
    const ns = [
      { id: 'A', memberships: ['EU' as const] },
      { id: 'B', memberships: [] },
      { id: 'C', memberships: ['EU' as const] },
    ];
    expect(agreementSchedule(resolveBilateralParams({ among: 'EU' }), ns).map((a) => a.nations)).toEqual([
      ['A', 'C'],
    ]);
    expect(
      agreementSchedule(resolveBilateralParams({ among: ['C', 'B', 'A'] }), ns).map((a) => a.nations),
    ).toEqual([
      ['C', 'B'],
      ['C', 'A'],
      ['B', 'A'],
    ]);
  });

  it('explicit agreements keep their own set-up delays', () => {
    const p = resolveBilateralParams({ agreements: [{ nations: ['A', 'B'], setUpDelayDays: 42 }] });
    expect(agreementSchedule(p, [])).toEqual([{ nations: ['A', 'B'], activeAfterDays: 42 }]);
  });
});

describe('createBilateral: trade follows the agreements', () => {
  const SET_UP_DAYS = 90;
  const params = { parallelNegotiations: 1, setUpDelayDays: SET_UP_DAYS };

  it('no cross-border order before a pair’s agreement is active; trading pairs never outnumber active agreements', () => {
    const { world, crossBorder } = run(four(), params);
    const schedule = agreementSchedule(resolveBilateralParams(params), world.scenario.nations);
    const activeOn = new Map(schedule.map((a) => [[...a.nations].sort().join('-'), a.activeAfterDays]));
    expect(crossBorder.length).toBeGreaterThan(0);
    for (const c of crossBorder) expect(c.signedDay).toBeGreaterThanOrEqual(activeOn.get(pairOf(world, c))!);
    const traded = new Map<string, number>();
    for (const c of crossBorder) if (!traded.has(pairOf(world, c))) traded.set(pairOf(world, c), c.signedDay);
    for (const day of traded.values()) {
      const trading = [...traded.values()].filter((d) => d <= day).length;
      expect(trading).toBeLessThanOrEqual(schedule.filter((a) => a.activeAfterDays <= day).length);
    }
    expect(traded.size).toBe(6); // all n(n−1)/2 pairs by the end of two years (last active on day 540)
  });

  it('with slower negotiations, fewer pairs trade within the same horizon', () => {
    const slow = run(four(), { parallelNegotiations: 1, setUpDelayDays: 300 });
    const pairs = new Set(slow.crossBorder.map((c) => pairOf(slow.world, c)));
    expect(pairs.size).toBe(2); // agreements active on days 300 and 600 of a 730-day run
  });

  it('only the pairs listed as data trade', () => {
    const { world, crossBorder } = run(four(), {
      agreements: [{ nations: ['BB', 'DD'], setUpDelayDays: 60 }],
    });
    expect(new Set(crossBorder.map((c) => pairOf(world, c)))).toEqual(new Set(['BB-DD']));
  });

  it('partners recognise each other’s qualification and use the licence fast lane: active after the award only', () => {
    const { crossBorder } = run(four(smallScenario().procurement), params);
    expect(crossBorder.length).toBeGreaterThan(0);
    for (const c of crossBorder) expect(c.activeFromDay - c.signedDay).toBe(AWARD_DAYS);
  });

  it('without mutual recognition or fast lane, partner orders wait for qualification and the licence', () => {
    const { crossBorder } = run(four(smallScenario().procurement), {
      ...params,
      mutualRecognition: false,
      licence: 'standard',
    });
    expect(crossBorder.length).toBeGreaterThan(0);
    expect(crossBorder.every((c) => c.activeFromDay - c.signedDay >= AWARD_DAYS + 60)).toBe(true);
    expect(crossBorder.some((c) => c.activeFromDay - c.signedDay >= AWARD_DAYS + 180)).toBe(true);
  });

  it('an active pair places joint contracts for both partners’ stock needs, delivered to the payers', () => {
    const joint = run(four(), params).world.contracts.filter((c) => c.payers.length === 2);
    expect(joint.length).toBeGreaterThan(0);
    for (const c of joint) {
      expect(c.deliverTo).toBe('@payers');
      expect(c.buyer).toBe(c.payers.map((p) => p.payer).join('+'));
      expect(c.signedDay).toBeGreaterThanOrEqual(SET_UP_DAYS);
    }
    expect(
      run(four(), { ...params, aggregate: false }).world.contracts.every((c) => c.payers.length === 1),
    ).toBe(true);
  });

  it('a partner without money does not hold the other back: it buys the rest of a cut joint order alone', () => {
    // BB cannot afford a round, so every joint contract is cut to nothing; AA then orders its part alone.
    const scenario = scenarioOf(
      [nation('AA', { budgetEurPerYear: 5e9 }), nation('BB', { budgetEurPerYear: 1e3 })],
      {
        procurement: frictionless(),
      },
    );
    const orderedBy = (strategy: ProcurementStrategy, payer: string) => {
      const world = new World(scenario, { strategy, seed: 3 });
      world.run();
      world.checkInvariants();
      const own = world.contracts.filter((c) => c.payers.some((p) => p.payer === payer));
      return {
        first: Math.min(...own.map((c) => c.signedDay)),
        rounds: own.reduce((s, c) => s + c.quantityRounds, 0),
      };
    };
    const national = orderedBy(nationalOnly, 'AA');
    expect(national.rounds).toBeGreaterThan(0);
    // Before, AA placed no contract in two years: its stock needs went into joint orders BB could not pay.
    expect(orderedBy(createBilateral({ setUpDelayDays: 0 }), 'AA')).toEqual(national);
    expect(orderedBy(createBilateral({ setUpDelayDays: 0 }), 'BB').rounds).toBe(0);
  });

  it('one instance run again on other nations trades by that run’s agreements, not the last run’s', () => {
    const params = { setUpDelayDays: 0, aggregate: false };
    const strategy = createBilateral(params);
    const contractsOf = (scenario: Scenario, s = strategy) => {
      const world = new World(scenario, { strategy: s, seed: 3 });
      world.run();
      return world.contracts.map((c) => ({ firm: c.firm, payers: c.payers, signedDay: c.signedDay }));
    };
    // Both runs have six agreements active from the first review, between different nations.
    contractsOf(four());
    const other = scenarioOf(
      ['EE', 'FF', 'GG', 'HH'].map((id) => nation(id)),
      { procurement: frictionless() },
    );
    const again = contractsOf(other);
    expect(again.some((c) => c.firm !== `firm-${c.payers[0]!.payer}`)).toBe(true);
    expect(again).toEqual(contractsOf(other, createBilateral(params)));
  });

  it('a nation without a firm buys from a partner once the agreement is active, abroad before', () => {
    const scenario = scenarioOf([nation('AA'), nation('BB'), nation('CC')], {
      withoutFirm: ['CC'],
      procurement: frictionless(),
    });
    const { world } = run(scenario, {
      agreements: [{ nations: ['BB', 'CC'], setUpDelayDays: 200 }],
      aggregate: false,
    });
    const byCC = world.contracts.filter((c) => c.payers[0]!.payer === 'CC');
    expect(byCC.some((c) => c.signedDay < 200)).toBe(true);
    for (const c of byCC) if (c.signedDay >= 200) expect(c.firm).toBe('firm-BB');
  });
});

describe('resolveBilateralParams(params)', () => {
  const issues = (params: unknown) => {
    try {
      resolveBilateralParams(params);
    } catch (e) {
      if (e instanceof ScenarioError) return e.issues;
      throw e;
    }
    return [];
  };

  it('fills in the sourced defaults', () => {
    expect(resolveBilateralParams()).toEqual({
      agreements: undefined,
      among: undefined,
      setUpDelayDays: 198,
      parallelNegotiations: 4,
      aggregate: true,
      mutualRecognition: true,
      licence: 'fast-lane',
    });
  });

  it.each([
    [{ parallelNegotiation: 2 }, 'parallelNegotiation', "did you mean 'parallelNegotiations'"],
    [{ parallelNegotiations: 0 }, 'parallelNegotiations', '>= 1'],
    [{ parallelNegotiations: 1.5 }, 'parallelNegotiations', 'whole number'],
    [{ setUpDelayDays: -3 }, 'setUpDelayDays', '>= 0'],
    [{ aggregate: 'yes' }, 'aggregate', 'true or false'],
    [{ licence: 'express' }, 'licence', 'one of standard'],
    [{ among: 'OECD' }, 'among', 'unknown membership'],
    [{ among: [1, 2] }, 'among', 'list of ids'],
    // Before, a repeated id paired the nation with itself and the run failed in placeOrder (payers[1] repeats payers[0]).
    [{ among: ['AA', 'BB', 'AA'] }, 'among', 'lists "AA" more than once'],
    [{ agreements: {} }, 'agreements', 'must be a list'],
    [
      { agreements: [{ nations: ['AA', 'AA'], setUpDelayDays: 1 }] },
      'agreements[0].nations',
      'two different',
    ],
    [{ agreements: [{ nations: ['AA', 'BB'] }] }, 'agreements[0].setUpDelayDays', 'missing'],
    [
      {
        agreements: [
          { nations: ['AA', 'BB'], setUpDelayDays: 10 },
          { nations: ['BB', 'AA'], setUpDelayDays: 300 },
        ],
      },
      'agreements[1].nations',
      'BB and AA already have an agreement (agreements[0])',
    ],
  ])('rejects %j at %s', (params, path, text) => {
    const found = issues(params);
    expect(found).toHaveLength(1);
    expect(found[0]!.path).toBe(path);
    expect(found[0]!.message).toContain(text);
  });

  it('resolveBilateralParams takes two pairs whose ids join alike (["A+B", "C"] and ["A", "B+C"]) as two pairs', () => {
    const resolved = resolveBilateralParams({
      agreements: [
        { nations: ['A+B', 'C'], setUpDelayDays: 10 },
        { nations: ['A', 'B+C'], setUpDelayDays: 20 },
      ],
    });
    expect(resolved.agreements).toEqual([
      { nations: ['A+B', 'C'], setUpDelayDays: 10 },
      { nations: ['A', 'B+C'], setUpDelayDays: 20 },
    ]);
  });

  it('rejects, at the start of a run, a nation the scenario does not have', () => {
    const scenario = four();
    expect(() => run(scenario, { agreements: [{ nations: ['AA', 'ZZ'], setUpDelayDays: 1 }] })).toThrow(
      /agreements\[0\]\.nations: unknown nation "ZZ"/,
    );
    expect(() => run(scenario, { among: ['AA', 'XX'] })).toThrow(ScenarioError);
  });

  it('strategy.check(scenario) lists every unknown nation before anything runs, with the known ids', () => {
    const scenario = four();
    const strategy = createBilateral({
      agreements: [
        { nations: ['AA', 'ZZ'], setUpDelayDays: 1 },
        { nations: ['XX', 'BB'], setUpDelayDays: 1 },
      ],
    });
    const error = (() => {
      try {
        strategy.check!(scenario);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).issues).toEqual([
      {
        path: 'agreements[0].nations',
        message: 'unknown nation "ZZ"',
        fix: 'Use nation ids of the scenario: AA, BB, CC, DD.',
      },
      {
        path: 'agreements[1].nations',
        message: 'unknown nation "XX"',
        fix: 'Use nation ids of the scenario: AA, BB, CC, DD.',
      },
    ]);
    expect(() => createBilateral({ among: ['AA', 'XX'] }).check!(scenario)).toThrow(
      /among: unknown nation "XX"/,
    );
    expect(() => createBilateral({ among: ['AA', 'DD'] }).check!(scenario)).not.toThrow();
    // runScenario calls it, so the message is the same as from an experiment.
    expect(() => runScenario(scenario, { strategy: createBilateral({ among: ['XX'] }) })).toThrow(
      /bilateral strategy params has 1 problem:\n {2}- among: unknown nation "XX"/,
    );
  });
});
