/**
 * Turns accumulators into the summaries of an {@link ExperimentResult}.
 *
 * @module
 */
import { dateOf } from '../model/dates.js';
import { confidenceInterval } from '../stats/confidence.js';
import type { Tally } from '../stats/tally.js';
import { type KaplanMeier, wilsonInterval } from './kaplan-meier.js';
import type { QuantileSketch } from './quantile-sketch.js';
import type { CensoredSummary, KpiSummary, PairedKpi, Quantiles } from './results.js';

/** Probabilities of {@link Quantiles}. @internal */
export const QUANTILE_LEVELS: Readonly<Record<keyof Quantiles, number>> = {
  p05: 0.05,
  p25: 0.25,
  p50: 0.5,
  p75: 0.75,
  p95: 0.95,
};

/** Summary of one KPI. @internal */
export function kpiSummary(tally: Tally, sketch: QuantileSketch, missing: number, level: number): KpiSummary {
  const ci = confidenceInterval(tally, { level });
  return {
    n: tally.count,
    missing,
    mean: ci.mean,
    sd: tally.count >= 2 ? tally.sd : Number.NaN,
    lower: ci.lower,
    upper: ci.upper,
    halfWidth: ci.halfWidth,
    min: tally.min,
    max: tally.max,
    quantiles: quantilesOf(sketch),
  };
}

/** The five quantiles of a sketch. @internal */
export function quantilesOf(sketch: QuantileSketch): Quantiles {
  return {
    p05: sketch.quantile(QUANTILE_LEVELS.p05),
    p25: sketch.quantile(QUANTILE_LEVELS.p25),
    p50: sketch.quantile(QUANTILE_LEVELS.p50),
    p75: sketch.quantile(QUANTILE_LEVELS.p75),
    p95: sketch.quantile(QUANTILE_LEVELS.p95),
  };
}

/** How often a censored event happened: replications, how many reached it, the fraction and its interval. @internal */
export interface FractionReached {
  /** Replications where the event is defined. */
  readonly n: number;
  /** Replications where it happened by the horizon. */
  readonly reached: number;
  /** `reached / n`; `NaN` when `n` is 0. */
  readonly fraction: number;
  /** Wilson interval of the fraction: lower bound. */
  readonly lower: number;
  /** Wilson interval of the fraction: upper bound. */
  readonly upper: number;
}

/**
 * The fraction of replications where a censored event happened, with its Wilson interval, from the tally
 * of its `<key>.reached` scalar (1 or 0 per replication; the tally's exact sum counts the 1s). The
 * reported {@link CensoredSummary} and the stopping rule (`stopWhen` on `<key>.reached`) both read it.
 * @internal
 */
export function fractionReached(reached: Tally, level: number): FractionReached {
  const n = reached.count;
  const count = reached.sum;
  const { lower, upper } = wilsonInterval(count, n, { level });
  return { n, reached: count, fraction: n === 0 ? Number.NaN : count / n, lower, upper };
}

/**
 * Summary of one censored event: the fraction reached from its `<key>.reached` tally
 * ({@link fractionReached}), the median date from its Kaplan–Meier estimate. @internal
 */
export function censoredSummary(
  km: KaplanMeier,
  reached: Tally,
  level: number,
  startDate: string,
): CensoredSummary {
  const median = km.median({ level });
  const date = (day: number | null) => (day === null ? null : dateOf(startDate, day));
  const fraction = fractionReached(reached, level);
  return {
    n: fraction.n,
    reached: fraction.reached,
    fractionReached: fraction.fraction,
    fractionLower: fraction.lower,
    fractionUpper: fraction.upper,
    median,
    medianDates: { day: date(median.day), lower: date(median.lower), upper: date(median.upper) },
  };
}

/**
 * Paired difference `a − b` from tallies of `a`, `b` and `a − b` over the same replications.
 *
 * @param adjustedLevel - Bonferroni level `1 − (1 − level)/m` for a family of `m` comparisons
 * @internal
 */
export function pairedKpi(a: Tally, b: Tally, d: Tally, level: number, adjustedLevel: number): PairedKpi {
  const ci = confidenceInterval(d, { level });
  const adjusted = confidenceInterval(d, { level: adjustedLevel });
  const n = d.count;
  const va = n >= 2 ? a.variance : Number.NaN;
  const vb = n >= 2 ? b.variance : Number.NaN;
  const vd = n >= 2 ? d.variance : Number.NaN;
  return {
    n,
    mean: ci.mean,
    sd: n >= 2 ? d.sd : Number.NaN,
    lower: ci.lower,
    upper: ci.upper,
    halfWidth: ci.halfWidth,
    adjustedLower: adjusted.lower,
    adjustedUpper: adjusted.upper,
    adjustedHalfWidth: adjusted.halfWidth,
    // Undefined (not ±Infinity) when either side never varies; rounding in a − b must not push it past ±1.
    correlation:
      va > 0 && vb > 0
        ? Math.min(1, Math.max(-1, (va + vb - vd) / (2 * Math.sqrt(va) * Math.sqrt(vb))))
        : Number.NaN,
    varianceRatio: vd / (va + vb),
  };
}

/** The same comparison seen the other way round, `b − a` (exact: only signs change). @internal */
export function reversed(p: PairedKpi): PairedKpi {
  return {
    ...p,
    mean: -p.mean,
    lower: -p.upper,
    upper: -p.lower,
    adjustedLower: -p.adjustedUpper,
    adjustedUpper: -p.adjustedLower,
  };
}

/**
 * Bonferroni level for `m` simultaneous intervals at family-wise level `level`: `1 − (1 − level)/m`.
 * @internal
 */
export function bonferroniLevel(level: number, m: number): number {
  return m <= 1 ? level : 1 - (1 - level) / m;
}
