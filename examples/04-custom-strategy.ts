/**
 * Example 04: writing your own procurement strategy and comparing it with the built-ins.
 *
 * A strategy is an object with a `name` and a `review(context)` called at every month start: it reads
 * the nations' needs and the firms' state through read-only views and places orders; the model applies
 * every friction (award, qualification and licence delays, budgets, capacity, prices) the same way for
 * all strategies. The one below buys each need whole from the firm that would deliver it soonest: the
 * shortest queue (backlog plus this order, over capacity), counting the qualification delay for a firm
 * not yet qualified to the buyer's standard, then the cheapest quote. It runs on the two-nation scenario
 * of example 03 next to national-only, bilateral and pooled, over the same seeds (common random numbers).
 * Covers: ProcurementStrategy, ProcurementContext.needs/placeOrder, deliveryMonths, loadStrategy.
 */
import {
  deliveryMonths,
  type FirmView,
  loadStrategy,
  type ProcurementStrategy,
  readScenarioFile,
  runScenario,
} from 'dibsim';

const SCENARIO_FILE = new URL('./scenarios/two-nations.yaml', import.meta.url).pathname;
const SEED = 2024;
const REPLICATIONS = 5;
const QUALIFICATION_MONTHS = 12; // the scenario's qualification delay, mode 365 days (LT-17, a gap)

// ---- the custom strategy: about 30 lines ----------------------------------------------------------
/** Months until `firm` could deliver `rounds` more: its queue, plus qualifying if it must. */
function monthsToDeliver(firm: FirmView, rounds: number, standard: string): number {
  if (firm.capacityPerMonth <= 0) return Number.POSITIVE_INFINITY;
  const queue = (firm.backlogRounds + rounds) / firm.capacityPerMonth;
  return queue + (firm.qualifiedStandards.has(standard) ? 0 : QUALIFICATION_MONTHS);
}

const shortestQueue: ProcurementStrategy = {
  name: 'shortest-queue',
  review(context) {
    for (const need of context.needs()) {
      const standard = context.nations.find((n) => n.id === need.nation)!.qualificationStandard;
      const best = context.firms
        .filter((f) => f.item === need.item)
        .map((firm) => ({ firm, months: monthsToDeliver(firm, need.rounds, standard) }))
        .sort((a, b) => a.months - b.months || a.firm.quoteEur - b.firm.quoteEur)[0];
      if (best === undefined || !Number.isFinite(best.months)) continue;
      context.placeOrder({
        buyer: need.nation,
        payers: [{ payer: need.nation, share: 1 }],
        firm: best.firm.id,
        item: need.item,
        rounds: need.rounds,
        durationMonths: deliveryMonths(need, context.day, context.contractLengthMonths),
        deliverTo: need.deliverTo,
        purpose: need.purpose,
      });
    }
  },
};
// ----------------------------------------------------------------------------------------------------

const scenario = await readScenarioFile(SCENARIO_FILE);
const strategies: ProcurementStrategy[] = [
  await loadStrategy('national-only'),
  shortestQueue,
  await loadStrategy({ module: 'bilateral', params: { parallelNegotiations: 1 } }),
  await loadStrategy({ module: 'pooled', params: { frameworkLengthMonths: 36 } }),
];

console.log(
  `${scenario.name}, ${scenario.startDate} to ${scenario.endDate}: means over ${REPLICATIONS} replications`,
);
console.log(
  'strategy          fill-rate  delivered  avg-EUR/rd  spend-EURm  capacity+/mo  pledge-by-deadline',
);
for (const strategy of strategies) {
  const mean = { fill: 0, delivered: 0, cost: 0, spend: 0, capacity: 0, pledge: 0 };
  for (let replication = 0; replication < REPLICATIONS; replication++) {
    const k = runScenario(scenario, { strategy, seed: SEED, replication }).kpis;
    mean.fill += k.fillRate / REPLICATIONS;
    mean.delivered += k.deliveredRounds / REPLICATIONS;
    mean.cost += k.averageUnitCostEur / REPLICATIONS;
    mean.spend += k.totalSpendEur / 1e6 / REPLICATIONS;
    mean.capacity += k.capacityAddedRoundsPerMonth / REPLICATIONS;
    mean.pledge += k.pledges[0]!.fulfilmentByDeadline / REPLICATIONS;
  }
  console.log(
    [
      strategy.name.padEnd(16),
      mean.fill.toFixed(3).padStart(10),
      mean.delivered.toFixed(0).padStart(10),
      mean.cost.toFixed(0).padStart(11),
      mean.spend.toFixed(1).padStart(11),
      mean.capacity.toFixed(0).padStart(13),
      `${(mean.pledge * 100).toFixed(1)} %`.padStart(19),
    ].join(' '),
  );
}
console.log('\nOne scenario, five replications: an illustration of the API, not a finding about strategies.');
