/**
 * A single-station queue (Poisson arrivals, `servers` identical servers, FIFO, unlimited room)
 * written with the public kernel API, and its batch-means output.
 *
 * M/M/1, M/M/c and M/D/1 differ only in `servers` and the service-time sampler.
 */
import {
  createStreams,
  exponential,
  Resource,
  type Sampler,
  Simulation,
  type Streams,
} from '../../src/index.js';
import { confidenceInterval, type Interval, withoutAmbientRandomnessOrClock } from './helpers.js';

/** One run of the queue: model parameters and the batch-means design. */
export interface QueueRunOptions {
  /** Master seed of the run's streams. */
  readonly seed: number;
  /** Poisson arrival rate λ, customers per time unit. */
  readonly arrivalRate: number;
  /** Number of servers c (the Resource's capacity). */
  readonly servers: number;
  /** Builds the service-time sampler (time units) from the run's streams. */
  readonly serviceTime: (streams: Streams) => Sampler;
  /** Time simulated from an empty system before observing (initial-transient deletion). */
  readonly warmupTime: number;
  /** Number of batches. */
  readonly batches: number;
  /** Length of each batch in time units; much longer than the queue's relaxation time. */
  readonly batchTime: number;
}

/** One value per batch for each output measure. */
export interface BatchSeries {
  /** Mean wait in queue of customers who reached a server in the batch (resource's `waitTime`). */
  readonly waitInQueue: number[];
  /** Time-average number waiting (resource's `queueLength`). */
  readonly queueLength: number[];
  /** Time-average fraction of servers busy (`resource.utilisation()`). */
  readonly utilisation: number[];
  /** Fraction of customers reaching a server in the batch who had to wait (grant time > request time). */
  readonly waitProbability: number[];
  /** Customers served over all batches. */
  readonly customers: number;
}

/**
 * Simulates the queue and returns batch means (Law, Simulation Modeling and Analysis, 5th ed., §9.5.3):
 * one long run, the warm-up discarded, then `batches` consecutive batches of `batchTime`. The resource's
 * own statistics are reset at each batch boundary, so every batch value is read from them directly.
 */
export function simulateQueue(options: QueueRunOptions): BatchSeries {
  const streams = createStreams(options.seed);
  const interarrivalTime = exponential(streams.stream('arrivals'), { mean: 1 / options.arrivalRate });
  const serviceTime = options.serviceTime(streams);
  const sim = new Simulation();
  const server = new Resource(sim, { capacity: options.servers });
  const stats = server.stats;
  if (stats === null) throw new Error('the resource records statistics by default');
  let reached = 0; // customers granted a server in the current batch
  let delayed = 0; // … of whom had to wait
  let customers = 0;

  function* customer(serviceDuration: number) {
    const req = server.request();
    try {
      yield req;
      reached++;
      if (req.grantedAt > req.requestedAt) delayed++;
      yield sim.timeout(serviceDuration);
    } finally {
      server.release(req);
    }
  }
  sim.process(function* arrivals() {
    for (;;) {
      yield sim.timeout(interarrivalTime());
      // Service times are drawn in arrival order, so a mutant with another service rate sees the same
      // uniforms (common random numbers).
      sim.process(customer(serviceTime()));
    }
  });

  const startBatch = (): void => {
    server.resetStats();
    reached = 0;
    delayed = 0;
  };
  const waitInQueue: number[] = [];
  const queueLength: number[] = [];
  const utilisation: number[] = [];
  const waitProbability: number[] = [];
  sim.run({ until: options.warmupTime });
  startBatch();
  for (let b = 1; b <= options.batches; b++) {
    const end = options.warmupTime + b * options.batchTime;
    sim.run({ until: end });
    waitInQueue.push(stats.waitTime.mean);
    queueLength.push(stats.queueLength.mean(end));
    utilisation.push(server.utilisation());
    waitProbability.push(delayed / reached);
    customers += reached;
    startBatch();
  }
  return { waitInQueue, queueLength, utilisation, waitProbability, customers };
}

/** The output measures of {@link simulateQueue}. */
export type QueueMeasure = 'waitInQueue' | 'queueLength' | 'utilisation' | 'waitProbability';

/**
 * Runs {@link simulateQueue} with ambient randomness and clocks trapped, and returns a 99.9 % batch-means
 * interval for each measure.
 */
export function estimateQueue(options: QueueRunOptions): Record<QueueMeasure, Interval> {
  const series = withoutAmbientRandomnessOrClock(() => simulateQueue(options));
  return {
    waitInQueue: confidenceInterval(series.waitInQueue),
    queueLength: confidenceInterval(series.queueLength),
    utilisation: confidenceInterval(series.utilisation),
    waitProbability: confidenceInterval(series.waitProbability),
  };
}
