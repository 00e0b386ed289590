/**
 * Reads the YAML scenario (validated on the way in), runs three replications under national-only
 * procurement, and lists the parameters drawn in replication 0 with their sources.
 * Run: npm run build && npx tsx docs/guides/snippets/read-yaml.ts
 */
import { nationalOnly, readScenarioFile, runScenario } from 'dibsim';

const scenario = await readScenarioFile(new URL('./one-nation.yaml', import.meta.url).pathname);
for (let replication = 0; replication < 3; replication++) {
  const { kpis } = runScenario(scenario, { strategy: nationalOnly, seed: 7, replication });
  const pledge = kpis.pledges[0]!;
  console.log(
    `replication ${replication}: fill rate ${kpis.fillRate.toFixed(3)}, ` +
      `pledge ${(100 * pledge.fulfilmentByDeadline).toFixed(1)} % by deadline, ` +
      (pledge.met.reached ? `met ${pledge.met.date}` : `not met by ${pledge.met.date}`),
  );
}
const { parameters } = runScenario(scenario, { strategy: nationalOnly, seed: 7 });
for (const p of parameters.filter((x) => x.confidence !== undefined)) {
  const source = `${p.facts.join(', ') || 'no fact ID'}, ${p.confidence}${p.random ? ', drawn' : ''}`;
  console.log(`${p.path} = ${p.value.toFixed(1)} (${source})`);
}
