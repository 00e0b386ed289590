/**
 * (c) The (s, S) inventory system of inventory.dibsim.mjs in SIM.JS 2.0.3: on-hand stock in a `Buffer`,
 * backlog in a variable, time averages in `TimeSeries`, entities re-arming `setTimer` callbacks. Same
 * streams and draws as the dibsim version, so each replication's costs agree.
 */

import { CostSummary, costs, INVENTORY, inventoryInputs } from './inventory.dibsim.mjs';
import { Sim } from './lib/simjs.mjs';

function replicate(seed, replication) {
  const m = INVENTORY;
  const { interDemand, demandSize, lag } = inventoryInputs(seed, replication);
  const sim = new Sim.Sim();
  const stock = new Sim.Buffer('stock', Number.POSITIVE_INFINITY, m.initialStock);
  const onHand = new Sim.TimeSeries('on hand');
  const backlog = new Sim.TimeSeries('backlog');
  onHand.record(m.initialStock, 0);
  backlog.record(0, 0);
  let backlogged = 0;
  let orderingCost = 0;

  class Demand extends Sim.Entity {
    start() {
      this.setTimer(interDemand()).done(this.arrive);
    }

    arrive() {
      const size = demandSize();
      const fromStock = Math.min(size, stock.current());
      if (fromStock < size) {
        backlogged += size - fromStock;
        backlog.record(backlogged, this.time());
      }
      if (fromStock > 0) {
        this.getBuffer(stock, fromStock);
        onHand.record(stock.current(), this.time());
      }
      this.setTimer(interDemand()).done(this.arrive);
    }
  }

  class Review extends Sim.Entity {
    start() {
      this.month = 0;
      this.review();
    }

    review() {
      const position = stock.current() - backlogged;
      if (position < m.smallS) {
        const amount = m.bigS - position;
        orderingCost += m.setupCost + m.unitCost * amount;
        this.setTimer(lag()).done(this.deliver, this, amount);
      }
      if (++this.month < m.months) this.setTimer(1).done(this.review);
    }

    deliver(amount) {
      const toBacklog = Math.min(amount, backlogged);
      if (toBacklog > 0) {
        backlogged -= toBacklog;
        backlog.record(backlogged, this.time());
      }
      if (amount > toBacklog) {
        this.putBuffer(stock, amount - toBacklog);
        onHand.record(stock.current(), this.time());
      }
    }
  }

  sim.addEntity(Demand);
  sim.addEntity(Review);
  sim.simulate(m.months);
  onHand.finalize(m.months);
  backlog.finalize(m.months);
  return costs(orderingCost, onHand.average(), backlog.average());
}

/**
 * @param {{ replications: number, seed: number }} params
 */
export function run({ replications, seed }) {
  const summary = new CostSummary();
  for (let r = 0; r < replications; r++) summary.add(replicate(seed, r));
  return { work: replications, unit: 'replications', result: summary.toJSON() };
}
