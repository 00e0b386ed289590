/**
 * The list of files a report wrote in its folder, with their SHA-256, kept in the folder as
 * `report-files.json`: the next report written there removes the files of this one it does not write again
 * (a chart of a nation the new scenario lacks), and never a file dibsim did not write.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DibsimError, messageOf } from '../errors.js';

/** The list's name in the report folder. @internal */
export const FILE_LIST = 'report-files.json';

/** What the list says it is, so that a reader of the folder knows what it is for. */
const ABOUT =
  'The files dibsim wrote in this folder with its report, and their SHA-256. The next report written here removes those it does not write again, unless they have changed since.';

/** The names dibsim gives report files (chart names are made file-name safe): nothing outside the folder. */
const REPORT_PATH = /^(?:charts\/)?[A-Za-z0-9][A-Za-z0-9._-]*$/;

const SHA256 = /^[0-9a-f]{64}$/;

/** Report files by path relative to the folder, each with the SHA-256 (hex) of its contents. @internal */
export type FileHashes = ReadonlyMap<string, string>;

/**
 * The list's contents for a report of `contents` (paths relative to the folder): every file and its
 * SHA-256, in the order given, as JSON.
 * @internal
 */
export function fileListJson(contents: ReadonlyMap<string, string | Uint8Array>): string {
  const files = Object.fromEntries([...contents].map(([path, data]) => [path, sha256(data)]));
  return `${JSON.stringify({ about: ABOUT, files }, null, 2)}\n`;
}

/**
 * The files the previous report in `dir` wrote, from its list; none when the folder holds no list.
 *
 * @throws {@link DibsimError} `INVALID_ARGUMENT` when something that is not dibsim's list has its name: it
 *   would be overwritten, so nothing is written.
 * @internal
 */
export async function previousFiles(dir: string): Promise<FileHashes> {
  const path = join(dir, FILE_LIST);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    // No folder yet (or a file on its path, which creating the folder reports).
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return new Map();
    throw notTheList(path, messageOf(error), error);
  }
  const files = parseFileList(text);
  if (files === undefined) throw notTheList(path, 'it is not the list of files a dibsim report writes');
  return files;
}

/**
 * Removes the files of `previous` that `current` does not hold, each only if its contents are still those
 * dibsim wrote: one changed since is the user's now, and one already gone or replaced by a folder is left
 * as it is.
 *
 * @returns the paths removed, relative to `dir`, in the previous list's order.
 * @throws {@link DibsimError} `INVALID_ARGUMENT` naming a file that cannot be removed.
 * @internal
 */
export async function removeStale(
  dir: string,
  previous: FileHashes,
  current: ReadonlyMap<string, unknown>,
): Promise<string[]> {
  const removed: string[] = [];
  for (const [relative, hash] of previous) {
    if (current.has(relative)) continue;
    const path = join(dir, relative);
    const data = await readFile(path).catch(() => undefined);
    if (data === undefined || sha256(data) !== hash) continue;
    try {
      await rm(path);
    } catch (error) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `writeReportFolder: the report is written, but ${path}, left from the previous report, cannot be removed (${messageOf(error)}). Remove it yourself.`,
        { cause: error },
      );
    }
    removed.push(relative);
  }
  return removed;
}

/** The files of a list, or `undefined` if `text` is not one dibsim wrote. */
function parseFileList(text: string): FileHashes | undefined {
  let list: unknown;
  try {
    list = JSON.parse(text);
  } catch {
    return undefined;
  }
  const files = (list as { files?: unknown } | null)?.files;
  if (typeof files !== 'object' || files === null || Array.isArray(files)) return undefined;
  const entries = Object.entries(files);
  const valid = entries.every(
    ([path, hash]) => REPORT_PATH.test(path) && typeof hash === 'string' && SHA256.test(hash),
  );
  return valid ? new Map(entries as [string, string][]) : undefined;
}

function notTheList(path: string, reason: string, cause?: unknown): DibsimError {
  return new DibsimError(
    'INVALID_ARGUMENT',
    `writeReportFolder: ${path} is in the way of the report's list of files (${reason}). Move it out of the folder, or choose another folder; nothing was written.`,
    cause === undefined ? undefined : { cause },
  );
}

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
