import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../../src/errors.js';
import { validateScenario } from '../../../src/model/validate.js';
import { minimalScenario } from './fixtures.js';

describe('an expression profile over a long horizon', () => {
  it('is checked day by day without overflowing the call stack (378 years: 138,000 values)', () => {
    // Math.max(...values) threw "RangeError: Maximum call stack size exceeded" here (exit 1, no field named).
    const s = minimalScenario();
    s.endDate = '2400-01-01';
    s.nations[0]!.stockpiles[0]!.targetRounds = { expression: '100000 + 0 * t' };
    let error: unknown;
    try {
      validateScenario(s);
    } catch (e) {
      error = e;
    }
    expect(error === undefined || error instanceof ScenarioError, String(error)).toBe(true);
  });

  it('past the 100-year limit, is left to the horizon rule rather than checked day by day', () => {
    // The target passes storage capacity only after day 40,000: a day-by-day check would report it too.
    const s = minimalScenario();
    s.endDate = '9999-12-31';
    s.nations[0]!.stockpiles[0]!.targetRounds = { expression: '100000 + (t > 40000) * 1e9' };
    let error: unknown;
    try {
      validateScenario(s);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).issues.map((i) => i.path)).toEqual(['endDate']);
  });
});
