/**
 * Two-class non-preemptive priority M/M/1 against Cobham's formula (Cobham 1954, "Priority assignment in
 * waiting line problems", Operations Research 2(1); Gross, Shortle, Thompson & Harris, Fundamentals of
 * Queueing Theory, 4th ed., §3.4.1): with classes served in priority order and ρ_k = λ_k/μ,
 *   Wq_k = W0 / ((1 − σ_{k−1})(1 − σ_k)),   W0 = Σ_i λ_i E[S_i²] / 2,   σ_k = ρ_1 + … + ρ_k.
 * Here λ_high = 0.2, λ_low = 0.4, μ = 1 (E[S²] = 2): W0 = 0.6, Wq_high = 0.75, Wq_low = 1.875, ρ = 0.6.
 * The kernel's Resource serves requests by ascending priority, then first come, first served. Batch means
 * over one long run, the resource's statistics restarted at each batch (`resetStats`).
 */
import { describe, expect, it } from 'vitest';
import { createStreams, exponential, Resource, Simulation, Tally } from '../../src/index.js';
import {
  confidenceInterval,
  expectAllAgree,
  expectAllDisagree,
  withoutAmbientRandomnessOrClock,
} from './helpers.js';

const RATES = { high: 0.2, low: 0.4 }; // λ per class, customers per time unit
const SERVICE_RATE = 1;
const DESIGN = { warmupTime: 2_000, batches: 100, batchTime: 40_000 } as const;

const W0 = ((RATES.high + RATES.low) * 2) / SERVICE_RATE ** 2 / 2;
const RHO_HIGH = RATES.high / SERVICE_RATE;
const RHO = (RATES.high + RATES.low) / SERVICE_RATE;
const THEORY = {
  waitHigh: W0 / (1 - RHO_HIGH),
  waitLow: W0 / ((1 - RHO_HIGH) * (1 - RHO)),
  utilisation: RHO,
};

/** Batch means of each class's wait in queue and of utilisation; `prioritised: false` serves all FIFO. */
function estimate(prioritised: boolean) {
  return withoutAmbientRandomnessOrClock(() => {
    const streams = createStreams(20_261_130);
    const sim = new Simulation();
    const server = new Resource(sim, { capacity: 1 });
    const waits = { high: new Tally(), low: new Tally() };
    for (const [cls, rate] of Object.entries(RATES) as ['high' | 'low', number][]) {
      const next = exponential(streams.stream(`arrivals:${cls}`), { mean: 1 / rate });
      const service = exponential(streams.stream(`service:${cls}`), { mean: 1 / SERVICE_RATE });
      const priority = prioritised && cls === 'low' ? 1 : 0;
      sim.process(function* arrivals() {
        for (;;) {
          yield sim.timeout(next());
          const duration = service();
          sim.process(
            (function* customer() {
              const req = server.request({ priority });
              try {
                yield req;
                waits[cls].add(req.grantedAt - req.requestedAt);
                yield sim.timeout(duration);
              } finally {
                server.release(req);
              }
            })(),
          );
        }
      });
    }
    const restart = () => {
      server.resetStats();
      waits.high.reset();
      waits.low.reset();
    };
    const series = { waitHigh: [] as number[], waitLow: [] as number[], utilisation: [] as number[] };
    sim.run({ until: DESIGN.warmupTime });
    restart();
    for (let b = 1; b <= DESIGN.batches; b++) {
      sim.run({ until: DESIGN.warmupTime + b * DESIGN.batchTime });
      series.waitHigh.push(waits.high.mean);
      series.waitLow.push(waits.low.mean);
      series.utilisation.push(server.utilisation());
      restart();
    }
    return {
      waitHigh: confidenceInterval(series.waitHigh),
      waitLow: confidenceInterval(series.waitLow),
      utilisation: confidenceInterval(series.utilisation),
    };
  });
}

describe('non-preemptive priority M/M/1, λ = 0.2 (high) + 0.4 (low), μ = 1 (batch means)', () => {
  it("each class's wait in queue matches Cobham's formula: 0.75 (high), 1.875 (low); utilisation 0.6", () => {
    expectAllAgree('priority M/M/1', estimate(true), THEORY);
  });

  it('the same estimator excludes those waits when the requests carry no priority (FIFO: 1.5 for both)', () => {
    const fifo = estimate(false);
    expectAllDisagree(
      'FIFO mutant',
      { waitHigh: fifo.waitHigh, waitLow: fifo.waitLow },
      {
        waitHigh: THEORY.waitHigh,
        waitLow: THEORY.waitLow,
      },
    );
    expect(fifo.waitHigh.mean).toBeGreaterThan(THEORY.waitHigh);
  });
});
