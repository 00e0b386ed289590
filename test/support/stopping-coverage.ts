/**
 * How often the confidence interval read where `stopWhen` stops covers the true mean, against the same
 * interval from a fresh sample of the same count (so the count no longer depends on the data). Used by the
 * statistical tests in stopping.test.ts and, with more simulated experiments, by
 * `scripts/stopping-coverage.ts`, which prints the table in the reading-results guide.
 */
import { wilsonInterval } from '../../src/experiment/kaplan-meier.js';
import {
  DEFAULT_BATCH,
  DEFAULT_MIN_REPLICATIONS,
  precisionReached,
  type ResolvedStopWhen,
} from '../../src/experiment/stopping.js';
import type { Sampler } from '../../src/random/rng.js';
import { confidenceInterval } from '../../src/stats/confidence.js';
import { Tally } from '../../src/stats/tally.js';

/** The most replications a simulated experiment may run, as its `replications`. */
export const MAX_REPLICATIONS = 400;

/** Coverage of the stopped and of the fresh interval, the mean count at the stop, and a test tolerance. */
export interface Coverage {
  /** Fraction of experiments whose interval at the stop covered the mean. */
  readonly sequential: number;
  /** Fraction whose interval from a fresh sample of the stopped count covered it. */
  readonly fixed: number;
  /** Mean number of replications at the stop. */
  readonly meanCount: number;
  /** Three standard errors of the difference of the two fractions (independent proportions). */
  readonly tolerance: number;
}

/** The rule every simulated experiment stops by, with `stopWhen`'s defaults, for one target. */
export function defaultRule(target: ResolvedStopWhen['targets'][number]): ResolvedStopWhen {
  return { targets: [target], batch: DEFAULT_BATCH, minReplications: DEFAULT_MIN_REPLICATIONS };
}

/**
 * Runs `sims` simulated experiments of one KPI drawn by `make(seed)` with true mean `mean`, each stopped
 * by `target` under {@link defaultRule} (at most {@link MAX_REPLICATIONS} replications, 95 % intervals). Sequential stopping favours samples that look precise by chance; the pilot sample and the
 * rule's intervals keep the loss small for moderately skewed KPIs (the old rule, a check from the first
 * batch on a t-interval, covered 0.39 for a 0/1 KPI with p = 0.95 and 0.87 for an exponential).
 */
export function coverage(
  make: (seed: string) => Sampler,
  mean: number,
  target: ResolvedStopWhen['targets'][number],
  sims: number,
): Coverage {
  const stop = defaultRule(target);
  const covers = (t: Tally) => {
    const { lower, upper } = target.proportion
      ? wilsonInterval(Math.round(t.mean * t.count), t.count, { level: 0.95 })
      : confidenceInterval(t, { level: 0.95 });
    return lower <= mean && mean <= upper;
  };
  let sequential = 0;
  let fixed = 0;
  let counts = 0;
  for (let s = 0; s < sims; s++) {
    const draw = make(`sequential ${s}`);
    const t = new Tally();
    while (t.count < MAX_REPLICATIONS) {
      t.add(draw());
      if (t.count % stop.batch === 0 && precisionReached(stop, () => t, 1, 0.95)) break;
    }
    counts += t.count;
    if (covers(t)) sequential++;
    const other = make(`fixed ${s}`);
    const fresh = new Tally();
    for (let i = 0; i < t.count; i++) fresh.add(other());
    if (covers(fresh)) fixed++;
  }
  const [p, q] = [sequential / sims, fixed / sims];
  const tolerance = 3 * Math.sqrt((p * (1 - p) + q * (1 - q)) / sims);
  return { sequential: p, fixed: q, meanCount: counts / sims, tolerance };
}
