/**
 * Kaplan–Meier estimates for events that may not happen within the horizon (a stock target reached, a
 * pledge met), with the median time and its Brookmeyer–Crowley confidence interval.
 *
 * @module
 */
import { checkOptions, DibsimError, describeValue } from '../errors.js';
import { resolveLevel } from '../stats/confidence.js';
import { normalQuantile } from '../stats/student-t.js';

/** How close to ½ a curve counts as exactly ½ (R's `quantile.survfit` default, √ε). */
const HALF_TOLERANCE = Math.sqrt(Number.EPSILON);

/** One step of a Kaplan–Meier curve. */
export interface KaplanMeierStep {
  /** Time of the events, days. */
  readonly day: number;
  /** Replications still at risk just before `day`. */
  readonly atRisk: number;
  /** Events at `day`. */
  readonly events: number;
  /** Estimated probability the event has not happened by `day` (inclusive). */
  readonly survival: number;
  /**
   * Greenwood standard error of `survival`: the plain confidence band is `survival ± z·standardError`.
   *
   * 0 where the curve falls to 0 (every replication still at risk has the event on `day`), so the band
   * there is [0, 0]. Greenwood's formula is 0·∞ at that step; this takes its limit, which is also the
   * binomial standard error `√(S(1 − S)/n)` that Greenwood's reduces to without censoring. R's
   * `survival::survfit` reports a standard error of `Inf` and a band of `NaN` there instead (see
   * {@link KaplanMeier}).
   */
  readonly standardError: number;
}

/**
 * A median time-to-event with its confidence interval; `null` means "not within the horizon". Where a curve
 * is flat at exactly ½ until a later event, the day is the midpoint of the flat and may be a half day (see
 * {@link KaplanMeier}).
 */
export interface MedianEstimate {
  /**
   * Smallest day with estimated survival ≤ ½ (the midpoint of a flat at exactly ½ that a later event
   * ends), or `null` if survival stays above ½.
   */
  readonly day: number | null;
  /** Lower confidence limit, days (`null` if even the lower band stays above ½). */
  readonly lower: number | null;
  /** Upper confidence limit, days (`null` if the upper band stays above ½ within the horizon). */
  readonly upper: number | null;
  /** Confidence level. */
  readonly level: number;
}

/** Options for {@link KaplanMeier.median}. */
export interface MedianOptions {
  /**
   * Confidence level of the interval, strictly between 0 and 1.
   * @defaultValue `0.95`
   */
  readonly level?: number | undefined;
}

/**
 * Accumulates event times (`reached`) and censoring times (`!reached`) in exact integer counts per day, so
 * the state does not depend on the order of additions and its size is bounded by the number of distinct
 * days, not of replications.
 *
 * @remarks
 * Kaplan & Meier (1958), JASA 53:457–481: `S(t) = Π_{tᵢ ≤ t} (1 − dᵢ/nᵢ)`, events before censorings at the
 * same time. Variance by Greenwood (1926): `Var S(t) = S(t)² Σ_{tᵢ ≤ t} dᵢ / (nᵢ(nᵢ − dᵢ))`. Median and its
 * interval after Brookmeyer & Crowley (1982), Biometrics 38:29–41, with the untransformed ("plain")
 * Greenwood band, as R's `survival::quantile.survfit(conf.type = "plain")` and Klein & Moeschberger,
 * Survival Analysis (2003), §4.5: the median is the first time `S(t) ≤ ½`; the lower limit is the first
 * time `S(t) − z·se(t) ≤ ½`, the upper limit the first time `S(t) + z·se(t) ≤ ½`. As in R, a curve that
 * is exactly ½ over an interval (half the replications reached the event, the next reach it later) gives
 * the interval's midpoint, from the day it fell to ½ to the next event day: without censoring the median
 * is then the ordinary sample median. Where no event follows (the rest are censored), the median is the
 * day the curve fell to ½: R takes the midpoint to the last censoring time there, a day that nothing
 * happened on and that moves with the horizon. With events every 10 days from day 100 and the rest of 60
 * replications censored at day 1826: 30 reached (the last on day 390) give R's 1108 and dibsim's 390; 31
 * (the next on day 400) give 395 in both; 29 give "not reached". "Exactly" allows for
 * rounding in the product, within √ε (R's default tolerance): `(23/24)·(22/23)·…·(12/13)` is
 * `0.5000000000000001` in doubles.
 *
 * Where the curve falls to 0 (every replication still at risk reaches the event on one day) the
 * standard error is taken as 0, its limit (see {@link KaplanMeierStep.standardError}), so a confidence
 * limit whose band first reaches ½ at that step is that step's day: a median every replication reached
 * on day 0 is `{ day: 0, lower: 0, upper: 0 }`. R (survival 3.5-3, `survfit(conf.type = "plain")` and
 * `quantile`) has a standard error of `Inf` and a `NaN` band there and reports such a limit as `NA`, where
 * `null` here would read "not reached" or "not bounded". The band's zero width also makes the interval
 * too narrow when most replications reach the event on the last event day: 2 of 10 on day 5 and 8 on
 * day 10 give `{ day: 10, lower: 10, upper: 10 }` (R: 10 [NA, NA]), where the distribution-free interval
 * from order statistics (coverage ≥ 95 %) is [5, 10].
 */
