/**
 * Runs an experiment for a command: progress on stderr, Ctrl-C through an `AbortSignal`, finished
 * replications kept in the `--resume` file (or a temporary one, kept after Ctrl-C or until the results are
 * written), and failures turned into messages that say how to replay or resume.
 *
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReplicationError } from '../errors.js';
import type { ExperimentProgress } from '../experiment/fold-results.js';
import type { ExperimentResult } from '../experiment/results.js';
import { replicationPlan, runExperiment, threadsFor } from '../experiment/run-experiment.js';
import type { StopWhen } from '../experiment/stopping.js';
import { countOf } from '../report/labels.js';
import { dibsimCommand, withOption } from './command-line.js';
import { InterruptedError, RunFailedError } from './errors.js';
import { type ExperimentCliOptions, experimentBase, noteWorkersAboveCores } from './experiment-options.js';
import { exitOnInterrupt, type InterruptListener, listenForInterrupt } from './interrupt.js';
import { createProgress, secondsSince } from './progress.js';
import type { LoadedScenario } from './scenario-source.js';
import { type CliStrategy, inCliTerms } from './strategies.js';

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

/** A finished experiment and the file that holds its replications. */
export interface CliExperimentRun {
  /** The result (complete, or stopped by `stopWhen`). */
  readonly result: ExperimentResult;
  /** The results file: the `--resume` file, or a temporary one. */
  readonly resultsFile: string;
  /** The command that resumes the run from `resultsFile`, or writes its results without running it again. */
  readonly resumeCommand: string;
  /**
   * Call once the results are written: deletes the temporary results file (not a `--resume` file) and ends
   * the Ctrl-C handler that, from the end of the run until then, says where the replications are kept.
   */
  readonly finish: () => void;
}

/**
 * Runs the experiment. Its finished replications stay in the results file until `finish()`, so that a
 * failure to write the results, or Ctrl-C while they are written, loses nothing.
 *
 * @throws {@link InterruptedError} after Ctrl-C, saying what was kept and how to resume;
 *   {@link RunFailedError} when a replication fails, with the command that replays it.
 */
export async function runCliExperiment(input: CliExperiment): Promise<CliExperimentRun> {
  const { options, strategies } = input;
  const started = process.hrtime.bigint();
  const progress = createProgress(options.progress, 'replications');
  const interrupt = listenForInterrupt();
  // Without --resume, finished replications still go to a temporary file, kept if Ctrl-C stops the run
  // or the results cannot be written, so that every such run can be resumed.
  const scratch =
    input.resultsFile === undefined ? mkdtempSync(join(tmpdir(), 'dibsim-replications-')) : undefined;
  const resultsFile = input.resultsFile ?? join(scratch!, 'replications.jsonl');
  const resumeCommand = dibsimCommand(withOption(input.args, '--resume', resultsFile));
  const discard = () => {
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  };
  const planned = replicationPlan(options.replications, options.shard).length;
  const workers = threadsFor(options.workers, planned);
  noteWorkersAboveCores(options.workers, workers);
  let result: ExperimentResult | undefined;
  let latest: ExperimentProgress | undefined;
  let writing: InterruptListener | undefined;
  try {
    result = await runExperiment({
      ...experimentBase(input.scenario.scenario, strategies, options, interrupt.signal),
      onProgress: (p) => {
        latest = p;
        progress.update(p.completed, p.total, p.resumed);
      },
      resultsFile,
      ...(options.shard === undefined ? {} : { shard: options.shard }),
      ...(input.stopWhen === undefined ? {} : { stopWhen: input.stopWhen }),
    });
    // Handed over before the run's handler goes (in `finally`), so that no Ctrl-C finds neither.
    if (result.status !== 'cancelled') writing = exitOnInterrupt(writingMessage(resultsFile, resumeCommand));
  } catch (error) {
    progress.stop();
    discard();
    if (error instanceof ReplicationError) throw new RunFailedError(error, replayCommand(input, error));
    throw inCliTerms(error, strategies);
  } finally {
    interrupt.dispose();
  }
  const seconds = secondsSince(started);
  const threads = workers === 0 ? 'this thread' : countOf(workers, 'worker thread');
  if (result.status === 'cancelled') {
    progress.stop();
    throw new InterruptedError(interruptedMessage(input, result, resultsFile, resumeCommand));
  }
  // After a resume, say how many ran now: the time is theirs, not that of every replication counted.
  const resumed = latest?.resumed ?? 0;
  const split =
    resumed === 0
      ? ''
      : ` (${(latest?.completed ?? 0) - resumed} run now, ${resumed} read back from ${resultsFile})`;
  progress.stop(
    `${countOf(result.replications, 'replication')} × ${countOf(strategies.length, 'strategy', 'strategies')}${split} in ${seconds.toFixed(1)} s (${threads})`,
  );
  const finish = () => {
    discard();
    writing?.dispose();
  };
  return { result, resultsFile, resumeCommand, finish };
}

/** What Ctrl-C says between the end of a run and its results written (the report's charts take seconds). */
function writingMessage(file: string, resume: string): string {
  return `Interrupted while writing the results. The finished replications are kept in ${file}; write the results without running them again:\n  ${resume}`;
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

function interruptedMessage(
  input: CliExperiment,
  result: ExperimentResult,
  file: string,
  resume: string,
): string {
  const total = replicationPlan(input.options.replications, input.options.shard).length;
  const done = `Interrupted after ${result.replications} of ${total} replications.`;
  return [`${done} Finished replications are saved in ${file}.`, 'Resume with:', `  ${resume}`].join('\n');
}
