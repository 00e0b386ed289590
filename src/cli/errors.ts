/**
 * How the command-line tool ends: exit codes, and the messages it prints for each kind of failure (no stack
 * trace unless `--debug`).
 *
 * @module
 */
import { DibsimError, describeIssue, fileErrorFix, ReplicationError, ScenarioError } from '../errors.js';

/** Exit codes of `dibsim`. */
export const EXIT = {
  /** Success. */
  ok: 0,
  /** A replication (or the run) failed. */
  runFailed: 1,
  /** Bad input or usage, including a file or folder that cannot be read or written. */
  usage: 2,
  /** Interrupted by Ctrl-C (128 + SIGINT). */
  interrupted: 130,
} as const;

/** Bad input or usage that the user can fix: printed without a stack trace, exit 2. */
export class UsageError extends Error {
  /**
   * @param message - what is wrong, naming the option, file or field, and the fix
   */
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Ctrl-C stopped a run: the message says what was kept and how to resume; exit 130. */
export class InterruptedError extends Error {
  /**
   * @param message - what was kept and the command that resumes
   */
  constructor(message: string) {
    super(message);
    this.name = 'InterruptedError';
  }
}

/**
 * A replication failed; the message names the seed and replication and how to replay it: a command, or
 * (for a sweep's design point, which no single command reruns) what to do instead.
 */
export class RunFailedError extends Error {
  /**
   * @param error - the experiment's error
   * @param replay - the `dibsim run … --replication …` command that reruns the failing replication, or
   *   `{ where, how }`: which design point failed, and how to replay it
   */
  constructor(error: ReplicationError, replay: string | { readonly where: string; readonly how: string }) {
    const cause =
      error.cause instanceof Error ? `${error.cause.name}: ${error.cause.message}` : String(error.cause);
    const where = typeof replay === 'string' ? '' : ` ${replay.where}`;
    super(
      [
        `Replication ${error.replication} of strategy "${error.strategy}" failed${where} (seed ${error.seed}, scenario ${error.scenarioHash.slice(0, 12)}):`,
        `  ${cause}`,
        ...(typeof replay === 'string'
          ? ['Replay it alone in this process, with the full stack trace:', `  ${replay}`]
          : [replay.how]),
      ].join('\n'),
      { cause: error },
    );
    this.name = 'RunFailedError';
  }
}

/**
 * Printing or writing the results failed after the run; the finished replications are kept in a file, and
 * the message says how to write the results from it without running them again.
 */
export class ResultsKeptError extends Error {
  /**
   * @param error - why the results could not be written (its exit code is kept)
   * @param file - the results file that holds the finished replications
   * @param resumeCommand - the command that writes the results from `file`
   */
  constructor(error: unknown, file: string, resumeCommand: string) {
    super(
      [
        `The finished replications are kept in ${file}. Once that is fixed, write the results without running them again:`,
        `  ${resumeCommand}`,
      ].join('\n'),
      { cause: error },
    );
    this.name = 'ResultsKeptError';
  }
}

/** Exit code and stderr text for an error thrown by a command. */
export interface Failure {
  /** Exit code. */
  readonly code: number;
  /** Text for stderr, ending in a newline. */
  readonly text: string;
}

/**
 * Classifies an error: scenario problems as `file: path: message. Fix: …` lines, option mistakes and
 * file-system errors on a path exit 2, failed runs exit 1, interruptions 130. With `debug`, the stack trace
 * (and causes) follow the message.
 */
export function describeFailure(error: unknown, debug: boolean): Failure {
  if (error instanceof ResultsKeptError) {
    const failure = describeFailure(error.cause, debug);
    return { code: failure.code, text: `${failure.text}${error.message}\n` };
  }
  const stack = debug ? `\n${stackOf(error)}` : '';
  if (error instanceof InterruptedError) return { code: EXIT.interrupted, text: `${error.message}\n` };
  if (error instanceof ScenarioError) {
    const source = error.source;
    const lines = error.issues.map((i) => `${source}: ${describeIssue(i)}`);
    const count = `${error.issues.length} problem${error.issues.length === 1 ? '' : 's'}`;
    return { code: EXIT.usage, text: `${lines.join('\n')}\n(${count}; nothing was run)${stack}\n` };
  }
  if (error instanceof UsageError) return { code: EXIT.usage, text: `error: ${error.message}${stack}\n` };
  if (error instanceof RunFailedError)
    return { code: EXIT.runFailed, text: `error: ${error.message}${stack}\n` };
  if (error instanceof ReplicationError) {
    return { code: EXIT.runFailed, text: `error: ${error.message}${stack}\n` };
  }
  // Bad options caught by the library (an incompatible results file, a bad lever path, …) are input errors.
  if (error instanceof DibsimError && error.code === 'INVALID_ARGUMENT') {
    return { code: EXIT.usage, text: `error: ${error.message}${stack}\n` };
  }
  const file = fileProblem(error);
  if (file !== undefined) return { code: EXIT.usage, text: `error: ${file}${stack}\n` };
  // After `error: `, a plain Error's name would say it twice ("error: Error: boom"); other classes inform.
  const name = error instanceof Error && error.name !== 'Error' ? `${error.name}: ` : '';
  const message = error instanceof Error ? `${name}${error.message}` : String(error);
  const hint = debug ? stack : '\n(run again with --debug for the stack trace)';
  return { code: EXIT.runFailed, text: `error: ${message}${hint}\n` };
}

/**
 * A one-line message for a Node.js error on a path (`ENOENT`, `EACCES`, …), else `undefined`. These come
 * from files and folders named on the command line, so they are input errors, not failed runs.
 */
export function fileProblem(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, path, syscall } = error as NodeJS.ErrnoException;
  if (typeof code !== 'string' || !code.startsWith('E') || typeof path !== 'string') return undefined;
  const what = `cannot ${syscall ?? 'use'} ${path}`;
  // mkdir with `recursive` fails with EEXIST only when a file has the name of a folder on the path.
  const fix = fileErrorFix(code === 'EEXIST' && syscall === 'mkdir' ? 'ENOTDIR' : code);
  // Node's own text ("EMFILE: too many open files, open 'x'") for an error without a fix of ours.
  return fix === undefined ? `${what} (${error.message}). Check the path.` : `${what} (${code}): ${fix}.`;
}

function stackOf(error: unknown): string {
  const parts: string[] = [];
  let e: unknown = error;
  for (let depth = 0; e !== undefined && depth < 5; depth++) {
    parts.push(e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e));
    e = e instanceof Error ? e.cause : undefined;
    if (e !== undefined) parts.push('caused by:');
  }
  return parts.join('\n');
}
