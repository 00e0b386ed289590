import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { csvParse } from 'd3-dsv';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExperimentResult } from '../../../src/experiment/results.js';
import { chartSpecs } from '../../../src/report/charts.js';
import { writeReportFolder } from '../../../src/report/folder.js';
import { reportHtml } from '../../../src/report/html.js';
import { resultsToJson } from '../../../src/report/json.js';
import { reportTables } from '../../../src/report/tables.js';
import type { ReportInput } from '../../../src/report/types.js';
import { reportInput } from './fixture.js';

const root = mkdtempSync(join(tmpdir(), 'dibsim-report-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Every file under `dir` (not folders), relative to it, sorted. */
function writtenFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

describe('writeReportFolder', () => {
  it('writeReportFolder(dir, input) creates dir and writes results, manifest, CSVs, SVG and PNG charts and report.html', async () => {
    const input = await reportInput();
    const dir = join(root, 'nested', 'out');
    const files = await writeReportFolder(dir, input);
    const tables = reportTables(input);
    const charts = chartSpecs(input);
    expect(files.tables).toEqual(tables.map((t) => `${t.name}.csv`));
    expect(files.svgs).toEqual(charts.map((c) => `charts/${c.name}.svg`));
    expect(files.pngs).toEqual(charts.map((c) => `charts/${c.name}.png`));
    expect(files.tornado).toBe('tornado.json');
    for (const f of files.all) expect(existsSync(join(dir, f)), f).toBe(true);
    expect(files.all).toEqual(
      expect.arrayContaining([
        'results.json',
        'manifest.json',
        'report.html',
        ...files.tables,
        ...files.svgs,
        ...files.pngs,
      ]),
    );
    const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
    expect(results.replications).toBe(input.result.replications);
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).seed).toBe(
      input.result.manifest.seed,
    );
    const kpis = csvParse(readFileSync(join(dir, 'kpis.csv'), 'utf8'));
    expect(kpis.length).toBe(tables[0]!.rows.length);
    const png = readFileSync(join(dir, files.pngs[0]!));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });

  it('writeReportFolder writes all or nothing: a file it cannot write leaves the earlier report as it was', async () => {
    const input = await reportInput();
    const dir = join(root, 'again');
    const files = await writeReportFolder(dir, input);
    // Mark the earlier report, then put a folder where one of the CSV files goes.
    writeFileSync(join(dir, 'results.json'), 'earlier');
    writeFileSync(join(dir, 'report.html'), 'earlier');
    const blocked = files.tables.at(-1)!;
    rmSync(join(dir, blocked));
    mkdirSync(join(dir, blocked));
    await expect(writeReportFolder(dir, input)).rejects.toThrow(
      new RegExp(`writeReportFolder: cannot write .*${blocked} \\(a folder of that name is in the way\\)`),
    );
    expect(readFileSync(join(dir, 'results.json'), 'utf8')).toBe('earlier');
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe('earlier');
    const left = readdirSync(dir, { recursive: true }).map(String);
    expect(left.filter((f) => f.endsWith('.partial'))).toEqual([]);
    // Once the way is clear, the whole report is written again.
    rmSync(join(dir, blocked), { recursive: true });
    await writeReportFolder(dir, input);
    expect(readFileSync(join(dir, 'results.json'), 'utf8')).toBe(resultsToJson(input.result));
    expect(
      readdirSync(dir, { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('.partial')),
    ).toEqual([]);
  });

  it('a report written over an earlier one removes the files the earlier one listed and this one does not write', async () => {
    const input = await reportInput();
    const dir = join(root, 'reuse');
    const before = await writeReportFolder(dir, input);
    expect(before.removed).toEqual([]);
    // The same experiment without its tornado: tornado.json, tornado.csv and the tornado charts go.
    const { tornado: _, ...plain } = input;
    const after = await writeReportFolder(dir, plain);
    const stale = before.all.filter((f) => !after.all.includes(f));
    expect(stale).toEqual(expect.arrayContaining(['tornado.json', 'tornado.csv']));
    expect(stale.some((f) => f.startsWith('charts/tornado-'))).toBe(true);
    expect(after.removed).toEqual(stale);
    for (const f of stale) expect(existsSync(join(dir, f)), f).toBe(false);
    expect(writtenFiles(dir)).toEqual([...after.all].sort());
    const list = JSON.parse(readFileSync(join(dir, after.list), 'utf8'));
    expect(Object.keys(list.files)).toEqual(after.all.filter((f) => f !== 'report-files.json'));
  });

  it("writeReportFolder leaves the user's own files alone, and a file of the earlier report the user changed since", async () => {
    const input = await reportInput();
    const dir = join(root, 'mine');
    await writeReportFolder(dir, input);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    writeFileSync(join(dir, 'charts', 'mine.png'), 'mine');
    writeFileSync(join(dir, 'tornado.csv'), 'edited');
    const { tornado: _, ...plain } = input;
    const after = await writeReportFolder(dir, plain);
    expect(after.removed).toContain('tornado.json');
    expect(after.removed).not.toContain('tornado.csv');
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    expect(readFileSync(join(dir, 'charts', 'mine.png'), 'utf8')).toBe('mine');
    expect(readFileSync(join(dir, 'tornado.csv'), 'utf8')).toBe('edited');
    // Left out of that report's list, it is not dibsim's any more: the next report leaves it too.
    expect((await writeReportFolder(dir, plain)).removed).toEqual([]);
    expect(readFileSync(join(dir, 'tornado.csv'), 'utf8')).toBe('edited');
  });

  it('writeReportFolder writes nothing where a file of the name of its list is not one dibsim wrote', async () => {
    const input = await reportInput();
    const lists = [
      'my own notes',
      JSON.stringify({ files: { '../outside.txt': 'a'.repeat(64) } }),
      JSON.stringify({ files: { 'results.json': 'not a hash' } }),
    ];
    for (const [i, text] of lists.entries()) {
      const dir = join(root, `not-ours-${i}`);
      mkdirSync(dir);
      writeFileSync(join(dir, 'report-files.json'), text);
      await expect(writeReportFolder(dir, input)).rejects.toThrow(
        /writeReportFolder: .*not-ours-\d\/report-files\.json is in the way of the report's list of files \(it is not the list of files a dibsim report writes\)\. Move it out of the folder, or choose another folder; nothing was written\./,
      );
      expect(readdirSync(dir)).toEqual(['report-files.json']);
      expect(readFileSync(join(dir, 'report-files.json'), 'utf8')).toBe(text);
    }
  });

  it('writeReportFolder twice with the same input writes the same files, byte for byte, and removes none', async () => {
    const input = await reportInput();
    const dir = join(root, 'twice');
    const first = await writeReportFolder(dir, input);
    const before = new Map(writtenFiles(dir).map((f) => [f, readFileSync(join(dir, f))]));
    const second = await writeReportFolder(dir, input);
    expect(second.removed).toEqual([]);
    expect(second.all).toEqual(first.all);
    expect(writtenFiles(dir)).toEqual([...before.keys()]);
    for (const [f, data] of before) expect(readFileSync(join(dir, f)).equals(data), f).toBe(true);
  });

  it('writeReportFolder refuses a folder under a file, an empty or non-string dir, and a misspelt input field, before rendering', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'x');
    const input = await reportInput();
    await expect(writeReportFolder(join(file, 'out'), input)).rejects.toThrow(
      /^writeReportFolder: .*a-file is a file, so .*a-file\/out cannot be the report folder\. Give a folder's path\. Nothing was written\.$/,
    );
    await expect(writeReportFolder('', input)).rejects.toThrow(
      /^writeReportFolder: dir must be a folder's path \(got ""\)\. E\.g\. 'out\/compare', or '\.' for the current folder\.$/,
    );
    await expect(writeReportFolder(5 as unknown as string, input)).rejects.toThrow(
      /dir must be a folder's path \(got 5\)/,
    );
    await expect(writeReportFolder(join(root, 'typo'), { ...input, titel: 'x' } as never)).rejects.toThrow(
      /^writeReportFolder: input\.titel is not an option \(got "x"\)\. Did you mean 'title'\?/,
    );
    expect(existsSync(join(root, 'typo'))).toBe(false);
  });
});

