import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DibsimError, ReplicationError } from '../../../src/errors.js';
import { contentHash } from '../../../src/experiment/canonical.js';
import { replay } from '../../../src/experiment/replay.js';
import { runExperiment } from '../../../src/experiment/run-experiment.js';
import { mergeShards } from '../../../src/experiment/shards.js';
import { validateScenario } from '../../../src/model/validate.js';
import { national, randomSmallScenario, STRATEGIES_MODULE } from './helpers.js';

const scenario = randomSmallScenario();
const valid = validateScenario(scenario);
const throwingAt3 = { module: STRATEGIES_MODULE, export: 'throwingAt', params: { replication: 3 } };
const strategies = [national, throwingAt3];

async function failure(workers: number): Promise<ReplicationError> {
  const error = await runExperiment({
    scenario,
    strategies: workers > 0 ? [throwingAt3] : strategies,
    replications: 6,
    seed: 'r',
    workers,
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ReplicationError);
  return error as ReplicationError;
}

describe('ReplicationError and replay', () => {
  it('runExperiment throws a ReplicationError with seed, replication, strategy and scenario hash', async () => {
    const error = await failure(0);
    expect(error).toBeInstanceOf(DibsimError);
    expect(error.code).toBe('REPLICATION_FAILED');
    expect([error.seed, error.replication, error.strategy]).toEqual(['r', 3, 'throwing']);
    expect(error.scenarioHash).toBe(contentHash(validateScenario(scenario)));
    // In the calling thread the cause keeps its class.
    expect(error.cause).toBeInstanceOf(RangeError);
    expect(error.message).toMatch(
      /Replication 3 of strategy "throwing" failed .*planned failure in replication 3.*replay/,
    );
  });

  it('a cause whose message ends in a period reads as one sentence, not "..", before the replay advice', () => {
    const context = { seed: '1', replication: 8, strategy: 's', scenarioHash: 'ab'.repeat(32) };
    const cause = new DibsimError(
      'INVALID_STATE',
      'placeOrder: the context was used after its call. Use the current one.',
    );
    const error = new ReplicationError(context, cause);
    expect(error.message).toBe(
      'Replication 8 of strategy "s" failed (seed 1, scenario abababababab): DibsimError: placeOrder: the context was used after its call. Use the current one. Call replay(error, scenario, strategies) to rerun it in this thread.',
    );
    expect(new ReplicationError(context, 'x').message).toContain(': "x". Call replay');
    // The seed is stored as a string: one a number gives (9 and "9" are one seed) reads as that number.
    const seeded = (seed: string) => new ReplicationError({ ...context, seed }, 'x').message;
    expect(seeded('9')).toContain('(seed 9, scenario');
    expect(seeded('-2.5')).toContain('(seed -2.5, scenario');
    for (const text of ['r', '07', 'NaN', '1e3', ' 9']) {
      expect(seeded(text)).toContain(`(seed ${JSON.stringify(text)}, scenario`);
    }
  });

  it('replay(error, scenario, strategies) reruns that replication serially and throws the original error', async () => {
    const error = await failure(0);
    await expect(replay(error, scenario, strategies)).rejects.toThrow(RangeError);
    await expect(replay(error, scenario, strategies)).rejects.toThrow('planned failure in replication 3');
  });

  it('replay(error, scenario) loads a strategy given as a module from the error, in this thread or from a worker', async () => {
    for (const workers of [0, 2]) {
      const error = await failure(workers);
      expect(error.strategyModule).toEqual({
        module: STRATEGIES_MODULE,
        export: 'throwingAt',
        params: { replication: 3 },
      });
      expect(error.message).toMatch(/Call replay\(error, scenario\) to rerun it/);
      await expect(replay(error, scenario)).rejects.toThrow('planned failure in replication 3');
    }
  });

  it('replay(error, scenario) without strategies asks for them when the strategy was a factory', async () => {
    const context = {
      seed: 'r',
      replication: 3,
      strategy: 'national-only',
      scenarioHash: contentHash(valid),
    };
    const error = new ReplicationError(context, new RangeError('x'));
    expect(error.strategyModule).toBeUndefined();
    expect(error.message).toMatch(/Call replay\(error, scenario, strategies\) to rerun it/);
    await expect(replay(error, scenario)).rejects.toThrow(
      'replay: strategy "national-only" was given as { name, create }, which the error cannot carry. Pass the experiment\'s strategies: replay(error, scenario, strategies).',
    );
    expect((await replay(error, scenario, [national])).replication).toBe(3);
  });

  it('replay refuses another scenario or a missing strategy, and returns the result if nothing fails', async () => {
    const error = await failure(0);
    await expect(replay(error, { ...scenario, name: 'other' }, strategies)).rejects.toThrow(
      /scenario's hash/,
    );
    await expect(replay(error, scenario, [national])).rejects.toThrow(/no strategy is named "throwing"/);
    await expect(replay(error, scenario, [])).rejects.toThrow(
      /^replay: strategies must be a non-empty array/,
    );
    for (const notOne of [new Error('plain'), undefined]) {
      await expect(replay(notOne as ReplicationError, scenario, strategies)).rejects.toThrow(
        /replay: error must be a ReplicationError, as runExperiment throws/,
      );
    }
    const ok = new ReplicationError({ ...error, strategy: 'national-only' }, undefined);
    expect((await replay(ok, scenario, strategies)).replication).toBe(3);
  });

  it("onError: 'skip' leaves the replication out for every strategy and lists it", async () => {
    const result = await runExperiment({ scenario, strategies, replications: 6, seed: 'r', onError: 'skip' });
    expect(result.replications).toBe(5);
    expect(result.failures).toEqual([
      {
        replication: 3,
        strategy: 'throwing',
        name: 'RangeError',
        message: 'planned failure in replication 3',
      },
    ]);
    expect(result.comparisons.pairs[0]!.kpis.fillRate!.n).toBe(5);
  });

  it("onError: 'skip' with every replication failed throws the first failure's ReplicationError, saying so (no empty result marked complete)", async () => {
    const throwingAt0 = { ...throwingAt3, params: { replication: 0 } };
    for (const workers of [0, 2]) {
      const error = await runExperiment({
        scenario,
        // A factory cannot go to worker threads; the replication fails for one strategy, and so for all.
        strategies: workers > 0 ? [throwingAt0] : [national, throwingAt0],
        replications: 1,
        seed: 'r',
        onError: 'skip',
        workers,
      }).catch((e: unknown) => e);
      expect(error, `workers ${workers}`).toBeInstanceOf(ReplicationError);
      const e = error as ReplicationError;
      expect([e.seed, e.replication, e.strategy]).toEqual(['r', 0, 'throwing']);
      expect(e.message).toMatch(
        /^Every replication failed \(1 of 1\), so there is no result to report, even with onError: 'skip'\. The first: Replication 0 of strategy "throwing" failed .*planned failure in replication 0.*Call replay/,
      );
      await expect(replay(e, scenario, [throwingAt0])).rejects.toThrow('planned failure in replication 0');
    }
  });

  it("onError: 'skip' with every replication of a shard failed finishes the shard: the merge judges the whole", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dibsim-skip-shards-'));
    const throwingAt0 = { ...throwingAt3, params: { replication: 0 } };
    const common = {
      scenario,
      strategies: [throwingAt0],
      replications: 2,
      seed: 'r',
      onError: 'skip',
    } as const;
    const files = [0, 1].map((index) => join(dir, `shard-${index}.jsonl`));
    // Shard 0 holds replication 0 only, which fails; shard 1 holds replication 1, which does not.
    const shard0 = await runExperiment({ ...common, shard: { index: 0, count: 2 }, resultsFile: files[0]! });
    expect([shard0.replications, shard0.failures.map((f) => f.replication)]).toEqual([0, [0]]);
    await runExperiment({ ...common, shard: { index: 1, count: 2 }, resultsFile: files[1]! });
    const merged = mergeShards(files);
    expect([merged.replications, merged.failures.map((f) => f.replication)]).toEqual([1, [0]]);
    // Where every replication of the whole run failed, the merge throws as the run would.
    await expect(
      runExperiment({
        ...common,
        replications: 1,
        shard: { index: 0, count: 1 },
        resultsFile: join(dir, 'one.jsonl'),
      }),
    ).resolves.toMatchObject({ replications: 0 });
    expect(() => mergeShards([join(dir, 'one.jsonl')])).toThrow(/^Every replication failed \(1 of 1\)/);
  });

  it('a failure in a worker thread comes back as data and becomes the same ReplicationError', async () => {
    const error = await failure(2);
    expect([error.seed, error.replication, error.strategy]).toEqual(['r', 3, 'throwing']);
    expect((error.cause as Error).name).toBe('RangeError');
    expect((error.cause as Error).message).toBe('planned failure in replication 3');
    await expect(replay(error, scenario, [throwingAt3])).rejects.toThrow(RangeError);
  });
});
