/**
 * (b) M/M/1 queue in SIM.JS 2.0.3, written the way its documentation writes queues: one source entity
 * that, per customer, calls `useFacility(server, serviceTime)` on an FCFS `Facility` and records the
 * wait in the completion callback. Same streams, draws and λ, μ as mm1.dibsim.mjs, so the waits agree.
 */
import { createStreams, exponential, Tally } from './lib/dibsim.mjs';
import { Sim } from './lib/simjs.mjs';
import { ARRIVAL_RATE, mm1Result, SERVICE_RATE, waitBatches } from './mm1.dibsim.mjs';

/**
 * @param {{ customers: number, seed: number }} params
 */
export function run({ customers, seed }) {
  const sim = new Sim.Sim();
  const streams = createStreams(seed);
  const interArrival = exponential(streams.stream('arrivals'), { mean: 1 / ARRIVAL_RATE });
  const serviceTime = exponential(streams.stream('service'), { mean: 1 / SERVICE_RATE });
  const server = new Sim.Facility('server');
  const waits = new Tally();
  const batches = waitBatches(customers);

  class Source extends Sim.Entity {
    start() {
      this.arrived = 0;
      this.setTimer(interArrival()).done(this.arrive);
    }

    arrive() {
      const service = serviceTime();
      this.useFacility(server, service).done(this.depart, this, [this.time(), service]);
      if (++this.arrived < customers) this.setTimer(interArrival()).done(this.arrive);
    }

    depart(arrivedAt, service) {
      // Completion time − arrival − service: the time spent waiting for the server.
      const wait = Math.max(0, this.time() - arrivedAt - service);
      waits.add(wait);
      batches.add(wait);
    }
  }

  sim.addEntity(Source);
  sim.simulate(Number.POSITIVE_INFINITY);
  return {
    work: waits.count,
    unit: 'customers',
    result: mm1Result(waits.mean, batches, {
      facilityMeanWait: server.queueStats().durationSeries.average(),
    }),
  };
}
