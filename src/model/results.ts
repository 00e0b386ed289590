/**
 * Results of one run: monthly time series in typed arrays, and key performance indicators.
 *
 * @module
 */
import type { DrawnParam } from './params.js';

/**
 * An event that may not happen within the horizon (a pledge met, a stock target reached). When it does
 * not, `reached` is false and `day` is the censoring time (the horizon), not an invented date.
 */
export interface Censored {
  /** Whether the event happened within the horizon. */
  readonly reached: boolean;
  /** Day it happened, or the horizon when not reached. */
  readonly day: number;
  /** Calendar date of `day`, `YYYY-MM-DD`. */
  readonly date: string;
}

/** Monthly series of a nation (values at the start of each month; flows cumulative since the start). */
export interface NationSeries {
  /** Rounds in stock. */
  readonly stockRounds: Float64Array;
  /** Backordered rounds. */
  readonly backorderRounds: Float64Array;
  /** Rounds received, cumulative. */
  readonly receivedRounds: Float64Array;
  /** Money paid to firms, cumulative, EUR. */
  readonly spentEur: Float64Array;
}

/** Monthly series of a firm. */
export interface FirmSeries {
  /** Effective capacity, rounds per month. */
  readonly capacityPerMonth: Float64Array;
  /** Rounds produced, cumulative. */
  readonly outputRounds: Float64Array;
  /** Share of the last production step's capacity used, 0–1. */
  readonly utilisation: Float64Array;
  /** Quoted price per round, EUR. */
  readonly priceEur: Float64Array;
}

/** Monthly series of a recipient. */
export interface RecipientSeries {
  /** Rounds in stock. */
  readonly stockRounds: Float64Array;
  /** Demand never met, cumulative rounds. */
  readonly unmetRounds: Float64Array;
}

/** KPIs of a nation. */
export interface NationKpis {
  /** Share of demand met from stock on the day, 0–1. */
  readonly fillRate: number;
  /** Stock at the end divided by the mean daily consumption over the last year, days. */
  readonly daysOfSupply: number;
  /** Backordered rounds at the end. */
  readonly backorderRounds: number;
  /** First month start at which stock reached the target (censored). */
  readonly timeToTarget: Censored;
  /** Money paid to firms, EUR. */
  readonly spentEur: number;
  /** Qualification and administrative overheads paid, EUR. */
  readonly overheadEur: number;
}

/** KPIs of a pledge. */
export interface PledgeKpis {
  /** Pledge id. */
  readonly id: string;
  /** Share of the pledged quantity delivered by the deadline, 0–1. */
  readonly fulfilmentByDeadline: number;
  /** Date the pledged quantity was reached (censored). */
  readonly met: Censored;
}

/** Headline KPIs of a run. */
export interface RunKpis {
  /** Share of all nations' demand met from stock on the day, 0–1. */
  readonly fillRate: number;
  /** Rounds of demand not met on the day (backorders at the end plus recipients' unmet demand). */
  readonly unmetDemandRounds: number;
  /** Recipients' demand never met, rounds. */
  readonly recipientUnmetRounds: number;
  /** Average price paid per delivered round, EUR. */
  readonly averageUnitCostEur: number;
  /** Money paid to firms plus overheads, EUR. */
  readonly totalSpendEur: number;
  /**
   * Nameplate capacity firms decided to add by investment during the run, rounds per month: modules still
   * being built at the horizon count (capex is charged at the decision); each firm's `capacityPerMonth`
   * series shows when the capacity came on line.
   */
  readonly capacityAddedRoundsPerMonth: number;
  /**
   * Share of the firms' capacity used, 0–1: rounds produced over the rounds their capacity allowed (after
   * efficiency, lines in service at their ramp-up share, nothing during an outage), all firms together;
   * `NaN` without capacity. What is not used was idle for want of inputs
   * ({@link RunKpis.capacityIdleForInputs}) or of orders due (which includes the fraction of a round a
   * step leaves over when it is not capacity that limits output).
   */
  readonly capacityUsed: number;
  /**
   * Share of the firms' capacity idle for want of inputs, 0–1: rounds that orders due and capacity allowed
   * but the suppliers' grants did not, over the rounds capacity allowed; `NaN` without capacity. The rest of
   * the idle share (1 − used − this) waited for orders due.
   */
  readonly capacityIdleForInputs: number;
  /** Rounds delivered to all actors. */
  readonly deliveredRounds: number;
  /** Per nation. */
  readonly nations: Readonly<Record<string, NationKpis>>;
  /** Per pledge. */
  readonly pledges: readonly PledgeKpis[];
}

/** Everything one run produces. */
export interface RunResult {
  /** Scenario name. */
  readonly scenario: string;
  /** Strategy name. */
  readonly strategy: string;
  /** Master seed, as a string. */
  readonly seed: string;
  /** Replication index. */
  readonly replication: number;
  /** Horizon in days. */
  readonly horizonDays: number;
  /** Day offset of each month start (the sample times of the series). */
  readonly monthDays: Float64Array;
  /** Series per nation id. */
  readonly nations: Readonly<Record<string, NationSeries>>;
  /** Series per firm id. */
  readonly firms: Readonly<Record<string, FirmSeries>>;
  /** Series per recipient id. */
  readonly recipients: Readonly<Record<string, RecipientSeries>>;
  /** Cumulative rounds delivered per pledge id, monthly. */
  readonly pledges: Readonly<Record<string, Float64Array>>;
  /** Rounds held in pooled stocks (a pooling agency's; 0 without one), monthly. */
  readonly pooledStockRounds: Float64Array;
  /** Headline indicators. */
  readonly kpis: RunKpis;
  /** Every parameter value used in this replication, with sources. */
  readonly parameters: readonly DrawnParam[];
  /** Calendar entries processed. */
  readonly events: number;
}
