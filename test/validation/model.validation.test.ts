/**
 * Known answers for the model's mechanisms. Stochastic checks put theory inside a 99.9 % Student-t
 * interval over independent replications, require a relative half-width ≤ 2 %, and show that the
 * same estimator rejects a mutant. Deterministic checks derive their tolerance from the model's
 * time granularity (a daily consumption tick, a weekly production step), stated at each test.
 */
import { describe, expect, it } from 'vitest';
import {
  Container,
  createStreams,
  exponential,
  Simulation,
  studentTQuantile,
  Tally,
} from '../../src/index.js';
import { DAYS_PER_MONTH } from '../../src/model/contract.js';
import { wrightUnitCost } from '../../src/model/firm.js';
import type { ProcurementStrategy } from '../../src/model/procurement.js';
import { Stockpile } from '../../src/model/stockpile.js';
import { World } from '../../src/model/world.js';
import { nationalOnly } from '../../src/strategies/national.js';
import { firm, ITEM, nation, smallScenario } from '../unit/model/small-scenario.js';

const LEVEL = 0.999;
const MAX_RELATIVE_HALF_WIDTH = 0.02;

interface Interval {
  readonly mean: number;
  readonly halfWidth: number;
}

/** Student-t interval at {@link LEVEL} from independent replications. */
function interval(observations: readonly number[]): Interval {
  const t = new Tally();
  for (const x of observations) t.add(x);
  return {
    mean: t.mean,
    halfWidth: studentTQuantile(1 - (1 - LEVEL) / 2, t.count - 1) * Math.sqrt(t.variance / t.count),
  };
}
const covers = (ci: Interval, x: number) => Math.abs(ci.mean - x) <= ci.halfWidth;
const show = (ci: Interval) =>
  `${ci.mean.toFixed(5)} ± ${ci.halfWidth.toFixed(5)} (${((100 * ci.halfWidth) / ci.mean).toFixed(2)} %)`;

/** One order of `rounds` from `firm-AA` to AA, placed at the start, all deliverable at once. */
const bigOrder = (rounds: number): ProcurementStrategy => ({
  name: 'big-order',
  start(ctx) {
    ctx.placeOrder({
      buyer: 'AA',
      payers: [{ payer: 'AA', share: 1 }],
      firm: 'firm-AA',
      item: ITEM,
      rounds,
      durationMonths: 1,
      deliverTo: 'AA',
      purpose: { kind: 'stock' },
    });
  },
  review() {},
});

/** Investment that never pays, so a firm's capacity stays as given. */
const NO_INVESTMENT = { investment: { ...firm('x', 'AA').investment, capexEurPerAnnualRound: 1e12 } };

// ---- (1) make-to-stock M/M/1 with base stock S -------------------------------------------------------

/**
 * Fill rate of a base-stock stockpile fed by an M/M/1 make-to-stock factory: each demand (Poisson, rate
 * λ) takes one round if there is one (else it is backordered) and places one replenishment order; the
 * factory makes orders one at a time in exponential times of rate μ. Outstanding orders N form an M/M/1
 * queue, stock is max(S − N, 0), and by PASTA the fill rate is P(N < S) = 1 − ρ^S with ρ = λ/μ
 * (Buzacott & Shanthikumar, Stochastic Models of Manufacturing Systems, 1993, make-to-stock under a
 * base-stock policy; Zipkin, Foundations of Inventory Management, 2000, §8). Measured through the
 * model's Stockpile counters (served from stock / demanded) after a warm-up.
 */
