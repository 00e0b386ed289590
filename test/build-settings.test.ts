import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..');

/** The compiler options `npm run build` uses, read as tsc reads them (with `extends` followed). */
function buildOptions(): ts.CompilerOptions {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    resolve(root, 'tsconfig.build.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (parsed === undefined) throw new Error('tsconfig.build.json could not be read');
  return parsed.options;
}

describe('build settings', () => {
  // Only benchmarks would notice this setting's loss (7 % more instructions per replication): see the
  // comment beside it in tsconfig.json. Fields defined as undefined first get V8's generic representation.
  it('the build assigns class fields in the constructor, so number fields start as numbers', () => {
    const source = readFileSync(resolve(root, 'src/model/stockpile.ts'), 'utf8');
    const { outputText } = ts.transpileModule(source, { compilerOptions: buildOptions() });
    expect(outputText).toMatch(/constructor\([^)]*\) \{[^}]*this\.daysBelowSafety = 0;/s);
    expect(outputText).not.toMatch(/^\s+daysBelowSafety\b/m);
  });
});
