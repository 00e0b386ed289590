/**
 * Turning a run's state into its results: monthly snapshots, then typed-array series and KPIs.
 *
 * @internal
 * @module
 */
import { mapToArray } from '../kernel/arrays.js';
import type { Contract } from './contract.js';
import type { Consumption, Pledge } from './demand.js';
import type { Firm } from './firm.js';
import type { NationState } from './nation-state.js';
import type { DrawnParam } from './params.js';
import type { Censored, NationKpis, RunResult } from './results.js';
import type { Stockpile } from './stockpile.js';

/** The state of the world at a month start. @internal */
export interface Snapshot {
  readonly day: number;
  readonly nations: readonly {
    stock: number;
    backorders: number;
    received: number;
    spent: number;
    target: number;
  }[];
  readonly firms: readonly { capacity: number; output: number; utilisation: number; price: number }[];
  readonly recipients: readonly { stock: number; unmet: number }[];
  readonly pledges: readonly number[];
  /** Rounds held in pooled stocks (all groups and items). */
  readonly pooled: number;
}

/** What the results are built from. @internal */
export interface FinishedRun {
  readonly scenario: string;
  readonly strategy: string;
  readonly seed: string;
  readonly replication: number;
  readonly horizonDays: number;
  readonly nations: ReadonlyMap<string, NationState>;
  readonly firms: ReadonlyMap<string, Firm>;
  readonly recipientStock: ReadonlyMap<string, Stockpile>;
  readonly pledges: readonly Pledge[];
  readonly contracts: readonly Contract[];
  readonly parameters: readonly DrawnParam[];
  readonly events: number;
  readonly date: (day: number) => string;
}

/** Records the state at `day`; `backlogOf(firm)` is `firm.backlogRounds()`, kept count of by the caller. @internal */
export function takeSnapshot(
  day: number,
  nations: ReadonlyMap<string, NationState>,
  firms: ReadonlyMap<string, Firm>,
  recipientStock: ReadonlyMap<string, Stockpile>,
  pledges: readonly Pledge[],
  backlogOf: (firm: Firm) => number,
  pooledStocks: Iterable<Stockpile>,
): Snapshot {
  let pooled = 0;
  for (const stock of pooledStocks) pooled += stock.level;
  return {
    day,
    nations: mapToArray([...nations.values()], (n) => {
      const stocks = [...n.stockpiles.values()];
      return {
        stock: stocks.reduce((s, x) => s + x.level, 0),
        backorders: stocks.reduce((s, x) => s + x.backorderRounds, 0),
        received: stocks.reduce((s, x) => s + x.receivedRounds, 0),
        spent: n.budget.spent.value,
        target: [...n.targets.values()].reduce((s, f) => s + f(day), 0),
      };
    }),
    firms: mapToArray([...firms.values()], (f) => ({
      capacity: f.capacityPerMonth(day),
      output: f.cumulativeRounds,
      utilisation: f.lastCapacityRounds > 0 ? f.lastOutputRounds / f.lastCapacityRounds : 0,
      price: f.quote(day, backlogOf(f)),
    })),
    recipients: mapToArray([...recipientStock.values()], (s) => ({ stock: s.level, unmet: s.unmetRounds })),
    pledges: mapToArray(pledges, (p) => p.deliveredRounds),
    pooled,
  };
}

