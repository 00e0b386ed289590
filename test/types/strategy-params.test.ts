// A strategy module's params are `unknown` to the compiler; `satisfies XxxParams` is how the guide tells a
// user to have them checked. `tsc --noEmit` checks the @ts-expect-error lines: if `satisfies` stopped
// catching the typo, the directive itself would be the compile error.
import { describe, expect, it } from 'vitest';
import {
  type BilateralParams,
  loadStrategy,
  type PooledParams,
  ScenarioError,
  type StrategySpec,
  type SwitchParams,
} from '../../src/index.js';

describe('built-in params checked with satisfies', () => {
  it('a typo is a compile error with satisfies, and a ScenarioError naming it at run time without', async () => {
    const strategies: StrategySpec[] = [
      { module: 'pooled', params: { allocation: 'urgency' } satisfies PooledParams },
      { module: 'bilateral', params: { setUpDelayDays: 180 } satisfies BilateralParams },
      {
        module: 'switch',
        params: { date: '2024-07-01', before: 'national-only', after: 'pooled' } satisfies SwitchParams,
      },
    ];
    expect(strategies).toHaveLength(3);
    // @ts-expect-error -- "alocation" is not a field of PooledParams
    const typo = { module: 'pooled', params: { alocation: 'urgency' } satisfies PooledParams };
    // @ts-expect-error -- allocation is one of 'pro-rata' | 'urgency' | 'contribution'
    const wrongValue = { module: 'pooled', params: { allocation: 'first-come' } satisfies PooledParams };
    await expect(loadStrategy(typo)).rejects.toThrow(ScenarioError);
    await expect(loadStrategy(typo)).rejects.toThrow(/alocation/);
    await expect(loadStrategy(wrongValue)).rejects.toThrow(/allocation/);
  });
});
