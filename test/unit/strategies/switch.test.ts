import { describe, expect, it } from 'vitest';
import { DibsimError, ScenarioError } from '../../../src/errors.js';
import type { ProcurementStrategy } from '../../../src/model/procurement.js';
import type { RunResult } from '../../../src/model/results.js';
import { runScenario } from '../../../src/model/run-scenario.js';
import { World } from '../../../src/model/world.js';
import { createBilateral } from '../../../src/strategies/bilateral.js';
import { nationalOnly } from '../../../src/strategies/national.js';
import { createPooled } from '../../../src/strategies/pooled.js';
import { switchAt } from '../../../src/strategies/switch.js';
import { frictionless, member, scenarioOf } from './scenarios.js';

const SWITCH_DATE = '2025-09-01';
const SWITCH_DAY = 243; // days from 2025-01-01
// Three members, one without a firm, with stochastic consumption: pooling changes who buys from whom.
const scenario = scenarioOf(
  [
    member('AA', { consumption: { roundsPerDay: 200, variability: 0.5 } }),
    member('BB', { consumption: { roundsPerDay: 150, variability: 0.5 } }),
    member('CC', { consumption: { roundsPerDay: 100, variability: 0.5 } }),
  ],
  { withoutFirm: ['CC'], procurement: frictionless({ contractLengthMonths: 12 }) },
);
const pooled = () => createPooled({ setUpDelayDays: 60, frameworkLengthMonths: 24 });

/** Every monthly series of a run, by name. */
function series(r: RunResult): Map<string, Float64Array> {
  const out = new Map<string, Float64Array>();
  for (const [group, byId] of Object.entries({
    nations: r.nations,
    firms: r.firms,
    recipients: r.recipients,
  }))
    for (const [id, s] of Object.entries(byId))
      for (const [name, values] of Object.entries(s as Record<string, Float64Array>))
        out.set(`${group}.${id}.${name}`, values);
  return out;
}