function makeToStockFillRate(lambda: number, mu: number, baseStock: number, replication: number): number {
  const WARMUP = 500; // ≫ the M/M/1 relaxation time 1/(μ(1 − √ρ)²) ≈ 38 at ρ = 0.7
  const RUN = 20_000;
  const sim = new Simulation();
  const streams = createStreams(20_260_301, { replication });
  const interArrival = exponential(streams.stream('demand'), { mean: 1 / lambda });
  const makeTime = exponential(streams.stream('production'), { mean: 1 / mu });
  const stock = new Stockpile('depot', ITEM, baseStock, baseStock, 0, true);
  const orders = new Container(sim); // replenishment orders waiting for the factory
  sim.process(function* demand() {
    while (true) {
      yield sim.timeout(interArrival());
      stock.consume(1, sim.now);
      yield orders.put(1);
    }
  });
  sim.process(function* factory() {
    while (true) {
      yield orders.get(1);
      yield sim.timeout(makeTime());
      stock.receive(1, sim.now);
    }
  });
  let demanded = 0;
  let served = 0;
  sim.schedule(WARMUP, () => {
    demanded = stock.demandedRounds;
    served = stock.servedFromStockRounds;
  });
  sim.run({ until: WARMUP + RUN });
  // The stockpile's own accounting: every backorder is eventually cleared by an arrival.
  expect(stock.servedFromStockRounds + stock.servedLateRounds + stock.backorderRounds).toBe(
    stock.demandedRounds,
  );
  return (stock.servedFromStockRounds - served) / (stock.demandedRounds - demanded);
}

describe('(1) make-to-stock M/M/1, λ = 0.7, μ = 1, base stock S = 4: fill rate 1 − ρ^S', () => {
  const LAMBDA = 0.7;
  const MU = 1;
  const S = 4;
  const REPLICATIONS = 60;
  const theory = 1 - (LAMBDA / MU) ** S; // 0.7599
  const estimate = (mu: number) =>
    interval(Array.from({ length: REPLICATIONS }, (_, r) => makeToStockFillRate(LAMBDA, mu, S, r)));

  it('Stockpile served-from-stock / demanded counters estimate 1 − ρ^S within a 99.9 % interval of relative half-width ≤ 2 %', () => {
    const ci = estimate(MU);
    console.info(`make-to-stock fill rate: ${show(ci)}, theory ${theory.toFixed(5)}`);
    expect(ci.halfWidth / ci.mean).toBeLessThanOrEqual(MAX_RELATIVE_HALF_WIDTH);
    expect(covers(ci, theory), `${show(ci)} vs ${theory}`).toBe(true);
  });

  it('the same estimator rejects a factory 5 % faster (theory 1 − (ρ/1.05)^S = 0.8025)', () => {
    const ci = estimate(MU * 1.05);
    console.info(`make-to-stock mutant μ × 1.05: ${show(ci)}, correct-model theory ${theory.toFixed(5)}`);
    expect(covers(ci, theory), `${show(ci)} still covers ${theory}`).toBe(false);
  });
});

// ---- (2) deterministic depletion time S₀ / (d − c) ---------------------------------------------------

/**
 * The first day whose consumption empties the stock, read from the stockpile between the daily
 * consumption tick (priority 0) and the weekly production step (priority 1).
 */
function depletionDay(world: World): number {
  const stock = world.nations.get('AA')!.stockpiles.get(ITEM)!;
  let day = Number.NaN;
  for (let d = 0; d < world.horizonDays; d++) {
    world.sim.schedule(
      d,
      () => {
        if (Number.isNaN(day) && stock.level === 0) day = d;
      },
      { priority: 0.5 },
    );
  }
  world.run();
  world.checkInvariants();
  return day;
}

