/**
 * Results files: one JSON line per finished replication, appended as replications complete, so a killed
 * run can resume and shards can be merged. The first line is a header with the manifest and the record
 * layout; a torn final line (no newline: the process died mid-write) is ignored and cut off on resume.
 * A file without a complete line is a torn header only if it holds the start of one (a run killed as it
 * began); anything else is refused and left alone, never overwritten.
 *
 * @module
 */
import { closeSync, existsSync, openSync, readSync, truncateSync, writeSync } from 'node:fs';
import { DibsimError, describeValue, fileErrorFix } from '../errors.js';
import { canonicalJson } from './canonical.js';
import { type ExperimentManifest, manifestDifferences } from './manifest.js';
import {
  type CensoredColumns,
  censoredColumns,
  type RecordLayout,
  recordWidth,
  valueName,
} from './record.js';
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
  /** Outcomes by replication index, read back from the file one at a time. */
  readonly outcomes: ResultsFileIndex;
  /** Bytes up to the end of the last complete line. */
  readonly validBytes: number;
  /** Bytes in the file: 0 for a missing or empty file; more with no header, a torn header. */
  readonly bytes: number;
}

/**
 * How every header line starts: {@link ResultsFileWriter} writes `type`, then the manifest (an object),
 * then the layout. A file without a complete line is a torn header only if it starts as this does.
 */
const HEADER_START = Buffer.from('{"type":"dibsim-experiment","manifest":{', 'utf8');

/** Bytes read at a time while indexing a file. */
const CHUNK_BYTES = 1 << 20;

/**
 * Where each replication's line sits in a results file (the first line wins if one appears twice). Holds
 * offsets only, and reads a record back when asked, so resuming or merging a long run does not hold its
 * records in memory. @internal
 */
export class ResultsFileIndex {
  private readonly lines = new Map<number, { readonly start: number; readonly length: number }>();

  constructor(private readonly path: string) {}

  /** Replications in the file. */
  get size(): number {
    return this.lines.size;
  }

  /** Whether replication `r` is in the file. */
  has(replication: number): boolean {
    return this.lines.has(replication);
  }

  /** The outcome of replication `r`, read from the file, or `undefined` if it is not there. */
  get(replication: number): ReplicationOutcome | undefined {
    const at = this.lines.get(replication);
    if (at === undefined) return undefined;
    const bytes = Buffer.alloc(at.length);
    const fd = onFile(this.path, 'read', () => openSync(this.path, 'r'));
    try {
      let read = 0;
      while (read < at.length) {
        const n = onFile(this.path, 'read', () =>
          readSync(fd, bytes, read, at.length - read, at.start + read),
        );
        if (n === 0) break;
        read += n;
      }
    } finally {
      closeSync(fd);
    }
    return outcomeFromLine(JSON.parse(bytes.toString('utf8')) as Record<string, unknown>);
  }

  /** Records where replication `r`'s line is, unless the file already had one. @internal */
  add(replication: number, start: number, length: number): void {
    if (!this.lines.has(replication)) this.lines.set(replication, { start, length });
  }
}

/**
 * Reads a results file's header and indexes its lines, ignoring an incomplete final line. Every complete
 * line is parsed once here (so a corrupt file fails now, not halfway through a run) and then dropped.
 * A file without a complete line reads as a torn header (no header, nothing to resume) if what it holds
 * is the start of a header line (`{"type":"dibsim-experiment","manifest":{…`), as a run killed while it
 * wrote its first line leaves it; {@link ResultsFileWriter} then checks that it is this run's header.
 *
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if a complete line is not valid JSON or not what a results
 *   file holds there (a header, then records and failures of that header's experiment: a damaged or edited
 *   file), the header is missing, a file without a complete line does not start as a header (a one-line
 *   file of another kind without its final newline: `… is not a dibsim results file …`), or the file cannot
 *   be read (naming the path, the line and the fix). The file is left as it is.
 * @internal
 */
