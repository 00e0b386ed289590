#!/usr/bin/env node
/**
 * The `dibsim` command-line tool (see `dibsim --help`). Results go to stdout, progress and messages to
 * stderr; exit codes 0 success, 1 a run failed, 2 bad input or usage, 130 interrupted.
 *
 * @module
 */
import { execute } from './program.js';

// A reader that stops early (`dibsim schema | head -1`) closes the pipe, and every later write to it fails
// with EPIPE: drop that output quietly, as Unix tools do, instead of crashing on the unhandled error. The
// command still finishes, so a report folder being written (--out) is completed, not cut off.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

process.exitCode = await execute(process.argv.slice(2));
