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
});
