import { describe, expect, it } from 'vitest';
import type { ProcurementStrategy } from '../../../src/model/procurement.js';
import type { RunResult } from '../../../src/model/results.js';
import { runScenario } from '../../../src/model/run-scenario.js';
import { createBilateral } from '../../../src/strategies/bilateral.js';
import { nationalOnly } from '../../../src/strategies/national.js';
import { createPooled } from '../../../src/strategies/pooled.js';
import { pledge, recipient } from '../model/small-scenario.js';
import { frictionless, member, scenarioOf } from './scenarios.js';

// One PESCO nation with its own firm, stochastic consumption and a pledge to a recipient. "No
// frictions": no qualification delay or cost (so the pooled common standard costs nothing), no agency
// set-up delay, overhead or extra award delay, and a framework as long as the ordinary contract.
const CONTRACT_MONTHS = 12;
const scenario = scenarioOf(
  [member('AA', { consumption: { roundsPerDay: 250, variability: 0.4 }, budgetEurPerYear: 2e9 })],
  {
    recipients: [recipient('UA')],
    pledges: [pledge('p1', 'UA', 'AA', { quantityRounds: 40_000, fromStockShare: 0.25 })],
    procurement: frictionless({ contractLengthMonths: CONTRACT_MONTHS }),
  },
);
const neutralPooled = {
  setUpDelayDays: 0,
  frameworkLengthMonths: CONTRACT_MONTHS,
  overheadShareOfValue: 0,
  extraAwardDelayDays: 0,
};

/** Everything a run reports except the strategy's name, as comparable plain data. */
function comparable(r: RunResult): unknown {
  const { strategy: _name, ...rest } = r;
  return JSON.parse(
    JSON.stringify(rest, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v)),
  );
}

describe('strategies with one nation and no frictions', () => {
  const strategies: [string, () => ProcurementStrategy][] = [
    ['national-only', () => nationalOnly],
    ['bilateral', () => createBilateral()],
    ['pooled', () => createPooled(neutralPooled)],
  ];

  it.each([1, 2, 3])(
    'national-only, bilateral and pooled give bit-identical results under seed %i',
    (seed) => {
      const [base, ...others] = strategies.map(([, make]) =>
        comparable(runScenario(scenario, { strategy: make(), seed })),
      );
      expect(others).toHaveLength(2);
      for (const other of others) expect(other).toEqual(base);
    },
  );

  it('the comparison is not vacuous: a pooled overhead or a longer framework changes the results', () => {
    const base = comparable(runScenario(scenario, { strategy: nationalOnly, seed: 1 }));
    const overhead = createPooled({ ...neutralPooled, overheadShareOfValue: 0.05 });
    const framework = createPooled({ ...neutralPooled, frameworkLengthMonths: 2 * CONTRACT_MONTHS });
    expect(comparable(runScenario(scenario, { strategy: overhead, seed: 1 }))).not.toEqual(base);
    expect(comparable(runScenario(scenario, { strategy: framework, seed: 1 }))).not.toEqual(base);
  });
});
