// Eppen's risk-pooling result (Eppen 1979, "Effects of centralization on expected costs in a
// multi-location newsboy problem", Management Science 25(5)): n locations with independent, identically
// distributed demand need safety stock z·σ each to meet a cycle service level Φ(z); one central stock
// serving all of them sees demand with standard deviation √n·σ and needs z·√n·σ, i.e. the national total
// n·z·σ divided by √n.
//
// The stylised scenario: n identical PESCO members, gamma daily demand (mean MU, CV CV), one firm each with
// capacity that never binds, ample budgets, no qualification or licence frictions, one-month contracts
// (national) and one-month frameworks (pooled), so every nation (national) or the agency (pooled) orders
// once a month up to a fixed position and the order arrives one lead time later (award delay + wait for
// the weekly production step + transport). Under pooling the members hold no stock of their own: the
// agency's pooled stock tops them up within the day (transfer delay 0), so it serves their demand as one
// central stock, which is Eppen's centralised system.
//
// Measurement (cycle service level, CSL): with periodic review, the stock just before the arrival of the
// order placed at review k+1 is S − D(I_k), where S is the order-up-to position and D(I_k) the demand over
// the protection interval I_k from review k to that arrival. A cycle is short when that stock is negative.
// The calendar makes I_k vary by a few days (months of 28–31 days, the weekly production grid) while S
// does not; that deterministic offset μ·(I_k − Ī) would scale with n, not √n, so it is added back to each
// cycle's stock: short ⇔ S − μĪ − (D(I_k) − μ·I_k) < 0, with safety stock SS = S − μĪ. (The test reads
// I_k from the run, so it depends on no model constant.) The theoretical CSL at SS = z·σ(Ī) is then the
// mean over cycles of Φ(z·√(Ī/I_k)) under the normal approximation; z = 1 is chosen because there the
// first-order (skewness) Cornish–Fisher correction for gamma demand, (z² − 1)·γ/6, vanishes.
//
// Tolerance: each replication gives one CSL estimate (the share of short cycles after a warm-up,
// averaged over nations for national); replications are independent, so a Student-t interval over them
// is exact for the mean. The check is that theory lies inside the 99.9 % interval for both national
// (SS per nation) and pooled (SS·√n in total), and that it lies outside it (below for 1/n, above for no
// pooling benefit) for two mutants of the pooled stock's size: n·SS/n (pooling assumed to save 1/n) and
// n·SS (no saving). With 16 replications the interval's half-width is about 0.03–0.04 for pooled, while
// the mutants move the CSL by more than 0.13 (Φ(1/√n) or Φ(√n) instead of Φ(1)).
import { describe, expect, it } from 'vitest';
import { DAYS_PER_MONTH } from '../../src/model/contract.js';
import type { Scenario } from '../../src/model/scenario.js';
import { World } from '../../src/model/world.js';
import { studentTQuantile } from '../../src/stats/student-t.js';
import { nationalOnly } from '../../src/strategies/national.js';
import { createPooled } from '../../src/strategies/pooled.js';
import { firm, ITEM, smallScenario, suppliersFor } from '../unit/model/small-scenario.js';
import { member } from '../unit/strategies/scenarios.js';

const MU = 100; // mean demand per nation, rounds per day
const CV = 1; // coefficient of variation of daily demand (gamma)
const AWARD_DAYS = 5;
const TRANSPORT_DAYS = 10; // lead time ≈ 5 + 0–6 + 10 days < the shortest month, so one order is open
const YEARS = 8;
const WARM_UP_DAYS = 120;
const REPLICATIONS = 16;
const AGENCY = 'pesco-agency';

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 through erf; |error| < 1.5e-7). */
function normalCdf(x: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(x)) / Math.SQRT2);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** n identical members; `stock` sets each member's own stockpile. */
function scenario(n: number, stock: { target: number; initial: number }, cv = CV): Scenario {
  const ids = Array.from({ length: n }, (_, i) => `N${i + 1}`);
  return smallScenario({
    endDate: `${2025 + YEARS}-01-01`,
    nations: ids.map((id) =>
      member(id, {
        budgetEurPerYear: 1e12,
        exportLicence: { delayDays: 0, denialProbability: 0 },
        stockpile: {
          initialRounds: stock.initial,
          targetRounds: stock.target,
          safetyRounds: 0,
          storageCapacityRounds: 1e9,
        },
        consumption: { roundsPerDay: MU, variability: cv },
      }),
    ),
    firms: ids.map((id) =>
      firm(`firm-${id}`, id, {
        efficiency: 1,
        rampProfile: [1],
        learningRate: 0,
        lines: [{ id: 'line-1', nameplateRoundsPerMonth: 1_000_000 }],
      }),
    ),
    suppliers: ids.flatMap((id) => suppliersFor(id)),
    procurement: {
      contractLengthMonths: 1,
      awardDelayDays: AWARD_DAYS,
      qualificationDelayDays: 0,
      qualificationCostEur: 0,
      transportDays: TRANSPORT_DAYS,
    },
  });
}

