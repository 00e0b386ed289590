/**
 * Which lever matters? One-at-a-time sensitivity (tornado data) on the two-nation scenario: the
 * scenario's qualification delay and two parameters of the pooled strategy, each moved from low to high
 * with the others at their defaults, on common random numbers.
 * Run: npm run build && npx tsx docs/guides/snippets/levers.ts
 */
import { readScenarioFile, tornado } from 'dibsim';

const scenario = await readScenarioFile(
  new URL('../../../examples/scenarios/two-nations.yaml', import.meta.url).pathname,
);
const result = await tornado({
  scenario,
  // A strategy lever names its strategy (here by its registry name); parameters left at their
  // defaults need not be written out.
  strategies: [{ module: 'national-only' }, { module: 'pooled' }],
  replications: 20,
  seed: 2024,
  kpis: ['fillRate'],
  levers: [
    { path: 'procurement.qualificationDelayDays', low: 180, high: 730 }, // LT-17, a gap: 6–24 months
    { strategy: 'pooled', path: 'setUpDelayDays', low: 120, high: 240 }, // LT-12: 4–8 months
    { strategy: 'pooled', path: 'frameworkLengthMonths', low: 24, high: 84 }, // PL-02: fast track to framework
  ],
});
for (const [strategy, series] of Object.entries(result.kpis.fillRate!)) {
  console.log(`${strategy}: fill rate ${series.baseMean.toFixed(4)} at the scenario's values`);
  for (const bar of series.bars) {
    const ci = `[${bar.lower.toFixed(4)}, ${bar.upper.toFixed(4)}]`;
    console.log(
      `  ${bar.lever.padEnd(38)} ${String(bar.low).padStart(4)} → ${String(bar.high).padEnd(4)} ${bar.effect >= 0 ? '+' : ''}${bar.effect.toFixed(4)} ${ci}`,
    );
  }
}
