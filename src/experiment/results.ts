/**
 * What an experiment returns: per-strategy statistics of every KPI, fan data per sample date, censored
 * events, paired comparisons with CRN diagnostics, and the provenance manifest.
 *
 * Numbers that cannot be estimated (a CI from one replication, a ratio with no denominator) are `NaN`,
 * which JSON writes as `null`.
 *
 * @module
 */
import type { MedianEstimate } from './kaplan-meier.js';
import type { ExperimentManifest } from './manifest.js';
import type { RecordLayout, ReplicationRecord, RunKpiKey } from './record.js';

/** The 5th, 25th, 50th, 75th and 95th percentiles. */
export interface Quantiles {
  /** 5th percentile. */
  readonly p05: number;
  /** 25th percentile. */
  readonly p25: number;
  /** Median. */
  readonly p50: number;
  /** 75th percentile. */
  readonly p75: number;
  /** 95th percentile. */
  readonly p95: number;
}

/** Statistics of one KPI over the replications of one strategy. */
export interface KpiSummary {
  /** Replications where the KPI was defined (finite). */
  readonly n: number;
  /** Replications where it was not (e.g. an average cost with nothing delivered). */
  readonly missing: number;
  /** Mean. */
  readonly mean: number;
  /** Sample standard deviation. */
  readonly sd: number;
  /** Student-t confidence interval for the mean: lower bound. */
  readonly lower: number;
  /** Upper bound. */
  readonly upper: number;
  /** Half-width of the interval. */
  readonly halfWidth: number;
  /** Smallest value. */
  readonly min: number;
  /** Largest value. */
  readonly max: number;
  /** Quantiles of the per-replication values, within the experiment's `quantileAccuracy`. */
  readonly quantiles: Quantiles;
}

/**
 * A series for fan charts, sampled at day 0, each year, quarter or month start (the experiment's
 * `seriesEvery`) and the horizon: one entry per sample day in each array.
 */
export interface SeriesSummary {
  /** Sample days. */
  readonly days: readonly number[];
  /** Sample dates, `YYYY-MM-DD`. */
  readonly dates: readonly string[];
  /** Mean per sample. */
  readonly mean: readonly number[];
  /** Lower CI bound of the mean per sample. */
  readonly lower: readonly number[];
  /** Upper CI bound of the mean per sample. */
  readonly upper: readonly number[];
  /** Quantiles per sample (the fan's bands). */
  readonly quantiles: {
    readonly [K in keyof Quantiles]: readonly number[];
  };
}

/** An event that may not happen within the horizon, over the replications of one strategy. */
export interface CensoredSummary {
  /** Replications. */
  readonly n: number;
  /** Replications where the event happened within the horizon. */
  readonly reached: number;
  /** `reached / n`. */
  readonly fractionReached: number;
  /** Wilson interval for the fraction: lower bound. */
  readonly fractionLower: number;
  /** Upper bound. */
  readonly fractionUpper: number;
  /** Kaplan–Meier median day with its Brookmeyer–Crowley interval. */
  readonly median: MedianEstimate;
  /** Dates of the median and its bounds (`null` where the day is `null`). */
  readonly medianDates: MedianDates;
}

/** Calendar dates of a {@link MedianEstimate}, `YYYY-MM-DD`; `null` where the day is `null`. */
export interface MedianDates {
  /** Date of the median. */
  readonly day: string | null;
  /** Date of the lower confidence limit. */
  readonly lower: string | null;
  /** Date of the upper confidence limit. */
  readonly upper: string | null;
}

/**
 * Values by KPI key: the run-level KPIs ({@link RunKpiKey}) are always there, so `kpis.fillRate` is typed
 * without `undefined` (and reads as a property under `noPropertyAccessFromIndexSignature`); the keys of
 * nations, pledges and censored events depend on the scenario (see {@link RecordLayout.scalars}).
 */
export type KpiMap<T> = Readonly<Record<RunKpiKey, T>> & Readonly<Record<string, T>>;

/** Everything about one strategy. */
export interface StrategySummary {
  /** Strategy name. */
  readonly name: string;
  /** Every scalar KPI, by key (see {@link RecordLayout.scalars}). */
  readonly kpis: KpiMap<KpiSummary>;
  /** Every censored event, by key (see {@link RecordLayout.censored}). */
  readonly censored: Readonly<Record<string, CensoredSummary>>;
  /** Fan data per series key (see {@link RecordLayout.series}). */
  readonly series: Readonly<Record<string, SeriesSummary>>;
}