/** Net stock and rounds received per day (after consumption and top-ups) of the stock that serves demand. */
interface Probe {
  readonly net: number[][]; // per serving stock, per day
  readonly received: number[][];
  /** Days on which some member ended short while the pooled stock held rounds (must stay empty). */
  readonly shortWhilePooled: number[];
}

type Mode = { kind: 'national' } | { kind: 'pooled'; safetyDays: number };

function runProbed(s: Scenario, mode: Mode, replication: number): { probe: Probe; monthDays: number[] } {
  const strategy =
    mode.kind === 'national'
      ? nationalOnly
      : createPooled({
          setUpDelayDays: 0,
          frameworkLengthMonths: 1,
          overheadShareOfValue: 0,
          thirdStates: { enabled: false },
          pooledStock: { enabled: true, safetyDays: mode.safetyDays, transferDelayDays: 0 },
        });
  const world = new World(s, { strategy, seed: 'eppen', replication });
  const nations = [...world.nations.values()].map((x) => x.stockpiles.get(ITEM)!);
  const serving = mode.kind === 'national' ? nations.length : 1;
  const probe: Probe = {
    net: Array.from({ length: serving }, () => []),
    received: Array.from({ length: serving }, () => []),
    shortWhilePooled: [],
  };
  const record = (): void => {
    if (mode.kind === 'national') {
      nations.forEach((st, i) => {
        probe.net[i]!.push(st.level - st.backorderRounds);
        probe.received[i]!.push(st.receivedRounds);
      });
    } else {
      const pool = world.pooledStock.get(`${AGENCY}/${ITEM}`)!;
      const members = nations.reduce((acc, st) => acc + st.level - st.backorderRounds, 0);
      probe.net[0]!.push(pool.level + members);
      probe.received[0]!.push(pool.receivedRounds);
      if (pool.level > 0 && nations.some((st) => st.backorderRounds > 0))
        probe.shortWhilePooled.push(world.sim.now);
    }
    if (world.sim.now + 1 < world.horizonDays) world.sim.schedule(1, record, { priority: 0.5 });
  };
  // After consumption (0) and same-day transfers (arrival priority), before production (1).
  world.sim.schedule(0, record, { priority: 0.5 });
  world.run();
  world.checkInvariants();
  return { probe, monthDays: Array.from(world.results().monthDays) };
}

/** Cycles of one serving stock: critical-instant net stock and protection interval length. */
function cycles(net: number[], received: number[], monthDays: number[]) {
  const arrivals = received.flatMap((r, d) => (r > (d === 0 ? 0 : received[d - 1]!) ? [d] : []));
  const out: { stock: number; interval: number }[] = [];
  for (let k = 0; k + 2 < monthDays.length; k++) {
    const t = monthDays[k]!;
    if (t < WARM_UP_DAYS) continue;
    const next = arrivals.find((a) => a > monthDays[k + 1]!);
    if (next === undefined || next >= monthDays[k + 2]!) continue;
    out.push({ stock: net[next - 1]!, interval: next - t });
  }
  return out;
}

/** The mean protection interval Ī and the intervals, from a deterministic pilot run (they follow the calendar). */
function calendarIntervals(): number[] {
  const pilot = runProbed(scenario(1, { target: 5_000, initial: 5_000 }, 0), { kind: 'national' }, 0);
  return cycles(pilot.probe.net[0]!, pilot.probe.received[0]!, pilot.monthDays).map((c) => c.interval);
}

