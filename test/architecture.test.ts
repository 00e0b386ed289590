import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Layers from the bottom up (STYLE.md): a module imports only from its own layer or a lower one.
const LAYERS: Record<string, number> = {
  'errors.ts': 0,
  random: 0,
  stats: 0,
  kernel: 1,
  model: 2,
  strategies: 3,
  experiment: 4,
  io: 5,
  report: 5,
  cli: 6,
  'index.ts': 7,
  'main.ts': 7,
};
// Leaves: random/ and stats/ import nothing of ours but errors.ts.
const LEAVES = new Set(['random', 'stats']);

const src = resolve(__dirname, '../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function layerOf(path: string): string {
  return relative(src, path).split(/[\\/]/)[0]!;
}

/** What `path` imports or re-exports; with `runtime`, only what loads when it runs (no `import type`). */
function importsOf(path: string, runtime = false): string[] {
  const text = readFileSync(path, 'utf8');
  const specifiers: string[] = [];
  for (const m of text.matchAll(
    /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g,
  )) {
    if (runtime && /^(?:import|export)\s+type\s/.test(m[0])) continue;
    specifiers.push((m[1] ?? m[2])!);
  }
  return specifiers;
}

const all = files(src);

describe('architecture', () => {
  it('finds the source files', () => {
    expect(all.length).toBeGreaterThan(10);
  });

  it.each(all.map((f) => [relative(src, f), f]))(
    '%s imports only from its own or lower layers',
    (_name, file) => {
      const from = layerOf(file);
      const fromRank = LAYERS[from];
      expect(fromRank, `unknown layer ${from}`).toBeDefined();
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue;
        const target = resolve(file, '..', spec);
        const to = layerOf(target.replace(/\.js$/, '.ts'));
        const toRank = LAYERS[to];
        expect(toRank, `${spec} from ${from}`).toBeDefined();
        expect(
          toRank!,
          `${relative(src, file)} imports ${spec} (layer ${to} above ${from})`,
        ).toBeLessThanOrEqual(fromRank!);
        if (LEAVES.has(from)) {
          expect([from, 'errors.ts'], `${relative(src, file)} is a leaf but imports ${spec}`).toContain(to);
        }
      }
    },
  );

  it.each(all.map((f) => [relative(src, f), f]))(
    '%s uses no hidden clock or global randomness',
    (_name, file) => {
      const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(text).not.toMatch(/Math\.random|Date\.now|performance\.now/);
    },
  );

  it.each(all.map((f) => [relative(src, f), f]))(
    '%s touches process.argv / process.exit only in cli',
    (_name, file) => {
      if (layerOf(file) === 'cli') return;
      const text = readFileSync(file, 'utf8');
      expect(text).not.toMatch(/process\.(argv|exit)/);
    },
  );

  it('worker threads load neither zod nor the scenario validator', () => {
    // Workers run scenarios the calling thread has validated; zod and the schemas cost each worker about
    // 0.1 s and 10 MB at start. Follows the imports that load at run time (not `import type`).
    const loaded = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string) => {
      if (loaded.has(file)) return;
      loaded.add(file);
      for (const spec of importsOf(file, true)) {
        if (spec.startsWith('.')) visit(resolve(file, '..', spec).replace(/\.js$/, '.ts'));
        else packages.add(spec);
      }
    };
    visit(join(src, 'experiment/worker-entry.ts'));
    expect(loaded.size).toBeGreaterThan(20);
    expect([...packages]).toContain('seedrandom');
    expect([...packages]).not.toContain('zod');
    expect([...loaded].map((f) => relative(src, f))).not.toContain('model/validate.ts');
  });

  it('imports seedrandom from exactly one module, as a default import', () => {
    const users = all.filter((f) => importsOf(f).includes('seedrandom'));
    expect(users.map((f) => relative(src, f))).toEqual(['random/seedrandom.ts']);
    expect(readFileSync(users[0]!, 'utf8')).toMatch(/import seedrandom from 'seedrandom'/);
  });
});
