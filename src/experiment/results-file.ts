/**
 * Results files: one JSON line per finished replication, appended as replications complete, so a killed
 * run can resume and shards can be merged. The first line is a header with the manifest and the record
 * layout; a torn final line (no newline: the process died mid-write) is ignored and cut off on resume.
 *
 * @module
 */
import { closeSync, existsSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import { DibsimError } from '../errors.js';
import { canonicalJson } from './canonical.js';
import { type ExperimentManifest, manifestDifferences } from './manifest.js';
import type { RecordLayout } from './record.js';
import type { ReplicationOutcome } from './replicate.js';

/** First line of a results file. @internal */
export interface ResultsFileHeader {
  /** Line type. */
  readonly type: 'dibsim-experiment';
  /** Manifest of the run that writes the file. */
  readonly manifest: ExperimentManifest;
  /** Layout of its records. */
  readonly layout: RecordLayout;
}

/** What a results file holds. @internal */
export interface ResultsFileContents {
  /** Header, or `undefined` for a missing or empty file. */
  readonly header: ResultsFileHeader | undefined;
  /** Outcomes by replication index (the first line wins if one appears twice). */
  readonly outcomes: Map<number, ReplicationOutcome>;
  /** Bytes up to the end of the last complete line. */
  readonly validBytes: number;
}

/**
 * Reads a results file, ignoring an incomplete final line.
 *
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if a complete line is not valid JSON or the header is missing.
 * @internal
 */
export function readResultsFile(path: string): ResultsFileContents {
  const outcomes = new Map<number, ReplicationOutcome>();
  if (!existsSync(path)) return { header: undefined, outcomes, validBytes: 0 };
  const bytes = readFileSync(path);
  const validBytes = bytes.lastIndexOf(0x0a) + 1;
  const lines = bytes.subarray(0, validBytes).toString('utf8').split('\n').slice(0, -1);
  let header: ResultsFileHeader | undefined;
  lines.forEach((line, i) => {
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(line) as Record<string, unknown>;
    } catch (cause) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `Results file ${path}, line ${i + 1}, is not valid JSON (${String(cause)}). Only the last line may be incomplete; restore the file or start a new one.`,
      );
    }
    if (i === 0) {
      if (parsed.type !== 'dibsim-experiment') {
        throw new DibsimError(
          'INVALID_ARGUMENT',
          `${path} is not a dibsim results file (its first line has no "type": "dibsim-experiment"). Choose another file.`,
        );
      }
      header = parsed as unknown as ResultsFileHeader;
      return;
    }
    const outcome = outcomeFromLine(parsed);
    const index = outcome.status === 'ok' ? outcome.record.replication : outcome.replication;
    if (!outcomes.has(index)) outcomes.set(index, outcome);
  });
  return { header, outcomes, validBytes: header === undefined ? 0 : validBytes };
}

/**
 * Throws unless `header` describes the same experiment as `expected` (manifest and layout).
 * @internal
 */
export function checkHeader(
  path: string,
  header: ResultsFileHeader,
  expected: Omit<ResultsFileHeader, 'type'>,
  ignore: readonly (keyof ExperimentManifest)[] = [],
): void {
  const differences = manifestDifferences(header.manifest, expected.manifest, ignore);
  if (canonicalJson(header.layout) !== canonicalJson(expected.layout)) differences.push('layout');
  if (differences.length > 0) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `${path} was written by a different experiment (differs in: ${differences.join(', ')}). Use another file, or rerun with the settings it records.`,
    );
  }
}

/** Appends outcomes to a results file, one line each. @internal */
export class ResultsFileWriter {
  private readonly fd: number;

  /**
   * Opens `path` for appending: writes the header to a new file, or cuts an existing one back to
   * `validBytes` (dropping a torn final line).
   */
  constructor(path: string, header: Omit<ResultsFileHeader, 'type'>, existing: ResultsFileContents) {
    if (existing.header === undefined) {
      this.fd = openSync(path, 'w');
      this.write({ type: 'dibsim-experiment', ...header });
    } else {
      truncateSync(path, existing.validBytes);
      this.fd = openSync(path, 'a');
    }
  }

  /** Appends one outcome. */
  append(outcome: ReplicationOutcome): void {
    if (outcome.status === 'ok') {
      this.write({ type: 'record', replication: outcome.record.replication, values: outcome.record.values });
    } else {
      const { thrown: _thrown, ...data } = outcome;
      const { stack: _stack, ...error } = data.error;
      this.write({ type: 'failure', replication: data.replication, strategy: data.strategy, error });
    }
  }

  /** Closes the file. */
  close(): void {
    closeSync(this.fd);
  }

  private write(line: unknown): void {
    // One write per line: a kill can only leave the final line incomplete.
    const bytes = Buffer.from(`${JSON.stringify(line)}\n`, 'utf8');
    let written = 0;
    while (written < bytes.length) written += writeSync(this.fd, bytes, written);
  }
}

function outcomeFromLine(line: Record<string, unknown>): ReplicationOutcome {
  const replication = line.replication as number;
  if (line.type === 'failure') {
    return {
      status: 'failed',
      replication,
      strategy: line.strategy as string,
      error: line.error as { name: string; message: string },
    };
  }
  // JSON writes NaN as null.
  const values = (line.values as (number | null)[][]).map((v) => v.map((x) => x ?? Number.NaN));
  return { status: 'ok', record: { replication, values } };
}