describe("risk pooling (Eppen 1979): the pooled stock's safety stock for one cycle service level is the national total / √n", () => {
  const intervals = calendarIntervals();
  const meanInterval = intervals.reduce((s, x) => s + x, 0) / intervals.length;
  const sigma = MU * CV * Math.sqrt(meanInterval); // sd of one nation's demand over Ī
  const SS = 1 * sigma; // z = 1 per nation
  // Theory: CSL at z·σ(Ī) averaged over the calendar's intervals (normal approximation).
  const theory = intervals.reduce((s, i) => s + normalCdf(Math.sqrt(meanInterval / i)), 0) / intervals.length;

  /** CSL per replication and its 99.9 % Student-t interval. */
  const measure = (n: number, mode: Mode, s: Scenario) => {
    const perRep: number[] = [];
    const shortWhilePooled: number[] = [];
    for (let r = 0; r < REPLICATIONS; r++) {
      const { probe, monthDays } = runProbed(s, mode, r);
      shortWhilePooled.push(...probe.shortWhilePooled);
      const demand = MU * (mode.kind === 'national' ? 1 : n);
      let ok = 0;
      let count = 0;
      probe.net.forEach((net, i) => {
        for (const c of cycles(net, probe.received[i]!, monthDays)) {
          count++;
          if (c.stock + demand * (c.interval - meanInterval) >= 0) ok++;
        }
      });
      expect(count).toBeGreaterThan(50);
      perRep.push(ok / count);
    }
    const mean = perRep.reduce((s, x) => s + x, 0) / REPLICATIONS;
    const sd = Math.sqrt(perRep.reduce((s, x) => s + (x - mean) ** 2, 0) / (REPLICATIONS - 1));
    const half = (studentTQuantile(0.9995, REPLICATIONS - 1) * sd) / Math.sqrt(REPLICATIONS);
    return { mean, half, shortWhilePooled };
  };

  /** Order-up-to target for a safety stock: S = target + μ·(one month) and SS = S − μĪ. */
  const nationalTarget = SS + MU * (meanInterval - DAYS_PER_MONTH);
  const pooledSafetyDays = (n: number, pooledSS: number) =>
    (pooledSS + n * MU * (meanInterval - DAYS_PER_MONTH)) / (n * MU);

  it.each([4, 9])(
    'n = %i: national SS per nation and pooled SS = n·SS/√n both reach the theoretical CSL',
    (n) => {
      const national = measure(
        n,
        { kind: 'national' },
        scenario(n, { target: nationalTarget, initial: nationalTarget + 3_000 }),
      );
      const members = scenario(n, { target: 0, initial: 0 });
      const pooled = measure(
        n,
        { kind: 'pooled', safetyDays: pooledSafetyDays(n, Math.sqrt(n) * SS) },
        members,
      );
      const oneOverN = measure(n, { kind: 'pooled', safetyDays: pooledSafetyDays(n, SS) }, members);
      const noSaving = measure(n, { kind: 'pooled', safetyDays: pooledSafetyDays(n, n * SS) }, members);
      const show = (m: { mean: number; half: number }) => `${m.mean.toFixed(3)} ± ${m.half.toFixed(3)}`;
      const summary = `theory ${theory.toFixed(3)}; national ${show(national)}, pooled ${show(pooled)}, 1/n ${show(oneOverN)}, no saving ${show(noSaving)}`;
      // The mechanism shares: no member ends a day short while the pooled stock holds rounds.
      expect(pooled.shortWhilePooled, summary).toEqual([]);
      expect(Math.abs(national.mean - theory), summary).toBeLessThanOrEqual(national.half);
      expect(Math.abs(pooled.mean - theory), summary).toBeLessThanOrEqual(pooled.half);
      // Mutants of the pooled stock's size are rejected, each on its side.
      expect(oneOverN.mean + oneOverN.half, summary).toBeLessThan(theory);
      expect(noSaving.mean - noSaving.half, summary).toBeGreaterThan(theory);
    },
  );
});
