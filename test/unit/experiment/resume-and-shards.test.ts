import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runExperiment } from '../../../src/experiment/run-experiment.js';
import { mergeShards } from '../../../src/experiment/shards.js';
import { randomSmallScenario, STRATEGIES_MODULE } from './helpers.js';

const CHILD = fileURLToPath(new URL('./fixtures/run-with-file.mjs', import.meta.url));
const base = {
  scenario: randomSmallScenario(),
  strategies: [
    { module: STRATEGIES_MODULE },
    { module: STRATEGIES_MODULE, export: 'partialOrders', params: { share: 0.5 } },
  ],
  replications: 60,
  seed: 'resume',
};
const tempDir = () => mkdtempSync(join(tmpdir(), 'dibsim-experiment-'));
const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '');

/** Runs the child until it reports `after` finished replications, then SIGKILLs it. */
function runAndKill(optionsFile: string, after: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, optionsFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let seen = 0;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdout.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n')) {
        if (/^\d+$/.test(line)) seen = Math.max(seen, Number(line));
      }
      if (seen >= after) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(seen);
      else reject(new Error(`child exited with ${code} before it was killed: ${stderr}`));
    });
  });
}

describe('results files: resume after a kill', () => {
  it('a run SIGKILLed mid-way (torn last line) resumes to the bit-identical result of an uninterrupted run', async () => {
    const dir = tempDir();
    const file = join(dir, 'results.jsonl');
    const options = { ...base, resultsFile: file, workers: 2 };
    const optionsFile = join(dir, 'options.json');
    writeFileSync(optionsFile, JSON.stringify(options));
    const killedAfter = await runAndKill(optionsFile, 12);
    expect(killedAfter).toBeLessThan(base.replications);
    // Tear the last line, as a kill during a write would.
    const written = lines(file).length;
    truncateSync(file, statSync(file).size - 25);
    const resumed = await runExperiment(options);
    const uninterrupted = await runExperiment(base);
    expect(JSON.stringify(resumed)).toBe(JSON.stringify(uninterrupted));
    // Header plus each replication exactly once, nothing torn.
    const after = lines(file);
    expect(after.length).toBe(1 + base.replications);
    const indices = after.slice(1).map((l) => (JSON.parse(l) as { replication: number }).replication);
    expect(new Set(indices).size).toBe(base.replications);
    expect(written).toBeGreaterThan(1);
  });

  it('resuming again changes nothing, and a file from another experiment is refused', async () => {
    const file = join(tempDir(), 'results.jsonl');
    const first = await runExperiment({ ...base, replications: 6, resultsFile: file });
    const again = await runExperiment({ ...base, replications: 6, resultsFile: file });
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
    await expect(
      runExperiment({ ...base, replications: 6, seed: 'other', resultsFile: file }),
    ).rejects.toThrow(
      /was written by a different experiment \(differs in: seed\)\. In the file: seed "resume"; in this run: seed "other"\. Use another file/,
    );
  });

  it('a stopping rule with its defaults written out resumes a file of the rule without them', async () => {
    const halfWidth = { fillRate: { absolute: 1e-9 } }; // never met: every replication runs
    const short = { ...base, replications: 40, stopWhen: { halfWidth } };
    const spelt = { ...short, stopWhen: { halfWidth, batch: 10, minReplications: 30 } };
    const file = join(tempDir(), 'results.jsonl');
    const first = await runExperiment({ ...short, resultsFile: file });
    const resumed = await runExperiment({ ...spelt, resultsFile: file });
    expect(lines(file).length).toBe(1 + short.replications); // nothing ran again
    expect(JSON.stringify(resumed.strategies)).toBe(JSON.stringify(first.strategies));
    // A default changed is another rule.
    await expect(
      runExperiment({ ...short, stopWhen: { halfWidth, batch: 20 }, resultsFile: file }),
    ).rejects.toThrow(/differs in: stopWhen/);
  });

  it('a file of the same experiment from a version that records other KPIs is refused as from another version', async () => {
    const file = join(tempDir(), 'results.jsonl');
    await runExperiment({ ...base, replications: 2, resultsFile: file });
    // As a version without the capacityUsed KPI wrote it: its layout and every record lack that column.
    const [head, ...records] = lines(file);
    const header = JSON.parse(head!) as { layout: { scalars: string[] } };
    const column = header.layout.scalars.indexOf('capacityUsed');
    expect(column).toBeGreaterThan(0);
    header.layout.scalars.splice(column, 1);
    const older = records.map((line) => {
      const record = JSON.parse(line) as { values: number[][] };
      for (const values of record.values) values.splice(column, 1);
      return JSON.stringify(record);
    });
    writeFileSync(file, `${[JSON.stringify(header), ...older].join('\n')}\n`);
    await expect(runExperiment({ ...base, replications: 2, resultsFile: file })).rejects.toThrow(
      /was written by this experiment, but its records hold other KPIs or series than this version of dibsim records \(differs in: layout\): it comes from another version\. Use another file/,
    );
  });

  it('onProgress counts the replications read back from the file as resumed, and the rest as run now', async () => {
    const file = join(tempDir(), 'results.jsonl');
    const options = { ...base, replications: 6, resultsFile: file };
    const seen: (readonly [number, number])[] = [];
    await runExperiment({ ...options, onProgress: (p) => seen.push([p.completed, p.resumed]) });
    expect(seen.every(([, resumed]) => resumed === 0)).toBe(true);
    // Keep the header and replications 0–2 (in order: one thread).
    writeFileSync(file, `${lines(file).slice(0, 4).join('\n')}\n`);
    seen.length = 0;
    await runExperiment({ ...options, onProgress: (p) => seen.push([p.completed, p.resumed]) });
    expect(seen).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 3],
      [5, 3],
      [6, 3],
    ]);
  });
});

