/**
 * Example 08: back-test of the EU pledge of one million 155 mm rounds for Ukraine (issue 5).
 *
 * The built-in scenario `eu1mBacktest` is the world of 2023-03-20 (the Council's three tracks, PL-01)
 * run to 2025-06-30, built only from public inputs; its parameters were committed before the first run
 * and are not fitted to the outcome. What happened is represented by national purchases plus EDA joint
 * procurement from 2 Oct 2023 (PL-03): the pooled strategy with a set-up delay, 2-year fast-track
 * framework contracts (PL-02) and EU members only (track 2 was for EU and Norwegian makers, PL-01).
 * National-only runs next to it on the same seeds (common random numbers) as a comparison.
 * It prints the share of the million delivered by 31 Mar 2024 and the date the million is crossed
 * (Kaplan–Meier median over replications, censored at the horizon), each next to the public record.
 * Covers: runExperiment with module strategies on worker threads, scalar and censored pledge KPIs.
 */
import { eu1mBacktest, runExperiment } from 'dibsim';

const SEED = 20230320;
const REPLICATIONS = 100; // per strategy: 95 % CI half-width about 1 point on the share, ~25 s on 2 threads
const WORKERS = 2;
const PLEDGE = 'eu-1m-rounds';
const RECORD_SHARE_BY_DEADLINE = 0.52; // PL-06: 524k of 1M expected by March 2024 (forecast, early Feb 2024)
const RECORD_MILLION_DATE = '2024-11-18'; // PL-07: "commitment fulfilled", 18 Nov 2024 (>980k on 11 Nov)
const EDA_FIRST_ORDERS_DAYS = 195; // LT-12/PL-03: 2023-03-20 → first EDA orders 2 Oct 2023; reviews fall on the 1st
const EDA_FAST_TRACK_MONTHS = 24; // PL-02: 2-year fast-track procedure for 155 mm
const DAYS_PER_MONTH = 365.25 / 12;

const strategies = [
  {
    module: 'pooled',
    name: 'national+EDA',
    params: {
      setUpDelayDays: EDA_FIRST_ORDERS_DAYS,
      frameworkLengthMonths: EDA_FAST_TRACK_MONTHS,
      thirdStates: { enabled: false },
    },
  },
  { module: 'national-only' },
];

const result = await runExperiment({
  scenario: eu1mBacktest,
  strategies,
  replications: REPLICATIONS,
  seed: SEED,
  workers: WORKERS,
  baseline: 'national+EDA',
});

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
// Fixed-point points with an explicit sign, and no "-0.0" for a difference that rounds to zero.
const signed = (x: number) => {
  const t = (100 * x).toFixed(1);
  return Number(t) === 0 ? '0.0' : Number(t) > 0 ? `+${t}` : t;
};
const monthsBetween = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 864e5 / DAYS_PER_MONTH;

console.log(`${eu1mBacktest.name}: ${eu1mBacktest.startDate} to ${eu1mBacktest.endDate}`);
console.log(`${REPLICATIONS} replications per strategy, seed ${SEED}, 95 % confidence intervals\n`);
for (const s of result.strategies) {
  const share = s.kpis[`pledges.${PLEDGE}.fulfilmentByDeadline`]!;
  const met = s.censored[`pledges.${PLEDGE}.met`]!;
  const d = met.medianDates;
  console.log(`${s.name}`);
  console.log(
    `  share delivered by 2024-03-31: mean ${pct(share.mean)} [${pct(share.lower)}, ${pct(share.upper)}], ` +
      `5–95 % of replications ${pct(share.quantiles.p05)}–${pct(share.quantiles.p95)}` +
      `   record: ${pct(RECORD_SHARE_BY_DEADLINE)} (PL-06 forecast)`,
  );
  console.log(
    `  million crossed: median ${d.day ?? 'not reached'} [${d.lower ?? 'not reached'}, ${d.upper ?? 'after the horizon'}], ` +
      `crossed within the horizon in ${pct(met.fractionReached)} [${pct(met.fractionLower)}, ${pct(met.fractionUpper)}]` +
      `   record: ${RECORD_MILLION_DATE} (PL-07)`,
  );
  // The verdict is computed from the numbers above, never written in.
  const range = share.quantiles;
  const shareVerdict =
    RECORD_SHARE_BY_DEADLINE < range.p05
      ? 'the record is below the 5–95 % range'
      : RECORD_SHARE_BY_DEADLINE > range.p95
        ? 'the record is above the 5–95 % range'
        : 'the record is inside the 5–95 % range';
  const gapMonths = d.day === null ? null : monthsBetween(RECORD_MILLION_DATE, d.day);
  const dateVerdict =
    gapMonths === null
      ? 'the median crossing is after the horizon'
      : `the median crossing is ${Math.abs(gapMonths).toFixed(1)} months ${gapMonths >= 0 ? 'later' : 'earlier'} than the record`;
  const delivered = s.series[`pledges.${PLEDGE}.deliveredRounds`]!;
  const last = delivered.mean.length - 1;
  console.log(
    `  delivered by ${delivered.dates[last]}: mean ${Math.round(delivered.mean[last]!).toLocaleString('en-GB')} rounds, ` +
      `5–95 % ${Math.round(delivered.quantiles.p05[last]!).toLocaleString('en-GB')}–${Math.round(delivered.quantiles.p95[last]!).toLocaleString('en-GB')}`,
  );
  const points = (share.mean - RECORD_SHARE_BY_DEADLINE) * 100;
  console.log(
    `  verdict: share by the deadline ${Math.abs(points).toFixed(1)} points ${points < 0 ? 'below' : 'above'} the record ` +
      `(${shareVerdict}); ${dateVerdict}.\n`,
  );
}
const diff = result.comparisons.vsBaseline[0]?.kpis[`pledges.${PLEDGE}.fulfilmentByDeadline`];
if (diff !== undefined)
  console.log(
    `national-only minus national+EDA, share by the deadline: ${signed(diff.mean)} points ` +
      `[${signed(diff.lower)}, ${signed(diff.upper)}] (paired, same seeds)`,
  );
