/**
 * Example 03: a scenario file, validated and run under national-only procurement.
 *
 * Reads examples/scenarios/two-nations.yaml (two allies, one firm each, shared energetics and fuze
 * suppliers, an aid pledge), runs five replications and prints the headline KPIs. Then it feeds the
 * validator a copy with two mistakes to show how bad input is reported: every problem at once, each
 * with the field's path and the fix. Covers: readScenarioFile, runScenario, censored KPIs, ScenarioError.
 */
import { nationalOnly, readScenarioFile, runScenario, ScenarioError, validateScenario } from 'dibsim';

const SCENARIO_FILE = new URL('./scenarios/two-nations.yaml', import.meta.url).pathname;
const SEED = 7;
const REPLICATIONS = 5;

const scenario = await readScenarioFile(SCENARIO_FILE);
console.log(
  `${scenario.name}: ${scenario.startDate} to ${scenario.endDate}, ${scenario.nations.length} nations`,
);
console.log('rep  fill-rate  delivered  avg-EUR/rd  capacity+/mo  pledge-by-deadline  pledge-met');
for (let replication = 0; replication < REPLICATIONS; replication++) {
  const r = runScenario(scenario, { strategy: nationalOnly, seed: SEED, replication });
  const k = r.kpis;
  const pledge = k.pledges[0]!;
  console.log(
    [
      String(replication).padStart(3),
      k.fillRate.toFixed(3).padStart(10),
      String(k.deliveredRounds).padStart(10),
      k.averageUnitCostEur.toFixed(0).padStart(11),
      String(k.capacityAddedRoundsPerMonth).padStart(13),
      `${(pledge.fulfilmentByDeadline * 100).toFixed(1)} %`.padStart(19),
      (pledge.met.reached ? pledge.met.date : `not by ${pledge.met.date}`).padStart(12),
    ].join(' '),
  );
}

// Bad input: a typo in a field name and a negative capacity, reported together before anything runs.
const broken = structuredClone(scenario) as unknown as { firms: Record<string, unknown>[] };
broken.firms[0]!.efficency = broken.firms[0]!.efficiency;
delete broken.firms[0]!.efficiency;
(broken.firms[1]!.lines as { nameplateRoundsPerMonth: number }[])[0]!.nameplateRoundsPerMonth = -5000;
try {
  validateScenario(broken, 'two-nations (edited)');
} catch (error) {
  if (!(error instanceof ScenarioError)) throw error;
  console.log(`\n${error.message}`);
}
