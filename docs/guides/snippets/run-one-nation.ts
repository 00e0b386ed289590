/**
 * Validates the one-nation scenario and runs one replication under national-only procurement.
 * Run: npm run build && npx tsx docs/guides/snippets/run-one-nation.ts
 */
import { nationalOnly, runScenario, validateScenario } from 'dibsim';
import { scenario } from './one-nation.js';

validateScenario(scenario); // throws a ScenarioError listing every problem; nothing has run yet
const result = runScenario(scenario, { strategy: nationalOnly, seed: 42 });
const k = result.kpis;
console.log(`fill rate ${k.fillRate.toFixed(3)}, delivered ${k.deliveredRounds} rounds`);
console.log(
  `average price ${k.averageUnitCostEur.toFixed(0)} EUR/round, capacity added ${k.capacityAddedRoundsPerMonth}/month`,
);
const target = k.nations.AA!.timeToTarget;
console.log(
  target.reached ? `stock target reached on ${target.date}` : `stock target not reached by ${target.date}`,
);
console.log(
  `stock at each year start: ${[0, 12, 24, 36, 48, 60].map((m) => result.nations.AA!.stockRounds[m]).join(', ')}`,
);
