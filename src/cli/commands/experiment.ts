/**
 * `dibsim compare [scenario]` and `dibsim run [scenario]`: an experiment over several strategies, or over
 * one (and `run --replication i` replays a single replication in this process).
 *
 * @module
 */
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { csvFormatRows } from 'd3-dsv';
import { ReplicationError } from '../../errors.js';
import { contentHash } from '../../experiment/canonical.js';
import { replay } from '../../experiment/replay.js';
import { type TornadoResult, tornado } from '../../experiment/sweep.js';
import type { Scenario } from '../../model/scenario.js';
import { DEFAULT_SENSITIVITY_LEVERS } from '../../report/html-sources.js';
import { plain } from '../../report/json.js';
import { countOf } from '../../report/labels.js';
import { gapLevers } from '../../report/sources.js';
import { dibsimCommand } from '../command-line.js';
import { ResultsKeptError, UsageError } from '../errors.js';
import {
  addExperimentOptions,
  addResumeOptions,
  type ExperimentCliOptions,
  experimentBase,
} from '../experiment-options.js';
import { runCliExperiment } from '../experiment-run.js';
import { flattenRunKpis, runTable } from '../format.js';
import { listenForInterrupt } from '../interrupt.js';
import { collect, nonNegativeInt, positiveInt } from '../options.js';
import { emitResult, withOutFolder } from '../output.js';
import { createProgress, secondsSince } from '../progress.js';
import { DEFAULT_SCENARIO, loadScenario } from '../scenario-source.js';
import { type CliStrategy, DEFAULT_STRATEGIES, resolveStrategies } from '../strategies.js';

const SCENARIO_HELP = `a .yaml/.json scenario file, or a built-in scenario (default: ${DEFAULT_SCENARIO})`;
const STRATEGY_HELP =
  'a built-in strategy (national-only, bilateral, pooled, switch) or a module [name=]./file.mjs[#export] (named name, else after its export, else its file)';

/** `dibsim compare`. */
export function compareCommand(args: readonly string[]): Command {
  const command = new Command('compare')
    .description(
      'Compare procurement strategies on one scenario: the same replications (common random numbers) for each, KPIs with confidence intervals and paired differences against the first strategy.',
    )
    .argument('[scenario]', SCENARIO_HELP)
    .option(
      '--strategy <strategy>',
      `${STRATEGY_HELP}; repeat to compare several (default: ${DEFAULT_STRATEGIES.join(', ')})`,
      collect(String),
    );
  addSensitivityOptions(addResumeOptions(addExperimentOptions(command, 200)));
  return command
    .addHelpText(
      'after',
      `
Examples:
  dibsim compare                                   the three strategies on ${DEFAULT_SCENARIO}, 200 replications
  dibsim compare my.yaml --replications 50 --out results/my
  dibsim compare --strategy national-only --strategy pooled --param pooled:frameworkLengthMonths=84
  dibsim compare --format json > results.json      one JSON document on stdout (progress stays on stderr)
  dibsim compare --out out --sensitivity 10        report with a tornado over the 6 widest gap parameters
  dibsim compare --resume runs.jsonl               Ctrl-C keeps finished replications; rerun to continue
  dibsim compare --shard 1/2 --resume part1.jsonl  then --shard 2/2 elsewhere, and: dibsim merge part*.jsonl`,
    )
    .action(async (scenario: string | undefined, options: CompareCliOptions) => {
      await experimentAction(command, args, scenario, options, options.strategy ?? [...DEFAULT_STRATEGIES]);
    });
}

/** `--sensitivity n`: 0 for none, else at least 2 replications, the fewest that give an interval. */
function sensitivityReplications(text: string): number {
  const n = nonNegativeInt('e.g. 10 replications per run (0: no sensitivity)')(text);
  if (n === 1) {
    throw new InvalidArgumentError(
      'Use at least 2 replications per run (one gives no confidence interval), e.g. 10; or 0 for no sensitivity.',
    );
  }
  return n;
}

/** Adds `--sensitivity` and `--sensitivity-levers` (for `compare` and `run`). */
function addSensitivityOptions(command: Command): Command {
  return command
    .option(
      '--sensitivity <n>',
      "then a one-at-a-time sensitivity (tornado) over the scenario's least certain (gap) parameters with n replications per run, printed after the results and shown in the report",
      sensitivityReplications,
      0,
    )
    .option(
      '--sensitivity-levers <n>',
      'gap parameters in the sensitivity, widest ranges first',
      positiveInt(`e.g. ${DEFAULT_SENSITIVITY_LEVERS} (the default)`),
      DEFAULT_SENSITIVITY_LEVERS,
    );
}

