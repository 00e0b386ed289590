/**
 * Prints the share of the firms' capacity used in each calendar year of europe-155mm under national-only
 * and pooled procurement: rounds produced in the year over the rounds the firms' monthly capacity allowed,
 * all firms together, as the mean over replications (seed 2024, replications 0, 1, …, common demand). The
 * strategies guide and assumptions.md quote the war years from it. Monthly capacity is sampled at the start
 * of each month, so a share can differ slightly from the run-level KPI `capacityUsed`, which counts every
 * weekly production step.
 *
 * Usage: npx tsx scripts/capacity-by-year.ts [replications=8]   (about 2 s at 8)
 */
import {
  CommonDemand,
  createPooled,
  dateOf,
  europe155mm,
  nationalOnly,
  type RunResult,
  runScenario,
  yearStarts,
} from '../src/index.js';

const replications = Number(process.argv[2] ?? 8);
if (!Number.isSafeInteger(replications) || replications < 1) {
  console.error('usage: npx tsx scripts/capacity-by-year.ts [replications=8]   (a positive integer)');
  process.exit(2);
}

/** Capacity used in each calendar year that the run covers whole: produced over allowed, all firms. */
function usedByYear(result: RunResult): Map<number, number> {
  const { startDate, endDate } = europe155mm;
  const months = Array.from(result.monthDays);
  const firms = Object.values(result.firms);
  const bounds = yearStarts(startDate, endDate).map((day) => months.indexOf(day));
  const used = new Map<number, number>();
  for (let k = 0; k + 1 < bounds.length; k++) {
    const [from, to] = [bounds[k]!, bounds[k + 1]!];
    let produced = 0;
    let allowed = 0;
    for (const f of firms) {
      produced += f.outputRounds[to]! - f.outputRounds[from]!;
      for (let m = from; m < to; m++) allowed += f.capacityPerMonth[m]!;
    }
    used.set(Number(dateOf(startDate, months[from]!).slice(0, 4)), produced / allowed);
  }
  return used;
}

const strategies = { 'national-only': () => nationalOnly, pooled: () => createPooled() };
const sums = new Map<string, Map<number, number>>();
for (let replication = 0; replication < replications; replication++) {
  const demand = new CommonDemand();
  for (const [name, create] of Object.entries(strategies)) {
    const result = runScenario(europe155mm, { strategy: create(), seed: 2024, replication, demand });
    const sum = sums.get(name) ?? new Map<number, number>();
    for (const [year, share] of usedByYear(result)) sum.set(year, (sum.get(year) ?? 0) + share);
    sums.set(name, sum);
  }
}
const years = [...sums.values().next().value!.keys()];
console.log(`Capacity used by year, europe-155mm, mean of ${replications} replications (seed 2024)`);
console.log(`| strategy | ${years.join(' | ')} |`);
console.log(`|---|${years.map(() => '---|').join('')}`);
for (const [name, sum] of sums) {
  console.log(
    `| ${name} | ${years.map((y) => `${((100 * sum.get(y)!) / replications).toFixed(1)} %`).join(' | ')} |`,
  );
}
