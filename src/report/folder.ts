/**
 * The output folder: results, provenance, one CSV per table, every chart as SVG and PNG, and the HTML
 * report.
 *
 * @module
 */
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { DibsimError, describeValue, messageOf } from '../errors.js';
import { makeFolders } from '../io/folders.js';
import { chartSpecs } from './charts.js';
import { FILE_LIST, fileListJson, previousFiles, removeStale } from './file-list.js';
import { reportHtml } from './html.js';
import { plain, resultsToJson } from './json.js';
import { renderSvg, svgToPng } from './render.js';
import { reportTables, tableToCsv } from './tables.js';
import { checkReportInput, type RenderedChart, type ReportFiles, type ReportInput } from './types.js';

/**
 * Writes a report folder, creating it (and its parents) if needed and replacing files of the same names:
 * `results.json` (the experiment, as {@link resultsToJson}), `tornado.json` and `sweep.json` when given,
 * `manifest.json` (provenance), `<table>.csv` for every table of {@link reportTables}, `charts/<name>.svg`
 * and `charts/<name>.png` for every chart of {@link chartSpecs}, `report.html`, and `report-files.json`
 * (every other file with its SHA-256).
 *
 * All or nothing: every file is built in memory first, then written beside its final name and renamed into
 * place once all are written. A chart that cannot be rendered or a file that cannot be written (a full
 * disk) leaves the folder as it was: an earlier report in it is never half replaced. Once the new report is
 * in place, the files the previous one listed in `report-files.json` that this one does not write (a chart
 * of a nation the new scenario lacks) are removed, unless they have changed since. Other files in the
 * folder are left alone.
 *
 * @returns the paths written, relative to `dir`.
 * @throws {@link DibsimError} `INVALID_ARGUMENT` naming the path when the folder cannot be created, a file
 *   cannot be written or a file of the previous report cannot be removed, or when something that is not
 *   dibsim's list of report files has its name (then nothing is written).
 * @example
 * const files = await writeReportFolder('out', { result, scenario: europe155mm, command: 'dibsim compare' });
 * console.log(files.html); // 'report.html'
 */
export async function writeReportFolder(dir: string, input: ReportInput): Promise<ReportFiles> {
  // Checked before the folder is made and the charts rendered (seconds), so a bad input fails at once
  // and leaves nothing behind.
  checkReportInput(input, 'writeReportFolder');
  await checkReportDir(dir);
  const contents = new Map<string, string | Uint8Array>();
  const add = (relative: string, data: string | Uint8Array) => {
    contents.set(relative, data);
    return relative;
  };
  const results = add('results.json', resultsToJson(input.result));
  const tornado = input.tornado === undefined ? undefined : add('tornado.json', resultsToJson(input.tornado));
  const sweep = input.sweep === undefined ? undefined : add('sweep.json', resultsToJson(input.sweep));
  const manifest = add('manifest.json', `${JSON.stringify(plain(input.result.manifest), null, 2)}\n`);
  const tables = reportTables(input).map((table) => add(`${table.name}.csv`, tableToCsv(table)));
  const rendered: RenderedChart[] = [];
  const svgs: string[] = [];
  const pngs: string[] = [];
  for (const chart of chartSpecs(input)) {
    const svg = await renderSvg(chart);
    rendered.push({ name: chart.name, title: chart.title, svg });
    svgs.push(add(`charts/${chart.name}.svg`, svg));
    pngs.push(add(`charts/${chart.name}.png`, svgToPng(svg)));
  }
  const html = add('report.html', reportHtml(input, rendered));
  // Last, so that it lists every other file and is renamed into place after them.
  const list = add(FILE_LIST, fileListJson(contents));
  const removed = await writeAll(dir, contents);
  return {
    dir,
    results,
    ...(tornado === undefined ? {} : { tornado }),
    ...(sweep === undefined ? {} : { sweep }),
    manifest,
    tables,
    svgs,
    pngs,
    html,
    list,
    all: [...contents.keys()],
    removed,
  };
}

/**
 * Writes `contents` (paths relative to `dir`) as a whole: each file first under a temporary name beside its
 * own, then, once all are written, renamed over the final names. If a write fails, the temporary files are
 * removed and nothing else has changed. Then removes what the previous report wrote and this one does not.
 *
 * @returns the paths of the previous report removed.
 */
/**
 * Refuses a `dir` that is not a path, or under a file: the first part of the path that exists must be a
 * folder. `''` is refused rather than read as the current folder, where a report would mix with the rest.
 */
async function checkReportDir(dir: unknown): Promise<void> {
  if (typeof dir !== 'string' || dir === '') {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `writeReportFolder: dir must be a folder's path (got ${describeValue(dir)}). E.g. 'out/compare', or '.' for the current folder.`,
    );
  }
  for (let path = resolve(dir); ; path = dirname(path)) {
    const found = await stat(path).catch(() => undefined);
    if (found !== undefined) {
      if (found.isDirectory()) return;
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `writeReportFolder: ${path} is a file, so ${dir} cannot be the report folder. Give a folder's path. Nothing was written.`,
      );
    }
    if (dirname(path) === path) return;
  }
}

async function writeAll(dir: string, contents: ReadonlyMap<string, string | Uint8Array>): Promise<string[]> {
  // Read before anything is written: a file of that name that is not dibsim's list stops the report here.
  const previous = await previousFiles(dir);
  const charts = join(dir, 'charts');
  try {
    await makeFolders(charts);
  } catch (error) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `writeReportFolder: cannot create the folder ${charts} (${messageOf(error)}). Give a path where a folder can be created.`,
      { cause: error },
    );
  }
  const staged: [temporary: string, path: string][] = [];
  let path = '';
  try {
    for (const [relative, data] of contents) {
      path = join(dir, relative);
      const temporary = `${path}.${process.pid}.partial`;
      staged.push([temporary, path]);
      await writeFile(temporary, data);
      // A folder of that name would stop the rename half-way through the report: fail before any.
      if ((await stat(path).catch(() => undefined))?.isDirectory() === true) {
        throw new Error('a folder of that name is in the way');
      }
    }
    for (const [temporary, final] of staged) {
      path = final;
      await rename(temporary, final);
    }
  } catch (error) {
    await Promise.all(staged.map(([temporary]) => rm(temporary, { force: true })));
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `writeReportFolder: cannot write ${path} (${messageOf(error)}). Choose a folder you can write to.`,
      { cause: error },
    );
  }
  return removeStale(dir, previous, contents);
}
