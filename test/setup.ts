import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll } from 'vitest';

// Property tests run with a pinned seed in CI (FC_SEED) so a failure replays exactly;
// fast-check prints the seed and path of any counterexample.
const seedText = process.env.FC_SEED;
if (seedText !== undefined && seedText !== '') {
  const seed = Number(seedText);
  if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer (got ${seedText}).`);
  fc.configureGlobal({ seed });
}

// Each test file writes its temporary files (results files, reports, CLI runs) under a folder of its own,
// removed when the file's tests end: tmpdir() reads TMPDIR, and child processes inherit it.
const systemTmp = process.env.TMPDIR;
const fileTmp = mkdtempSync(join(tmpdir(), 'dibsim-test-'));
process.env.TMPDIR = fileTmp;
afterAll(() => {
  if (systemTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = systemTmp;
  rmSync(fileTmp, { recursive: true, force: true });
});
