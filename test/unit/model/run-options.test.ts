import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../../src/errors.js';
import { runScenario } from '../../../src/model/run-scenario.js';
import type { NationSpec, Scenario, StockpileSpec } from '../../../src/model/scenario.js';
import { europe155mm } from '../../../src/model/scenarios/europe-155mm.js';
import { validatedOnce, validateScenario } from '../../../src/model/validate.js';
import type { RunScenarioOptions } from '../../../src/model/world.js';
import { runValidatedScenario } from '../../../src/model/world.js';
import { createNationalOnly } from '../../../src/strategies/national.js';
import { smallScenario } from './small-scenario.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

describe('runScenario options', () => {
  it('names the malformed option and the fix before anything runs', () => {
    const strategy = createNationalOnly();
    const bad: [Record<string, unknown>, RegExp][] = [
      [{}, /options\.strategy must be a strategy \{ name, review\(context\) \}.*loadStrategy/],
      [{ strategy: { name: 'x' } }, /options\.strategy must be a strategy/],
      // A factory passed uncalled: say to call it.
      [
        { strategy: createNationalOnly },
        /options\.strategy must be a strategy \{ name, review\(context\) \} \(got function createNationalOnly\)\. Call it for one: createNationalOnly\(\)\.$/,
      ],
      [
        { strategy, seed: Number.NaN },
        /runScenario: options\.seed must be a finite number or a non-empty string/,
      ],
      [{ strategy, seed: '' }, /runScenario: options\.seed must be/],
      [{ strategy, seed: null }, /runScenario: options\.seed must be .* \(got null\)\. Use a fixed integer/],
      [
        { strategy, replication: null },
        /runScenario: options\.replication must be a non-negative integer \(got null\)/,
      ],
      [{ strategy, replication: -1 }, /runScenario: options\.replication must be a non-negative integer/],
      [{ strategy, replication: 1.5 }, /runScenario: options\.replication must be a non-negative integer/],
      // A misspelt option would run replication 0 instead of the one meant.
      [
        { strategy, replicaton: 3 },
        /^runScenario: options\.replicaton is not an option \(got 3\)\. Did you mean 'replication'\? Options: strategy, seed, replication, demand\.$/,
      ],
    ];
    for (const [options, message] of bad) {
      expect(() => runScenario(europe155mm, options as unknown as RunScenarioOptions)).toThrow(message);
    }
  });

  it('validates the scenario first: invalid data is a ScenarioError naming the field, not a TypeError', () => {
    const strategy = createNationalOnly();
    const [first, ...rest] = europe155mm.pledges;
    const typo = {
      ...europe155mm,
      pledges: [
        { ...first!, donors: [{ ...first!.donors[0]!, nation: 'ZZ' }, ...first!.donors.slice(1)] },
        ...rest,
      ],
    };
    const bad: [unknown, RegExp][] = [
      [
        typo,
        /runScenario: scenario has 1 problem:\n {2}- pledges\[0\]\.donors\[0\]\.nation: unknown nation 'ZZ'/,
      ],
      [null, /runScenario: scenario has 1 problem:\n {2}- \(root\): must be an object \(got null\)/],
      [
        'europe-155mm',
        /\(root\): must be an object, not a string \(got "europe-155mm"\)\. Fix: Pass the scenario itself: a built-in one \(import \{ europe155mm \} from 'dibsim'\), or a file read with readScenarioFile\(path\)\./,
      ],
    ];
    for (const [scenario, message] of bad) {
      expect(() => runScenario(scenario as Scenario, { strategy })).toThrow(ScenarioError);
      expect(() => runScenario(scenario as Scenario, { strategy })).toThrow(message);
    }
  });

  it('validates a scenario object once while it is unchanged; runValidatedScenario, which experiments run per replication, never', () => {
    const small = smallScenario();
    const strategy = createNationalOnly;
    // The same object, unchanged: the scenario validated the first time, not a new one.
    const first = validatedOnce(small);
    expect(validatedOnce(small)).toBe(first);
    // The copy validateScenario returned is known valid too.
    const copy = validateScenario(small);
    expect(validatedOnce(copy)).toBe(copy);
    const result = runScenario(small, { strategy: strategy(), seed: 3 });
    expect(runScenario(copy, { strategy: strategy(), seed: 3 })).toEqual(result);
    // Validation lists the root's fields; a run reads only the fields it needs.
    let listed = 0;
    const counting = (scenario: Scenario) =>
      new Proxy(scenario, {
        ownKeys(target) {
          listed++;
          return Reflect.ownKeys(target);
        },
      });
    expect(runValidatedScenario(counting(small), { strategy: strategy(), seed: 3 })).toEqual(result);
    expect(listed).toBe(0);
  });

  it('validates a scenario edited in place again, and runs it as edited', () => {
    const strategy = createNationalOnly;
    for (const edited of [smallScenario(), validateScenario(smallScenario())]) {
      const before = runScenario(edited, { strategy: strategy(), seed: 3 });
      const stockpile = (edited.nations[0] as Mutable<NationSpec>).stockpiles[0] as Mutable<StockpileSpec>;
      stockpile.initialRounds = 10;
      const after = runScenario(edited, { strategy: strategy(), seed: 3 });
      expect(after.kpis).not.toEqual(before.kpis);
      expect(after).toEqual(runScenario(structuredClone(edited), { strategy: strategy(), seed: 3 }));
      // An edit that breaks the scenario is reported, not run with the old data.
      stockpile.initialRounds = -1;
      expect(() => runScenario(edited, { strategy: strategy(), seed: 3 })).toThrow(
        /runScenario: scenario has \d+ problems?:\n {2}- nations\[0\]\.stockpiles\[0\]\.initialRounds: must be >= 0/,
      );
    }
  });
});
