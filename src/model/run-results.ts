/**
 * Turning a run's state into its results: its monthly series (see monthly-series.ts) and KPIs.
 *
 * @internal
 * @module
 */
import type { Contract } from './contract.js';
import type { Consumption, Pledge } from './demand.js';
import type { Firm } from './firm.js';
import type { MonthlySeries } from './monthly-series.js';
import type { NationState } from './nation-state.js';
import type { DrawnParam } from './params.js';
import type { Censored, NationKpis, RunResult } from './results.js';
import type { Stockpile } from './stockpile.js';

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

/** Builds a run's series and KPIs from its monthly series and final state. @internal */
export function buildResults(run: FinishedRun, series: MonthlySeries): RunResult {
  const taken = (s: Float64Array) => series.taken(s);
  const nationIds = [...run.nations.keys()];
  const firmList = [...run.firms.values()];
  const recipientIds = [...run.recipientStock.values()].map((s) => s.key);
  const censored = (day: number): Censored =>
    Number.isNaN(day)
      ? { reached: false, day: run.horizonDays, date: run.date(run.horizonDays) }
      : { reached: true, day, date: run.date(day) };
  const capacity = firmList.reduce((s, f) => s + f.capacityRoundsTotal, 0);
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
    const { stock, target } = series.nations[i]!;
    let reachedAt = Number.NaN; // never
    for (let k = 0; k < series.count; k++) {
      if (stock[k]! >= target[k]!) {
        reachedAt = series.day[k]!;
        break;
      }
    }
    const lastYearRate = n.consumption.reduce((s, c) => s + meanRate(c, run.horizonDays), 0);
    nations[id] = {
      fillRate: d === 0 ? 1 : f / d,
      daysOfSupply:
        lastYearRate > 0 ? stocks.reduce((s, x) => s + x.level, 0) / lastYearRate : Number.POSITIVE_INFINITY,
      backorderRounds: b,
      timeToTarget: censored(reachedAt),
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
    monthDays: taken(series.day),
    nations: Object.fromEntries(
      nationIds.map((id, i) => {
        const s = series.nations[i]!;
        return [
          id,
          {
            stockRounds: taken(s.stock),
            backorderRounds: taken(s.backorders),
            receivedRounds: taken(s.received),
            spentEur: taken(s.spent),
          },
        ];
      }),
    ),
    firms: Object.fromEntries(
      firmList.map((f, i) => {
        const s = series.firms[i]!;
        return [
          f.id,
          {
            capacityPerMonth: taken(s.capacity),
            outputRounds: taken(s.output),
            utilisation: taken(s.utilisation),
            priceEur: taken(s.price),
          },
        ];
      }),
    ),
    recipients: Object.fromEntries(
      recipientIds.map((id, i) => [
        id,
        { stockRounds: taken(series.recipients[i]!.stock), unmetRounds: taken(series.recipients[i]!.unmet) },
      ]),
    ),
    pledges: Object.fromEntries(run.pledges.map((p, i) => [p.id, taken(series.pledges[i]!)])),
    pooledStockRounds: taken(series.pooled),
    kpis: {
      fillRate: demanded === 0 ? 1 : served / demanded,
      unmetDemandRounds: backorders + recipientUnmet,
      recipientUnmetRounds: recipientUnmet,
      averageUnitCostEur: delivered > 0 ? spent / delivered : Number.NaN,
      totalSpendEur: spent + overhead,
      capacityAddedRoundsPerMonth: firmList.reduce((s, f) => s + f.addedNameplateRoundsPerMonth, 0),
      capacityUsed:
        capacity > 0 ? firmList.reduce((s, f) => s + f.cumulativeRounds, 0) / capacity : Number.NaN,
      capacityIdleForInputs:
        capacity > 0 ? firmList.reduce((s, f) => s + f.inputShortRounds, 0) / capacity : Number.NaN,
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
