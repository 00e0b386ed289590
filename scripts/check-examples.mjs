// Runs every examples/NN-*.ts with tsx and compares its stdout with the checked-in .out file.
// `node scripts/check-examples.mjs --update` rewrites the .out files (review the diff before committing).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = new URL('../examples/', import.meta.url).pathname;
const update = process.argv.includes('--update');
const tsx = join(dir, '..', 'node_modules', '.bin', 'tsx');
let failed = 0;
for (const file of readdirSync(dir)
  .filter((f) => /^\d\d-.*\.ts$/.test(f))
  .sort()) {
  const expectedPath = join(dir, file.replace(/\.ts$/, '.out'));
  const actual = execFileSync(tsx, [join(dir, file)], { encoding: 'utf8', cwd: join(dir, '..') });
  if (update || !existsSync(expectedPath)) {
    writeFileSync(expectedPath, actual);
    console.log(`wrote ${file.replace(/\.ts$/, '.out')}`);
    continue;
  }
  const expected = readFileSync(expectedPath, 'utf8');
  if (actual === expected) {
    console.log(`ok   ${file}`);
  } else {
    failed++;
    console.log(`FAIL ${file}: output differs from ${expectedPath}`);
    const a = actual.split('\n');
    const e = expected.split('\n');
    for (let i = 0; i < Math.max(a.length, e.length); i++) {
      if (a[i] !== e[i]) {
        console.log(`  line ${i + 1}\n  expected: ${e[i]}\n  actual:   ${a[i]}`);
        break;
      }
    }
  }
}
if (failed > 0) {
  console.log(
    `${failed} example(s) differ. If the change is intended: node scripts/check-examples.mjs --update`,
  );
  process.exit(1);
}
