/**
 * Censored results: when does the one-nation pledge get met, and does the nation reach its stock
 * target? Some replications never get there within the horizon, so a plain mean of the date is wrong.
 * Run: npm run build && npx tsx docs/guides/snippets/censored.ts
 */
import { dateOf, readScenarioFile, runExperiment } from 'dibsim';

const scenario = await readScenarioFile(new URL('./one-nation.yaml', import.meta.url).pathname);
const result = await runExperiment({
  scenario,
  strategies: [{ module: 'national-only' }],
  replications: 60,
  seed: 2024,
});
const [national] = result.strategies;
for (const key of ['pledges.pledge-2024.met', 'nations.AA.timeToTarget']) {
  const c = national!.censored[key]!;
  const pct = (x: number) => `${(100 * x).toFixed(0)} %`;
  console.log(
    `${key}: reached in ${c.reached}/${c.n} (${pct(c.fractionReached)}, Wilson ${pct(c.fractionLower)}–${pct(c.fractionUpper)})`,
  );
  const m = c.medianDates;
  console.log(
    `  Kaplan–Meier median ${m.day ?? 'not reached'}, 95 % CI [${m.lower ?? '–'}, ${m.upper ?? 'not bounded'}]`,
  );
  // Not an answer: the mean of `.day` counts a replication that never got there as done on the last day.
  const naive = national!.kpis[`${key}.day`]!.mean;
  console.log(
    `  (mean of the day column, censored days included: ${dateOf(scenario.startDate, Math.round(naive))})`,
  );
}
