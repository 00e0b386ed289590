import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ReplicationError } from '../../../src/errors.js';
import { runExperiment } from '../../../src/experiment/run-experiment.js';
import { mergeShards } from '../../../src/experiment/shards.js';
import { moduleCodeFiles, strategyCode } from '../../../src/experiment/strategy-code.js';
import type { ProcurementStrategy } from '../../../src/model/procurement.js';
import { randomSmallScenario, STRATEGIES_MODULE } from './helpers.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'dibsim-code-'));
/** A strategy module of one's own: the fixture's default strategy, under a comment naming `version`. */
const moduleSource = (version: number) =>
  `// version ${version}\nexport { default } from ${JSON.stringify(pathToFileURL(STRATEGIES_MODULE).href)};\n`;
const base = { scenario: randomSmallScenario(), replications: 4, seed: 'code' };

describe('manifest.strategyCode: the code of strategy modules of your own', () => {
  it('a results file written before the module was edited is refused on resume (differs in: strategyCode)', async () => {
    const dir = tempDir();
    const module = join(dir, 'mine.mjs');
    writeFileSync(module, moduleSource(1));
    const file = join(dir, 'results.jsonl');
    const options = {
      ...base,
      strategies: ['national-only', { module, name: 'mine' }],
      resultsFile: file,
    };
    const first = await runExperiment(options);
    expect(first.manifest.strategyCode).toEqual([null, expect.stringMatching(/^[0-9a-f]{64}$/)]);
    // The same code resumes (nothing reruns), edited code is refused.
    expect(JSON.stringify(await runExperiment(options))).toBe(JSON.stringify(first));
    writeFileSync(module, moduleSource(2));
    await expect(runExperiment(options)).rejects.toThrow(
      /was written by a different experiment \(differs in: strategyCode\)\. The file of a strategy module of your own has changed since the results were written \(strategyCode\)\./,
    );
  });

  it('shards run with different code under the same specifier do not merge', async () => {
    const dir = tempDir();
    const module = join(dir, 'mine.mjs');
    const files = [join(dir, 's1.jsonl'), join(dir, 's2.jsonl')];
    const options = { ...base, strategies: [{ module, name: 'mine' }] };
    for (const [index, version] of [
      [0, 1],
      [1, 2],
    ] as const) {
      writeFileSync(module, moduleSource(version));
      await runExperiment({ ...options, shard: { index, count: 2 }, resultsFile: files[index]! });
    }
    expect(() => mergeShards(files)).toThrow(/differs in: strategyCode/);
  });

  it('depends on the file contents only; none for built-ins and factories; a switch carries its modules', () => {
    const dir = tempDir();
    const [a, b] = [join(dir, 'a.mjs'), join(dir, 'b.mjs')];
    writeFileSync(a, moduleSource(1));
    writeFileSync(b, moduleSource(1));
    const code = strategyCode({ name: 'a', module: a });
    expect(code).toMatch(/^[0-9a-f]{64}$/);
    // The same code in another folder, or through a relative specifier, is the same code.
    expect(strategyCode({ name: 'b', module: b })).toBe(code);
    expect(strategyCode({ name: 'b', module: './b.mjs', baseUrl: dir })).toBe(code);
    expect(
      strategyCode({
        name: 's',
        module: 'switch',
        params: { date: '2024-07-01', before: 'national-only', after: { module: a } },
      }),
    ).toBe(code);
    for (const builtin of ['pooled', 'dibsim/strategies/bilateral', 'switch']) {
      expect(strategyCode({ name: 'x', module: builtin })).toBeNull();
    }
    expect(strategyCode({ name: 'factory' })).toBeNull();
  });

  it('built-in strategies and factories leave the manifest without strategyCode', async () => {
    const mine = { name: 'mine', create: (): ProcurementStrategy => ({ name: 'mine', review() {} }) };
    const result = await runExperiment({ ...base, strategies: ['national-only', 'pooled', mine] });
    expect('strategyCode' in result.manifest).toBe(false);
  });
});

