/**
 * How many replications? Run until every strategy's fill-rate CI half-width is below 0.01 (checked
 * every 20 replications, at most 400), instead of guessing a number.
 * Run: npm run build && npx tsx docs/guides/snippets/stop-when.ts
 */
import { readScenarioFile, runExperiment } from 'dibsim';

const scenario = await readScenarioFile(
  new URL('../../../examples/scenarios/two-nations.yaml', import.meta.url).pathname,
);
const result = await runExperiment({
  scenario,
  strategies: [{ module: 'national-only' }, { module: 'pooled' }],
  replications: 400, // the most it may run
  seed: 2024,
  stopWhen: { halfWidth: { fillRate: { absolute: 0.01 } }, batch: 20 },
});
console.log(`${result.status} after ${result.replications} replications`);
for (const s of result.strategies) {
  const f = s.kpis.fillRate!;
  console.log(
    `${s.name.padEnd(14)} fill rate ${f.mean.toFixed(4)} ± ${f.halfWidth.toFixed(4)} (sd ${f.sd.toFixed(4)})`,
  );
}
