import { describe, expect, it } from 'vitest';
import { KaplanMeier, wilsonInterval } from '../../../src/experiment/kaplan-meier.js';
import { recordLayout } from '../../../src/experiment/record.js';
import {
  precisionReached,
  type ResolvedStopWhen,
  resolveStopWhen,
} from '../../../src/experiment/stopping.js';
import { censoredSummary, fractionReached } from '../../../src/experiment/summaries.js';
import { validateScenario } from '../../../src/model/validate.js';
import { exponential } from '../../../src/random/continuous.js';
import { bernoulli } from '../../../src/random/discrete.js';
import { createStreams } from '../../../src/random/streams.js';
import { confidenceInterval } from '../../../src/stats/confidence.js';
import { Tally } from '../../../src/stats/tally.js';
import { coverage } from '../../support/stopping-coverage.js';
import { randomSmallScenario } from './helpers.js';

const rule = (
  over: Partial<ResolvedStopWhen['targets'][number]> = {},
  minReplications = 30,
): ResolvedStopWhen => ({
  targets: [{ index: 0, relative: false, proportion: false, value: 0.05, ...over }],
  batch: 10,
  minReplications,
});

const tallyOf = (values: readonly number[]) => {
  const t = new Tally();
  for (const x of values) t.add(x);
  return t;
};

describe('resolveStopWhen', () => {
  const layout = recordLayout(validateScenario(randomSmallScenario()));
  const halfWidth = { fillRate: { absolute: 0.5 } };

  it('refuses a minReplications above replications, saying when it is the default the user never set', () => {
    expect(() => resolveStopWhen({ halfWidth }, layout, 'runExperiment: options.', 20)).toThrow(
      'runExperiment: options.stopWhen.minReplications is left at its default, 30, which exceeds replications (20), so the rule would never be checked. Raise replications to at least 30, pass a stopWhen.minReplications of at most 20, or drop stopWhen.',
    );
    // With a single replication no smaller pilot would do: only more replications.
    expect(() => resolveStopWhen({ halfWidth }, layout, 'runExperiment: options.', 1)).toThrow(
      /Raise replications to at least 30, or drop stopWhen\.$/,
    );
    expect(() =>
      resolveStopWhen({ halfWidth, minReplications: 25 }, layout, 'runExperiment: options.', 20),
    ).toThrow(
      'runExperiment: options.stopWhen.minReplications exceeds replications (20), so the rule would never be checked (got 25). Raise replications',
    );
    expect(resolveStopWhen({ halfWidth, minReplications: 20 }, layout, '', 20).minReplications).toBe(20);
    expect(resolveStopWhen({ halfWidth }, layout, '', 30).minReplications).toBe(30);
  });
});