/** Options of `dibsim compare` and `dibsim run`. */
interface CompareCliOptions extends ExperimentCliOptions {
  /** Replications per run of the gap-parameter sensitivity; 0: none. */
  readonly sensitivity?: number;
  /** Gap parameters in the sensitivity. */
  readonly sensitivityLevers?: number;
}

/** Options of `dibsim run`. */
interface RunCliOptions extends CompareCliOptions {
  /** Replay this replication alone. */
  readonly replication?: number;
}

/** The options of `run` that a replay of one replication (`--replication i`) uses. */
const REPLAY_OPTIONS: ReadonlySet<string> = new Set([
  'strategy',
  'param',
  'seed',
  'replication',
  'format',
  'debug',
]);

/** `dibsim run`. */
export function runCommand(args: readonly string[]): Command {
  const command = new Command('run')
    .description(
      'Run one strategy on one scenario over many replications; with --replication i, rerun that single replication in this process (to debug a failure).',
    )
    .argument('[scenario]', SCENARIO_HELP)
    .option('--strategy <strategy>', `${STRATEGY_HELP} (default: national-only)`, collect(String))
    .option(
      '--replication <i>',
      'rerun only replication i (0-based) in this process, as a failure message says',
      nonNegativeInt('the 0-based index a failure message names, e.g. --replication 12'),
    );
  addSensitivityOptions(addResumeOptions(addExperimentOptions(command, 200)));
  return command
    .addHelpText(
      'after',
      `
Examples:
  dibsim run --strategy pooled --replications 100
  dibsim run my.yaml --strategy mine=./my-strategy.mjs#createStrategy --param mine:maxQueueMonths=6
  dibsim run my.yaml --strategy bilateral --seed 7 --replication 12 --debug   replay one replication`,
    )
    .action(async (scenario: string | undefined, options: RunCliOptions) => {
      const texts = options.strategy ?? ['national-only'];
      if (texts.length !== 1) {
        throw new UsageError(
          `run takes one --strategy (got ${texts.length}: ${texts.join(', ')}). Use dibsim compare for several.`,
        );
      }
      if (options.replication !== undefined) {
        // A replay runs one replication here and prints it: options of an experiment would be ignored.
        const ignored = command.options.filter(
          (o) =>
            !REPLAY_OPTIONS.has(o.attributeName()) &&
            command.getOptionValueSource(o.attributeName()) === 'cli',
        );
        if (ignored.length > 0) {
          const flags = ignored.map((o) => o.long).join(', ');
          throw new UsageError(
            `--replication replays one replication in this process and prints it; ${flags} ${ignored.length === 1 ? 'does' : 'do'} not apply to it. Drop ${ignored.length === 1 ? 'it' : 'them'}, or drop --replication to run an experiment.`,
          );
        }
        await replayOne(
          scenario,
          resolveStrategies(texts, options.param)[0]!,
          options.seed,
          options.replication,
          options.format,
        );
        return;
      }
      await experimentAction(command, args, scenario, options, texts);
    });
}

async function experimentAction(
  command: Command,
  args: readonly string[],
  scenarioArgument: string | undefined,
  options: CompareCliOptions,
  strategyTexts: readonly string[],
): Promise<void> {
  if (options.shard !== undefined) refuseOptionsShardsIgnore(command);
  const scenario = await loadScenario(scenarioArgument);
  const strategies = resolveStrategies(strategyTexts, options.param);
  const { shard } = options;
  let resultsFile = options.resume;
  if (shard !== undefined && resultsFile === undefined) {
    if (options.out === undefined) {
      throw new UsageError(
        `--shard ${shard.index + 1}/${shard.count} needs a file for the shard's replications: add --resume shard-${shard.index + 1}-of-${shard.count}.jsonl (or --out <dir>).`,
      );
    }
    resultsFile = join(options.out, `shard-${shard.index + 1}-of-${shard.count}.jsonl`);
  }
  if ((options.sensitivity ?? 0) > 0 && options.format === 'csv' && options.out === undefined) {
    throw new UsageError(
      '--sensitivity with --format csv needs --out <dir>: CSV on stdout holds one table (the KPIs), and the sensitivity goes to <dir>/tornado.csv. Add --out, or use --format table or json.',
    );
  }
  await withOutFolder(options.out, async () => {
    const run = await runCliExperiment({ args, scenario, strategies, options, resultsFile });
    const { result } = run;
    if (shard !== undefined) {
      process.stderr.write(
        `Shard ${shard.index + 1}/${shard.count} done: ${countOf(result.replications, 'replication')} in ${resultsFile}. When every shard is done, combine them with: dibsim merge <shard files…>${scenarioHint(scenario.source)}\n`,
      );
      process.stdout.write(`${resultsFile}\n`);
      run.finish();
      return;
    }
    try {
      const sensitivity =
        (options.sensitivity ?? 0) > 0 && result.status !== 'cancelled'
          ? await gapSensitivity(scenario.scenario, strategies, options)
          : undefined;
      await emitResult({
        result,
        scenario: scenario.scenario,
        format: options.format,
        out: options.out,
        command: dibsimCommand(args),
        scenarioSource: scenario.source,
        ...(sensitivity === undefined ? {} : { sensitivity }),
      });
    } catch (error) {
      throw new ResultsKeptError(error, run.resultsFile, run.resumeCommand);
    }
    // Only now that the results are written is the temporary file of replications no longer needed.
    run.finish();
  });
}