describe('a failure read back from a results file', () => {
  it('says that an earlier run recorded it, and names the file', async () => {
    const file = join(tempDir(), 'results.jsonl');
    const failing = {
      name: 'failing',
      create: (): ProcurementStrategy => ({
        name: 'failing',
        review() {
          throw new Error('boom');
        },
      }),
    };
    const options = { ...base, strategies: [failing], resultsFile: file };
    const first: unknown = await runExperiment(options).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(ReplicationError);
    expect((first as ReplicationError).recordedIn).toBeUndefined();
    expect((first as ReplicationError).message).not.toMatch(/earlier run/);
    const again: unknown = await runExperiment(options).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ReplicationError);
    expect((again as ReplicationError).recordedIn).toBe(file);
    expect((again as ReplicationError).replication).toBe((first as ReplicationError).replication);
    expect((again as ReplicationError).message).toContain(
      `An earlier run recorded this failure in ${file}, and resuming reads it back without rerunning it: if you have fixed its cause since, start a new results file. Call replay(error, scenario, strategies)`,
    );
  });
});

describe('strategyCode follows the files a strategy module imports by path', () => {
  const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');
  /** A module whose default export is the fixture's strategy, importing `imports` first. */
  const importing = (...imports: string[]) => `${imports.map((i) => `${i}\n`).join('')}${moduleSource(1)}`;

  it('an edit to a helper the module imports changes the code, and resuming refuses the old results', async () => {
    const dir = tempDir();
    const module = join(dir, 'mine.mjs');
    const helper = join(dir, 'helper.mjs');
    writeFileSync(module, importing("import { margin } from './helper.mjs';"));
    writeFileSync(helper, 'export const margin = 1;\n');
    const options = {
      ...base,
      strategies: [{ module, name: 'mine' }],
      resultsFile: join(dir, 'results.jsonl'),
    };
    const first = await runExperiment(options);
    writeFileSync(helper, 'export const margin = 2;\n');
    expect(strategyCode({ name: 'mine', module })).not.toBe(first.manifest.strategyCode?.[0]);
    await expect(runExperiment(options)).rejects.toThrow(/differs in: strategyCode/);
  });

  it('a module that imports no file by path hashes as before imports were followed', () => {
    const module = join(tempDir(), 'alone.mjs');
    const source = "import { mean } from 'd3-array';\nimport 'node:fs';\nexport default () => mean([1]);\n";
    writeFileSync(module, source);
    expect(strategyCode({ name: 'alone', module })).toBe(sha256(sha256(source)));
  });

  it('follows imports in turn, each file once, through cycles, TypeScript spellings and dynamic imports', () => {
    const dir = realpathSync(tempDir());
    mkdirSync(join(dir, 'lib'));
    const files = {
      'main.ts': [
        "import { a } from './a.js';", // a.ts, TypeScript's spelling of the compiled file
        "import type { T } from './lib/types';", // no extension: types.ts
        "export { b } from './b.mjs';",
        "const late = await import('./late.mjs');",
        `const computed = await import(\`./\${'x'}.mjs\`);`, // computed: not followed
        "import data from './data.json' with { type: 'json' };",
        "import missing from './missing.mjs';", // not there: nothing to hash
      ].join('\n'),
      'a.ts': "import { b } from './b.mjs';\nexport const a: number = 1;\n",
      'b.mjs': "import { a } from './a.js';\nexport const b = 2;\n", // a cycle back to a.ts
      'lib/types.ts': 'export type T = number;\n',
      'late.mjs': 'export default 3;\n',
      'x.mjs': 'export default 4;\n',
      'data.json': '{ "x": 1 }\n',
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const url = (name: string) => pathToFileURL(join(dir, name)).href;
    expect(moduleCodeFiles([url('main.ts')]).map((f) => f.url)).toEqual(
      ['main.ts', 'a.ts', 'b.mjs', 'lib/types.ts', 'late.mjs', 'data.json'].map(url),
    );
    // Each of those files counts; one the module does not reach does not.
    const code = strategyCode({ name: 'main', module: join(dir, 'main.ts') });
    writeFileSync(join(dir, 'x.mjs'), 'export default 5;\n');
    expect(strategyCode({ name: 'main', module: join(dir, 'main.ts') })).toBe(code);
    for (const name of ['lib/types.ts', 'data.json', 'b.mjs']) {
      const before = strategyCode({ name: 'main', module: join(dir, 'main.ts') });
      writeFileSync(join(dir, name), `${files[name as keyof typeof files]} `);
      expect(strategyCode({ name: 'main', module: join(dir, 'main.ts') }), name).not.toBe(before);
    }
  });

  it('resolves the imports of a module behind a symbolic link from its real path, as Node does', () => {
    const dir = realpathSync(tempDir());
    mkdirSync(join(dir, 'real'));
    mkdirSync(join(dir, 'linked'));
    writeFileSync(join(dir, 'real', 'main.mjs'), "import { a } from './a.mjs';\nexport default a;\n");
    writeFileSync(join(dir, 'real', 'a.mjs'), 'export const a = 1;\n');
    writeFileSync(join(dir, 'linked', 'a.mjs'), 'export const a = 2;\n'); // not the one Node loads
    symlinkSync(join(dir, 'real', 'main.mjs'), join(dir, 'linked', 'main.mjs'));
    const files = moduleCodeFiles([pathToFileURL(join(dir, 'linked', 'main.mjs')).href]);
    expect(files.map((f) => f.url)).toEqual([
      pathToFileURL(join(dir, 'linked', 'main.mjs')).href,
      pathToFileURL(join(dir, 'real', 'a.mjs')).href,
    ]);
  });

  it('follows what an outside tester found missed: a byte-order mark, dotted names, "." and "..", .js beside .ts', () => {
    const dir = realpathSync(tempDir());
    mkdirSync(join(dir, 'sub'));
    const files = {
      'main.mjs': "\uFEFFimport { k } from './first.mjs';\nimport { c } from './share.config';\n",
      'first.mjs': 'export const k = 1;\n',
      'share.config.ts': 'export const c = 2;\n',
      'sub/main.ts': "import { u } from '..';\nimport { v } from './helper.js';\nimport { w } from '.';\n",
      'index.ts': 'export const u = 3;\n',
      'sub/helper.js': 'export const v = 4;\n', // an in-place build's output beside its source
      'sub/helper.ts': 'export const v: number = 4;\n',
      'sub/index.mjs': 'export const w = 5;\n',
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const url = (name: string) => pathToFileURL(join(dir, name)).href;
    const listed = (root: string) => moduleCodeFiles([url(root)]).map((f) => f.url);
    expect(listed('main.mjs')).toEqual(['main.mjs', 'first.mjs', 'share.config.ts'].map(url));
    expect(listed('sub/main.ts')).toEqual(
      ['sub/main.ts', 'index.ts', 'sub/helper.js', 'sub/helper.ts', 'sub/index.mjs'].map(url),
    );
    // From a JavaScript importer, ./helper.js is the JavaScript file alone.
    writeFileSync(join(dir, 'sub', 'plain.mjs'), "import { v } from './helper.js';\n");
    expect(listed('sub/plain.mjs')).toEqual(['sub/plain.mjs', 'sub/helper.js'].map(url));
  });

  it('a file the lexer cannot read still counts, without its imports', () => {
    const dir = tempDir();
    const module = join(dir, 'broken.mjs');
    writeFileSync(module, "import { a } from './a.mjs';\nexport default `unterminated\n");
    writeFileSync(join(dir, 'a.mjs'), 'export const a = 1;\n');
    expect(moduleCodeFiles([pathToFileURL(module).href]).map((f) => f.url)).toEqual([
      pathToFileURL(module).href,
    ]);
  });
});