export function readResultsFile(path: string, chunkBytes = CHUNK_BYTES): ResultsFileContents {
  const outcomes = new ResultsFileIndex(path);
  if (!existsSync(path)) return { header: undefined, outcomes, validBytes: 0, bytes: 0 };
  let header: ResultsFileHeader | undefined;
  let shape: RecordShape | undefined; // of the header's records, worked out once
  let lineNumber = 0;
  const damaged = (problem: string) =>
    new DibsimError(
      'INVALID_ARGUMENT',
      `Results file ${path}, line ${lineNumber}: ${problem}. The file is damaged or was edited (only the last line may be incomplete): restore it, or start a new one.`,
    );
  const onLine = (text: string, start: number, length: number) => {
    lineNumber++;
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch (cause) {
      if (lineNumber === 1)
        throw new DibsimError(
          'INVALID_ARGUMENT',
          `${path} is not a dibsim results file (its first line is not JSON). Choose the file a run wrote its replications to.`,
        );
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `Results file ${path}, line ${lineNumber}, is not valid JSON (${String(cause)}). Only the last line may be incomplete; restore the file or start a new one.`,
      );
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw damaged(`holds ${describeValue(parsed)}, not a JSON object`);
    if (lineNumber === 1) {
      if (parsed.type !== 'dibsim-experiment') {
        throw new DibsimError(
          'INVALID_ARGUMENT',
          `${path} is not a dibsim results file (its first line has no "type": "dibsim-experiment"). Choose another file.`,
        );
      }
      const problem = headerProblem(parsed);
      if (problem !== undefined) throw damaged(problem);
      header = parsed as unknown as ResultsFileHeader;
      shape = recordShape(header);
      return;
    }
    const problem = lineProblem(parsed, shape!);
    if (problem !== undefined) throw damaged(problem);
    const outcome = outcomeFromLine(parsed);
    outcomes.add(outcome.status === 'ok' ? outcome.record.replication : outcome.replication, start, length);
  };
  const { validBytes, bytes } = scanLines(path, chunkBytes, onLine);
  // No complete line (else the first made the header or threw): a torn header, or a file of another kind
  // whose only line lacks its newline, which must not be taken for an empty results file and overwritten.
  if (header === undefined && bytes > 0) {
    const start = readStart(path, HEADER_START.length);
    if (!start.equals(HEADER_START.subarray(0, start.length))) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `${path} is not a dibsim results file (it holds no complete line, and does not start as a results file's header, {"type":"dibsim-experiment",…). Choose another file.`,
      );
    }
  }
  return { header, outcomes, validBytes: header === undefined ? 0 : validBytes, bytes };
}

/**
 * The first `length` bytes of the file `path` (fewer if it is shorter).
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if the file cannot be read.
 */
