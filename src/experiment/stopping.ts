/**
 * Sequential stopping: run until chosen KPIs are estimated precisely enough, judged only at fixed batch
 * boundaries on a prefix of replication indices, so the stopping point never depends on timing or workers.
 *
 * @module
 */
import { DibsimError, describeValue } from '../errors.js';
import { checkOptionNames } from '../model/field-suggestions.js';
import { confidenceInterval } from '../stats/confidence.js';
import type { Tally } from '../stats/tally.js';
import { notAKpi, type RecordLayout } from './record.js';
import { fractionReached } from './summaries.js';

/** Target CI half-width: an absolute value in the KPI's unit, or relative to the absolute mean. */
export type HalfWidthTarget = AbsoluteHalfWidth | RelativeHalfWidth;

/** A half-width target in the KPI's own unit. */
export interface AbsoluteHalfWidth {
  /** Largest acceptable half-width, > 0. */
  readonly absolute: number;
}

/** A half-width target relative to the KPI's mean. */
export interface RelativeHalfWidth {
  /** Largest acceptable half-width divided by |mean|, > 0 (e.g. 0.02 for ±2 %). */
  readonly relative: number;
}

/**
 * Stop once, for every strategy, each listed KPI's confidence interval (at the experiment's level) is
 * narrower than its target. Checked after replications `0 … b·j − 1` for j = 1, 2, …, never in between,
 * and never before `minReplications`; `replications` stays the maximum.
 *
 * The interval judged is the one the result reports: Student-t for a mean, Wilson for the fraction of a
 * censored event (`<key>.reached`), whose half-width here is the longer side. A zero half-width (every
 * replication so far gave the same value) never counts as met: it shows that nothing has varied yet, not
 * that the mean is known. An interval read at a data-dependent stopping point covers its mean less often
 * than its nominal level, most for skewed KPIs; the minimum sample limits this (the reading-results guide
 * gives measured coverage).
 *
 * @example
 * const stopWhen: StopWhen = { halfWidth: { fillRate: { absolute: 0.005 }, totalSpendEur: { relative: 0.02 } }, batch: 20 };
 */
export interface StopWhen {
  /** Target half-width per scalar KPI key. */
  readonly halfWidth: Readonly<Record<string, HalfWidthTarget>>;
  /** Replications between checks, a positive integer. @defaultValue 10 */
  readonly batch?: number | undefined;
  /**
   * Fewest replications before the first check, an integer >= 2 (Law & Kelton's pilot sample): an
   * interval from a handful of replications can be narrow by chance. @defaultValue 30
   */
  readonly minReplications?: number | undefined;
}

/** Default of {@link StopWhen.minReplications}. */
export const DEFAULT_MIN_REPLICATIONS = 30;

/** Default of {@link StopWhen.batch}. @internal */
export const DEFAULT_BATCH = 10;

/**
 * `stopWhen` with its defaults written out, as manifests compare it: `{ halfWidth }` and
 * `{ halfWidth, batch: 10, minReplications: 30 }` are one rule, and resume or merge each other's files.
 * @internal
 */
export function stopWhenWithDefaults(stopWhen: StopWhen): StopWhen {
  return {
    ...stopWhen,
    batch: stopWhen.batch ?? DEFAULT_BATCH,
    minReplications: stopWhen.minReplications ?? DEFAULT_MIN_REPLICATIONS,
  };
}

/** A {@link StopWhen} checked against a layout. @internal */
export interface ResolvedStopWhen {
  /** Scalar index, whether relative, whether a 0/1 fraction (judged by its Wilson interval), and target. */
  readonly targets: readonly {
    readonly index: number;
    readonly relative: boolean;
    readonly proportion: boolean;
    readonly value: number;
  }[];
  /** Batch size. */
  readonly batch: number;
  /** Replications before the first check. */
  readonly minReplications: number;
}

/**
 * Checks `stopWhen` against the layout's KPI keys and the experiment's maximum `replications`. Errors start
 * with `where`, e.g. `runExperiment: options.`.
 *
 * @param replications - the most the experiment may run (no limit if left out)
 * @throws {@link DibsimError} `INVALID_ARGUMENT` naming an unknown KPI, a bad target, a bad batch size or a
 *   `minReplications` (given or default) above `replications`.
 * @internal
 */
