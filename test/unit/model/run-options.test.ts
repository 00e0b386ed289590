import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../../src/errors.js';
import { runScenario } from '../../../src/model/run-scenario.js';
import type { Scenario } from '../../../src/model/scenario.js';
import { europe155mm } from '../../../src/model/scenarios/europe-155mm.js';
import { validateScenario } from '../../../src/model/validate.js';
import type { RunScenarioOptions } from '../../../src/model/world.js';
import { runValidatedScenario } from '../../../src/model/world.js';
import { createNationalOnly } from '../../../src/strategies/national.js';
import { smallScenario } from './small-scenario.js';

describe('runScenario options', () => {
  it('names the malformed option and the fix before anything runs', () => {
    const strategy = createNationalOnly();
    const bad: [Record<string, unknown>, RegExp][] = [
      [{}, /options\.strategy must be a strategy \{ name, review\(context\) \}.*loadStrategy/],
      [{ strategy: { name: 'x' } }, /options\.strategy must be a strategy/],
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
      ['europe-155mm', /\(root\): must be an object \(got "europe-155mm"\)/],
    ];
    for (const [scenario, message] of bad) {
      expect(() => runScenario(scenario as Scenario, { strategy })).toThrow(ScenarioError);
      expect(() => runScenario(scenario as Scenario, { strategy })).toThrow(message);
    }
  });

  it('validates each scenario object once; runValidatedScenario, which experiments run per replication, never', () => {
    const small = smallScenario();
    // Validation lists the root's fields; a run reads only the fields it needs.
    let listed = 0;
    const counting = (scenario: Scenario) =>
      new Proxy(scenario, {
        ownKeys(target) {
          listed++;
          return Reflect.ownKeys(target);
        },
      });
    const strategy = createNationalOnly;
    const once = counting(small);
    const result = runScenario(once, { strategy: strategy(), seed: 3 });
    expect(listed).toBeGreaterThan(0);
    listed = 0;
    expect(runScenario(once, { strategy: strategy(), seed: 3 })).toEqual(result);
    expect(runValidatedScenario(counting(small), { strategy: strategy(), seed: 3 })).toEqual(result);
    expect(listed).toBe(0);
    // An object validateScenario accepted is not validated again either.
    const checked = counting(small);
    validateScenario(checked);
    listed = 0;
    expect(runScenario(checked, { strategy: strategy(), seed: 3 })).toEqual(result);
    expect(listed).toBe(0);
  });
});
