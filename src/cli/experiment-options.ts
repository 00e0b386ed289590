/**
 * Options shared by the commands that run experiments (`compare`, `run`, `sweep`), with their parsers and
 * defaults.
 *
 * @module
 */
import { availableParallelism } from 'node:os';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { ShardSpec } from '../experiment/manifest.js';
import { SERIES_INTERVALS, type SeriesInterval } from '../experiment/record.js';
import type { SweepBaseOptions } from '../experiment/sweep.js';
import { MAX_WORKERS } from '../experiment/worker-pool.js';
import type { Scenario } from '../model/scenario.js';
import { countOf } from '../report/labels.js';
import {
  collect,
  FORMATS,
  type Format,
  nonNegativeInt,
  type ParamSetting,
  PROGRESS_MODES,
  type ProgressMode,
  param,
  positiveInt,
  seed,
  shard,
} from './options.js';
import type { CliStrategy } from './strategies.js';

/** Seed of every command unless `--seed` is given. */
export const DEFAULT_SEED = '2024';

/** Worker threads unless `--workers` is given: the cores, at most 4. */
export function defaultWorkers(): number {
  return Math.min(4, availableParallelism());
}

/**
 * Prints one line on stderr when the worker threads a run starts (`--workers`, at most one per replication)
 * outnumber the cores: results do not change, but the threads only take turns on the cores, and each
 * loads its own copy of the model. stderr, because stdout may be piped JSON or CSV.
 *
 * @param workers - `--workers` as given
 * @param threads - worker threads the run starts
 * @param cores - the cores the run may use (`os.availableParallelism()`; a test passes its own)
 */
export function noteWorkersAboveCores(
  workers: number,
  threads: number,
  cores = availableParallelism(),
): void {
  if (threads <= cores) return;
  process.stderr.write(
    `Note: --workers ${workers} starts ${countOf(threads, 'worker thread')} on this machine's ${countOf(cores, 'core')} (os.availableParallelism()): the results are the same, but the threads take turns on the cores, so the run is no faster, and each holds its own copy of the model (tens of MB). Pass --workers ${cores}.\n`,
  );
}

/** Parsed options of an experiment command. */
export interface ExperimentCliOptions {
  /** Master seed. */
  readonly seed: string;
  /** Replications per strategy. */
  readonly replications: number;
  /** Worker threads (0: this thread). */
  readonly workers: number;
  /** `--strategy` values, as typed. */
  readonly strategy?: string[];
  /** `--param` settings. */
  readonly param?: ParamSetting[];
  /** Output folder. */
  readonly out?: string;
  /** Output format on stdout. */
  readonly format: Format;
  /** How often series (stock levels, capacity, pledge deliveries) are sampled for the charts. */
  readonly seriesEvery: SeriesInterval;
  /** Progress display. */
  readonly progress: ProgressMode;
  /** Shard of the replications (0-based). */
  readonly shard?: ShardSpec;
  /** Results file to resume from and append to. */
  readonly resume?: string;
  /** Print stack traces. */
  readonly debug?: boolean;
}

/** `--workers <n>`: a whole number from 0 to {@link MAX_WORKERS}, as the API takes. */
function workerCount(text: string): number {
  const n = nonNegativeInt('e.g. 2 (0: no worker threads)')(text);
  if (n > MAX_WORKERS) {
    throw new InvalidArgumentError(
      `Use at most ${MAX_WORKERS}; this machine has ${countOf(availableParallelism(), 'core')} (os.availableParallelism()), and more threads than cores only add overhead.`,
    );
  }
  return n;
}

/** Adds `--seed`, `--replications`, `--workers`, `--strategy`, `--param`, `--out`, `--format`, `--progress`. */
export function addExperimentOptions(command: Command, replications: number): Command {
  return command
    .option(
      '--seed <seed>',
      'master seed: a number (42, 42.0, 042 and +42 are one seed) or a word, used as typed; the same seed gives identical results',
      seed,
      DEFAULT_SEED,
    )
    .option('--replications <n>', 'replications per strategy', positiveInt('e.g. 200'), replications)
    .addOption(
      new Option('--workers <n>', 'worker threads (0: this thread); results do not depend on it')
        .argParser(workerCount)
        .default(defaultWorkers(), 'the cores, at most 4'),
    )
    .option('--param <strategy:path=value>', "set a strategy's parameter (repeatable)", collect(param))
    .option(
      '--out <dir>',
      'write results.json, one CSV per table, manifest.json, charts and report.html there',
    )
    .addOption(
      new Option(
        '--format <format>',
        'what stdout gets: a text table, one JSON document, or the KPI table as CSV',
      )
        .choices(FORMATS)
        .default('table'),
    )
    .addOption(
      new Option(
        '--series-every <interval>',
        'how often stock levels, capacity and pledge deliveries are sampled for fan charts and series tables',
      )
        .choices(SERIES_INTERVALS)
        .default('quarter'),
    )
    .addOption(
      new Option('--progress <mode>', 'progress on stderr: bar on a terminal (auto), bar, lines, none')
        .choices(PROGRESS_MODES)
        .default('auto'),
    )
    .option('--debug', 'print stack traces of errors');
}

/** Adds `--shard` and `--resume` (for `compare` and `run`). */
export function addResumeOptions(command: Command): Command {
  return command
    .option(
      '--resume <file>',
      'results file (JSON lines): finished replications are appended as they complete and skipped when it is given again',
    )
    .option(
      '--shard <i/n>',
      'run only shard i of n (replications r with r mod n = i − 1) into --resume <file>; combine with dibsim merge',
      shard,
    );
}

/**
 * The options every experiment of a command shares: scenario, strategies, replications, seed, sampling,
 * workers and the interrupt signal.
 */
export function experimentBase(
  scenario: Scenario,
  strategies: readonly CliStrategy[],
  options: ExperimentCliOptions,
  signal: AbortSignal,
): SweepBaseOptions {
  return {
    scenario,
    strategies: strategies.map((s) => s.spec),
    replications: options.replications,
    seed: options.seed,
    seriesEvery: options.seriesEvery,
    workers: options.workers,
    signal,
  };
}