describe('precisionReached', () => {
  it('does not judge before minReplications, however narrow the interval', () => {
    const narrow = tallyOf(Array.from({ length: 20 }, (_, i) => 1 + (i % 2) * 1e-6));
    expect(confidenceInterval(narrow).halfWidth).toBeLessThan(0.05);
    expect(precisionReached(rule(), () => narrow, 1, 0.95)).toBe(false);
    expect(precisionReached(rule({}, 20), () => narrow, 1, 0.95)).toBe(true);
  });

  it('judges each KPI on its own observations: one undefined in most replications waits for its pilot', () => {
    // 40 replications folded, but this KPI was defined (had demand, say) in only 20 of them.
    const sparse = tallyOf(Array.from({ length: 20 }, (_, i) => 1 + (i % 2) * 1e-6));
    expect(precisionReached(rule(), () => sparse, 1, 0.95)).toBe(false);
    expect(precisionReached(rule({}, 20), () => sparse, 1, 0.95)).toBe(true);
  });

  it('waits until every strategy meets every target', () => {
    const narrow = tallyOf(Array.from({ length: 40 }, (_, i) => 1 + (i % 2) * 1e-6));
    const wide = tallyOf(Array.from({ length: 40 }, (_, i) => i % 2));
    const two: ResolvedStopWhen = {
      ...rule(),
      targets: [rule().targets[0]!, { ...rule().targets[0]!, index: 1 }],
    };
    // Every (strategy, scalar) is narrow but the one given ((-1, -1): none).
    const oneWide = (s0: number, k0: number) => (s: number, k: number) =>
      s === s0 && k === k0 ? wide : narrow;
    expect(precisionReached(two, oneWide(-1, -1), 2, 0.95)).toBe(true);
    expect(precisionReached(two, oneWide(1, 0), 2, 0.95)).toBe(false);
    expect(precisionReached(two, oneWide(0, 1), 2, 0.95)).toBe(false);
  });

  it('never counts a zero half-width (nothing has varied yet) as met', () => {
    const constant = tallyOf(Array.from({ length: 100 }, () => 7));
    expect(confidenceInterval(constant).halfWidth).toBe(0);
    expect(precisionReached(rule(), () => constant, 1, 0.95)).toBe(false);
  });

  it("judges a censored event's fraction reached by the longer side of its Wilson interval", () => {
    // 40 of 40 reached: a t-interval of width 0; Wilson's lower bound is 40 / (40 + z²) ≈ 0.912.
    const all = tallyOf(Array.from({ length: 40 }, () => 1));
    const wilson = wilsonInterval(40, 40, { level: 0.95 });
    expect(1 - wilson.lower).toBeCloseTo(0.0876, 3);
    expect(precisionReached(rule({ proportion: true, value: 0.08 }), () => all, 1, 0.95)).toBe(false);
    expect(precisionReached(rule({ proportion: true, value: 0.09 }), () => all, 1, 0.95)).toBe(true);
  });

  it('judges a censored fraction by the very interval the result reports (fractionReached of the .reached tally)', () => {
    const reached = tallyOf(Array.from({ length: 40 }, (_, i) => (i < 30 ? 1 : 0)));
    const km = new KaplanMeier();
    for (let i = 0; i < 40; i++) km.add(i < 30 ? 100 + i : 365, i < 30);
    const reported = censoredSummary(km, reached, 0.95, '2025-01-01');
    expect(fractionReached(reached, 0.95)).toEqual({
      n: reported.n,
      reached: reported.reached,
      fraction: reported.fractionReached,
      lower: reported.fractionLower,
      upper: reported.fractionUpper,
    });
    expect(reported).toMatchObject({ n: 40, reached: 30, fractionReached: 0.75 });
    expect([reported.fractionLower, reported.fractionUpper]).toEqual(
      Object.values(wilsonInterval(30, 40, { level: 0.95 })),
    );
    // The rule's half-width is the longer side of that interval: met at it, not just below it.
    const side = Math.max(0.75 - reported.fractionLower, reported.fractionUpper - 0.75);
    expect(precisionReached(rule({ proportion: true, value: side }), () => reached, 1, 0.95)).toBe(true);
    const below = side * (1 - 1e-9);
    expect(precisionReached(rule({ proportion: true, value: below }), () => reached, 1, 0.95)).toBe(false);
  });
});

describe('stopWhen coverage (statistical)', () => {
  const streams = createStreams('stopping coverage');

  it('a 0/1 KPI with p = 0.95: the stopped interval covers as often as one of a count fixed in advance', () => {
    const c = coverage(
      (seed) => bernoulli(streams.stream(seed), { p: 0.95 }),
      0.95,
      { index: 0, relative: false, proportion: true, value: 0.05 },
      4000,
    );
    expect(c.sequential).toBeGreaterThan(c.fixed - c.tolerance);
  });

  it('an exponential KPI: the stopped interval covers as often as one of a count fixed in advance', () => {
    const c = coverage(
      (seed) => exponential(streams.stream(`exp ${seed}`), { mean: 1 }),
      1,
      { index: 0, relative: false, proportion: false, value: 0.35 },
      4000,
    );
    expect(c.sequential).toBeGreaterThan(c.fixed - c.tolerance);
  });
});
