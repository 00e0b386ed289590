/**
 * `dibsim sweep [scenario] --lever …`: an experiment at every point of a grid or Latin hypercube over
 * levers, or with `--tornado` the one-at-a-time sensitivity of chosen KPIs.
 *
 * @module
 */
import { Command } from 'commander';
import { DibsimError, ReplicationError, ScenarioError } from '../../errors.js';
import type { Lever } from '../../experiment/levers.js';
import { applyLevers, leverName } from '../../experiment/levers.js';
import type { ExperimentResult } from '../../experiment/results.js';
import { threadsFor } from '../../experiment/run-experiment.js';
import { runSweep, tornado } from '../../experiment/sweep.js';
import { countOf } from '../../report/labels.js';
import { dibsimCommand } from '../command-line.js';
import { InterruptedError, RunFailedError, UsageError } from '../errors.js';
import {
  addExperimentOptions,
  type ExperimentCliOptions,
  experimentBase,
  noteWorkersAboveCores,
} from '../experiment-options.js';
import { sweepTable, tornadoTable } from '../format.js';
import { listenForInterrupt } from '../interrupt.js';
import { collect, lever, positiveInt } from '../options.js';
import { emitResult, withOutFolder } from '../output.js';
import { createProgress, secondsSince } from '../progress.js';
import { DEFAULT_SCENARIO, loadScenario } from '../scenario-source.js';
import { DEFAULT_STRATEGIES, inCliTerms, resolveStrategies } from '../strategies.js';

interface SweepCliOptions extends ExperimentCliOptions {
  readonly lever?: Lever[];
  readonly points?: number;
  readonly tornado?: boolean;
  readonly kpi?: string[];
}

/** `dibsim sweep`. */
export function sweepCommand(args: readonly string[]): Command {
  const command = new Command('sweep')
    .description(
      'Run an experiment at every combination of lever values (or a Latin hypercube with --points), all on the same seed; or with --tornado, the one-at-a-time sensitivity of chosen KPIs.',
    )
    .argument(
      '[scenario]',
      `a .yaml/.json scenario file, or a built-in scenario (default: ${DEFAULT_SCENARIO})`,
    )
    .option(
      '--lever <[strategy:]path=values>',
      'a lever and its values: path=v1,v2,… or path=min..max[:int]; a path into the scenario (nations[id=DE].budgetEurPerYear) or, after "<strategy>:", into its params (repeatable)',
      collect(lever),
    )
    .option(
      '--points <n>',
      'a Latin hypercube of n points over the levers (needed for ranges)',
      positiveInt('e.g. 20 design points'),
    )
    .option(
      '--tornado',
      'one-at-a-time sensitivity: each lever at its low and high value (path=low,high or low..high), the others as in the scenario',
    )
    .option(
      '--kpi <key>',
      'KPI of the tornado (repeatable; default: fillRate and totalSpendEur)',
      collect(String),
    )
    .option(
      '--strategy <strategy>',
      `strategy (repeatable; default: ${DEFAULT_STRATEGIES.join(', ')})`,
      collect(String),
    );
  addExperimentOptions(command, 100);
  return command
    .addHelpText(
      'after',
      `
Examples:
  dibsim sweep --lever procurement.awardDelayDays=30,90,180 --replications 50
  dibsim sweep --lever pooled:frameworkLengthMonths=12..84:int --lever procurement.transportDays=7..30 --points 20
  dibsim sweep --tornado --lever procurement.awardDelayDays=30,180 --lever 'nations[id=DE].budgetEurPerYear=1e9..3e9' --kpi fillRate
With --out, the report's KPI tables show the first design point (a tornado: the scenario as it is).`,
    )
    .action(async (scenarioArgument: string | undefined, options: SweepCliOptions) => {
      const levers = options.lever ?? [];
      if (levers.length === 0) {
        throw new UsageError(
          'sweep needs at least one --lever, e.g. --lever procurement.awardDelayDays=30,90.',
        );
      }
      // Each option belongs to one of the two kinds of run: given to the other, it would be ignored.
      if (options.tornado === true && options.points !== undefined) {
        throw new UsageError(
          '--points makes a Latin hypercube, which a tornado does not use: drop --points, or drop --tornado for a sweep.',
        );
      }
      if (options.tornado !== true && options.kpi !== undefined) {
        throw new UsageError(
          '--kpi chooses the KPIs of a tornado: add --tornado, or drop --kpi (a sweep reports every KPI).',
        );
      }
      // A tornado moves each lever from low to high: a middle value would be dropped without a word.
      const notTwo = levers.find((l) => l.values !== undefined && l.values.length !== 2);
      if (options.tornado === true && notTwo !== undefined) {
        throw new UsageError(
          `--tornado moves each lever from a low to a high value: give --lever ${leverName(notTwo)} exactly two values, low,high (got ${notTwo.values!.join(',')}), or a range low..high.`,
        );
      }
      // A grid needs listed values; a range needs --points (a tornado takes its ends as low and high).
      const range = levers.find((l) => l.values === undefined);
      if (options.tornado !== true && options.points === undefined && range !== undefined) {
        throw new UsageError(
          `--lever ${leverName(range)} is a range: add --points <n> for a Latin hypercube, or list values (path=v1,v2,…) for a grid.`,
        );
      }
      const { scenario, source } = await loadScenario(scenarioArgument);
      await withOutFolder(options.out, async () => {
        const strategies = resolveStrategies(options.strategy ?? [...DEFAULT_STRATEGIES], options.param);
        const names = strategies.map((s) => s.spec.name);
        const stray = levers.find((l) => l.strategy !== undefined && !names.includes(l.strategy));
        if (stray !== undefined) {
          throw new UsageError(
            `--lever ${leverName(stray)}: no strategy named "${stray.strategy}" is compared (${names.join(', ')}). Add --strategy ${stray.strategy}, or drop the lever.`,
          );
        }
        noteWorkersAboveCores(options.workers, threadsFor(options.workers, options.replications));
        const interrupt = listenForInterrupt();
        const base = experimentBase(scenario, strategies, options, interrupt.signal);
        const started = process.hrtime.bigint();
        const command = dibsimCommand(args);
        // Experiments finished, so that a failure can say which one failed (they run one after another).
        let done = 0;
        try {
          if (options.tornado === true) {
            const kpis = options.kpi ?? ['fillRate', 'totalSpendEur'];
            const progress = createProgress(options.progress, 'experiments');
            progress.update(0, 1 + 2 * levers.length);
            // The tornado's first experiment has every lever at its scenario value: the report shows it.
            let reference: ExperimentResult | undefined;
            const result = await tornado({
              ...base,
              levers,
              kpis,
              onExperiment: (finished, total, experiment) => {
                reference ??= experiment;
                done = finished;
                progress.update(finished, total);
              },
            });
            if (interrupt.signal.aborted || reference === undefined || reference.status === 'cancelled')
              throw interrupted('the tornado');
            progress.stop(
              `tornado over ${countOf(levers.length, 'lever')} in ${secondsSince(started).toFixed(1)} s`,
            );
            await emitResult({
              result: reference,
              scenario,
              format: options.format,
              out: options.out,
              command,
              scenarioSource: source,
              tornado: result,
              table: tornadoTable(result),
            });
            return;
          }
          const progress = createProgress(options.progress, 'design points');
          const sweep = await runSweep({
            ...base,
            levers,
            design:
              options.points === undefined
                ? { type: 'grid' }
                : { type: 'latin-hypercube', points: options.points },
            onPoint: (finished, points) => {
              done = finished;
              progress.update(finished, points);
            },
          });
          if (sweep.status === 'cancelled') {
            progress.stop();
            throw interrupted(`the sweep (${sweep.points.length} design points finished)`);
          }
          progress.stop(
            `${countOf(sweep.points.length, 'design point')} in ${secondsSince(started).toFixed(1)} s`,
          );
          const first = sweep.points[0]!;
          const scenarioLevers = levers.filter((l) => l.strategy === undefined);
          const scenarioValues = Object.fromEntries(
            scenarioLevers.map((l) => [leverName(l), first.values[leverName(l)]]),
          );
          await emitResult({
            result: first.result,
            // The first point ran the scenario with its lever values, and the report checks that.
            scenario: applyLevers(scenario, [], scenarioLevers, scenarioValues).scenario,
            format: options.format,
            out: options.out,
            command,
            scenarioSource: source,
            sweep,
            table: sweepTable(sweep),
          });
        } catch (error) {
          if (error instanceof ReplicationError) throw failedAt(error, done, options.tornado === true);
          throw inCliTerms(withoutCaller(asLeverOption(error, levers)), strategies);
        } finally {
          interrupt.dispose();
        }
      });
    });
}