describe('report inputs', () => {
  it('every report function names a missing or malformed input, and writeReportFolder then leaves no folder', async () => {
    const { result, scenario } = await reportInput();
    const bad: [unknown, RegExp][] = [
      [undefined, /input must be an object \{ result, scenario \} \(got undefined\)/],
      [{ scenario }, /input\.result must be the result of runExperiment \(got undefined\)/],
      [{ result: { strategies: [] }, scenario }, /input\.result must be the result of runExperiment/],
      [{ result }, /input\.scenario must be the scenario the experiment ran/],
      [
        { result, scenario: { ...scenario, name: 'another' } },
        /input\.scenario is not the scenario the result ran \(".*", hash [0-9a-f]{12}…; this one is "another", hash [0-9a-f]{12}…\)\. Pass the scenario the experiment ran\./,
      ],
    ];
    for (const [input, message] of bad) {
      const as = input as ReportInput;
      expect(() => reportTables(as)).toThrow(new RegExp(`reportTables: ${message.source}`));
      expect(() => chartSpecs(as)).toThrow(new RegExp(`chartSpecs: ${message.source}`));
      expect(() => reportHtml(as, [])).toThrow(new RegExp(`reportHtml: ${message.source}`));
      const dir = join(root, 'never');
      await expect(writeReportFolder(dir, as)).rejects.toThrow(
        new RegExp(`writeReportFolder: ${message.source}`),
      );
      expect(existsSync(dir)).toBe(false);
    }
    expect(() => resultsToJson(undefined as unknown as ExperimentResult)).toThrow(
      /resultsToJson: result must be what runExperiment, runSweep or tornado returned \(got undefined\)/,
    );
  });
});
