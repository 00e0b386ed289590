/**
 * Shared fixtures of the experiment tests: a small random scenario (one nation with variable consumption,
 * one firm with outages, one pledge), strategy factories, and module specifiers for worker threads.
 */
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../../../src/model/scenario.js';
import { nationalOnly } from '../../../src/strategies/national.js';
import { firm, nation, pledge, recipient, smallScenario } from '../model/small-scenario.js';

/** One nation, one firm with outages, consumption with 30 % variability, one pledge; ≈ 7 ms per run. */
export function randomSmallScenario(): Scenario {
  return smallScenario({
    nations: [
      nation('AA', {
        consumption: { variability: 0.3 },
        stockpile: { initialRounds: 60_000, targetRounds: 110_000 },
      }),
    ],
    firms: [firm('firm-AA', 'AA', { outages: { meanDaysBetween: 90, meanDaysToRepair: 20 } })],
    recipients: [recipient('UA')],
    pledges: [pledge('p1', 'UA', 'AA', { quantityRounds: 30_000 })],
  });
}

/** Absolute path of the JavaScript strategies fixture (importable from worker threads). */
export const STRATEGIES_MODULE = fileURLToPath(new URL('./fixtures/strategies.mjs', import.meta.url));

/** The national-only strategy as a factory for the calling thread. */
export const national = { name: 'national-only', create: () => nationalOnly };
