/**
 * M/M/c against Erlang's C formula (Gross, Shortle, Thompson & Harris, Fundamentals of Queueing Theory,
 * 4th ed., §2.3; Kleinrock, Queueing Systems Vol. 1, §3.5). With offered load a = λ/μ < c:
 *   P(wait) = C(c, a) = [aᶜ/c! · c/(c − a)] / [Σ_{k=0}^{c−1} aᵏ/k! + aᶜ/c! · c/(c − a)],
 *   Wq = C(c, a) / (cμ − λ),   utilisation = a / c.
 * Estimated by batch means over one long run (see queue.ts).
 */
import { describe, expect, it } from 'vitest';
import { exponential } from '../../src/index.js';
import { expectAllAgree, expectAllDisagree } from './helpers.js';
import { estimateQueue } from './queue.js';

const SERVERS = 2; // c
const ARRIVAL_RATE = 1.2; // λ, customers per time unit
const SERVICE_RATE = 1; // μ, per server
const SEED = 20_260_202;
// 100 batches of 24 000 time units (≈ 2.9 M customers). Cost of a 2 % half-width on Wq at 99.9 %, in
// customers per run: ≈ 2.9 M here, ≈ 5 M for c = 3, λ = 2.1 and ≈ 8 M for c = 3, λ = 2.4; the file runs
// the model twice, so c = 2 keeps it within the suite's time budget.
const DESIGN = { warmupTime: 2_000, batches: 100, batchTime: 24_000 } as const;

/** Erlang's C formula: the probability that an arrival to M/M/c with offered load `a` < `c` waits. */
function erlangC(c: number, a: number): number {
  let term = 1; // aᵏ/k!
  let sum = 0; // Σ_{k<c} aᵏ/k!
  for (let k = 0; k < c; k++) {
    sum += term;
    term *= a / (k + 1);
  }
  const queued = (term * c) / (c - a); // aᶜ/c! · c/(c − a)
  return queued / (sum + queued);
}

/** M/M/c steady-state values for service rate `mu`. */
function theory(mu: number) {
  const a = ARRIVAL_RATE / mu;
  const waitProbability = erlangC(SERVERS, a);
  return {
    utilisation: a / SERVERS,
    waitProbability,
    waitInQueue: waitProbability / (SERVERS * mu - ARRIVAL_RATE),
  };
}

/** 99.9 % intervals from M/M/c simulated with service rate `mu` (same seed and design). */
function estimate(mu: number) {
  return estimateQueue({
    seed: SEED,
    arrivalRate: ARRIVAL_RATE,
    servers: SERVERS,
    serviceTime: (streams) => exponential(streams.stream('service'), { mean: 1 / mu }),
    ...DESIGN,
  });
}

describe('M/M/2, λ = 1.2, μ = 1 (batch means)', () => {
  it('erlangC(c, a) reproduces hand-checked values', () => {
    expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 14); // M/M/1: P(wait) = ρ
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 14); // (1/2 · 2) / (1 + 1 + 1)
    // a = 1.2: a²/2! · 2/(2 − 1.2) = 0.72 · 2.5 = 1.8 over 1 + 1.2 + 1.8.
    expect(erlangC(2, 1.2)).toBeCloseTo(0.45, 14);
    // a = 2.1: Σ_{k<3} aᵏ/k! = 1 + 2.1 + 2.205; a³/3! · 3/(3 − 2.1) = 1.5435 · 10/3 = 5.145.
    expect(erlangC(3, 2.1)).toBeCloseTo(5.145 / (5.305 + 5.145), 12);
  });

  it('waits at a Resource of capacity 2 match Erlang C: P(wait) = C(c, a), Wq = C/(cμ − λ)', () => {
    expectAllAgree('M/M/2', estimate(SERVICE_RATE), theory(SERVICE_RATE));
  });

  it('the same estimator excludes that theory when the simulated service rate is 5 % too high', () => {
    const mutant = estimate(SERVICE_RATE * 1.05);
    expectAllDisagree('M/M/2 mutant', mutant, theory(SERVICE_RATE));
    expect(mutant.waitInQueue.mean).toBeLessThan(theory(SERVICE_RATE).waitInQueue);
  });
});
