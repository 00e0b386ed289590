/**
 * The code of a strategy module of your own, as a manifest records it (`strategyCode`): a hash of the
 * module's file and of the files it imports in turn by a relative path or a `file:` URL, found with
 * es-module-lexer, which reads JavaScript and TypeScript import syntax without running the code. Only the
 * calling thread needs it, so worker threads do not load the lexer.
 *
 * @internal
 * @module
 */
import { createHash } from 'node:crypto';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
// The asm.js build: parse is synchronous from the start (the WebAssembly build wants `await init`).
import { parse } from 'es-module-lexer/js';
import { strategyFiles } from '../strategies/registry.js';
import type { StrategyDescriptor } from './strategy-spec.js';
import { TYPESCRIPT_FILE } from './worker-typescript.js';

/**
 * SHA-256 (hex) of the code of a strategy given as a module that is not a built-in: the contents of the
 * files it imports (its module, or a switch's `before` and `after` modules) and of the files those import
 * in turn by a relative path or a `file:` URL, so that a manifest changes when the code does, wherever the
 * files lie. `null` for a built-in, whose code is the dibsim version's, and for a factory, whose code cannot
 * be read. Imports by package name are not followed: a package's code is its version's.
 * @internal
 */
export function strategyCode(descriptor: StrategyDescriptor): string | null {
  const { module, params, baseUrl } = descriptor;
  if (module === undefined) return null;
  // The files do not depend on the export; a switch's params name its before and after.
  const files = strategyFiles({ module, params }, baseUrl === undefined ? {} : { baseUrl });
  if (files.length === 0) return null;
  const hash = createHash('sha256');
  // A module's own file that cannot be read (a race) records its absence. A module without imports by
  // path hashes as it did before they were followed, so its results files still resume.
  for (const { contents } of moduleCodeFiles(files)) {
    hash.update(
      createHash('sha256')
        .update(contents ?? 'unreadable')
        .digest('hex'),
    );
  }
  return hash.digest('hex');
}

/** Extensions of files whose imports are followed; any other file (JSON, WebAssembly) counts as it is. */
const CODE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

/** TypeScript's own spelling of an import of compiled JavaScript (`./helper.js` may be `./helper.ts`). */
const TS_FOR_JS: Readonly<Record<string, readonly string[]>> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};

/** Index files tried for an import of a folder, in order. */
const INDEX = ['index.ts', 'index.tsx', 'index.mts', 'index.js', 'index.mjs'];

/** Extensions tried for an import written without one, as TypeScript loaders such as tsx resolve it. */
const IMPLIED = ['.ts', '.tsx', '.mts', '.js', '.mjs', ...INDEX.map((name) => `/${name}`)];

/** One file of a module's code: its `file:` URL and its contents (`undefined` if it cannot be read). */
export interface CodeFile {
  /** The file's `file:` URL. */
  readonly url: string;
  /** Its bytes, or `undefined` if it could not be read. */
  readonly contents: Buffer | undefined;
}

/**
 * Each of `roots` (`file:` URLs, in order, repeats kept) followed by the files it imports in turn that no
 * earlier entry holds, depth first in the order of the import statements. An import by package name
 * (`dibsim`, `d3-array`) or of a Node built-in is not followed: its code is its package's version. Neither
 * is an import whose specifier is computed at run time, nor one in a file es-module-lexer cannot read.
 */
export function moduleCodeFiles(roots: readonly string[]): CodeFile[] {
  const realRoots = roots.map(realUrl);
  const seen = new Set<string>(realRoots);
  const files: CodeFile[] = [];
  // `real` is `url` with symbolic links followed: as Node does, a module's imports are resolved from it.
  const visit = (url: string, real: string): void => {
    const contents = read(url);
    files.push({ url, contents });
    if (contents === undefined || !CODE.test(new URL(url).pathname)) return;
    for (const dependency of importedFiles(real, contents.toString('utf8'))) {
      const target = realUrl(dependency);
      if (seen.has(target)) continue;
      seen.add(target);
      visit(target, target);
    }
  };
  for (const [i, root] of roots.entries()) visit(root, realRoots[i]!);
  return files;
}

/** The `file:` URL of the file `url` names, symbolic links followed; `url` itself if it cannot be read. */
function realUrl(url: string): string {
  try {
    return pathToFileURL(realpathSync(fileURLToPath(url))).href;
  } catch {
    return url;
  }
}

function read(url: string): Buffer | undefined {
  try {
    return readFileSync(fileURLToPath(url));
  } catch {
    return undefined;
  }
}

/** The `file:` URLs of the existing files that `source` (the file at `url`) imports by path. */
function importedFiles(url: string, source: string): string[] {
  let imports: ReturnType<typeof parse>[0];
  try {
    // Without its byte-order mark: the lexer misses a statement that starts right after one.
    [imports] = parse(source.startsWith('\uFEFF') ? source.slice(1) : source, fileURLToPath(url));
  } catch {
    return []; // syntax the lexer does not know (JSX, say): the file itself still counts
  }
  const typescript = TYPESCRIPT_FILE.test(new URL(url).pathname);
  const found: string[] = [];
  for (const entry of imports) {
    // `import.meta` names no module; a dynamic import of a computed specifier (a glob) names no one file.
    if (entry.type === 'import-meta' || (entry.type === 'dynamic' && entry.glob)) continue;
    const specifier = entry.specifier;
    if (specifier === undefined || !isPath(specifier)) continue;
    found.push(...loaded(new URL(specifier, url), typescript));
  }
  return found;
}

/** Whether an import specifier names a file by path: relative, absolute, or a `file:` URL. */
function isPath(specifier: string): boolean {
  return (
    specifier === '.' ||
    specifier === '..' ||
    specifier.startsWith('./') ||
    specifier.startsWith('../') ||
    specifier.startsWith('/') ||
    specifier.startsWith('file:')
  );
}

/**
 * The files an import of `target` may load: the file itself and, from a TypeScript importer, its
 * TypeScript source (`./helper.js` is `./helper.ts` under tsx; both count when both exist, as after an
 * in-place build); failing those, the first that exists of its TypeScript source, the name with an implied
 * extension, and an index file, as tsx tries them.
 */
function loaded(target: URL, typescript: boolean): string[] {
  if (target.protocol !== 'file:' || (target.host !== '' && target.host !== 'localhost')) return [];
  target.search = '';
  target.hash = '';
  const href = target.href;
  if (href.endsWith('/')) return firstFile(INDEX.map((name) => href + name));
  const extension = /\.[^./]+$/.exec(target.pathname)?.[0] ?? '';
  const sources = (TS_FOR_JS[extension] ?? []).map((ts) => href.slice(0, -extension.length) + ts);
  const direct = [href, ...(typescript ? sources : [])].filter(isFile);
  // A name with a dot that is not an extension (`./share.config`) gets one implied too.
  return direct.length > 0 ? direct : firstFile([...sources, ...IMPLIED.map((suffix) => href + suffix)]);
}

/** The first of `candidates` that is a file, as a list of at most one. */
function firstFile(candidates: readonly string[]): string[] {
  const file = candidates.find(isFile);
  return file === undefined ? [] : [file];
}

function isFile(url: string): boolean {
  try {
    return statSync(fileURLToPath(url)).isFile();
  } catch {
    return false;
  }
}