function readStart(path: string, length: number): Buffer {
  const start = Buffer.alloc(length);
  const fd = onFile(path, 'read', () => openSync(path, 'r'));
  try {
    let read = 0;
    while (read < length) {
      const n = onFile(path, 'read', () => readSync(fd, start, read, length - read, read));
      if (n === 0) break;
      read += n;
    }
    return start.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * Calls `onLine` with each complete (newline-terminated) line of a file and its byte range, reading a chunk
 * at a time; returns the number of bytes up to the end of the last complete line (`validBytes`) and in
 * the file (`bytes`).
 */
function scanLines(
  path: string,
  chunkBytes: number,
  onLine: (text: string, start: number, length: number) => void,
): { readonly validBytes: number; readonly bytes: number } {
  const fd = onFile(path, 'read', () => openSync(path, 'r'));
  try {
    const chunk = Buffer.alloc(chunkBytes);
    let carry: Buffer[] = []; // the current line's bytes from earlier chunks
    let lineStart = 0;
    let position = 0;
    for (;;) {
      const n = onFile(path, 'read', () => readSync(fd, chunk, 0, chunkBytes, position));
      if (n === 0) return { validBytes: lineStart, bytes: position };
      let from = 0;
      for (let nl = chunk.indexOf(0x0a, 0); nl >= 0 && nl < n; nl = chunk.indexOf(0x0a, from)) {
        const tail = chunk.subarray(from, nl);
        const bytes = carry.length === 0 ? tail : Buffer.concat([...carry, tail]);
        carry = [];
        onLine(bytes.toString('utf8'), lineStart, bytes.length);
        lineStart += bytes.length + 1;
        from = nl + 1;
      }
      if (from < n) carry.push(Buffer.from(chunk.subarray(from, n)));
      position += n;
    }
  } finally {
    closeSync(fd);
  }
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
  const layoutDiffers = canonicalJson(header.layout) !== canonicalJson(expected.layout);
  if (layoutDiffers && differences.length === 0) {
    // Same scenario, seed and options: only a build that records other KPIs or series writes another layout.
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `${path} was written by this experiment, but its records hold other KPIs or series than this version of dibsim records (differs in: layout): it comes from another version. Use another file; this one can still be read by the version that wrote it.`,
    );
  }
  if (layoutDiffers) differences.push('layout');
  if (differences.length > 0) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `${path} was written by a different experiment (differs in: ${differences.join(', ')}).${valuesThatDiffer(differences, header.manifest, expected.manifest)} Use another file, or rerun with the settings it records.`,
    );
  }
}

/** Longest canonical JSON of a manifest field that a mismatch message quotes. */
const QUOTED_CHARACTERS = 60;

/**
 * What the file records and what this run has for the short fields among `keys` (` In the file: seed "7",
 * replications 20; in this run: seed "8", replications 40.`), and what an edited strategy module means;
 * empty if no field is short enough to quote.
 */
function valuesThatDiffer(
  keys: readonly string[],
  recorded: ExperimentManifest,
  now: ExperimentManifest,
): string {
  const quote = (manifest: ExperimentManifest, key: string) =>
    canonicalJson((manifest as unknown as Record<string, unknown>)[key] ?? null);
  const short = keys.filter(
    (k) =>
      k !== 'layout' &&
      quote(recorded, k).length <= QUOTED_CHARACTERS &&
      quote(now, k).length <= QUOTED_CHARACTERS,
  );
  const side = (manifest: ExperimentManifest) => short.map((k) => `${k} ${quote(manifest, k)}`).join(', ');
  const values = short.length === 0 ? '' : ` In the file: ${side(recorded)}; in this run: ${side(now)}.`;
  const code = keys.includes('strategyCode')
    ? ' The file of a strategy module of your own has changed since the results were written (strategyCode).'
    : '';
  return values + code;
}

/** Appends outcomes to a results file, one line each. @internal */
export class ResultsFileWriter {
  private readonly fd: number;

