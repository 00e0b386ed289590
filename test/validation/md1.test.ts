/**
 * M/D/1 against the Pollaczek–Khinchine mean-value formula (Kleinrock, Queueing Systems Vol. 1, §5.6;
 * Gross, Shortle, Thompson & Harris, Fundamentals of Queueing Theory, 4th ed., §5.1.1):
 *   Wq = λ·E[S²] / (2(1 − ρ)),  so for a constant service time S = 1/μ:  Wq = ρ / (2μ(1 − ρ)),
 *   Lq = λ·Wq (Little),  utilisation = ρ = λ/μ.
 * Half the M/M/1 wait at the same ρ. Estimated by batch means over one long run (see queue.ts).
 */
import { describe, expect, it } from 'vitest';
import { expectAllAgree, expectAllDisagree } from './helpers.js';
import { estimateQueue } from './queue.js';

const ARRIVAL_RATE = 0.6; // λ, customers per time unit
const SERVICE_RATE = 1; // μ: every service takes exactly 1/μ time units
const SEED = 20_260_303;
// 100 batches of 17 000 time units (≈ 1 M customers).
const DESIGN = { warmupTime: 2_000, batches: 100, batchTime: 17_000 } as const;

/** M/D/1 steady-state means for service rate `mu`. */
function theory(mu: number) {
  const rho = ARRIVAL_RATE / mu;
  const waitInQueue = rho / (2 * mu * (1 - rho));
  return { utilisation: rho, queueLength: ARRIVAL_RATE * waitInQueue, waitInQueue };
}

/** 99.9 % intervals from M/D/1 simulated with service rate `mu` (same seed and design). */
function estimate(mu: number) {
  const serviceDuration = 1 / mu;
  return estimateQueue({
    seed: SEED,
    arrivalRate: ARRIVAL_RATE,
    servers: 1,
    serviceTime: () => () => serviceDuration,
    ...DESIGN,
  });
}

describe('M/D/1, λ = 0.6, constant service 1/μ = 1 (batch means)', () => {
  it('resource.stats match Pollaczek–Khinchine: Wq = ρ/(2μ(1−ρ)), Lq = λWq, utilisation ρ', () => {
    expectAllAgree('M/D/1', estimate(SERVICE_RATE), theory(SERVICE_RATE));
  });

  it('the same estimator excludes that theory when the service rate is 5 % too high', () => {
    const mutant = estimate(SERVICE_RATE * 1.05);
    expectAllDisagree('M/D/1 mutant', mutant, theory(SERVICE_RATE));
    expect(mutant.waitInQueue.mean).toBeLessThan(theory(SERVICE_RATE).waitInQueue);
  });
});
