/**
 * The output folder: results, provenance, one CSV per table, every chart as SVG and PNG, and the HTML
 * report.
 *
 * @module
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DibsimError, describeValue } from '../errors.js';
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
 * @returns the paths written, relative to `dir`.
 * @throws {@link DibsimError} `INVALID_ARGUMENT` naming the path when a file cannot be written.
 * @example
 * const files = await writeReportFolder('out', { result, scenario: europe155mm, command: 'dibsim compare' });
 * console.log(files.html); // 'report.html'
 */
export async function writeReportFolder(dir: string, input: ReportInput): Promise<ReportFiles> {
  // Checked before the folder is made, so a bad input leaves nothing behind.
  checkReportInput(input, 'writeReportFolder');
  const all: string[] = [];
  const write = async (relative: string, data: string | Uint8Array) => {
    const path = join(dir, relative);
    try {
      await writeFile(path, data);
    } catch (error) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `writeReportFolder: cannot write ${path} (${error instanceof Error ? error.message : describeValue(error)}). Choose a folder you can write to.`,
        { cause: error },
      );
    }
    all.push(relative);
    return relative;
  };
  const charts = join(dir, 'charts');
  try {
    await mkdir(charts, { recursive: true });
  } catch (error) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `writeReportFolder: cannot create the folder ${charts} (${error instanceof Error ? error.message : describeValue(error)}). Give a path where a folder can be created.`,
      { cause: error },
    );
  }
  const results = await write('results.json', resultsToJson(input.result));
  const tornado =
    input.tornado === undefined ? undefined : await write('tornado.json', resultsToJson(input.tornado));
  const sweep = input.sweep === undefined ? undefined : await write('sweep.json', resultsToJson(input.sweep));
  const manifest = await write('manifest.json', `${JSON.stringify(plain(input.result.manifest), null, 2)}\n`);
  const tables: string[] = [];
  for (const table of reportTables(input)) tables.push(await write(`${table.name}.csv`, tableToCsv(table)));
  const rendered: RenderedChart[] = [];
  const svgs: string[] = [];
  const pngs: string[] = [];
  for (const chart of chartSpecs(input)) {
    const svg = await renderSvg(chart);
    rendered.push({ name: chart.name, title: chart.title, svg });
    svgs.push(await write(`charts/${chart.name}.svg`, svg));
    pngs.push(await write(`charts/${chart.name}.png`, svgToPng(svg)));
  }
  const html = await write('report.html', reportHtml(input, rendered));
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
    all,
  };
}
