/**
 * The output folder: results, provenance, one CSV per table, every chart as SVG and PNG, and the HTML
 * report.
 *
 * @module
 */
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DibsimError, messageOf } from '../errors.js';
import { makeFolders } from '../io/folders.js';
import { chartSpecs } from './charts.js';
import { reportHtml } from './html.js';
import { plain, resultsToJson } from './json.js';
import { renderSvg, svgToPng } from './render.js';
import { reportTables, tableToCsv } from './tables.js';
import { checkReportInput, type RenderedChart, type ReportFiles, type ReportInput } from './types.js';

/**
 * Writes a report folder, creating it (and its parents) if needed and replacing files of the same names:
 * `results.json` (the experiment, as {@link resultsToJson}), `tornado.json` and `sweep.json` when given,
 * `manifest.json` (provenance), `<table>.csv` for every table of {@link reportTables}, `charts/<name>.svg`
 * and `charts/<name>.png` for every chart of {@link chartSpecs}, and `report.html`.
 *
 * All or nothing: every file is built in memory first, then written beside its final name and renamed into
 * place once all are written. A chart that cannot be rendered or a file that cannot be written (a full
 * disk) leaves the folder as it was: an earlier report in it is never half replaced. Other files in the
 * folder are left alone.
 *
 * @returns the paths written, relative to `dir`.
 * @throws {@link DibsimError} `INVALID_ARGUMENT` naming the path when the folder cannot be created or a file
 *   cannot be written.
 * @example
 * const files = await writeReportFolder('out', { result, scenario: europe155mm, command: 'dibsim compare' });
 * console.log(files.html); // 'report.html'
 */
export async function writeReportFolder(dir: string, input: ReportInput): Promise<ReportFiles> {
  // Checked before the folder is made, so a bad input leaves nothing behind.
  checkReportInput(input, 'writeReportFolder');
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
  await writeAll(dir, contents);
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
    all: [...contents.keys()],
  };
}

/**
 * Writes `contents` (paths relative to `dir`) as a whole: each file first under a temporary name beside its
 * own, then, once all are written, renamed over the final names. If a write fails, the temporary files are
 * removed and nothing else has changed.
 */
async function writeAll(dir: string, contents: ReadonlyMap<string, string | Uint8Array>): Promise<void> {
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
}
