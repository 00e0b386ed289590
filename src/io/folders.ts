/**
 * Creating folders, one level at a time.
 *
 * @module
 */
import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/**
 * Creates folder `path` and any missing parents, like `mkdir(path, { recursive: true })`, and returns the
 * first folder it created (`undefined` if none). Each missing level is created on its own: Node 20's
 * recursive `mkdir` never returns for a path under `/proc`, where creating a folder fails with `ENOENT`
 * however often it is retried; here that failure is thrown at once.
 */
export async function makeFolders(path: string): Promise<string | undefined> {
  const missing: string[] = [];
  for (let at = resolve(path); ; at = dirname(at)) {
    const found = await stat(at).catch(() => undefined);
    // Something that is not a folder: mkdir says so (EEXIST, or ENOTDIR for the level below it).
    if (found?.isDirectory() === false && missing.length === 0) await mkdir(at);
    if (found !== undefined) break;
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const folder of missing) {
    await mkdir(folder).catch((error: unknown) => {
      // Another process may have made it meanwhile.
      if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
    });
  }
  return missing[0];
}