/** Paired difference `a − b` of one KPI over common replications, with CRN diagnostics. */
export interface PairedKpi {
  /** Replications where both were defined. */
  readonly n: number;
  /** Mean of the differences. */
  readonly mean: number;
  /** Standard deviation of the differences. */
  readonly sd: number;
  /** Student-t CI of the mean difference at the experiment's level: lower bound. */
  readonly lower: number;
  /** Upper bound. */
  readonly upper: number;
  /** Half-width. */
  readonly halfWidth: number;
  /**
   * Bonferroni-adjusted CI (level `1 − (1 − level)/m`), simultaneous over this KPI's `m` comparisons (not
   * across KPIs): lower bound.
   */
  readonly adjustedLower: number;
  /** Upper bound. */
  readonly adjustedUpper: number;
  /** Half-width. */
  readonly adjustedHalfWidth: number;
  /**
   * Correlation of the paired outputs, `(Var a + Var b − Var(a − b)) / (2 sd_a sd_b)`, in [−1, 1]; `NaN`
   * when either strategy's values never vary (a fill rate held at 1), where it is undefined.
   */
  readonly correlation: number;
  /**
   * `Var(a − b) / (Var a + Var b)`: the variance of the paired difference relative to that of independent
   * runs; below 1 when common random numbers helped (1 − this is the variance reduction).
   */
  readonly varianceRatio: number;
}

/** All KPIs of one pair of strategies. */
export interface Comparison {
  /** First strategy. */
  readonly a: string;
  /** Second strategy (the baseline in {@link Comparisons.vsBaseline}). */
  readonly b: string;
  /** Paired difference `a − b` per KPI key. */
  readonly kpis: KpiMap<PairedKpi>;
}

/** Paired comparisons of the strategies. */
export interface Comparisons {
  /** Name of the baseline strategy. */
  readonly baseline: string;
  /** Level of the Bonferroni-adjusted intervals of {@link Comparisons.vsBaseline} (`m` = strategies − 1). */
  readonly baselineAdjustedLevel: number;
  /** Each other strategy minus the baseline, in strategy order. */
  readonly vsBaseline: readonly Comparison[];
  /** Level of the adjusted intervals of {@link Comparisons.pairs} (`m` = k(k − 1)/2). */
  readonly pairsAdjustedLevel: number;
  /** Every pair `(a, b)` with `a` before `b` in strategy order, difference `a − b`. */
  readonly pairs: readonly Comparison[];
}

/** A replication that failed and was skipped (`onError: 'skip'`), as data. */
export interface ReplicationFailure {
  /** Replication index. */
  readonly replication: number;
  /** Strategy that threw. */
  readonly strategy: string;
  /** Error name. */
  readonly name: string;
  /** Error message. */
  readonly message: string;
}

/** Result of an experiment. */
export interface ExperimentResult {
  /**
   * `'complete'`: every requested replication ran; `'stopped'`: the `stopWhen` precision was reached first;
   * `'cancelled'`: the signal aborted it (statistics cover the replications before the first one missing).
   */
  readonly status: 'complete' | 'stopped' | 'cancelled';
  /** Provenance. */
  readonly manifest: ExperimentManifest;
  /**
   * How many replications were folded into the statistics: those that ran (in index order, up to the stop
   * or the cancellation, if any), less those skipped and listed in `failures`; for a shard, only its own.
   * A count, not the last index plus one: with `onError: 'skip'`, 16 replications with replication 8
   * skipped give 15 (indices 0–7 and 9–15); the records, when kept, carry each index.
   */
  readonly replications: number;
  /** Confidence level of every interval. */
  readonly level: number;
  /** Per strategy, in the order given. */
  readonly strategies: readonly StrategySummary[];
  /** Paired comparisons. */
  readonly comparisons: Comparisons;
  /** Replications skipped because a strategy threw (`onError: 'skip'`), in index order. */
  readonly failures: readonly ReplicationFailure[];
  /** The per-replication records, in index order, when `keepRecords` was set. */
  readonly records?: readonly ReplicationRecord[];
}
