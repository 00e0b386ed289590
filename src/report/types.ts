/**
 * What reports are made of and what they produce: the input of every report function, tables, chart
 * specifications and the files a report folder holds.
 *
 * @module
 */
import { checkOptionNames, DibsimError, describeValue } from '../errors.js';
import { contentHash } from '../experiment/canonical.js';
import type { ExperimentResult } from '../experiment/results.js';
import type { SweepResult, TornadoResult } from '../experiment/sweep.js';
import type { Scenario } from '../model/scenario.js';

/** What a report is made of. */
export interface ReportInput {
  /** The experiment's results. */
  readonly result: ExperimentResult;
  /** The validated scenario that ran. */
  readonly scenario: Scenario;
  /** One-at-a-time sensitivity of the same experiment (see `tornado`), when it was run. */
  readonly tornado?: TornadoResult | undefined;
  /** A sweep over levers (see `runSweep`), when it was run. */
  readonly sweep?: SweepResult | undefined;
  /** The command line that produced the results, shown in the report so it can be rerun. */
  readonly command?: string | undefined;
  /**
   * How that command named the scenario (a file path or a built-in name), for the commands the report
   * suggests. @defaultValue the scenario's name
   */
  readonly scenarioSource?: string | undefined;
  /** Report title. @defaultValue `dibsim report: <scenario name>` */
  readonly title?: string | undefined;
}

/** A cell of a {@link Table}: text, a number (full precision), or `null` for "not defined". */
export type TableCell = string | number | null;

/** A table of results, written as one CSV file and shown in the HTML report. */
export interface Table {
  /** File-name-safe name, e.g. `kpis` (the CSV is `<name>.csv`). */
  readonly name: string;
  /** Column names. */
  readonly columns: readonly string[];
  /** Rows, each with one cell per column. */
  readonly rows: readonly (readonly TableCell[])[];
}

/**
 * A JSON value as Vega-Lite reads it. Declared here so that the public types do not depend on Vega-Lite's
 * own type declarations.
 */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | JsonObject;

/** A JSON object (see {@link JsonValue}). */
export interface JsonObject {
  /** Any JSON value per key. */
  readonly [key: string]: JsonValue;
}

/** A chart as data: a Vega-Lite specification with a file-name-safe name and a title. */
export interface ChartSpec {
  /** File-name-safe name, e.g. `fan-stock-DE` (the files are `charts/<name>.svg` and `.png`). */
  readonly name: string;
  /** Human title (also the chart's own title). */
  readonly title: string;
  /** The Vega-Lite specification (plain JSON, data inlined). */
  readonly spec: JsonObject;
}

/** A chart rendered to SVG, as {@link reportHtml} embeds it. */
export interface RenderedChart {
  /** Name of the chart (see {@link ChartSpec.name}). */
  readonly name: string;
  /** Its title. */
  readonly title: string;
  /** The SVG document. */
  readonly svg: string;
}

/** What {@link writeReportFolder} wrote: paths relative to the folder, with `/` separators. */
export interface ReportFiles {
  /** The folder, as given. */
  readonly dir: string;
  /** `results.json`: the experiment. */
  readonly results: string;
  /** `tornado.json`, when the input has a tornado. */
  readonly tornado?: string;
  /** `sweep.json`, when the input has a sweep. */
  readonly sweep?: string;
  /** `manifest.json`. */
  readonly manifest: string;
  /** One CSV per table, in table order. */
  readonly tables: readonly string[];
  /** `charts/<name>.svg` per chart, in chart order. */
  readonly svgs: readonly string[];
  /** `charts/<name>.png` per chart, in chart order. */
  readonly pngs: readonly string[];
  /** `report.html`. */
  readonly html: string;
  /**
   * `report-files.json`: every other file with its SHA-256, so that the next report written in the folder
   * removes those it does not write again.
   */
  readonly list: string;
  /** Every file above, in the order written. */
  readonly all: readonly string[];
  /**
   * Files the previous report in the folder listed and this one does not write, removed (unchanged since
   * that report wrote them), in that report's order.
   */
  readonly removed: readonly string[];
}

/**
 * Checks that `input` has what every report function reads: `result` (from `runExperiment`) and
 * `scenario`.
 *
 * @param where - the function to name in the error, e.g. `reportTables`
 * @throws {@link DibsimError} `INVALID_ARGUMENT` naming the missing part.
 * @internal
 */
export function checkReportInput(input: unknown, where: string): asserts input is ReportInput {
  const problem = reportInputProblem(input as Partial<ReportInput> | null | undefined);
  if (problem !== undefined) {
    throw new DibsimError('INVALID_ARGUMENT', `${where}: ${problem}. Pass { result, scenario }.`);
  }
  // A misspelt optional field (titel) would otherwise be left out of the report without a word.
  checkOptionNames(input, REPORT_INPUT_FIELDS, `${where}: input`);
  // A report mixes the result with the scenario's own data (names, sources, targets): they must match.
  const { result, scenario } = input as ReportInput;
  const ran = result.manifest.scenario;
  // The hash of the scenario as given: validation returns an equal copy, so a valid scenario hashes the same.
  const hash = contentHash(scenario);
  if (hash !== ran.hash) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `${where}: input.scenario is not the scenario the result ran ("${ran.name}", hash ${ran.hash.slice(0, 12)}…; this one is "${scenario.name}", hash ${hash.slice(0, 12)}…). Pass the scenario the experiment ran.`,
    );
  }
}

/** The fields of {@link ReportInput}. */
const REPORT_INPUT_FIELDS = ['result', 'scenario', 'tornado', 'sweep', 'command', 'scenarioSource', 'title'];

function reportInputProblem(input: Partial<ReportInput> | null | undefined): string | undefined {
  if (typeof input !== 'object' || input === null)
    return `input must be an object { result, scenario } (got ${describeValue(input)})`;
  const result = input.result as Partial<ExperimentResult> | undefined;
  if (typeof result?.manifest !== 'object' || !Array.isArray(result.strategies))
    return `input.result must be the result of runExperiment (got ${describeValue(input.result)})`;
  if (typeof input.scenario !== 'object' || input.scenario === null)
    return `input.scenario must be the scenario the experiment ran (got ${describeValue(input.scenario)})`;
  return undefined;
}
