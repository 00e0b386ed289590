import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DibsimError, ScenarioError } from '../../../src/errors.js';
import { runScenario } from '../../../src/model/run-scenario.js';
import { createBilateral } from '../../../src/strategies/bilateral.js';
import { nationalOnly } from '../../../src/strategies/national.js';
import { createPooled } from '../../../src/strategies/pooled.js';
import { builtinStrategies, createSwitch, loadStrategy } from '../../../src/strategies/registry.js';
import { switchAt } from '../../../src/strategies/switch.js';
import { frictionless, member, scenarioOf } from './scenarios.js';

const HERE = new URL('./', import.meta.url);
const scenario = scenarioOf([member('AA'), member('BB')], {
  withoutFirm: ['BB'],
  procurement: frictionless(),
});
const kpis = (strategy: Awaited<ReturnType<typeof loadStrategy>>) =>
  runScenario(scenario, { strategy, seed: 9 }).kpis;

describe('loadStrategy(ref, options)', () => {
  it('resolves every built-in by name and by dibsim/strategies/<file>', async () => {
    expect(builtinStrategies).toEqual(['national-only', 'bilateral', 'pooled', 'switch']);
    expect(await loadStrategy('national-only')).toBe(nationalOnly);
    expect(await loadStrategy({ module: 'dibsim/strategies/national' })).toBe(nationalOnly);
    expect((await loadStrategy('bilateral')).name).toBe('bilateral');
    expect((await loadStrategy({ module: 'dibsim/strategies/pooled' })).name).toBe('pooled');
  });

  it('a loaded built-in behaves exactly as the one built by its factory with the same params', async () => {
    const params = { setUpDelayDays: 30, allocation: 'urgency' as const };
    expect(kpis(await loadStrategy({ module: 'pooled', params }))).toEqual(kpis(createPooled(params)));
    const bilateral = { parallelNegotiations: 1, setUpDelayDays: 60 };
    expect(kpis(await loadStrategy({ module: 'bilateral', params: bilateral }))).toEqual(
      kpis(createBilateral(bilateral)),
    );
  });

  it('builds a switch from nested references', async () => {
    const ref = {
      module: 'switch',
      params: {
        date: '2025-06-01',
        before: 'national-only',
        after: { module: 'pooled', params: { setUpDelayDays: 0 } },
      },
    };
    const loaded = await loadStrategy(ref);
    expect(loaded.name).toBe('national-only->pooled@2025-06-01');
    expect(kpis(loaded)).toEqual(
      kpis(switchAt('2025-06-01', nationalOnly, createPooled({ setUpDelayDays: 0 }))),
    );
  });

  it('imports a user module: a relative specifier against baseUrl, createStrategy called with params', async () => {
    const s = await loadStrategy(
      { module: './fixtures/custom-strategy.ts', params: { label: 'x' } },
      { baseUrl: HERE },
    );
    expect(s.name).toBe('custom:x');
    expect(kpis(s)).toEqual(kpis(nationalOnly));
    const path = fileURLToPath(new URL('./fixtures/custom-strategy.ts', HERE));
    expect((await loadStrategy({ module: path, export: 'ready' })).name).toBe('custom:ready');
    const dir = fileURLToPath(HERE);
    expect((await loadStrategy({ module: './fixtures/custom-strategy.ts' }, { baseUrl: dir })).name).toBe(
      'custom:default',
    );
  });

  it('every call returns a new strategy object with its own state', async () => {
    const a = await loadStrategy('pooled');
    const b = await loadStrategy('pooled');
    expect(a).not.toBe(b);
  });

  it('instances of a built-in share their methods, so V8 keeps their optimised code between replications', () => {
    // Closures made per instance lose their optimised code at each full GC (see the pooled class).
    const pairs = [
      [createBilateral(), createBilateral({ aggregate: false })],
      [createPooled(), createPooled({ allocation: 'urgency' })],
      [createPooled({ pooledStock: { enabled: true } }), createPooled({ pooledStock: { enabled: true } })],
      [
        switchAt('2023-01-01', nationalOnly, createPooled()),
        switchAt('2024-01-01', nationalOnly, createBilateral()),
      ],
    ] as const;
    for (const [a, b] of pairs) {
      expect(a).not.toBe(b);
      for (const method of ['check', 'start', 'review', 'daily'] as const) expect(a[method]).toBe(b[method]);
    }
    expect(createPooled({ pooledStock: { enabled: true } }).daily).toBeTypeOf('function');
    expect(createPooled().daily).toBeUndefined();
  });

  it('rejects bad parameters of a built-in with every issue listed', async () => {
    await expect(loadStrategy({ module: 'pooled', params: { setUpDelayDay: 1 } })).rejects.toThrow(
      /did you mean 'setUpDelayDays'/,
    );
    await expect(loadStrategy({ module: 'national-only', params: { x: 1 } })).rejects.toThrow(
      "national-only strategy params has 1 problem:\n  - x: unknown field 'x'. Fix: It takes no parameters: leave params out, or pass {}.",
    );
    await expect(
      loadStrategy({ module: 'switch', params: { date: '2025', before: 'pooled' } }),
    ).rejects.toThrow(/date: must be a real calendar date YYYY-MM-DD.*\n.*after: is missing/);
    await expect(
      loadStrategy({
        module: 'switch',
        params: { date: '2025-02-30', before: 'pooled', after: 'bilateral' },
      }),
    ).rejects.toThrow(/date: must be a real calendar date YYYY-MM-DD \(got "2025-02-30"\)/);
    // Left out, the three read alike (not "got undefined").
    await expect(loadStrategy({ module: 'switch', params: {} })).rejects.toThrow(
      /date: is missing\. Fix: Give the date of the switch.*\n.*before: is missing.*\n.*after: is missing/,
    );
  });

  it('rejects an unknown dibsim/strategies name, an empty module, and a non-strategy export', async () => {
    await expect(loadStrategy('dibsim/strategies/pooling')).rejects.toThrow(/unknown built-in strategy/);
    await expect(loadStrategy({ module: '' })).rejects.toThrow(ScenarioError);
    await expect(
      loadStrategy({ module: './fixtures/custom-strategy.ts', export: 'notAStrategy' }, { baseUrl: HERE }),
    ).rejects.toThrow(/is not a strategy/);
    await expect(
      loadStrategy(
        { module: './fixtures/custom-strategy.ts', export: 'ready', params: {} },
        { baseUrl: HERE },
      ),
    ).rejects.toThrow(/not a factory/);
  });

  it("wraps what a module's factory throws with the module, the export and the params, except a ScenarioError", async () => {
    const ref = { module: './fixtures/custom-strategy.ts', export: 'createStrict' };
    const error = await loadStrategy(ref, { baseUrl: HERE }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DibsimError);
    expect((error as DibsimError).code).toBe('INVALID_ARGUMENT');
    expect((error as DibsimError).message).toMatch(
      /^loadStrategy: "\.\/fixtures\/custom-strategy\.ts" export "createStrict" threw when called with params undefined: TypeError: .+\. Fix the factory, or the params it is given\.$/,
    );
    expect((error as DibsimError).cause).toBeInstanceOf(TypeError);
    // A ScenarioError is the factory's own report of its params: it reaches the caller as it is.
    await expect(loadStrategy({ ...ref, params: { maxQueueMonths: -1 } }, { baseUrl: HERE })).rejects.toThrow(
      /^strict has 1 problem:\n {2}- maxQueueMonths: must be >= 0/,
    );
    expect((await loadStrategy({ ...ref, params: { maxQueueMonths: 6 } }, { baseUrl: HERE })).name).toBe(
      'strict:6',
    );
  });

  it('wraps an import failure with the specifier and its cause', async () => {
    const error = await loadStrategy({ module: './no-such-strategy.js' }, { baseUrl: HERE }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DibsimError);
    expect((error as DibsimError).code).toBe('INVALID_ARGUMENT');
    expect((error as DibsimError).message).toContain('no-such-strategy.js');
    expect((error as DibsimError).cause).toBeDefined();
  });

  it('tells a module it cannot find (with the built-in a near miss meant) from one that fails to load', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dibsim-strategy-'));
    try {
      writeFileSync(join(dir, 'broken.mjs'), 'export default { name: "x", review( {} };\n');
      writeFileSync(
        join(dir, 'needs.mjs'),
        'import "./gone.mjs";\nexport default { name: "y", review() {} };\n',
      );
      writeFileSync(join(dir, 'throws.mjs'), 'throw new Error("no licence data");\n');
      const base = { baseUrl: pathToFileURL(`${dir}/`) };
      const message = (module: string) =>
        loadStrategy({ module }, base).then(
          () => 'loaded',
          (e: unknown) => (e as Error).message,
        );
      expect(await message('./missing.mjs')).toMatch(
        /^loadStrategy: cannot find "\.\/missing\.mjs" .* Check the path/,
      );
      expect(await message('nationalonly')).toMatch(
        /cannot find "nationalonly" .* Did you mean the built-in "national-only"\?/,
      );
      // The syntax error's wording is the loader's (Node's, or vite's under the test runner).
      expect(await message('./broken.mjs')).toMatch(
        /^loadStrategy: "\.\/broken\.mjs" \(file:.*broken\.mjs\) failed to load: .*syntax.*\. Fix the module/i,
      );
      expect(await message('./needs.mjs')).toMatch(
        /"\.\/needs\.mjs" .* failed to load: Cannot find module '.*gone\.mjs'/,
      );
      expect(await message('./throws.mjs')).toMatch(
        /"\.\/throws\.mjs" .* failed to load: no licence data\. Fix the module/,
      );
      // A file URL with a host names no local path (fileURLToPath threw a raw TypeError).
      await expect(loadStrategy({ module: 'file://remotehost/tmp/x.mjs' })).rejects.toThrow(
        /^loadStrategy: "file:\/\/remotehost\/tmp\/x\.mjs" failed to load: .*\(`node file:\/\/remotehost\/tmp\/x\.mjs` shows where\)/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('createSwitch(params) reports the problems of both parts, each under its name', async () => {
    const error = await createSwitch({
      date: '2025-01-01',
      before: { module: 'pooled', params: { nope: 1 } },
      after: 'dibsim/strategies/pooling',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).source).toBe('switch strategy params');
    expect((error as ScenarioError).issues.map((i) => i.path)).toEqual(['before.nope', 'after.module']);
  });

  it('rejects a misspelt field of a reference, with the field it meant', async () => {
    const error = await loadStrategy({ module: 'pooled', exprt: 'x' } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).issues).toEqual([
      {
        path: 'exprt',
        message: "unknown field 'exprt'; did you mean 'export'?",
        fix: 'Known fields: module, export, params.',
      },
    ]);
  });

  it('createSwitch(params) rejects unknown fields', async () => {
    await expect(
      createSwitch({ date: '2025-01-01', before: 'pooled', after: 'pooled', when: 1 } as never),
    ).rejects.toThrow(/unknown field 'when'/);
  });

  it('rejects an export given with a built-in, which is built from its params, not imported', async () => {
    const issues = (ref: Parameters<typeof loadStrategy>[0]) =>
      loadStrategy(ref).then(
        () => 'loaded',
        (e: unknown) => {
          expect(e).toBeInstanceOf(ScenarioError);
          expect((e as ScenarioError).source).toBe('strategy reference');
          return (e as ScenarioError).issues;
        },
      );
    expect(await issues({ module: 'pooled', export: 'nope' })).toEqual([
      {
        path: 'export',
        message: 'must be left out for the built-in strategy "pooled", which is not imported (got "nope")',
        fix: 'Remove export. To import a module of your own, name it by its path, e.g. "./pooled.js" (dibsim/strategies/<file> names the built-in as well).',
      },
    ]);
    expect(await issues({ module: 'dibsim/strategies/national', export: 'nationalOnly' })).toEqual([
      expect.objectContaining({ path: 'export', fix: expect.stringContaining('e.g. "./national.js"') }),
    ]);
    // Inside a switch, under the part's name.
    const error = await loadStrategy({
      module: 'switch',
      params: {
        date: '2025-01-01',
        before: 'national-only',
        after: { module: 'pooled', export: 'createPooled' },
      },
    }).catch((e: unknown) => e);
    expect((error as ScenarioError).issues.map((i) => i.path)).toEqual(['after.export']);
    // An export left undefined (from plain JavaScript) is left out; an imported module still takes one.
    expect((await loadStrategy({ module: 'pooled', export: undefined } as never)).name).toBe('pooled');
    expect(
      (await loadStrategy({ module: './fixtures/custom-strategy.ts', export: 'ready' }, { baseUrl: HERE }))
        .name,
    ).toBe('custom:ready');
  });
});
