/**
 * An experiment: national-only, bilateral and pooled procurement on the two-nation example scenario, the
 * same 60 replications for each (common random numbers), then the three kinds of result: a KPI's mean
 * with its confidence interval, a paired difference with its CRN diagnostics, and a censored event.
 * Run: npm run build && npx tsx docs/guides/snippets/experiment.ts
 */
import { readScenarioFile, runExperiment } from 'dibsim';

const scenario = await readScenarioFile(
  new URL('../../../examples/scenarios/two-nations.yaml', import.meta.url).pathname,
);
const result = await runExperiment({
  scenario,
  strategies: [
    { module: 'national-only' },
    { module: 'bilateral', params: { setUpDelayDays: 120 } },
    { module: 'pooled', params: { frameworkLengthMonths: 48 } },
  ],
  replications: 60,
  seed: 2024,
  workers: 0, // the calling thread; any number of workers gives bit-identical results
});

console.log(`${result.status}: ${result.replications} replications, ${100 * result.level} % intervals`);
for (const s of result.strategies) {
  const fill = s.kpis.fillRate!;
  console.log(
    `${s.name.padEnd(14)} fill rate ${fill.mean.toFixed(4)} [${fill.lower.toFixed(4)}, ${fill.upper.toFixed(4)}]`,
  );
}

const pooled = result.comparisons.vsBaseline.find((c) => c.a === 'pooled')!;
const d = pooled.kpis.fillRate!;
console.log(
  `pooled − national-only: ${d.mean.toFixed(4)}, 95 % CI [${d.lower.toFixed(4)}, ${d.upper.toFixed(4)}], ` +
    `Bonferroni (${result.comparisons.baselineAdjustedLevel.toFixed(3)}) [${d.adjustedLower.toFixed(4)}, ${d.adjustedUpper.toFixed(4)}]`,
);
console.log(`  correlation ${d.correlation.toFixed(2)}, variance ratio ${d.varianceRatio.toFixed(3)}`);

const met = result.strategies[0]!.censored['pledges.pledge-2023.met']!;
console.log(
  `pledge met within the horizon in ${met.reached}/${met.n} replications ` +
    `(${(100 * met.fractionReached).toFixed(0)} %, Wilson [${(100 * met.fractionLower).toFixed(0)}, ${(100 * met.fractionUpper).toFixed(0)}] %); ` +
    `Kaplan–Meier median ${met.medianDates.day ?? 'not reached'} [${met.medianDates.lower ?? '–'}, ${met.medianDates.upper ?? 'not bounded'}]`,
);
