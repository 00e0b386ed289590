/**
 * M/M/1 against theory (Gross, Shortle, Thompson & Harris, Fundamentals of Queueing Theory, 4th ed.,
 * §2.2; Kleinrock, Queueing Systems Vol. 1, §3.2): with ρ = λ/μ < 1,
 *   utilisation = ρ,   Lq = ρ² / (1 − ρ),   Wq = ρ / (μ − λ).
 * Estimated by batch means over one long run (see queue.ts).
 *
 * ρ = 0.6 rather than 0.8: a 2 % relative half-width at 99.9 % needs ≈ 1.9 M customers per run at
 * ρ = 0.6, ≈ 3 M at 0.7 and ≈ 6.5 M at 0.8 (the variance of Lq's time average grows like (1 − ρ)⁻⁴),
 * and this file runs the model twice. The M/M/3 test covers a utilisation of 0.7.
 */
import { describe, expect, it } from 'vitest';
import { exponential } from '../../src/index.js';
import { expectAllAgree, expectAllDisagree } from './helpers.js';
import { estimateQueue } from './queue.js';

const ARRIVAL_RATE = 0.6; // λ, customers per time unit
const SERVICE_RATE = 1; // μ, customers per time unit
const SEED = 20_260_101;
// 100 batches of 32 000 time units (≈ 1.9 M customers); the relaxation time 1/(μ(1 − √ρ)²) is ≈ 20.
const DESIGN = { warmupTime: 2_000, batches: 100, batchTime: 32_000 } as const;

/** M/M/1 steady-state means for service rate `mu`. */
function theory(mu: number) {
  const rho = ARRIVAL_RATE / mu;
  return { utilisation: rho, queueLength: rho ** 2 / (1 - rho), waitInQueue: rho / (mu - ARRIVAL_RATE) };
}

/** 99.9 % intervals from M/M/1 simulated with service rate `mu` (same seed and design). */
function estimate(mu: number) {
  return estimateQueue({
    seed: SEED,
    arrivalRate: ARRIVAL_RATE,
    servers: 1,
    serviceTime: (streams) => exponential(streams.stream('service'), { mean: 1 / mu }),
    ...DESIGN,
  });
}

describe('M/M/1, λ = 0.6, μ = 1 (batch means)', () => {
  it('resource.stats waitTime, queueLength and utilisation() match ρ, Lq = ρ²/(1−ρ), Wq = ρ/(μ−λ)', () => {
    expectAllAgree('M/M/1', estimate(SERVICE_RATE), theory(SERVICE_RATE));
  });

  it('the same estimator excludes that theory when the simulated service rate is 5 % too high', () => {
    const mutant = estimate(SERVICE_RATE * 1.05);
    expectAllDisagree('M/M/1 mutant', mutant, theory(SERVICE_RATE));
    expect(mutant.waitInQueue.mean).toBeLessThan(theory(SERVICE_RATE).waitInQueue);
  });
});
