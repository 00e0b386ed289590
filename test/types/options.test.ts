// Options written as `undefined` mean "left out", in the types and at run time. Callers often pass their own
// optional values through (`{ workers: opts.workers }`); under `exactOptionalPropertyTypes`, which the
// repository's tsconfig sets, `tsc --noEmit` fails on this file unless each option's type admits undefined.
import { describe, expect, it } from 'vitest';
import {
  batchMeans,
  Container,
  confidenceInterval,
  createBilateral,
  createPooled,
  createStreams,
  KaplanMeier,
  loadStrategy,
  type ProcurementStrategy,
  Resource,
  resolvePooledParams,
  runExperiment,
  runScenario,
  Simulation,
  Store,
  Tally,
  TimeWeighted,
  wilsonInterval,
} from '../../src/index.js';
import { randomSmallScenario } from '../unit/experiment/helpers.js';

/** A value the compiler cannot see is undefined, as a caller's own optional setting would be. */
function unset<T>(): T | undefined {
  return undefined;
}

describe('options written as undefined', () => {
  it('runExperiment: every option undefined gives the result of leaving them all out', async () => {
    const scenario = randomSmallScenario();
    const common = { scenario, strategies: ['national-only', 'pooled'], replications: 3 } as const;
    const plain = await runExperiment(common);
    const written = await runExperiment({
      ...common,
      seed: unset<number>(),
      baseline: unset<string>(),
      level: unset<number>(),
      quantileAccuracy: unset<number>(),
      seriesEvery: unset<'month'>(),
      stopWhen: unset<{ halfWidth: Record<string, { absolute: number }> }>(),
      onError: unset<'skip'>(),
      onProgress: unset<() => void>(),
      signal: unset<AbortSignal>(),
      keepRecords: unset<boolean>(),
      workers: unset<number>(),
      chunkSize: unset<number>(),
      resultsFile: unset<string>(),
      shard: unset<{ index: number; count: number }>(),
    });
    expect(written.strategies).toEqual(plain.strategies);
    expect(written.comparisons).toEqual(plain.comparisons);
    expect(written.manifest.seed).toBe(plain.manifest.seed);
  });

  it('runScenario and loadStrategy', async () => {
    const scenario = randomSmallScenario();
    const strategy = await loadStrategy('pooled', { baseUrl: unset<string>() });
    const plain = runScenario(scenario, { strategy });
    const written = runScenario(scenario, {
      strategy,
      seed: unset<number>(),
      replication: unset<number>(),
      demand: unset(),
    });
    expect(written.kpis).toEqual(plain.kpis);
  });

  it('strategy parameters', async () => {
    const scenario = randomSmallScenario();
    const kpisOf = (strategy: ProcurementStrategy) => runScenario(scenario, { strategy, seed: 4 }).kpis;
    const pooled = createPooled({
      frameworkLengthMonths: unset<number>(),
      thirdStates: { enabled: unset<boolean>(), nonEuContentCap: unset<number>() },
      pooledStock: unset(),
    });
    expect(kpisOf(pooled)).toEqual(kpisOf(createPooled()));
    const given = {
      thirdStates: {
        enabled: unset<boolean>(),
        admissionDelayDays: unset<number>(),
        nonEuContentCap: unset<number>(),
      },
      pooledStock: { enabled: unset<boolean>(), safetyDays: unset<number>() },
    };
    expect(resolvePooledParams(given)).toEqual(resolvePooledParams({ thirdStates: {}, pooledStock: {} }));
    const bilateral = createBilateral({ setUpDelayDays: unset<number>(), aggregate: unset<boolean>() });
    expect(kpisOf(bilateral)).toEqual(kpisOf(createBilateral()));
  });

  it('the kernel: simulation, resource, store, container', () => {
    const sim = new Simulation({ initialTime: unset<number>() });
    const resource = new Resource(sim, { capacity: 1, stats: unset<boolean>() });
    const store = new Store<number>(sim, { capacity: unset<number>(), stats: unset<boolean>() });
    const container = new Container(sim, {
      capacity: unset<number>(),
      init: unset<number>(),
      stats: unset(),
    });
    const served: number[] = [];
    sim.process(function* () {
      const request = resource.request({ priority: unset<number>(), preempt: unset<boolean>() });
      yield request;
      yield sim.timeout(2, undefined, { priority: unset<number>() });
      served.push(sim.now);
      resource.release(request);
      yield store.put(1);
      yield container.put(5);
    });
    sim.run({ until: unset<number>() });
    expect(served).toEqual([2]);
    expect(store.items).toEqual([1]);
    expect(container.level).toBe(5);
  });

  it('statistics and random streams', () => {
    const tally = new Tally();
    for (const x of [1, 2, 4, 8]) tally.add(x);
    expect(confidenceInterval(tally, { level: unset<number>() })).toEqual(confidenceInterval(tally));
    const values = Array.from({ length: 40 }, (_, i) => (i * 7) % 11);
    expect(
      batchMeans(values, { batches: unset<number>(), batchSize: unset<number>(), level: unset() }),
    ).toEqual(batchMeans(values));
    const written = new TimeWeighted({ time: unset<number>(), level: unset<number>() });
    const plain = new TimeWeighted();
    for (const weighted of [written, plain]) weighted.update(3, 1);
    expect(written.mean(5)).toBe(plain.mean(5));
    const km = new KaplanMeier();
    for (const day of [3, 5, 8]) km.add(day, true);
    expect(km.median({ level: unset<number>() })).toEqual(km.median());
    expect(wilsonInterval(3, 10, { level: unset<number>() })).toEqual(wilsonInterval(3, 10));
    const a = createStreams(7, { replication: unset<number>() }).stream('demand');
    const b = createStreams(7).stream('demand');
    expect([a(), a()]).toEqual([b(), b()]);
  });
});