describe('(2) deterministic depletion at S₀ / (d − c)', () => {
  const S0 = 100_000;
  const D = 273.5; // rounds a day, fractional so the daily carry is exercised

  it('with no money to buy anything (c = 0), the stock runs out on day ⌈S₀/d⌉ − 1, as do the monthly series', () => {
    // Consumption is taken at the start of each day, so the discrete model empties the stock during
    // day t when d·(t + 1) ≥ S₀: T ∈ [S₀/d − 1, S₀/d), a tolerance of one day (the model's time step).
    const scenario = smallScenario({
      nations: [
        nation('AA', {
          budgetEurPerYear: 0,
          stockpile: { initialRounds: S0 },
          consumption: { roundsPerDay: D },
        }),
      ],
    });
    const world = new World(scenario, { strategy: nationalOnly });
    const T = depletionDay(world);
    const exact = S0 / D; // 365.63
    console.info(`depletion, c = 0: day ${T}, S₀/d = ${exact.toFixed(3)}`);
    expect(T).toBeGreaterThanOrEqual(exact - 1);
    expect(T).toBeLessThan(exact);
    expect(world.contracts).toHaveLength(0);
    // The monthly series, sampled before each month's first consumption: max(0, S₀ − ⌊d·day⌋).
    const r = world.results();
    r.monthDays.forEach((day, i) => {
      if (day < world.horizonDays)
        expect(r.nations.AA!.stockRounds[i]).toBe(Math.max(0, S0 - Math.floor(D * day)));
    });
  });

  it('with a firm delivering c = 100 a day on an existing contract, the stock runs out near S₀/(d − c)', () => {
    // The firm's capacity binds: 100 × 30.4375 rounds a month is exactly 700 a weekly step, shipped
    // with no award or transport delay. Supply before day t's consumption is 700·⌈t/7⌉ ∈ [c·t, c·(t + 6)]
    // and demand through day t is d·(t + 1), so the stock empties on a day
    // T ∈ [S₀/(d − c) − d/(d − c), S₀/(d − c) + (6c − d)/(d − c)]: here 500 days −1.5 / +1.5.
    const d = 300;
    const c = 100;
    const scenario = smallScenario({
      endDate: '2026-07-01',
      nations: [
        nation('AA', {
          budgetEurPerYear: 1e10,
          stockpile: { initialRounds: S0 },
          consumption: { roundsPerDay: d },
        }),
      ],
      firms: [
        firm('firm-AA', 'AA', {
          ...NO_INVESTMENT,
          efficiency: 1,
          lines: [{ id: 'l', nameplateRoundsPerMonth: c * DAYS_PER_MONTH }],
        }),
      ],
      procurement: { ...smallScenario().procurement, awardDelayDays: 0, transportDays: 0 },
    });
    const world = new World(scenario, { strategy: bigOrder(1_000_000) });
    const T = depletionDay(world);
    const exact = S0 / (d - c);
    console.info(`depletion, c = ${c}, d = ${d}: day ${T}, S₀/(d − c) = ${exact}`);
    expect(T).toBeGreaterThanOrEqual(exact - d / (d - c));
    expect(T).toBeLessThanOrEqual(exact + (6 * c - d) / (d - c));
  });
});

// ---- (3) cumulative output of a ramp profile ---------------------------------------------------------

describe('(3) cumulative output under ramp profile [0.07, 0.4, 1]', () => {
  it('after 1, 2, 3 years equals nameplate × efficiency × 12 × (0.07, 0.47, 1.47) within one weekly step', () => {
    const NAMEPLATE = 10_000;
    const EFFICIENCY = 0.8;
    const RAMP = [0.07, 0.4, 1];
    const scenario = smallScenario({
      endDate: '2028-02-01',
      nations: [nation('AA', { budgetEurPerYear: 1e10 })],
      firms: [
        firm('firm-AA', 'AA', {
          ...NO_INVESTMENT,
          efficiency: EFFICIENCY,
          rampProfile: RAMP,
          lines: [{ id: 'new', nameplateRoundsPerMonth: NAMEPLATE, commissionedDate: '2025-01-01' }],
        }),
      ],
      procurement: { ...smallScenario().procurement, awardDelayDays: 0 },
    });
    const world = new World(scenario, { strategy: bigOrder(1_000_000) }); // demand never binds
    const f = world.firms.get('firm-AA')!;
    const YEAR = 365.25;
    const output: number[] = [];
    for (const y of [1, 2, 3]) world.sim.schedule(y * YEAR, () => output.push(f.cumulativeRounds));
    world.run();
    world.checkInvariants();
    const perDay = (share: number) => (NAMEPLATE * EFFICIENCY * share) / DAYS_PER_MONTH;
    [0.07, 0.47, 1.47].forEach((years, i) => {
      const theory = NAMEPLATE * EFFICIENCY * 12 * years;
      // Each weekly step makes 7 days at the rate of its first day: at time t the total is at most one
      // step ahead (7 days at the rate in force before t), and a year boundary inside a step lags it by
      // at most 7 days of the rate increase; the two have opposite signs, so the error is at most 7 days
      // at the rate in force just before t, plus the carried fraction of a round.
      const tolerance = 7 * perDay(RAMP[i]!) + 1;
      console.info(
        `ramp output after ${i + 1} y: ${output[i]}, theory ${theory}, tolerance ±${tolerance.toFixed(0)}`,
      );
      expect(Math.abs(output[i]! - theory)).toBeLessThanOrEqual(tolerance);
    });
  });
});

