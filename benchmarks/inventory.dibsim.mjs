/**
 * (c) The (s, S) inventory system of Law & Kelton (Simulation Modeling and Analysis, section 1.5),
 * dibsim: on-hand stock in a Container, backlog in a variable, a demand process, a monthly review
 * process, one delivery process per order; 120 months per replication, many independent replications.
 *
 * Demand arriving when on-hand stock is short takes what is on hand and backlogs the rest (it does not
 * wait on `Container.get`); a delivery clears the backlog first and puts the remainder into stock.
 */

import {
  Container,
  createStreams,
  discrete,
  exponential,
  Simulation,
  Tally,
  TimeWeighted,
  uniform,
} from './lib/dibsim.mjs';
import { meanInterval, round } from './lib/estimate.mjs';

/** Model constants (months, items, cost units), Law & Kelton's (s, S) = (20, 40) case. */
export const INVENTORY = Object.freeze({
  months: 120,
  initialStock: 60,
  smallS: 20,
  bigS: 40,
  setupCost: 32,
  unitCost: 3,
  holdingCostPerItemMonth: 1,
  shortageCostPerItemMonth: 5,
  meanInterDemandMonths: 0.1,
  demandSizes: [1, 2, 3, 4],
  demandProbabilities: [1 / 6, 1 / 3, 1 / 3, 1 / 6],
  minLagMonths: 0.5,
  maxLagMonths: 1,
  /** Law & Kelton's reported average total cost per month for (20, 40): one run, context only. */
  lawKeltonCost: 126.61,
});

/** The random inputs of replication `replication`, identical for both implementations. */
export function inventoryInputs(seed, replication) {
  const m = INVENTORY;
  const streams = createStreams(seed, { replication });
  return {
    interDemand: exponential(streams.stream('demand:interarrival'), { mean: m.meanInterDemandMonths }),
    demandSize: discrete(streams.stream('demand:size'), {
      values: m.demandSizes,
      probabilities: m.demandProbabilities,
    }),
    lag: uniform(streams.stream('delivery:lag'), { min: m.minLagMonths, max: m.maxLagMonths }),
  };
}

/** One replication; returns its cost components per month. */
function replicate(seed, replication) {
  const m = INVENTORY;
  const { interDemand, demandSize, lag } = inventoryInputs(seed, replication);
  const sim = new Simulation();
  const stock = new Container(sim, { init: m.initialStock });
  const backlog = new TimeWeighted({ time: 0, level: 0 });
  let backlogged = 0;
  let orderingCost = 0;

  function* demand() {
    for (;;) {
      yield sim.timeout(interDemand());
      const size = demandSize();
      const fromStock = Math.min(size, stock.level);
      if (fromStock < size) {
        backlogged += size - fromStock;
        backlog.update(sim.now, backlogged);
      }
      if (fromStock > 0) yield stock.get(fromStock);
    }
  }

  function* delivery(amount) {
    yield sim.timeout(lag());
    const toBacklog = Math.min(amount, backlogged);
    if (toBacklog > 0) {
      backlogged -= toBacklog;
      backlog.update(sim.now, backlogged);
    }
    if (amount > toBacklog) yield stock.put(amount - toBacklog);
  }

  function* review() {
    for (let month = 0; month < m.months; month++) {
      const position = stock.level - backlogged;
      if (position < m.smallS) {
        const amount = m.bigS - position;
        orderingCost += m.setupCost + m.unitCost * amount;
        sim.process(delivery(amount));
      }
      yield sim.timeout(1);
    }
  }

  sim.process(demand);
  sim.process(review);
  sim.run({ until: m.months });
  return costs(orderingCost, stock.stats.level.mean(m.months), backlog.mean(m.months));
}

/** Monthly cost components from the totals of one replication. */
export function costs(orderingCost, meanOnHand, meanBacklog) {
  const m = INVENTORY;
  const ordering = orderingCost / m.months;
  const holding = m.holdingCostPerItemMonth * meanOnHand;
  const shortage = m.shortageCostPerItemMonth * meanBacklog;
  return { total: ordering + holding + shortage, ordering, holding, shortage };
}

/** Summary over replications, shared by both implementations. */
export class CostSummary {
  constructor() {
    this.total = new Tally();
    this.ordering = new Tally();
    this.holding = new Tally();
    this.shortage = new Tally();
  }

  add(c) {
    this.total.add(c.total);
    this.ordering.add(c.ordering);
    this.holding.add(c.holding);
    this.shortage.add(c.shortage);
  }

  toJSON() {
    const ci = meanInterval(this.total, 0.95);
    return {
      meanMonthlyCost: round(ci.mean),
      ci95: [round(ci.lower, 5), round(ci.upper, 5)],
      ordering: round(this.ordering.mean),
      holding: round(this.holding.mean),
      shortage: round(this.shortage.mean),
      replications: ci.n,
      lawKeltonOneRun: INVENTORY.lawKeltonCost,
    };
  }
}

/**
 * @param {{ replications: number, seed: number }} params
 */
export function run({ replications, seed }) {
  const summary = new CostSummary();
  for (let r = 0; r < replications; r++) summary.add(replicate(seed, r));
  return { work: replications, unit: 'replications', result: summary.toJSON() };
}
