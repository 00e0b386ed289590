import { describe, expect, it } from 'vitest';
import { europe155mm } from '../../../src/model/scenarios/europe-155mm.js';
import type { RunScenarioOptions } from '../../../src/model/world.js';
import { runScenario } from '../../../src/model/world.js';
import { createNationalOnly } from '../../../src/strategies/national.js';

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
      [{ strategy, replication: -1 }, /runScenario: options\.replication must be a non-negative integer/],
      [{ strategy, replication: 1.5 }, /runScenario: options\.replication must be a non-negative integer/],
    ];
    for (const [options, message] of bad) {
      expect(() => runScenario(europe155mm, options as unknown as RunScenarioOptions)).toThrow(message);
    }
  });
});