// ---- (4) Wright's law ----------------------------------------------------------------------------------

describe("(4) Wright's law in a run", () => {
  it('after doubling cumulative output the unit cost is (1 − LR) × first cost, and total cost matches ∫ unit cost', () => {
    const B = 20_000; // rounds before the start
    const FIRST = 4_000;
    const LR = 0.1;
    const scenario = smallScenario({
      firms: [firm('firm-AA', 'AA', { cumulativeRoundsAtStart: B, unitCostEur: FIRST, learningRate: LR })],
      procurement: { ...smallScenario().procurement, awardDelayDays: 0 },
    });
    const world = new World(scenario, { strategy: bigOrder(B) });
    world.run();
    world.checkInvariants();
    const f = world.firms.get('firm-AA')!;
    expect(f.cumulativeRounds).toBe(B);
    expect(f.unitCost()).toBeCloseTo(FIRST * (1 - LR), 9);
    expect(f.quote(world.horizonDays)).toBeCloseTo(FIRST * (1 - LR) * 1.1, 9); // idle: lowest markup
    // Each weekly batch is costed at the unit cost before it, so the total lies between the integral
    // of the curve over [B, 2B] and that integral plus one batch times the whole cost reduction.
    const alpha = Math.log2(1 - LR);
    const integral = (FIRST * B * (2 ** (alpha + 1) - 1)) / (alpha + 1);
    const maxBatch = (8_000 * 7) / DAYS_PER_MONTH + 1;
    console.info(
      `learning-curve cost of ${B} rounds: ${f.cost.value.toFixed(0)}, integral ${integral.toFixed(0)}`,
    );
    expect(f.cost.value).toBeGreaterThanOrEqual(integral);
    expect(f.cost.value).toBeLessThanOrEqual(integral + maxBatch * FIRST * LR);
    expect(wrightUnitCost(FIRST, B, 3 * B, LR)).toBeCloseTo(FIRST * (1 - LR) ** 2, 9);
  });
});

// ---- (5) Little's law for rounds in transit ------------------------------------------------------------

describe("(5) Little's law: rounds in transit = throughput × transport days", () => {
  it('the time-average of world.inTransitRounds equals shipments per day × transportDays within its boundary bound', () => {
    const TRANSPORT = 45;
    const scenario = smallScenario({
      endDate: '2028-01-01',
      nations: [nation('AA', { consumption: { roundsPerDay: 250, variability: 0.5 } })],
      firms: [firm('firm-AA', 'AA', { outages: { meanDaysBetween: 90, meanDaysToRepair: 20 } })],
      procurement: { ...smallScenario().procurement, transportDays: TRANSPORT },
    });
    const world = new World(scenario, { strategy: nationalOnly, seed: 9 });
    const f = world.firms.get('firm-AA')!;
    const from = 90;
    const to = world.horizonDays;
    // Shipments leave at weekly steps and arrive at whole days, so the mid-day samples integrate the
    // piecewise-constant in-transit level exactly.
    let area = 0;
    let shippedAtFrom = 0;
    let inTransitAtFrom = 0;
    for (let d = from; d < to; d++) {
      world.sim.schedule(d + 0.5, () => {
        expect(world.inTransitRounds).toBe(world.ledger.inTransit);
        area += world.inTransitRounds;
      });
    }
    world.sim.schedule(from - 0.5, () => {
      shippedAtFrom = f.cumulativeRounds;
      inTransitAtFrom = world.inTransitRounds;
    });
    world.run();
    world.checkInvariants();
    const days = to - from;
    const L = area / days;
    const throughput = (f.cumulativeRounds - shippedAtFrom) / days; // rounds shipped per day in [from, to)
    // Each shipment counts T days; only those in transit at the window's ends are cut, by at most T days
    // each, with opposite signs at the two ends.
    const bound = (TRANSPORT * Math.max(inTransitAtFrom, world.inTransitRounds)) / days;
    console.info(
      `Little: L = ${L.toFixed(1)}, λW = ${(throughput * TRANSPORT).toFixed(1)}, bound ±${bound.toFixed(1)}`,
    );
    expect(bound / L).toBeLessThan(0.1); // the check has power
    expect(Math.abs(L - throughput * TRANSPORT)).toBeLessThanOrEqual(bound);
  });
});
