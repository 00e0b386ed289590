/**
 * Little's law, L = λW (Little, Operations Research 9(3), 1961; sample-path form: Stidham, Operations
 * Research 22(2), 1974), on a system with no closed-form answer: a tandem line whose first station has
 * two servers with gamma service and whose second has one server with uniform service, so jobs can
 * overtake one another at the first station.
 *
 * Both sides are estimated in each of R independent replications (after a warm-up): L from the
 * time-average number in the system (a TimeWeighted), W from the mean sojourn of the jobs arriving in
 * the observation window (each followed to its departure); λ is the model's arrival rate. The paired
 * differences dᵣ = Lᵣ − λWᵣ give a Student-t interval that must contain 0 and be narrow relative to L.
 */
import { describe, expect, it } from 'vitest';
import {
  createStreams,
  exponential,
  gamma,
  Resource,
  Simulation,
  Tally,
  TimeWeighted,
  uniform,
} from '../../src/index.js';
import {
  confidenceInterval,
  covers,
  formatInterval,
  type Interval,
  MAX_RELATIVE_HALF_WIDTH,
  relativeHalfWidth,
  withoutAmbientRandomnessOrClock,
} from './helpers.js';

const ARRIVAL_RATE = 0.9; // λ, jobs per time unit (Poisson)
const FIRST = { servers: 2, shape: 2, scale: 0.75 }; // gamma service, mean 1.5: utilisation 0.675
const SECOND = { servers: 1, min: 0.4, max: 1.2 }; // uniform service, mean 0.8: utilisation 0.72
const SEED = 20_260_404;
const REPLICATIONS = 60;
const WARMUP_TIME = 1_000;
const WINDOW_TIME = 14_000; // ≈ 12 600 arrivals observed per replication

/** One replication's estimates. */
interface Replication {
  /** Time-average number of jobs in the system over the window. */
  readonly inSystem: number;
  /** Mean sojourn (arrival to departure) of jobs arriving in the window. */
  readonly sojourn: number;
  /** Mutant bookkeeping: mean time from the start of service at the first station to departure. */
  readonly sojournFromFirstService: number;
}

function replicate(replication: number): Replication {
  const streams = createStreams(SEED, { replication });
  const interarrivalTime = exponential(streams.stream('arrivals'), { mean: 1 / ARRIVAL_RATE });
  const firstService = gamma(streams.stream('service:first'), { shape: FIRST.shape, scale: FIRST.scale });
  const secondService = uniform(streams.stream('service:second'), { min: SECOND.min, max: SECOND.max });
  const sim = new Simulation();
  const first = new Resource(sim, { capacity: FIRST.servers, stats: false });
  const second = new Resource(sim, { capacity: SECOND.servers, stats: false });
  const windowEnd = WARMUP_TIME + WINDOW_TIME;
  const inSystem = new TimeWeighted({ time: 0, level: 0 });
  const sojourn = new Tally();
  const sojournFromFirstService = new Tally();
  let jobs = 0;
  let observedInSystem = 0; // jobs that arrived in the window and have not left

  function* job() {
    const arrivedAt = sim.now;
    const observed = arrivedAt >= WARMUP_TIME && arrivedAt < windowEnd;
    inSystem.update(sim.now, ++jobs);
    if (observed) observedInSystem++;
    let firstServiceAt: number;
    const a = first.request();
    try {
      yield a;
      firstServiceAt = sim.now;
      yield sim.timeout(firstService());
    } finally {
      first.release(a);
    }
    const b = second.request();
    try {
      yield b;
      yield sim.timeout(secondService());
    } finally {
      second.release(b);
    }
    inSystem.update(sim.now, --jobs);
    if (observed) {
      sojourn.add(sim.now - arrivedAt);
      sojournFromFirstService.add(sim.now - firstServiceAt);
      observedInSystem--;
    }
  }
  sim.process(function* arrivals() {
    for (;;) {
      yield sim.timeout(interarrivalTime());
      sim.process(job());
    }
  });

  sim.run({ until: WARMUP_TIME });
  inSystem.reset(WARMUP_TIME);
  sim.run({ until: windowEnd });
  const meanInSystem = inSystem.mean(windowEnd);
  // Arrivals go on, so the observed jobs leave exactly as they would in an unending run.
  while (observedInSystem > 0) sim.run({ until: sim.now + 100 });
  return {
    inSystem: meanInSystem,
    sojourn: sojourn.mean,
    sojournFromFirstService: sojournFromFirstService.mean,
  };
}

let cached: Replication[] | undefined;

/** All replications, in replication order, with ambient randomness and clocks trapped; run once. */
function replications(): Replication[] {
  cached ??= withoutAmbientRandomnessOrClock(() =>
    Array.from({ length: REPLICATIONS }, (_, r) => replicate(r)),
  );
  return cached;
}

/** Interval for L − rate·W from paired replications. */
function difference(reps: readonly Replication[], rate: number, w: (r: Replication) => number): Interval {
  return confidenceInterval(reps.map((r) => r.inSystem - rate * w(r)));
}

/** `"-0.0027 ± 0.034 (0.91 % of L)"`. */
function formatDifference(d: Interval, L: Interval): string {
  return `${d.mean.toPrecision(2)} ± ${d.halfWidth.toPrecision(2)} (${((100 * d.halfWidth) / L.mean).toFixed(2)} % of L)`;
}

describe("Little's law on a two-station tandem line (independent replications)", () => {
  it('time-average number in system L equals λ × mean sojourn W (paired 99.9 % CI of L − λW holds 0)', () => {
    const reps = replications();
    const L = confidenceInterval(reps.map((r) => r.inSystem));
    const lambdaW = confidenceInterval(reps.map((r) => ARRIVAL_RATE * r.sojourn));
    const d = difference(reps, ARRIVAL_RATE, (r) => r.sojourn);
    console.info(
      `Little: L ${formatInterval(L)}, λW ${formatInterval(lambdaW)}, L − λW ${formatDifference(d, L)}`,
    );
    expect(covers(d, 0), `L − λW = ${formatDifference(d, L)} excludes 0`).toBe(true);
    // Both sides, and their difference relative to L, to within 2 %: a short run cannot pass.
    expect(d.halfWidth / L.mean).toBeLessThanOrEqual(MAX_RELATIVE_HALF_WIDTH);
    expect(relativeHalfWidth(L)).toBeLessThanOrEqual(MAX_RELATIVE_HALF_WIDTH);
    expect(relativeHalfWidth(lambdaW)).toBeLessThanOrEqual(MAX_RELATIVE_HALF_WIDTH);
  });

  it('the same estimator detects a 5 % error in λ and sojourns timed from service start', () => {
    const reps = replications();
    const L = confidenceInterval(reps.map((r) => r.inSystem));
    const wrongRate = difference(reps, ARRIVAL_RATE * 1.05, (r) => r.sojourn);
    const wrongClock = difference(reps, ARRIVAL_RATE, (r) => r.sojournFromFirstService);
    console.info(
      `Little mutants: L − 1.05λW ${formatDifference(wrongRate, L)}, L − λW(from service) ${formatDifference(wrongClock, L)}`,
    );
    expect(covers(wrongRate, 0), `L − 1.05λW = ${formatDifference(wrongRate, L)}`).toBe(false);
    expect(covers(wrongClock, 0), `L − λW' = ${formatDifference(wrongClock, L)}`).toBe(false);
  });
});
