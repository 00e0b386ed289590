import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { executeCaptured, workDir } from './run-cli.js';

// A one-core machine, so that two worker threads are already too many: the test starts no more than two.
vi.mock('node:os', async (importOriginal) => ({
  ...(await importOriginal<typeof import('node:os')>()),
  availableParallelism: () => 1,
}));

/** The small random scenario, by absolute path (in-process runs share the test's working directory). */
const SMALL = join(workDir(), 'small.json');

const NOTE =
  /^Note: --workers (\d+) starts (\d+) worker threads? on this machine's 1 core \(os\.availableParallelism\(\)\): the results are the same, but the threads take turns on the cores, so the run is no faster, and each holds its own copy of the model \(tens of MB\)\. Pass --workers 1\.$/m;

describe('dibsim --workers above the cores', () => {
  let stdout: MockInstance<typeof process.stdout.write>;
  let stderr: MockInstance<typeof process.stderr.write>;
  const written = (spy: MockInstance<typeof process.stdout.write>) =>
    spy.mock.calls.map((c) => String(c[0])).join('');
  beforeEach(() => {
    // Commands print results and notes on process.stdout and process.stderr themselves.
    stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('run --workers 2 on one core prints one note on stderr saying what it costs and to pass --workers 1; stdout stays JSON', async () => {
    const args = ['run', SMALL, '--replications', '2', '--progress', 'none', '--format', 'json'];
    const run = await executeCaptured([...args, '--workers', '2']);
    expect(run.code, run.stderr).toBe(0);
    const notes = written(stderr).match(new RegExp(NOTE, 'gm')) ?? [];
    expect(notes).toHaveLength(1);
    expect(NOTE.exec(written(stderr))?.slice(1, 3)).toEqual(['2', '2']);
    expect(JSON.parse(written(stdout)).replications).toBe(2);
  });

  it('no note for --workers 1, nor for --workers 8 with one replication (one thread starts)', async () => {
    const args = ['run', SMALL, '--progress', 'none', '--format', 'json'];
    expect((await executeCaptured([...args, '--replications', '2', '--workers', '1'])).code).toBe(0);
    expect((await executeCaptured([...args, '--replications', '1', '--workers', '8'])).code).toBe(0);
    expect(written(stderr)).not.toMatch(/Note: --workers/);
  });

  it('sweep --workers 2 on one core prints the note once, for the whole sweep', async () => {
    const args = [
      'sweep',
      SMALL,
      '--lever',
      'procurement.awardDelayDays=30,180',
      '--strategy',
      'national-only',
    ];
    const options = ['--replications', '2', '--workers', '2', '--progress', 'none', '--format', 'csv'];
    const run = await executeCaptured([...args, ...options]);
    expect(run.code, run.stderr).toBe(0);
    expect(written(stderr).match(new RegExp(NOTE, 'gm'))).toHaveLength(1);
  });
});
