import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeFailure, ResultsKeptError, UsageError } from '../../../src/cli/errors.js';
import { ReplicationError } from '../../../src/errors.js';

/** The error Node throws for `open(path)` on a missing file. */
function missingFileError(path: string): unknown {
  try {
    readFileSync(path);
  } catch (error) {
    return error;
  }
  throw new Error(`${path} exists`);
}

describe('describeFailure', () => {
  it('an operating-system error on a path is bad input (exit 2): one line naming the path and the fix', () => {
    const failure = describeFailure(missingFileError('nodir/r.jsonl'), false);
    expect(failure.code).toBe(2);
    expect(failure.text).toBe(
      'error: cannot open nodir/r.jsonl (ENOENT): it does not exist (or a folder on its path is missing). Check the path, or create the folder first.\n',
    );
    expect(describeFailure(missingFileError('nodir/r.jsonl'), true).text).toMatch(/\n\s+at /);
  });

  it('an error without a path is still a failed run (exit 1)', () => {
    const failure = describeFailure(new TypeError('x is not a function'), false);
    expect(failure.code).toBe(1);
    expect(failure.text).toMatch(/^error: TypeError: x is not a function\n\(run again with --debug/);
    // A plain Error's name would repeat the "error:" prefix.
    expect(describeFailure(new Error('boom on day 425'), false).text).toMatch(
      /^error: boom on day 425\n\(run again with --debug/,
    );
  });

  it('ResultsKeptError keeps the exit code of its cause and adds where the replications are', () => {
    const kept = (cause: unknown) =>
      describeFailure(new ResultsKeptError(cause, 'r.jsonl', 'dibsim x'), false);
    const usage = kept(new UsageError('bad folder'));
    expect(usage.code).toBe(2);
    expect(usage.text).toBe(
      'error: bad folder\nThe finished replications are kept in r.jsonl. Once that is fixed, write the results without running them again:\n  dibsim x\n',
    );
    const context = { seed: '1', replication: 0, strategy: 's', scenarioHash: 'h' };
    expect(kept(new ReplicationError(context, new Error('boom'))).code).toBe(1);
  });
});