/**
 * A shard writes its replications to its file and prints the file's path: an option that shapes the
 * printed result or adds a sensitivity would be ignored, so it is refused with where it belongs.
 */
function refuseOptionsShardsIgnore(command: Command): void {
  const given = (name: string) => command.getOptionValueSource(name) === 'cli';
  if (given('format')) {
    throw new UsageError(
      '--shard writes its replications to a file and prints the path, so --format does not apply. Drop it here and give it to dibsim merge, which prints the whole result.',
    );
  }
  for (const [name, flag] of [
    ['sensitivity', '--sensitivity'],
    ['sensitivityLevers', '--sensitivity-levers'],
  ] as const) {
    if (given(name)) {
      throw new UsageError(
        `--shard runs part of an experiment, so ${flag} does not apply. Drop it here; a sensitivity runs on its own with dibsim sweep --tornado.`,
      );
    }
  }
}

/** Tornado over the scenario's widest gap parameters, to print and report; `undefined` if interrupted. */
async function gapSensitivity(
  scenario: Scenario,
  strategies: readonly CliStrategy[],
  options: CompareCliOptions,
): Promise<TornadoResult | undefined> {
  const levers = gapLevers(scenario, options.sensitivityLevers ?? DEFAULT_SENSITIVITY_LEVERS);
  if (levers.length === 0) {
    process.stderr.write('Sensitivity skipped: the scenario has no gap parameter with a range.\n');
    return undefined;
  }
  const started = process.hrtime.bigint();
  const progress = createProgress(options.progress, 'sensitivity runs');
  progress.update(0, 1 + 2 * levers.length);
  const interrupt = listenForInterrupt();
  try {
    const result = await tornado({
      ...experimentBase(scenario, strategies, options, interrupt.signal),
      replications: options.sensitivity!,
      levers,
      kpis: ['fillRate', 'totalSpendEur'],
      onExperiment: (done, total) => progress.update(done, total),
    });
    if (interrupt.signal.aborted) {
      progress.stop('Sensitivity interrupted: the report leaves it out.');
      return undefined;
    }
    progress.stop(
      `sensitivity over ${countOf(levers.length, 'gap parameter')} (${countOf(options.sensitivity!, 'replication')} per run) in ${secondsSince(started).toFixed(1)} s`,
    );
    return result;
  } finally {
    interrupt.dispose();
  }
}

function scenarioHint(source: string): string {
  return source === DEFAULT_SCENARIO ? '' : ` --scenario ${source}`;
}

/** Reruns one replication in this process; a deterministic failure throws again with its own stack. */
async function replayOne(
  scenarioArgument: string | undefined,
  strategy: CliStrategy,
  seed: string,
  replication: number,
  format: ExperimentCliOptions['format'],
): Promise<void> {
  const { scenario } = await loadScenario(scenarioArgument);
  const context = { seed, replication, strategy: strategy.spec.name, scenarioHash: contentHash(scenario) };
  const run = await replay(new ReplicationError(context, 'replayed on request'), scenario, [strategy.spec]);
  if (format === 'table') {
    process.stdout.write(
      `Replication ${replication} of ${strategy.spec.name} on ${scenario.name}, seed ${run.seed}: no error.\n\n${runTable(run.kpis)}\n`,
    );
  } else if (format === 'csv') {
    const rows = flattenRunKpis(run.kpis).map(([k, v]) => [k, Number.isFinite(v) ? String(v) : '']);
    process.stdout.write(`${csvFormatRows([['kpi', 'value'], ...rows])}\n`);
  } else {
    process.stdout.write(`${JSON.stringify(plain(run.kpis), null, 2)}\n`);
  }
}