describe('shards and mergeShards(files)', () => {
  const options = { ...base, replications: 20 };

  it('merging the shards of a split gives exactly the result of the whole run', async () => {
    const dir = tempDir();
    const files = [0, 1, 2].map((i) => join(dir, `shard-${i}.jsonl`));
    for (const [index, file] of files.entries()) {
      const shard = await runExperiment({ ...options, shard: { index, count: 3 }, resultsFile: file });
      expect(shard.manifest.shard).toEqual({ index, count: 3 });
      expect(shard.replications).toBe(index === 2 ? 6 : 7);
    }
    const whole = await runExperiment(options);
    const seen: number[] = [];
    const merged = mergeShards([files[2]!, files[0]!, files[1]!], {
      onProgress: (p) => seen.push(p.completed - p.resumed),
    });
    expect(JSON.stringify(merged)).toBe(JSON.stringify(whole));
    // Every replication was read from a shard file; none ran.
    expect(seen).toEqual(Array<number>(20).fill(0));
  });

  it('refuses shards whose manifests differ, a missing shard and an unfinished one', async () => {
    const dir = tempDir();
    let files = 0;
    const shard = (index: number, extra: object = {}) => {
      const file = join(dir, `s${index}-${files++}.jsonl`);
      return runExperiment({ ...options, ...extra, shard: { index, count: 2 }, resultsFile: file }).then(
        () => file,
      );
    };
    const s0 = await shard(0);
    const s1 = await shard(1);
    const otherSeed = await shard(1, { seed: 'different' });
    expect(() => mergeShards([s0, otherSeed])).toThrow(/differs in: seed/);
    // Shards named as the option writes them, from 0 (the CLI says shard 2/2, from 1).
    expect(() => mergeShards([s0])).toThrow(
      'mergeShards: shard { index: 1, count: 2 } is missing. Pass every shard file.',
    );
    expect(() => mergeShards([s0, s0])).toThrow(/are both shard \{ index: 0, count: 2 \}\. Pass each/);
    // Its arguments are checked before any file is read: a hole in the list, options of the wrong shape.
    expect(() => mergeShards([s0, undefined as unknown as string, s1])).toThrow(
      /^mergeShards: files\[1\] must be the path of a shard file \(got undefined\)\./,
    );
    expect(() => mergeShards(s0 as unknown as string[])).toThrow(
      /^mergeShards: files must be an array of at least one shard file \(got ".*s0-0\.jsonl"\)/,
    );
    expect(() => mergeShards([s0, s1], null as never)).toThrow(
      /^mergeShards\(files, options\): options must be an object \{ keepRecords, onProgress \} \(got null\)/,
    );
    expect(() => mergeShards([s0, s1], { keep: true } as never)).toThrow(/options\.keep is not an option/);
    expect(() => mergeShards([s0, s1], { keepRecords: 'yes' } as never)).toThrow(
      /^mergeShards: options\.keepRecords must be true or false \(got "yes"\)/,
    );
    expect(() => mergeShards([s0, s1], { onProgress: 1 } as never)).toThrow(
      /^mergeShards: options\.onProgress must be a function \(got 1\)\. Pass \(progress\) => \{ … \}\.$/,
    );
    truncateSync(s1, statSync(s1).size - 10);
    expect(() => mergeShards([s0, s1])).toThrow(
      /has no replication 19: shard \{ index: 1, count: 2 \} is unfinished/,
    );
  });
});
