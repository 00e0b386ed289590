/**
 * Runs an experiment for a command: progress on stderr, Ctrl-C through an `AbortSignal`, finished
 * replications kept in the `--resume` file (or a temporary one, kept only after Ctrl-C), and failures turned into messages that say how to replay or
 * resume.
 *
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReplicationError } from '../errors.js';
import type { ExperimentResult } from '../experiment/results.js';
import { runExperiment } from '../experiment/run-experiment.js';
import type { StopWhen } from '../experiment/stopping.js';
import { dibsimCommand, withOption } from './command-line.js';
import { InterruptedError, RunFailedError } from './errors.js';
import { type ExperimentCliOptions, experimentBase } from './experiment-options.js';
import { listenForInterrupt } from './interrupt.js';
import { createProgress, secondsSince } from './progress.js';
import type { LoadedScenario } from './scenario-source.js';
import type { CliStrategy } from './strategies.js';

/** What a command passes to {@link runCliExperiment}. */
export interface CliExperiment {
  /** The command-line arguments after `dibsim`, as typed (to print resume commands). */
  readonly args: readonly string[];
  /** The scenario. */
  readonly scenario: LoadedScenario;
  /** The strategies. */
  readonly strategies: readonly CliStrategy[];
  /** Parsed options. */
  readonly options: ExperimentCliOptions;
  /** Results file (the `--resume` file, or a shard's file). */
  readonly resultsFile?: string | undefined;
  /** Optional sequential stopping rule. */
  readonly stopWhen?: StopWhen;
}

/**
 * Runs the experiment and returns its result (complete, or stopped by `stopWhen`).
 *
 * @throws {@link InterruptedError} after Ctrl-C, saying what was kept and how to resume;
 *   {@link RunFailedError} when a replication fails, with the command that replays it.
 */
export async function runCliExperiment(input: CliExperiment): Promise<ExperimentResult> {
  const { options, strategies } = input;
  const started = process.hrtime.bigint();
  const progress = createProgress(options.progress, 'replications');
  const interrupt = listenForInterrupt();
  // Without --resume, finished replications still go to a temporary file, kept only if Ctrl-C stops the
  // run, so that every interrupted run can be resumed.
  const scratch =
    input.resultsFile === undefined ? mkdtempSync(join(tmpdir(), 'dibsim-replications-')) : undefined;
  const resultsFile = input.resultsFile ?? join(scratch!, 'replications.jsonl');
  let result: ExperimentResult | undefined;
  try {
    result = await runExperiment({
      ...experimentBase(input.scenario.scenario, strategies, options, interrupt.signal),
      onProgress: (p) => progress.update(p.completed, p.total),
      resultsFile,
      ...(options.shard === undefined ? {} : { shard: options.shard }),
      ...(input.stopWhen === undefined ? {} : { stopWhen: input.stopWhen }),
    });
  } catch (error) {
    progress.stop();
    if (error instanceof ReplicationError) throw new RunFailedError(error, replayCommand(input, error));
    throw error;
  } finally {
    interrupt.dispose();
    if (scratch !== undefined && result?.status !== 'cancelled')
      rmSync(scratch, { recursive: true, force: true });
  }
  const seconds = secondsSince(started);
  const threads =
    options.workers === 0
      ? 'this thread'
      : `${options.workers} worker thread${options.workers === 1 ? '' : 's'}`;
  if (result.status === 'cancelled') {
    progress.stop();
    throw new InterruptedError(interruptedMessage(input, result, resultsFile));
  }
  progress.stop(
    `${result.replications} replications × ${strategies.length} strateg${strategies.length === 1 ? 'y' : 'ies'} in ${seconds.toFixed(1)} s (${threads})`,
  );
  return result;
}

/** The `dibsim run` command that replays the failed replication alone, in one process. */
function replayCommand(input: CliExperiment, error: ReplicationError): string {
  const failed = input.strategies.find((s) => s.spec.name === error.strategy);
  const args = ['run', input.scenario.source];
  if (failed !== undefined) {
    args.push('--strategy', failed.text);
    for (const p of input.options.param ?? []) {
      if (p.strategy === failed.spec.name)
        args.push('--param', `${p.strategy}:${p.path}=${JSON.stringify(p.value)}`);
    }
  }
  args.push('--seed', error.seed, '--replication', String(error.replication), '--debug');
  return dibsimCommand(args);
}

function interruptedMessage(input: CliExperiment, result: ExperimentResult, file: string): string {
  const total =
    input.options.shard === undefined
      ? input.options.replications
      : Math.ceil((input.options.replications - input.options.shard.index) / input.options.shard.count);
  const done = `Interrupted after ${result.replications} of ${total} replications.`;
  return [
    `${done} Finished replications are saved in ${file}.`,
    'Resume with:',
    `  ${dibsimCommand(withOption(input.args, '--resume', file))}`,
  ].join('\n');
}
