import { describe, expect, it } from 'vitest';
import { ReplicationError, ScenarioError } from '../../../src/errors.js';
import { contentHash } from '../../../src/experiment/canonical.js';
import { recordLayout } from '../../../src/experiment/record.js';
import { runReplication } from '../../../src/experiment/replicate.js';
import { runExperiment } from '../../../src/experiment/run-experiment.js';
import { validateScenario } from '../../../src/model/validate.js';
import { studentTQuantile } from '../../../src/stats/student-t.js';
import { nationalOnly } from '../../../src/strategies/national.js';
import { createPooled } from '../../../src/strategies/pooled.js';
import { national, randomSmallScenario, STRATEGIES_MODULE } from './helpers.js';

const scenario = randomSmallScenario();
const partial = (share: number) => ({
  module: STRATEGIES_MODULE,
  export: 'partialOrders',
  params: { share },
});

describe('runExperiment (serial)', () => {
  it('one strategy compared with itself under CRN: every paired difference is exactly 0', async () => {
    const result = await runExperiment({
      scenario,
      strategies: [national, { name: 'again', create: () => nationalOnly }],
      replications: 12,
      seed: 3,
    });
    expect(result.status).toBe('complete');
    expect(result.replications).toBe(12);
    const [pair] = result.comparisons.pairs;
    for (const [key, d] of Object.entries(pair!.kpis)) {
      expect([key, d.mean, d.sd, d.lower, d.upper, d.n]).toEqual([key, 0, 0, 0, 0, 12]);
      expect(d.varianceRatio === 0 || Number.isNaN(d.varianceRatio), key).toBe(true);
    }
    // Outputs vary across replications, and the CRN pairs are perfectly correlated.
    const spend = pair!.kpis.totalSpendEur!;
    expect(result.strategies[0]!.kpis.totalSpendEur!.sd).toBeGreaterThan(0);
    expect(spend.correlation).toBeCloseTo(1, 12);
    expect(JSON.stringify(result.strategies[1]!.kpis)).toBe(JSON.stringify(result.strategies[0]!.kpis));
  });

  it('built-in strategies by registry name: national-only twice under CRN differs by exactly 0', async () => {
    const result = await runExperiment({
      scenario,
      strategies: [
        { module: 'national-only' },
        { module: 'national-only', name: 'again' },
        { ...national, name: 'national-only-factory' },
      ],
      replications: 4,
    });
    expect(result.manifest.strategies.map((s) => s.name)).toEqual([
      'national-only',
      'again',
      'national-only-factory',
    ]);
    for (const c of result.comparisons.pairs) expect(c.kpis.totalSpendEur!.mean).toBe(0);
  });

  it('a module name given as a string is short for { module }: the same manifest and results, in workers too', async () => {
    const options = { scenario, replications: 3, seed: 7 };
    const objects = await runExperiment({
      ...options,
      strategies: [{ module: 'national-only' }, { module: 'pooled' }],
    });
    const strings = await runExperiment({ ...options, strategies: ['national-only', 'pooled'] });
    expect(strings.manifest.strategies).toEqual([
      { name: 'national-only', module: 'national-only' },
      { name: 'pooled', module: 'pooled' },
    ]);
    expect(JSON.stringify(strings)).toBe(JSON.stringify(objects));
    const mixed = await runExperiment({
      ...options,
      strategies: ['national-only', { module: 'pooled' }],
      workers: 2,
    });
    expect(JSON.stringify(mixed)).toBe(JSON.stringify(objects));
    // An unknown name is reported as a module reference is, with the built-in it was probably meant to be.
    await expect(runExperiment({ ...options, strategies: ['national-only', 'pooledd'] })).rejects.toThrow(
      /cannot find "pooledd" .*Did you mean the built-in "pooled"\?/,
    );
  });

  it('the same seed gives identical JSON; another seed does not', async () => {
    const options = { scenario, strategies: [national], replications: 8, seed: 11 };
    const a = JSON.stringify(await runExperiment(options));
    expect(JSON.stringify(await runExperiment(options))).toBe(a);
    expect(JSON.stringify(await runExperiment({ ...options, seed: 12 }))).not.toBe(a);
  });

  it('summarises every KPI, censored event and yearly series per strategy', async () => {
    const result = await runExperiment({ scenario, strategies: [national], replications: 10, seed: 5 });
    const s = result.strategies[0]!;
    const spend = s.kpis.totalSpendEur!;
    expect(spend.n).toBe(10);
    expect(spend.lower).toBeLessThan(spend.mean);
    expect(spend.quantiles.p05).toBeLessThanOrEqual(spend.quantiles.p50);
    expect(spend.quantiles.p50).toBeLessThanOrEqual(spend.quantiles.p95);
    expect(Object.keys(s.censored)).toEqual(['nations.AA.timeToTarget', 'pledges.p1.met']);
    const met = s.censored['pledges.p1.met']!;
    expect(met.n).toBe(10);
    expect(met.fractionReached).toBe(met.reached / 10);
    const stock = s.series['nations.AA.stockRounds']!;
    expect(stock.dates).toEqual(['2025-01-01', '2026-01-01', '2027-01-01']);
    expect(stock.mean[0]).toBe(60_000);
    expect(result.manifest).toMatchObject({
      seed: '5',
      replications: 10,
      baseline: 'national-only',
      strategies: [{ name: 'national-only' }],
      scenario: { name: 'small', hash: contentHash(validateScenario(scenario)) },
      node: process.version,
    });
    expect(result.manifest.dibsim).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('adjusts paired intervals with Bonferroni: m = k − 1 against the baseline, k(k − 1)/2 for all pairs', async () => {
    const n = 10;
    const result = await runExperiment({
      scenario,
      strategies: [national, partial(0.5), partial(0.8)],
      replications: n,
      seed: 2,
      baseline: 'partial-0.5',
    });
    const c = result.comparisons;
    expect(c.baselineAdjustedLevel).toBeCloseTo(1 - 0.05 / 2, 15);
    expect(c.pairsAdjustedLevel).toBeCloseTo(1 - 0.05 / 3, 15);
    expect(c.vsBaseline.map((x) => [x.a, x.b])).toEqual([
      ['national-only', 'partial-0.5'],
      ['partial-0.8', 'partial-0.5'],
    ]);
    expect(c.pairs.map((x) => [x.a, x.b])).toEqual([
      ['national-only', 'partial-0.5'],
      ['national-only', 'partial-0.8'],
      ['partial-0.5', 'partial-0.8'],
    ]);
    const t = (p: number) => studentTQuantile(p, n - 1);
    const d = c.pairs[2]!.kpis.totalSpendEur!;
    expect(d.halfWidth).toBeGreaterThan(0);
    expect(d.adjustedHalfWidth / d.halfWidth).toBeCloseTo(t(1 - 0.05 / 6) / t(0.975), 12);
    const b = c.vsBaseline[1]!.kpis.totalSpendEur!;
    expect(b.adjustedHalfWidth / b.halfWidth).toBeCloseTo(t(1 - 0.05 / 4) / t(0.975), 12);
    // partial-0.8 − partial-0.5 is the reverse of the pair (partial-0.5, partial-0.8).
    expect(b.mean).toBe(-d.mean);
    expect([b.lower, b.upper]).toEqual([-d.upper, -d.lower]);
    expect(b.varianceRatio).toBe(d.varianceRatio);
  });

  it('stopWhen stops at the first batch boundary where every half-width target is met, the same every run', async () => {
    const options = {
      scenario,
      strategies: [national],
      replications: 200,
      seed: 9,
      stopWhen: { halfWidth: { totalSpendEur: { relative: 0.03 } }, batch: 4, minReplications: 8 },
    };
    const progress: number[] = [];
    const a = await runExperiment({ ...options, onProgress: (p) => progress.push(p.replication) });
    expect(a.status).toBe('stopped');
    expect(a.replications % 4).toBe(0);
    expect(a.replications).toBeLessThan(200);
    expect(a.replications).toBeGreaterThan(8);
    expect(progress).toEqual(Array.from({ length: a.replications }, (_, i) => i));
    const spend = a.strategies[0]!.kpis.totalSpendEur!;
    expect(spend.halfWidth).toBeLessThanOrEqual(0.03 * spend.mean);
    // One batch earlier the target was not met.
    const { stopWhen: _stop, ...fixed } = options;
    const earlier = await runExperiment({ ...fixed, replications: a.replications - 4 });
    const e = earlier.strategies[0]!.kpis.totalSpendEur!;
    expect(e.halfWidth).toBeGreaterThan(0.03 * e.mean);
    expect(JSON.stringify(await runExperiment(options))).toBe(JSON.stringify(a));
    // "At most" may be as large as a user likes: nothing is sized by it before the first replication.
    const unbounded = await runExperiment({ ...options, replications: 1e9 });
    expect(unbounded.replications).toBe(a.replications);
    expect(unbounded.strategies[0]!.kpis.totalSpendEur).toEqual(spend);
  });

  it('a signal aborted mid-run returns the finished prefix with status "cancelled"', async () => {
    const controller = new AbortController();
    const result = await runExperiment({
      scenario,
      strategies: [national],
      replications: 50,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.completed === 3) controller.abort();
      },
    });
    expect(result.status).toBe('cancelled');
    expect(result.replications).toBe(3);
  });

  it('keepRecords keeps one record per replication, in index order', async () => {
    const result = await runExperiment({
      scenario,
      strategies: [national],
      replications: 3,
      keepRecords: true,
    });
    expect(result.records?.map((r) => r.replication)).toEqual([0, 1, 2]);
    expect(result.records?.[0]?.values).toHaveLength(1);
  });

  it('rejects bad options before running anything', async () => {
    const base = { scenario, strategies: [national], replications: 2 };
    await expect(runExperiment(null as unknown as typeof base)).rejects.toThrow(
      'runExperiment: options must be an object (got null). Pass { scenario, strategies, replications }.',
    );
    await expect(runExperiment({ ...base, replications: 0 })).rejects.toThrow(
      /replications must be an integer >= 1/,
    );
    await expect(runExperiment({ ...base, level: 1 })).rejects.toThrow(
      /level must be strictly between 0 and 1/,
    );
    // A misspelt option is an error, not a run on the default it meant to change.
    const typo = { ...base, seriesEvry: 'month' } as unknown as typeof base;
    await expect(runExperiment(typo)).rejects.toThrow(
      /^runExperiment: options\.seriesEvry is not an option \(got "month"\)\. Did you mean 'seriesEvery'\? Options: scenario, /,
    );
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ onProgress: 5 }, /options\.onProgress must be a function \(got 5\)/],
      [{ signal: 'abort' }, /options\.signal must be an AbortSignal \(got "abort"\)/],
      [{ keepRecords: 'yes' }, /options\.keepRecords must be true or false \(got "yes"\)/],
      [
        { shard: 5 },
        /^runExperiment: options\.shard must be an object \{ index, count \} \(got 5\)\. E\.g\./,
      ],
      [{ resultsFile: '' }, /^runExperiment: options\.resultsFile must be a file's path \(got ""\)\./],
      [{ resultsFile: 5 }, /^runExperiment: options\.resultsFile must be a file's path \(got 5\)\./],
      [
        { scenario: undefined },
        /^runExperiment: options\.scenario has 1 problem:\n {2}- \(root\): must be an object/,
      ],
    ];
    for (const [options, message] of bad) {
      await expect(runExperiment({ ...base, ...options } as typeof base)).rejects.toThrow(message);
    }
    for (const seed of [Number.NaN, Number.POSITIVE_INFINITY, '', null as unknown as number]) {
      await expect(runExperiment({ ...base, seed })).rejects.toThrow(
        /options\.seed must be a finite number or a non-empty string/,
      );
    }
    await expect(runExperiment({ ...base, baseline: 'nope' })).rejects.toThrow(
      /baseline is not one of the strategies/,
    );
    await expect(runExperiment({ ...base, strategies: [national, national] })).rejects.toThrow(
      'runExperiment: options.strategies[1].name is used twice (got "national-only"). Give each strategy a unique name',
    );
    await expect(runExperiment({ ...base, strategies: [] })).rejects.toThrow(
      'runExperiment: options.strategies must be a non-empty array (got []). Pass at least one strategy.',
    );
    await expect(runExperiment({ ...base, workers: 2 })).rejects.toThrow(/cannot cross to a worker thread/);
    await expect(
      runExperiment({ ...base, stopWhen: { halfWidth: { nope: { absolute: 1 } } } }),
    ).rejects.toThrow(/is not a KPI of this scenario/);
    await expect(
      runExperiment({ ...base, stopWhen: { halfWidth: { fillrate: { absolute: 1 } } } }),
    ).rejects.toThrow(/is not a KPI of this scenario\. Did you mean 'fillRate'\? Use one of: /);
    type Stop = NonNullable<Parameters<typeof runExperiment>[0]['stopWhen']>;
    const stopping: [unknown, string][] = [
      [
        { halfwidth: { fillRate: { absolute: 0.01 } } },
        'runExperiment: options.stopWhen.halfwidth is not an option (got {"fillRate":{"absolute":0.01}}). Did you mean \'halfWidth\'? Options: halfWidth, batch, minReplications.',
      ],
      [
        { halfWidth: { fillRate: { absolute: 0.01 } }, every: 5 },
        'runExperiment: options.stopWhen.every is not an option (got 5). Options: halfWidth, batch, minReplications.',
      ],
      [
        { halfWidth: { fillRate: { absolute: 0.01, relative: 0.1 } } },
        'runExperiment: options.stopWhen.halfWidth["fillRate"] must give absolute or relative, not both (got {"absolute":0.01,"relative":0.1}).',
      ],
      [
        { halfWidth: { fillRate: { absolut: 0.01 } } },
        `runExperiment: options.stopWhen.halfWidth["fillRate"].absolut is not an option (got 0.01). Did you mean 'absolute'? Options: absolute, relative.`,
      ],
      [
        5,
        'runExperiment: options.stopWhen must be an object { halfWidth, batch?, minReplications? } (got 5).',
      ],
      [
        { halfWidth: { fillRate: { absolute: 0.01 } }, minReplications: 500 },
        'runExperiment: options.stopWhen.minReplications exceeds replications (2), so the rule would never be checked (got 500). Raise replications',
      ],
      [
        // The default, never written by the user, is named as such.
        { halfWidth: { fillRate: { absolute: 0.01 } } },
        'runExperiment: options.stopWhen.minReplications is left at its default, 30, which exceeds replications (2), so the rule would never be checked. Raise replications to at least 30, pass a stopWhen.minReplications of at most 2, or drop stopWhen.',
      ],
      [
        { halfWidth: { fillRate: { absolute: 0.01 } }, minReplications: 1 },
        'runExperiment: options.stopWhen.minReplications must be an integer >= 2. Use the default, 30, unless a pilot run showed the KPIs close to normal (got 1).',
      ],
    ];
    for (const [stopWhen, message] of stopping) {
      await expect(runExperiment({ ...base, stopWhen: stopWhen as Stop })).rejects.toThrow(message);
    }
    await expect(runExperiment({ ...base, shard: { index: 0, count: 2 } })).rejects.toThrow(
      /resultsFile is required with shard/,
    );
    await expect(
      runExperiment({ ...base, strategies: [42] as unknown as typeof base.strategies }),
    ).rejects.toThrow(
      /strategies\[0\] must be a strategy \(got 42\)\. Give a module name such as "pooled", \{ module, export\?, params\?, name\? \} or \{ name, create \}\.$/,
    );
    // A module that does not import is one of the strategies' problems, listed with the others'.
    await expect(
      runExperiment({
        ...base,
        strategies: [{ module: './missing.js' }, { module: 'pooled', params: { nope: 1 } }],
      }),
    ).rejects.toThrow(
      /^runExperiment: options has 2 problems:\n {2}- strategies\[0\]\.module: cannot find "\.\/missing\.js" .*Fix: Check the path.*\n {2}- strategies\[1\]\.params\.nope: unknown field 'nope'/,
    );
    // A strategy itself, as runScenario takes it, is told apart from a factory with a misspelt field.
    await expect(
      runExperiment({ ...base, strategies: [nationalOnly] as unknown as typeof base.strategies }),
    ).rejects.toThrow(
      /^runExperiment: options\.strategies\[0\] is a strategy, where an experiment takes a factory or a module .*create: \(\) => strategy, .*or the module that exports it \("national-only"\)\.$/,
    );
    await expect(
      runExperiment({ ...base, strategies: [{ module: 'pooled', params: { nope: 1 } }] }),
    ).rejects.toThrow(/nope/);
    await expect(runExperiment({ ...base, scenario: { ...scenario, endDate: 'soon' } })).rejects.toThrow(
      /endDate/,
    );
  });

  it('checks strategy parameters against the scenario before the first replication, as modules, factories or in workers', async () => {
    let progress = 0;
    const base = { scenario, replications: 2, seed: 1, onProgress: () => progress++ };
    const cases: [Parameters<typeof runExperiment>[0]['strategies'], RegExp][] = [
      [
        [national, { module: 'bilateral', params: { among: ['AA', 'XX'] } }],
        /runExperiment: options has 1 problem:\n {2}- strategies\[1\]\.params\.among: unknown nation "XX" \(strategy "bilateral"\)\. Fix: Use nation ids of the scenario: AA\./,
      ],
      [
        [
          {
            name: 'pooled',
            create: () => createPooled({ allocation: 'contribution', contributions: { XX: 1 } }),
          },
        ],
        /contributions\.XX: unknown nation "XX"/,
      ],
      [
        [{ module: 'switch', params: { date: '2027-06-01', before: 'national-only', after: 'pooled' } }],
        /date: 2027-06-01 is after the last monthly review \(2026-12-01\)/,
      ],
    ];
    for (const [strategies, message] of cases) {
      const error = await runExperiment({ ...base, strategies }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ScenarioError);
      expect((error as ScenarioError).message).toMatch(message);
    }
    // Worker threads load strategies by module specifier; the calling thread checks them first.
    const modules = cases[0]![0].filter((s) => typeof s === 'object' && 'module' in s);
    await expect(runExperiment({ ...base, strategies: modules, workers: 2 })).rejects.toThrow(ScenarioError);
    expect(progress).toBe(0);
  });

  it('reports the problems of every strategy at once, each under its index and named, when loading and when checking', async () => {
    const base = { scenario, replications: 1, seed: 1 };
    const problems = async (strategies: Parameters<typeof runExperiment>[0]['strategies']) => {
      const error = await runExperiment({ ...base, strategies }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ScenarioError);
      expect((error as ScenarioError).source).toBe('runExperiment: options');
      return (error as ScenarioError).issues.map((i) => `${i.path}: ${i.message}`);
    };
    // Parameters that do not parse (a switch part's too) and a module that is no strategy, found loading.
    expect(
      await problems([
        { module: 'bilateral', name: 'b1', params: { among: 'AA' } },
        national,
        { module: 'pooled', name: 'p', params: { nope: 1 } },
        { module: 'node:path', name: 'path' },
        { module: 'pooled', name: 'p2', parms: { frameworkLengthMonths: 12 } } as never,
        { name: 'f', create: () => nationalOnly, parms: {} } as never,
        {
          module: 'switch',
          name: 's',
          params: {
            date: '2026-06-01',
            before: 'national-only',
            after: { module: 'bilateral', params: { among: 'AA' } },
          },
        },
      ]),
    ).toEqual([
      'strategies[0].params.among: unknown membership "AA" (strategy "b1")',
      'strategies[2].params.nope: unknown field \'nope\' (strategy "p")',
      expect.stringMatching(/^strategies\[3\]\.module: .* \(strategy "path"\)$/),
      "strategies[4].parms: unknown field 'parms'; did you mean 'params'? (strategy \"p2\")",
      "strategies[5].parms: unknown field 'parms'; did you mean 'params'? (strategy \"f\")",
      'strategies[6].params.after.among: unknown membership "AA" (strategy "s")',
    ]);
    // Two variants of one module that do not fit the scenario, found by their checks.
    expect(
      await problems([
        { module: 'bilateral', name: 'b1', params: { among: ['AA', 'XX'] } },
        { module: 'bilateral', name: 'b2', params: { among: ['YY', 'AA'] } },
      ]),
    ).toEqual([
      'strategies[0].params.among: unknown nation "XX" (strategy "b1")',
      'strategies[1].params.among: unknown nation "YY" (strategy "b2")',
    ]);
  });

  it('a strategy that cannot be created is not checked: it fails in its first replication, as a ReplicationError', async () => {
    const failing = {
      name: 'failing',
      create: (): never => {
        throw new RangeError('planned failure');
      },
    };
    const error = await runExperiment({ scenario, strategies: [failing], replications: 1 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ReplicationError);
    expect((error as ReplicationError).replication).toBe(0);
    expect(((error as ReplicationError).cause as Error).message).toBe('planned failure');
  });

  it('a replication (runReplication, what worker threads run) does not validate the scenario again', async () => {
    const valid = validateScenario(scenario);
    // Validation lists the root's fields; a run reads only the fields it needs.
    let listed = 0;
    const copy = new Proxy(valid, {
      ownKeys(target) {
        listed++;
        return Reflect.ownKeys(target);
      },
    });
    const strategies = [{ ...national, descriptor: { name: national.name } }];
    const context = { scenario: copy, seed: '1', layout: recordLayout(valid), strategies };
    expect((await runReplication(context, 0)).status).toBe('ok');
    expect(listed).toBe(0);
  });
});