/** Builds a run's series and KPIs from its snapshots and final state. @internal */
export function buildResults(run: FinishedRun, snaps: readonly Snapshot[]): RunResult {
  // A plain loop: Float64Array.from(rows, pick) goes through the iterator protocol for every value.
  const column = <T>(rows: readonly T[], pick: (row: T) => number) => {
    const out = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = pick(rows[i]!);
    return out;
  };
  const nationIds = [...run.nations.keys()];
  const firmList = [...run.firms.values()];
  const recipientIds = [...run.recipientStock.values()].map((s) => s.key);
  const censored = (day: number): Censored =>
    Number.isNaN(day)
      ? { reached: false, day: run.horizonDays, date: run.date(run.horizonDays) }
      : { reached: true, day, date: run.date(day) };
  let demanded = 0;
  let served = 0;
  let backorders = 0;
  const nations: Record<string, NationKpis> = {};
  nationIds.forEach((id, i) => {
    const n = run.nations.get(id)!;
    const stocks = [...n.stockpiles.values()];
    const d = stocks.reduce((s, x) => s + x.demandedRounds, 0);
    const f = stocks.reduce((s, x) => s + x.servedFromStockRounds + x.filledOnTheDayRounds, 0);
    const b = stocks.reduce((s, x) => s + x.backorderRounds, 0);
    demanded += d;
    served += f;
    backorders += b;
    const reachedAt = snaps.find((s) => s.nations[i]!.stock >= s.nations[i]!.target);
    const lastYearRate = n.consumption.reduce((s, c) => s + meanRate(c, run.horizonDays), 0);
    nations[id] = {
      fillRate: d === 0 ? 1 : f / d,
      daysOfSupply:
        lastYearRate > 0 ? stocks.reduce((s, x) => s + x.level, 0) / lastYearRate : Number.POSITIVE_INFINITY,
      backorderRounds: b,
      timeToTarget: censored(reachedAt?.day ?? Number.NaN),
      spentEur: n.budget.spent.value,
      overheadEur: n.overhead.eur,
    };
  });
  const recipientUnmet = [...run.recipientStock.values()].reduce((s, x) => s + x.unmetRounds, 0);
  const spent = [...run.nations.values()].reduce((s, n) => s + n.budget.spent.value, 0);
  const overhead = [...run.nations.values()].reduce((s, n) => s + n.overhead.eur, 0);
  const delivered = run.contracts.reduce((s, c) => s + c.deliveredRounds, 0);
  return {
    scenario: run.scenario,
    strategy: run.strategy,
    seed: run.seed,
    replication: run.replication,
    horizonDays: run.horizonDays,
    monthDays: column(snaps, (s) => s.day),
    nations: Object.fromEntries(
      nationIds.map((id, i) => [
        id,
        {
          stockRounds: column(snaps, (s) => s.nations[i]!.stock),
          backorderRounds: column(snaps, (s) => s.nations[i]!.backorders),
          receivedRounds: column(snaps, (s) => s.nations[i]!.received),
          spentEur: column(snaps, (s) => s.nations[i]!.spent),
        },
      ]),
    ),
    firms: Object.fromEntries(
      firmList.map((f, i) => [
        f.id,
        {
          capacityPerMonth: column(snaps, (s) => s.firms[i]!.capacity),
          outputRounds: column(snaps, (s) => s.firms[i]!.output),
          utilisation: column(snaps, (s) => s.firms[i]!.utilisation),
          priceEur: column(snaps, (s) => s.firms[i]!.price),
        },
      ]),
    ),
    recipients: Object.fromEntries(
      recipientIds.map((id, i) => [
        id,
        {
          stockRounds: column(snaps, (s) => s.recipients[i]!.stock),
          unmetRounds: column(snaps, (s) => s.recipients[i]!.unmet),
        },
      ]),
    ),
    pledges: Object.fromEntries(run.pledges.map((p, i) => [p.id, column(snaps, (s) => s.pledges[i]!)])),
    pooledStockRounds: column(snaps, (s) => s.pooled),
    kpis: {
      fillRate: demanded === 0 ? 1 : served / demanded,
      unmetDemandRounds: backorders + recipientUnmet,
      recipientUnmetRounds: recipientUnmet,
      averageUnitCostEur: delivered > 0 ? spent / delivered : Number.NaN,
      totalSpendEur: spent + overhead,
      capacityAddedRoundsPerMonth: firmList.reduce((s, f) => s + f.addedNameplateRoundsPerMonth, 0),
      deliveredRounds: delivered,
      nations,
      pledges: run.pledges.map((p) => ({
        id: p.id,
        fulfilmentByDeadline: p.deliveredByDeadlineRounds / p.quantityRounds,
        met: censored(p.metDay),
      })),
    },
    parameters: run.parameters,
    events: run.events,
  };
}

/** Mean daily consumption rate over the last year of the horizon. */
function meanRate(c: Consumption, horizonDays: number): number {
  let total = 0;
  const from = Math.max(0, horizonDays - 365);
  for (let d = from; d < horizonDays; d++) total += c.rate(d);
  return total / Math.max(1, horizonDays - from);
}