  /**
   * Opens `path` for appending: writes the header to a new or empty file, or over a torn header (no
   * complete line) that is the start of the header line this run writes; or cuts a file with a header
   * back to `validBytes` (dropping a torn final line).
   *
   * @param existing - what {@link readResultsFile} read from `path`
   * @throws {@link DibsimError} `INVALID_ARGUMENT` naming the path and the fix if the file cannot be
   *   created or opened (a missing folder, no permission, …), or if it holds a torn header that is not the
   *   start of this run's (another experiment's run, stopped as it began), which is left as it is.
   */
  constructor(
    private readonly path: string,
    header: Omit<ResultsFileHeader, 'type'>,
    existing: ResultsFileContents,
  ) {
    if (existing.header === undefined) {
      // The fields in this order: HEADER_START is how every header line starts.
      const line = lineBytes({ type: 'dibsim-experiment', manifest: header.manifest, layout: header.layout });
      if (existing.bytes > 0) checkTornHeader(path, line);
      this.fd = onFile(path, 'create', () => openSync(path, 'w'));
      this.writeBytes(line);
    } else {
      onFile(path, 'resume', () => truncateSync(path, existing.validBytes));
      this.fd = onFile(path, 'resume', () => openSync(path, 'a'));
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
    this.writeBytes(lineBytes(line));
  }

  private writeBytes(bytes: Buffer): void {
    // One write per line: a kill can only leave the final line incomplete.
    let written = 0;
    while (written < bytes.length)
      written += onFile(this.path, 'write to', () => writeSync(this.fd, bytes, written));
  }
}

/** A line of a results file: `line` as JSON, then a newline. */
function lineBytes(line: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(line)}\n`, 'utf8');
}

/**
 * Throws unless the file `path`, which holds no complete line, holds the start of `line`, the header line
 * this run writes: a run of this experiment killed as it wrote its header leaves exactly that (an empty
 * file passes too). Any other content is not this run's to overwrite.
 */
function checkTornHeader(path: string, line: Buffer): void {
  // The line ends in its newline, which a file without a complete line lacks: a file as long is not torn.
  const start = readStart(path, line.length);
  if (start.length < line.length && start.equals(line.subarray(0, start.length))) return;
  throw new DibsimError(
    'INVALID_ARGUMENT',
    `${path} holds only the incomplete header of another experiment's results file (or of one from another version of dibsim or Node.js): its run stopped before it wrote a complete line, so the file holds no replications. Delete it, or choose another file.`,
  );
}

/**
 * Runs `call`, a file-system operation on the results file `path`, turning an operating-system error into
 * a {@link DibsimError} (`INVALID_ARGUMENT`, as for any other bad path) that names the path and the fix,
 * with the original error as `cause`.
 */
function onFile<T>(path: string, doing: string, call: () => T): T {
  try {
    return call();
  } catch (cause) {
    const code = (cause as { code?: unknown } | null)?.code;
    const fix = fileErrorFix(code) ?? 'check the path, or choose another file';
    // Replications already written stay in the file: a run stopped by a full disk resumes from it.
    const resume = code === 'ENOSPC' ? ' Then run again with the same results file to resume.' : '';
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `Cannot ${doing} results file ${path} (${reason}): ${fix}.${resume}`,
      { cause },
    );
  }
}

/** What is missing from a header line for the rest of the file to be read against it, if anything. */
function headerProblem(line: Record<string, unknown>): string | undefined {
  const manifest = line.manifest as Record<string, unknown> | undefined;
  const layout = line.layout as Record<string, unknown> | undefined;
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest))
    return `the header has no manifest object (got ${describeValue(manifest)})`;
  const replications = manifest.replications;
  if (typeof replications !== 'number' || !Number.isSafeInteger(replications) || replications < 1)
    return `the header's manifest.replications must be a whole number >= 1 (got ${describeValue(replications)})`;
  if (!Array.isArray(manifest.strategies) || manifest.strategies.length === 0)
    return `the header's manifest.strategies must list the strategies (got ${describeValue(manifest.strategies)})`;
  if (typeof layout !== 'object' || layout === null)
    return `the header has no layout object (got ${describeValue(layout)})`;
  for (const key of ['scalars', 'series', 'seriesDays', 'censored', 'nations', 'pledges'])
    if (!Array.isArray(layout[key]))
      return `the header's layout.${key} must be an array (got ${describeValue(layout[key])})`;
  const horizon = layout.horizonDays;
  if (typeof horizon !== 'number' || !(horizon >= 0 && horizon < Number.POSITIVE_INFINITY))
    return `the header's layout.horizonDays must be a number >= 0 (got ${describeValue(horizon)})`;
  const missing = censoredColumns(layout as unknown as RecordLayout).findIndex(
    (c) => c.reached < 0 || c.day < 0,
  );
  if (missing >= 0) {
    const key = String((layout.censored as unknown[])[missing]);
    return `the header's layout.scalars must hold "${key}.reached" and "${key}.day", as layout.censored lists "${key}"`;
  }
  return undefined;
}

