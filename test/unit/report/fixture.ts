/**
 * A small experiment for the report tests (two strategies, one nation, one pledge, a tornado over two
 * levers), run once per test file; its scenario name holds markup to check escaping.
 */
import { runExperiment } from '../../../src/experiment/run-experiment.js';
import { tornado } from '../../../src/experiment/sweep.js';
import type { ReportInput } from '../../../src/report/types.js';
import { randomSmallScenario, STRATEGIES_MODULE } from '../experiment/helpers.js';

/** A scenario name that would run a script if it were not escaped. */
export const HOSTILE_NAME = 'Small <script>alert("x")</script> & co';

let cached: Promise<ReportInput> | undefined;

/** The report input: 6 replications, seed 3, with a tornado of 4 replications. */
export function reportInput(): Promise<ReportInput> {
  cached ??= (async () => {
    const scenario = { ...randomSmallScenario(), name: HOSTILE_NAME };
    const strategies = [
      { module: STRATEGIES_MODULE, name: 'national' },
      { module: STRATEGIES_MODULE, export: 'partialOrders', name: 'partial', params: { share: 0.5 } },
    ];
    const result = await runExperiment({ scenario, strategies, replications: 6, seed: 3 });
    const sensitivity = await tornado({
      scenario,
      strategies,
      replications: 4,
      seed: 3,
      kpis: ['fillRate', 'totalSpendEur'],
      levers: [
        {
          name: 'stock',
          path: 'nations[id=AA].stockpiles[item=155mm].initialRounds',
          low: 40_000,
          high: 80_000,
        },
        { strategy: 'partial', path: 'share', range: { min: 0.3, max: 0.9 } },
      ],
    });
    return { result, scenario, tornado: sensitivity, command: 'dibsim compare small.yaml --seed 3' };
  })();
  return cached;
}
