import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeFolders } from '../../../src/io/folders.js';

describe('makeFolders(path)', () => {
  it('creates the missing levels and returns the first one it created, or undefined', async () => {
    const root = mkdtempSync(join(tmpdir(), 'folders-'));
    const deep = join(root, 'a', 'b', 'c');
    expect(await makeFolders(deep)).toBe(join(root, 'a'));
    expect(statSync(deep).isDirectory()).toBe(true);
    expect(await makeFolders(deep)).toBeUndefined();
    // A file where a folder should be is reported as mkdir reports it.
    writeFileSync(join(root, 'file'), '');
    await expect(makeFolders(join(root, 'file'))).rejects.toMatchObject({ code: 'EEXIST' });
    await expect(makeFolders(join(root, 'file', 'sub'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  it.runIf(existsSync('/proc/self'))(
    "fails at once under /proc, where Node 20's recursive mkdir never returns",
    async () => {
      await expect(makeFolders('/proc/no-such-folder/sub')).rejects.toMatchObject({ code: 'ENOENT' });
    },
  );
});
