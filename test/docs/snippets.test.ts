/**
 * The guides cannot rot silently: every snippet in docs/guides/snippets type-checks and runs, every code
 * block in a guide equals its snippet file and each output block what it prints, relative links in the guides and the README point at files
 * that exist, and CITATION.cff is valid YAML with the package's version.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../../', import.meta.url));
const guides = join(root, 'docs', 'guides');
const snippets = join(guides, 'snippets');
const guideFiles = readdirSync(guides).filter((f) => f.endsWith('.md'));
const MARKER = /<!-- (snippet|output): (\S+) -->\n```([a-z]*)\n(?:([\s\S]*?)\n)??```(?=\n|$)/g;

describe('guide snippets', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('each code block marked `<!-- snippet: file -->` equals that file (node docs/guides/snippets/sync.mjs)', () => {
    let blocks = 0;
    for (const name of guideFiles) {
      const text = readFileSync(join(guides, name), 'utf8');
      for (const m of text.matchAll(MARKER)) {
        const file = join(guides, m[2]!);
        expect(existsSync(file), `${name}: ${m[2]} does not exist`).toBe(true);
        if (m[1] !== 'snippet') continue;
        blocks++;
        expect(m[4] ?? '', `${name}: block of ${m[2]}`).toBe(readFileSync(file, 'utf8').trimEnd());
      }
    }
    expect(blocks).toBeGreaterThanOrEqual(7);
  });

  it('tsc type-checks every snippet against the public API', () => {
    const tsc = join(root, 'node_modules', '.bin', 'tsc');
    const run = () =>
      execFileSync(tsc, ['-p', join(snippets, 'tsconfig.json')], { cwd: root, encoding: 'utf8' });
    expect(run).not.toThrow();
  });

  /** The output block of each snippet, by file name, from every guide. */
  const outputs = new Map<string, string>();
  for (const name of guideFiles) {
    for (const m of readFileSync(join(guides, name), 'utf8').matchAll(MARKER)) {
      if (m[1] === 'output') outputs.set(m[2]!.replace(/^snippets\//, ''), m[4] ?? '');
    }
  }

  const files = readdirSync(snippets).filter((f) => f.endsWith('.ts'));
  it.each(files)(
    '%s runs, prints finite numbers, and prints what its output block in the guide shows',
    async (file) => {
      const lines: string[] = [];
      vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
        lines.push(format(...args)); // as console.log writes them
      });
      await import(join(snippets, file));
      if (file === 'one-nation.ts') return; // data only: it prints nothing
      const out = lines.join('\n');
      expect(out.length).toBeGreaterThan(0);
      expect(out).not.toMatch(/\bNaN\b|undefined/);
      const shown = outputs.get(file);
      if (shown !== undefined) expect(out, `the guide's output block of ${file}`).toBe(shown);
    },
  );
});

describe('links and citation', () => {
  const relativeLinks = (path: string) =>
    [...readFileSync(path, 'utf8').matchAll(/\]\((?!https?:|#|mailto:)([^)\s#]+)(#[^)]*)?\)/g)].map(
      (m) => m[1]!,
    );

  it('relative links in the guides, the model docs and the README point at existing files', () => {
    const docs = [
      join(root, 'README.md'),
      ...guideFiles.map((f) => join(guides, f)),
      join(snippets, 'README.md'),
      ...readdirSync(join(root, 'docs', 'model'))
        .filter((f) => f.endsWith('.md'))
        .map((f) => join(root, 'docs', 'model', f)),
    ];
    const missing = docs.flatMap((doc) =>
      relativeLinks(doc)
        .filter((link) => !existsSync(join(dirname(doc), decodeURI(link))))
        .map((link) => `${doc.slice(root.length)} → ${link}`),
    );
    // The README's chart is rendered from the main job's report and committed separately.
    expect(missing.filter((m) => !m.endsWith('docs/images/stockpile-fan.png'))).toEqual([]);
  });

  it('CITATION.cff parses as YAML (CFF 1.2.0) with the version of package.json', () => {
    const cff = parse(readFileSync(join(root, 'CITATION.cff'), 'utf8')) as Record<string, unknown>;
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(cff['cff-version']).toBe('1.2.0');
    expect(cff.version).toBe(pkg.version);
    expect(cff.license).toBe('MIT');
    expect(cff.title).toBe('dibsim');
    expect(cff['date-released']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(cff.authors).toEqual([{ name: 'The dibsim developers' }]);
    expect(typeof cff.abstract).toBe('string');
    expect(typeof cff.message).toBe('string');
  });
});