/** What the records of one header must look like, worked out once per file. */
interface RecordShape {
  /** The header. */
  readonly header: ResultsFileHeader;
  /** Numbers per strategy. */
  readonly width: number;
  /** Columns of each censored event. */
  readonly censored: readonly CensoredColumns[];
}

function recordShape(header: ResultsFileHeader): RecordShape {
  return { header, width: recordWidth(header.layout), censored: censoredColumns(header.layout) };
}

/**
 * What is wrong with a record or failure line of the experiment `shape.header` describes, if anything:
 * every number is checked (finite or null, and each censored event's `.reached` 0 or 1 and `.day` within
 * the horizon, as {@link recordValues} writes them), so a damaged line cannot slip into the statistics or
 * fail later, far from its cause.
 */
function lineProblem(line: Record<string, unknown>, shape: RecordShape): string | undefined {
  const { header, width } = shape;
  const total = header.manifest.replications;
  const r = line.replication;
  if (typeof r !== 'number' || !Number.isSafeInteger(r) || r < 0 || r >= total)
    return `"replication" must be a whole number from 0 to ${total - 1} (got ${describeValue(r)})`;
  if (line.type === 'failure') {
    const error = line.error as Record<string, unknown> | null | undefined;
    if (typeof line.strategy !== 'string')
      return `"strategy" must be a strategy name (got ${describeValue(line.strategy)})`;
    if (
      typeof error !== 'object' ||
      error === null ||
      typeof error.name !== 'string' ||
      typeof error.message !== 'string'
    )
      return `"error" must hold the error's name and message (got ${describeValue(error)})`;
    return undefined;
  }
  if (line.type !== 'record') return `"type" must be "record" or "failure" (got ${describeValue(line.type)})`;
  const strategies = header.manifest.strategies.length;
  const values = line.values;
  if (!Array.isArray(values) || values.length !== strategies)
    return `"values" must hold ${strategies} lists, one per strategy (got ${Array.isArray(values) ? `${values.length}` : describeValue(values)})`;
  for (let s = 0; s < strategies; s++) {
    const v: unknown = values[s];
    if (!Array.isArray(v) || v.length !== width)
      return `"values[${s}]" must hold ${width} numbers (got ${Array.isArray(v) ? `${v.length}` : describeValue(v)})`;
    const problem = valuesProblem(v, shape);
    if (problem !== undefined) {
      const { at, rule } = problem;
      return `"values[${s}][${at}]" (${valueName(header.layout, at)}) ${rule} (got ${describeValue(v[at])})`;
    }
  }
  return undefined;
}

/** The first value of one strategy's list that no run writes, and the rule it breaks. */
function valuesProblem(
  v: readonly unknown[],
  shape: RecordShape,
): { readonly at: number; readonly rule: string } | undefined {
  // JSON has no NaN (written as null) and reads 1e999 as Infinity, which no record holds.
  const at = v.findIndex((x) => x !== null && !(typeof x === 'number' && Number.isFinite(x)));
  if (at >= 0) return { at, rule: 'must be a finite number or null' };
  const horizon = shape.header.layout.horizonDays;
  for (const { reached, day } of shape.censored) {
    const r = v[reached] as number | null;
    const d = v[day] as number | null;
    if (r !== null && r !== 0 && r !== 1)
      return { at: reached, rule: 'must be 1 (reached) or 0 (not reached), or null' };
    if (d !== null && !(d >= 0 && d <= horizon))
      return { at: day, rule: `must be a day from 0 to the horizon, ${horizon}, or null` };
    // Both are null where the event is undefined; one alone would count in one statistic and not the other.
    if ((r === null) !== (d === null)) {
      const [at, other] = r === null ? [day, reached] : [reached, day];
      return { at, rule: `must be null exactly when ${valueName(shape.header.layout, other)} is` };
    }
  }
  return undefined;
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
