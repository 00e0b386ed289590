/**
 * (b) M/M/1 queue, dibsim: Poisson arrivals (λ = 0.9), one process per customer, a capacity-1 Resource
 * requested and released in `finally`, exponential service (μ = 1). Reports the mean wait in queue with
 * a batch-means 95 % CI; theory Wq = ρ/(μ − λ) = 9.0.
 */

import { createStreams, exponential, Resource, Simulation, Tally } from './lib/dibsim.mjs';
import { BatchMeans, meanInterval, round } from './lib/estimate.mjs';

export const ARRIVAL_RATE = 0.9;
export const SERVICE_RATE = 1.0;

/**
 * @param {{ customers: number, seed: number }} params
 */
export function run({ customers, seed }) {
  const sim = new Simulation();
  const streams = createStreams(seed);
  const interArrival = exponential(streams.stream('arrivals'), { mean: 1 / ARRIVAL_RATE });
  const serviceTime = exponential(streams.stream('service'), { mean: 1 / SERVICE_RATE });
  const server = new Resource(sim, { capacity: 1 });
  const waits = new Tally();
  const batches = waitBatches(customers);

  function* customer(service) {
    const arrivedAt = sim.now;
    const req = server.request();
    try {
      yield req;
      const wait = sim.now - arrivedAt;
      waits.add(wait);
      batches.add(wait);
      yield sim.timeout(service);
    } finally {
      server.release(req);
    }
  }

  function* arrivals() {
    for (let i = 0; i < customers; i++) {
      yield sim.timeout(interArrival());
      // Service time drawn on arrival, as SIM.JS's useFacility(facility, duration) needs it then.
      sim.process(customer(serviceTime()));
    }
  }

  sim.process(arrivals);
  sim.run();
  return {
    work: waits.count,
    unit: 'customers',
    result: mm1Result(waits.mean, batches, {
      utilisation: server.utilisation(),
      resourceMeanWait: server.stats?.waitTime.mean,
    }),
  };
}

/** Batch means for `customers` waits: drop the first 2 %, then 20 batches. */
export function waitBatches(customers) {
  const warmup = Math.floor(customers / 50);
  return new BatchMeans({ warmup, batches: 20, batchSize: Math.floor((customers - warmup) / 20) });
}

/** The JSON result shared by both implementations. */
export function mm1Result(meanWait, batches, extra = {}) {
  const ci = batches.interval(0.95);
  const theory = ARRIVAL_RATE / SERVICE_RATE / (SERVICE_RATE - ARRIVAL_RATE);
  const out = {
    meanWait: round(meanWait),
    batchMeanWait: round(ci.mean),
    ci95: [round(ci.lower, 5), round(ci.upper, 5)],
    batches: `${ci.batches}x${ci.batchSize} after ${ci.warmup}`,
    theoryWq: round(theory),
    theoryInCi: ci.lower <= theory && theory <= ci.upper,
  };
  for (const [k, v] of Object.entries(extra)) out[k] = typeof v === 'number' ? round(v) : v;
  return out;
}

export { meanInterval };