describe('switchAt(date, before, after)', () => {
  it.each([1, 2, 3])('seed %i: identical to the baseline up to the switch month, different after', (seed) => {
    const base = runScenario(scenario, { strategy: nationalOnly, seed });
    const switched = runScenario(scenario, { strategy: switchAt(SWITCH_DATE, nationalOnly, pooled()), seed });
    const upTo = Array.from(base.monthDays).filter((d) => d <= SWITCH_DAY).length;
    expect(Array.from(switched.monthDays)).toEqual(Array.from(base.monthDays));
    const a = series(base);
    const b = series(switched);
    let differsAfter = false;
    for (const [name, values] of a) {
      expect(Array.from(b.get(name)!.slice(0, upTo)), name).toEqual(Array.from(values.slice(0, upTo)));
      if (b.get(name)!.some((v, i) => i >= upTo && v !== values[i])) differsAfter = true;
    }
    expect(differsAfter).toBe(true);
  });

  it('identical to the baseline up to the switch month also when after has a daily hook (a pooled stock)', () => {
    // The daily hook runs from the first day, passed on to before (which has none) until the switch.
    const withStock = () => createPooled({ setUpDelayDays: 60, pooledStock: { enabled: true } });
    const base = runScenario(scenario, { strategy: nationalOnly, seed: 1 });
    const switched = runScenario(scenario, {
      strategy: switchAt(SWITCH_DATE, nationalOnly, withStock()),
      seed: 1,
    });
    const upTo = Array.from(base.monthDays).filter((d) => d <= SWITCH_DAY).length;
    const b = series(switched);
    let differsAfter = false;
    for (const [name, values] of series(base)) {
      expect(Array.from(b.get(name)!.slice(0, upTo)), name).toEqual(Array.from(values.slice(0, upTo)));
      if (b.get(name)!.some((v, i) => i >= upTo && v !== values[i])) differsAfter = true;
    }
    expect(differsAfter).toBe(true);
  });

  it('calls after.start at the first review on or after the date, so its set-up delay counts from there', () => {
    const SET_UP_DAYS = 60;
    const world = new World(scenario, {
      strategy: switchAt(SWITCH_DATE, nationalOnly, createPooled({ setUpDelayDays: SET_UP_DAYS })),
      seed: 1,
    });
    world.run();
    const agency = world.contracts.filter((c) => c.buyer === 'pesco-agency');
    expect(agency.length).toBeGreaterThan(0);
    for (const c of agency) expect(c.signedDay).toBeGreaterThanOrEqual(SWITCH_DAY + SET_UP_DAYS);
  });

  it.each([
    ['a mid-month date takes effect at the next month start', '2025-02-15'],
    ['a date the day after a month start waits for the next one', '2025-02-02'],
    ['a month-start date takes effect at that day’s review', '2025-03-01'],
  ])('%s; before/after see only their own reviews', (_, date) => {
    const seen: string[] = [];
    const spy = (name: string): ProcurementStrategy => ({
      name,
      start: (ctx) => seen.push(`${name}.start ${ctx.date}`),
      review: (ctx) => seen.push(`${name} ${ctx.date}`),
    });
    const strategy = switchAt(date, spy('a'), spy('b'));
    runScenario(scenarioOf([member('AA')], { endDate: '2025-05-01' }), { strategy });
    expect(seen).toEqual([
      'a.start 2025-01-01',
      'a 2025-01-01',
      'a 2025-02-01',
      'b.start 2025-03-01',
      'b 2025-03-01',
      'b 2025-04-01',
    ]);
    expect(strategy.name).toBe(`a->b@${date}`);
  });

  it('a date on or before the start runs `after` from the start', () => {
    const a = runScenario(scenario, { strategy: switchAt('2024-01-01', nationalOnly, pooled()), seed: 4 });
    const b = runScenario(scenario, { strategy: pooled(), seed: 4 });
    expect(a.kpis).toEqual(b.kpis);
  });

  it('names a missing strategy before or after the switch', () => {
    const missing = undefined as unknown as ProcurementStrategy;
    expect(() => switchAt('2025-01-01', missing, nationalOnly)).toThrow(
      /switchAt: before must be a strategy \{ name, review\(context\) \} \(got undefined\)/,
    );
    expect(() => switchAt('2025-01-01', nationalOnly, { name: 'x' } as ProcurementStrategy)).toThrow(
      /switchAt: after must be a strategy/,
    );
  });

  it('check(scenario) rejects a date after the last monthly review, which would never switch', () => {
    // The scenario runs from 2025-01-01 to 2027-01-01 (exclusive): its last review is on 2026-12-01.
    const check = (date: string) => () => switchAt(date, nationalOnly, pooled()).check!(scenario);
    expect(check('2026-12-01')).not.toThrow();
    expect(check('2024-06-01')).not.toThrow(); // on or before the start: `after` from the start
    expect(check('2026-12-02')).toThrow(ScenarioError);
    expect(check('2026-12-02')).toThrow(
      'switch strategy params has 1 problem:\n  - date: 2026-12-02 is after the last monthly review (2026-12-01) of the scenario\'s horizon 2025-01-01 to 2027-01-01, so the switch would never happen and the results would be those of "national-only" alone. Fix: Use a date on or before 2026-12-01, or an endDate after 2027-01-01 (the switch takes effect at the first month start on or after its date).',
    );
    expect(check('2030-01-01')).toThrow(/date: 2030-01-01 is after the last monthly review/);
    // runScenario checks before the run.
    expect(() => runScenario(scenario, { strategy: switchAt('2027-01-01', nationalOnly, pooled()) })).toThrow(
      /switch strategy params has 1 problem/,
    );
  });

  it("check(scenario) passes the scenario on to before and after, prefixing their problems' paths", () => {
    const strategy = switchAt(
      '2030-01-01',
      createPooled({ contributions: { XX: 1 } }),
      createBilateral({ among: ['AA', 'YY'] }),
    );
    let error: unknown;
    try {
      strategy.check!(scenario);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).issues.map((i) => i.path)).toEqual([
      'date',
      'before.contributions.XX',
      'after.among',
    ]);
  });

  it.each(['2025-13', '1 Sep 2025', '', '2025-02-30', '2025-04-31'])('rejects the date %j', (date) => {
    expect(() => switchAt(date, nationalOnly, nationalOnly)).toThrow(DibsimError);
    expect(() => switchAt(date, nationalOnly, nationalOnly)).toThrow(/YYYY-MM-DD/);
  });
});