export class KaplanMeier {
  private readonly eventCounts = new Map<number, number>();
  private readonly censoredCounts = new Map<number, number>();
  private n = 0;
  private reachedCount = 0;

  /** Number of observations. */
  get count(): number {
    return this.n;
  }

  /** Number of observations where the event happened. */
  get reached(): number {
    return this.reachedCount;
  }

  /**
   * Records one replication: the event happened on `day`, or (`reached = false`) had not happened by
   * `day`, the censoring time.
   *
   * @param day - a finite number >= 0
   * @param reached - `true` or `false`
   * @throws {@link DibsimError} `INVALID_ARGUMENT`, recording nothing, if `day` or `reached` is not one.
   */
  add(day: number, reached: boolean): void {
    if (typeof day !== 'number' || !(day >= 0 && day < Number.POSITIVE_INFINITY)) {
      throw invalid(
        'KaplanMeier.add(day, reached)',
        'day must be a finite number >= 0',
        day,
        'Pass the day the event happened, or the last day it was watched for.',
      );
    }
    if (typeof reached !== 'boolean') {
      throw invalid(
        'KaplanMeier.add(day, reached)',
        'reached must be true or false',
        reached,
        'Pass true if the event happened on day, false if it had not happened by then.',
      );
    }
    const counts = reached ? this.eventCounts : this.censoredCounts;
    counts.set(day, (counts.get(day) ?? 0) + 1);
    this.n++;
    if (reached) this.reachedCount++;
  }

  /** The estimated curve: one step per distinct event day, in increasing order. */
  curve(): KaplanMeierStep[] {
    const days = [...new Set([...this.eventCounts.keys(), ...this.censoredCounts.keys()])].sort(
      (a, b) => a - b,
    );
    const steps: KaplanMeierStep[] = [];
    let atRisk = this.n;
    let survival = 1;
    let greenwood = 0;
    for (const day of days) {
      const events = this.eventCounts.get(day) ?? 0;
      if (events > 0) {
        survival *= 1 - events / atRisk;
        greenwood = atRisk > events ? greenwood + events / (atRisk * (atRisk - events)) : greenwood;
        const standardError = survival > 0 ? survival * Math.sqrt(greenwood) : 0;
        steps.push({ day, atRisk, events, survival, standardError });
      }
      atRisk -= events + (this.censoredCounts.get(day) ?? 0);
    }
    return steps;
  }