export function resolveStopWhen(
  stopWhen: StopWhen,
  layout: RecordLayout,
  where = 'runExperiment: options.',
  replications = Number.POSITIVE_INFINITY,
): ResolvedStopWhen {
  const bad = (path: string, value: unknown, rule: string) =>
    new DibsimError('INVALID_ARGUMENT', `${where}stopWhen.${path} ${rule} (got ${describeValue(value)}).`);
  if (typeof stopWhen !== 'object' || stopWhen === null || Array.isArray(stopWhen)) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `${where}stopWhen must be an object { halfWidth, batch?, minReplications? } (got ${describeValue(stopWhen)}). E.g. { halfWidth: { fillRate: { absolute: 0.005 } } }.`,
    );
  }
  checkOptionNames(stopWhen, ['halfWidth', 'batch', 'minReplications'], `${where}stopWhen`);
  const batch = stopWhen.batch ?? DEFAULT_BATCH;
  if (!Number.isSafeInteger(batch) || batch < 1) {
    throw bad('batch', batch, 'must be a positive integer. Use e.g. 10');
  }
  const minReplications = stopWhen.minReplications ?? DEFAULT_MIN_REPLICATIONS;
  if (!Number.isSafeInteger(minReplications) || minReplications < 2) {
    throw bad(
      'minReplications',
      minReplications,
      `must be an integer >= 2. Use the default, ${DEFAULT_MIN_REPLICATIONS}, unless a pilot run showed the KPIs close to normal`,
    );
  }
  const entries = Object.entries(stopWhen.halfWidth ?? {});
  if (entries.length === 0) throw bad('halfWidth', stopWhen.halfWidth, 'must name at least one KPI');
  const targets = entries.map(([key, target]) => {
    const index = layout.scalars.indexOf(key);
    if (index < 0) {
      throw bad(`halfWidth[${JSON.stringify(key)}]`, key, notAKpi(key, layout));
    }
    const path = `halfWidth[${JSON.stringify(key)}]`;
    checkOptionNames(target, ['absolute', 'relative'], `${where}stopWhen.${path}`);
    const relative = typeof target === 'object' && target !== null && 'relative' in target;
    if (relative && 'absolute' in target) throw bad(path, target, 'must give absolute or relative, not both');
    const value = relative
      ? (target as { relative: number }).relative
      : (target as { absolute?: number } | null)?.absolute;
    if (typeof value !== 'number' || !(value > 0 && Number.isFinite(value))) {
      throw bad(
        `halfWidth[${JSON.stringify(key)}]`,
        target,
        'must be { absolute: x } or { relative: r } with x, r > 0',
      );
    }
    return { index, relative, proportion: key.endsWith('.reached'), value };
  });
  // Refused, not capped: a pilot quietly smaller than the one asked for (or documented) would go unnoticed.
  if (minReplications > replications) {
    const lower = replications >= 2 ? `pass a stopWhen.minReplications of at most ${replications}, ` : '';
    throw new DibsimError(
      'INVALID_ARGUMENT',
      stopWhen.minReplications === undefined
        ? // Said to be the default: the user never wrote minReplications, and would look for it in vain.
          `${where}stopWhen.minReplications is left at its default, ${minReplications}, which exceeds replications (${replications}), so the rule would never be checked. Raise replications to at least ${minReplications}, ${lower}or drop stopWhen.`
        : `${where}stopWhen.minReplications exceeds replications (${replications}), so the rule would never be checked (got ${minReplications}). Raise replications (the most the experiment may run), lower stopWhen.minReplications, or drop stopWhen.`,
    );
  }
  return { targets, batch, minReplications };
}

/**
 * Whether every target is met for every strategy, given the tally of each (strategy, scalar). A KPI is
 * judged only on at least `minReplications` observations of its own: one undefined in some replications
 * (no demand, nothing delivered) has fewer than the replications folded.
 * @internal
 */
export function precisionReached(
  stop: ResolvedStopWhen,
  tally: (strategy: number, scalar: number) => Tally,
  strategies: number,
  level: number,
): boolean {
  for (let s = 0; s < strategies; s++) {
    for (const t of stop.targets) {
      const sample = tally(s, t.index);
      if (sample.count < stop.minReplications) return false;
      const halfWidth = t.proportion
        ? wilsonHalfWidth(sample, level)
        : confidenceInterval(sample, { level }).halfWidth;
      const limit = t.relative ? t.value * Math.abs(sample.mean) : t.value;
      if (!(halfWidth > 0 && halfWidth <= limit)) return false;
    }
  }
  return true;
}

/** The longer side of the Wilson interval of a censored event's fraction reached, as the result reports it. */
function wilsonHalfWidth(reached: Tally, level: number): number {
  const { fraction, lower, upper } = fractionReached(reached, level);
  return Math.max(fraction - lower, upper - fraction);
}