/**
 * A failed replication in the command's words: which experiment of the sweep or tornado (the one after the
 * `done` finished), and how to see its stack, instead of the library's `replay(error, scenario)`.
 */
function failedAt(error: ReplicationError, done: number, tornado: boolean): RunFailedError {
  const where = tornado
    ? `in experiment ${done + 1} of the tornado (the first has every lever at its scenario value; then each lever at its low, then its high value)`
    : `at design point ${done + 1} of the sweep`;
  return new RunFailedError(error, { where, how: 'Rerun the command with --debug for the stack trace.' });
}

/**
 * A levered scenario's error without the library function's name, which the command line never shows:
 * `runSweep: the scenario at design point 2 of 3 (…)` becomes `the scenario at design point 2 of 3 (…)`.
 */
function withoutCaller(error: unknown): unknown {
  if (!(error instanceof ScenarioError)) return error;
  const source = /^(?:runSweep|tornado): (the scenario .*)$/s.exec(error.source)?.[1];
  return source === undefined ? error : new ScenarioError(error.issues, source);
}

/**
 * A lever's error in the command's words: the library names lever `i` as `runSweep: options.levers[i]
 * (lever "…")` (or `tornado: …`), which becomes `--lever <[strategy:]path>`, as it was given:
 * `--lever procurement.awardDelayDayz: path "…" has no field …`. Any other error is returned unchanged.
 */
function asLeverOption(error: unknown, levers: readonly Lever[]): unknown {
  if (!(error instanceof DibsimError) || error.code !== 'INVALID_ARGUMENT') return error;
  const label = /^(?:runSweep|tornado): options\.levers\[(\d+)\] \(lever "(?:[^"\\]|\\.)*"\)/.exec(
    error.message,
  );
  const lever = label === null ? undefined : levers[Number(label[1])];
  if (lever === undefined) return error;
  const rest = error.message.slice(label![0].length);
  return new DibsimError(error.code, `--lever ${leverName(lever)}${rest}`, { cause: error.cause });
}

function interrupted(what: string): InterruptedError {
  return new InterruptedError(
    `Interrupted: ${what} did not finish, and sweeps keep nothing. Rerun the command (with fewer --replications or levers for a shorter run).`,
  );
}