  /**
   * Median time to the event with a two-sided confidence interval (see the class remarks).
   *
   * @param options - `level` (default 0.95)
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if `options` is not an object `{ level }` (a number
   *   given as the level, say) or `level` is not a number strictly between 0 and 1.
   * @example
   * const { day, lower, upper } = km.median({ level: 0.9 });
   */
  median(options: MedianOptions = {}): MedianEstimate {
    const call = 'KaplanMeier.median(options)';
    // The level was once positional: say how to write it now rather than only that it is wrong.
    const fix = typeof options === 'number' ? `Write median({ level: ${options} }).` : undefined;
    checkOptions(options, ['level'], call, fix);
    const level = resolveLevel(call, options.level);
    const z = normalQuantile(0.5 + level / 2);
    const steps = this.curve();
    const crossing = (curve: (s: KaplanMeierStep) => number): number | null => {
      const i = steps.findIndex((s) => curve(s) <= 0.5 + HALF_TOLERANCE);
      if (i < 0) return null;
      const { day } = steps[i]!;
      if (Math.abs(curve(steps[i]!) - 0.5) >= HALF_TOLERANCE) return day;
      // A flat at ½ that no later event ends: the other half is censored, so the midpoint is unknown.
      const next = steps[i + 1];
      return next === undefined ? day : (day + next.day) / 2;
    };
    return {
      day: crossing((s) => s.survival),
      lower: crossing((s) => s.survival - z * s.standardError),
      upper: crossing((s) => s.survival + z * s.standardError),
      level,
    };
  }
}

/** A confidence interval for a proportion. */
export interface ProportionInterval {
  /** Lower bound, in [0, 1]. */
  readonly lower: number;
  /** Upper bound, in [0, 1]. */
  readonly upper: number;
}

/** Options for {@link wilsonInterval}. */
export interface WilsonOptions {
  /**
   * Confidence level of the interval, strictly between 0 and 1.
   * @defaultValue `0.95`
   */
  readonly level?: number | undefined;
}

/**
 * Wilson score interval for a proportion `successes / n` (Wilson 1927, JASA 22:209–212); better than the
 * normal approximation near 0 and 1. `NaN` bounds when `n` is 0.
 *
 * @param successes - an integer from 0 to `n`
 * @param n - the number of trials, an integer >= 0
 * @param options - `level` (default 0.95)
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if `successes` or `n` is outside its range, `options` is
 *   not an object `{ level }` (a number given as the level, say) or `level` is not a number strictly
 *   between 0 and 1.
 * @example
 * const { lower, upper } = wilsonInterval(37, 40, { level: 0.9 });
 */
export function wilsonInterval(
  successes: number,
  n: number,
  options: WilsonOptions = {},
): ProportionInterval {
  const call = 'wilsonInterval(successes, n, options)';
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw invalid(call, 'n must be an integer >= 0', n, 'Pass the number of trials.');
  }
  if (typeof successes !== 'number' || !Number.isSafeInteger(successes) || successes < 0 || successes > n) {
    throw invalid(
      call,
      `successes must be an integer from 0 to n (${n})`,
      successes,
      'Pass how many of the n trials had the event.',
    );
  }
  // The level was once positional: say how to write it now rather than only that it is wrong.
  const fix =
    typeof options === 'number' ? `Write wilsonInterval(successes, n, { level: ${options} }).` : undefined;
  checkOptions(options, ['level'], call, fix);
  const level = resolveLevel(call, options.level);
  if (n === 0) return { lower: Number.NaN, upper: Number.NaN };
  const z = normalQuantile(0.5 + level / 2);
  const p = successes / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  // At 0 or n successes the bound is exactly 0 or 1; rounding would leave a few ulps.
  return {
    lower: successes === 0 ? 0 : Math.max(0, centre - half),
    upper: successes === n ? 1 : Math.min(1, centre + half),
  };
}

function invalid(call: string, rule: string, value: unknown, fix: string): DibsimError {
  return new DibsimError('INVALID_ARGUMENT', `${call}: ${rule} (got ${describeValue(value)}). ${fix}`);
}
