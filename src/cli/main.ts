#!/usr/bin/env node
/**
 * The `dibsim` command-line tool (see `dibsim --help`). Results go to stdout, progress and messages to
 * stderr; exit codes 0 success, 1 a run failed, 2 bad input or usage, 130 interrupted.
 *
 * @module
 */
import { execute } from './program.js';

process.exitCode = await execute(process.argv.slice(2));
