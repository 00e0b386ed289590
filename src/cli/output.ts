/**
 * Where results go: stdout in the chosen format (a text table, one JSON document, or the KPI table as
 * CSV), and with `--out` a report folder. Paths and notes go to stderr unless stdout is a table.
 *
 * @module
 */
import { constants } from 'node:fs';
import { access, rmdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { ExperimentResult } from '../experiment/results.js';
import type { SweepResult, TornadoResult } from '../experiment/sweep.js';
import { makeFolders } from '../io/folders.js';
import type { Scenario } from '../model/scenario.js';
import { writeReportFolder } from '../report/folder.js';
import { resultsToJson } from '../report/json.js';
import { countOf } from '../report/labels.js';
import { reportTables, tableToCsv } from '../report/tables.js';
import { fileProblem, UsageError } from './errors.js';
import { experimentTable, tornadoTable } from './format.js';
import type { Format } from './options.js';

/** What to print and write. */
export interface ResultOutput {
  /** The experiment (for a sweep or tornado: its reference experiment). */
  readonly result: ExperimentResult;
  /** The scenario that ran. */
  readonly scenario: Scenario;
  /** Format on stdout. */
  readonly format: Format;
  /** Report folder, if any. */
  readonly out?: string | undefined;
  /** The command line, recorded in the report. */
  readonly command: string;
  /** How the command named the scenario (file path or built-in name), for the report's suggestions. */
  readonly scenarioSource: string;
  /** A sweep, printed instead of the experiment when given. */
  readonly sweep?: SweepResult;
  /** A tornado, printed instead of the experiment when given. */
  readonly tornado?: TornadoResult;
  /**
   * A sensitivity analysis of the experiment: printed after its table (in JSON, as its `sensitivity`
   * field; not in CSV, which holds one table) and added to the report.
   */
  readonly sensitivity?: TornadoResult;
  /** Text table to print instead of the experiment's (for sweeps and tornados). */
  readonly table?: string;
}

/** Prints the result on stdout and writes the report folder. */
export async function emitResult(output: ResultOutput): Promise<void> {
  const { result, scenario, format } = output;
  const input = {
    result,
    scenario,
    command: output.command,
    scenarioSource: output.scenarioSource,
    ...(output.sweep === undefined ? {} : { sweep: output.sweep }),
    ...(output.tornado === undefined ? {} : { tornado: output.tornado }),
  };
  const reportInput = output.sensitivity === undefined ? input : { ...input, tornado: output.sensitivity };
  if (format === 'json') {
    // A sensitivity joins the experiment's document as its `sensitivity` field.
    const experiment =
      output.sensitivity === undefined ? result : { ...result, sensitivity: output.sensitivity };
    process.stdout.write(resultsToJson(output.sweep ?? output.tornado ?? experiment));
  } else if (format === 'csv') {
    const tables = reportTables(input);
    // A sweep's or tornado's own table is its main table; otherwise the KPI table.
    const main =
      tables.find(
        (t) =>
          t.name ===
          (output.sweep !== undefined ? 'sweep' : output.tornado !== undefined ? 'tornado' : 'kpis'),
      ) ?? tables[0]!;
    process.stdout.write(tableToCsv(main));
  } else {
    const m = result.manifest;
    process.stdout.write(
      `dibsim ${m.dibsim}: scenario ${scenario.name} (${scenario.startDate} to ${scenario.endDate}), ` +
        `${countOf(result.replications, 'replication')} per strategy, seed ${m.seed}, common random numbers\n\n`,
    );
    process.stdout.write(`${output.table ?? experimentTable(result)}\n`);
    if (output.sensitivity !== undefined) {
      process.stdout.write(
        `\nSensitivity to the gap parameters, one at a time from low to high (paired changes):\n\n${tornadoTable(output.sensitivity)}\n`,
      );
    }
  }
  if (output.out === undefined) return;
  const files = await writeReportFolder(output.out, reportInput);
  // Say so when files of an earlier report went: a user looking for them should know why.
  const removed =
    files.removed.length === 0 ? '' : ` (removed ${files.removed.length} left by the previous report)`;
  // A message, not a result: stdout stays the table (or JSON, or CSV) alone, to redirect into a file.
  process.stderr.write(
    `\nWrote ${files.all.length} files to ${files.dir}${removed}\nReport: ${joinPath(files.dir, files.html)}\n`,
  );
}

/**
 * Runs `command` with the `--out` folder ready: created (with its parents) if needed and checked to be
 * writable before anything runs, so that a bad path is reported first rather than after the run. If
 * `command` fails or is interrupted, the folders created here are removed again when still empty, so a
 * failed command leaves no empty report folder behind.
 *
 * @throws {@link UsageError} naming the folder, what is wrong and the fix; anything `command` throws.
 */
export async function withOutFolder<T>(out: string | undefined, command: () => Promise<T>): Promise<T> {
  if (out === undefined) return command();
  if ((await stat(out).catch(() => undefined))?.isFile() === true) {
    throw new UsageError(
      `--out ${out} is a file, not a folder. Name a folder for the results (it is created if missing). Nothing was run.`,
    );
  }
  let created: string | undefined;
  const undo = async () => {
    if (created !== undefined) await removeEmptyFolders(resolve(out), resolve(created));
  };
  try {
    created = await makeFolders(out);
    await access(out, constants.W_OK);
  } catch (error) {
    await undo();
    const problem = fileProblem(error) ?? String(error);
    throw new UsageError(`--out ${out} cannot be the output folder: ${problem} Nothing was run.`);
  }
  try {
    return await command();
  } catch (error) {
    await undo();
    throw error;
  }
}

/** Removes `folder`, then its parents up to `top`, each only while empty (a non-empty one ends it). */
async function removeEmptyFolders(folder: string, top: string): Promise<void> {
  for (let dir = folder; ; dir = dirname(dir)) {
    const removed = await rmdir(dir).then(
      () => true,
      () => false,
    );
    if (!removed || dir === top || dirname(dir) === dir) return;
  }
}

function joinPath(dir: string, file: string): string {
  return dir.endsWith('/') ? `${dir}${file}` : `${dir}/${file}`;
}
