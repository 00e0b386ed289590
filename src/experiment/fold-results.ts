/**
 * Builds an {@link ExperimentResult} from replication outcomes delivered in index order: folds records,
 * applies the stopping rule at batch boundaries, turns failures into {@link ReplicationError}s or skips.
 *
 * @module
 */
import { ReplicationError } from '../errors.js';
import { ExperimentAccumulator } from './accumulator.js';
import type { ExperimentManifest } from './manifest.js';
import type { RecordLayout, ReplicationRecord } from './record.js';
import { errorFromData, type ReplicationOutcome } from './replicate.js';
import type { ExperimentResult, ReplicationFailure } from './results.js';
import { precisionReached, type ResolvedStopWhen } from './stopping.js';

/** Progress of an experiment, reported after each replication is folded (in index order). */
export interface ExperimentProgress {
  /** Replications processed so far (folded or skipped), in this run or shard. */
  readonly completed: number;
  /**
   * Of `completed`, how many were read back from a results file rather than run: the replications a
   * resumed run (`resultsFile`) found there, or every one in {@link mergeShards}. `completed - resumed`
   * ran now.
   */
  readonly resumed: number;
  /** Replications planned for this run or shard. */
  readonly total: number;
  /** Index of the replication just processed. */
  readonly replication: number;
}

/** Settings of a {@link ResultBuilder}. @internal */
export interface ResultBuilderOptions {
  /** Record layout. */
  readonly layout: RecordLayout;
  /** Manifest of the result. */
  readonly manifest: ExperimentManifest;
  /** Replications planned. */
  readonly total: number;
  /** Resolved stopping rule. */
  readonly stop?: ResolvedStopWhen | undefined;
  /** Keep records in the result. */
  readonly keepRecords?: boolean | undefined;
  /** Progress callback. */
  readonly onProgress?: ((progress: ExperimentProgress) => void) | undefined;
  /** The results file outcomes `fromFile` were read from, named by a failure read back from it. */
  readonly resultsFile?: string | undefined;
}

/** See the module description. @internal */
export class ResultBuilder {
  private readonly accumulator: ExperimentAccumulator;
  private readonly failures: ReplicationFailure[] = [];
  private readonly records: ReplicationRecord[] = [];
  private processed = 0;
  private resumed = 0;
  /** The first failure skipped (`onError: 'skip'`), thrown by {@link finish} if nothing else was folded. */
  private firstFailure: FailedOutcome | undefined;

  constructor(private readonly options: ResultBuilderOptions) {
    const { manifest } = options;
    const names = manifest.strategies.map((s) => s.name);
    this.accumulator = new ExperimentAccumulator(options.layout, names, {
      level: manifest.level,
      quantileAccuracy: manifest.quantileAccuracy,
      baseline: names.indexOf(manifest.baseline),
    });
  }

  /**
   * Takes the outcome of the next replication in index order, `fromFile` when it was read back from a
   * results file rather than run. Returns `'stop'` when the stopping rule is met after it.
   *
   * @throws {@link ReplicationError} for a failure when `onError` is `'abort'`.
   */
  accept(outcome: ReplicationOutcome, fromFile: boolean): 'continue' | 'stop' {
    const { manifest, stop } = this.options;
    if (outcome.status === 'failed') {
      if (manifest.onError === 'abort') throw this.replicationError(outcome, fromFile);
      this.firstFailure ??= outcome;
      this.failures.push({
        replication: outcome.replication,
        strategy: outcome.strategy,
        name: outcome.error.name,
        message: outcome.error.message,
      });
    } else {
      this.accumulator.fold(outcome.record);
      if (this.options.keepRecords === true) this.records.push(outcome.record);
    }
    this.processed++;
    if (fromFile) this.resumed++;
    const replication = outcome.status === 'ok' ? outcome.record.replication : outcome.replication;
    this.options.onProgress?.({
      completed: this.processed,
      resumed: this.resumed,
      total: this.options.total,
      replication,
    });
    if (stop !== undefined && this.processed % stop.batch === 0) {
      const count = manifest.strategies.length;
      const tally = (s: number, k: number) => this.accumulator.tally(s, k);
      if (precisionReached(stop, tally, count, manifest.level)) return 'stop';
    }
    return 'continue';
  }

  /**
   * The result so far.
   *
   * @throws {@link ReplicationError} of the first failure when every replication failed (with `onError:
   *   'skip'`) and the run was not cancelled: a result of no replications is no result. Not for a shard,
   *   whose file holds its failures: the merge judges the whole run.
   */
  finish(status: ExperimentResult['status']): ExperimentResult {
    const { manifest } = this.options;
    const judged = status !== 'cancelled' && manifest.shard === undefined;
    if (judged && this.accumulator.folded === 0 && this.firstFailure !== undefined) {
      const error = this.replicationError(this.firstFailure);
      error.message = `Every replication failed (${this.processed} of ${this.processed}), so there is no result to report, even with onError: 'skip'. The first: ${error.message}`;
      throw error;
    }
    const result: ExperimentResult = {
      status,
      manifest,
      replications: this.accumulator.folded,
      level: this.options.manifest.level,
      strategies: this.accumulator.strategies(),
      comparisons: this.accumulator.comparisons(),
      failures: this.failures,
    };
    return this.options.keepRecords === true ? { ...result, records: this.records } : result;
  }

  /**
   * The {@link ReplicationError} of a failed replication: seed, index, strategy, how to load it, cause, and
   * the results file it was read back from (`fromFile`).
   */
  private replicationError(outcome: FailedOutcome, fromFile = false): ReplicationError {
    const { manifest, resultsFile } = this.options;
    const cause = 'thrown' in outcome ? outcome.thrown : errorFromData(outcome.error);
    const {
      name: _name,
      module,
      ...reference
    } = manifest.strategies.find((s) => s.name === outcome.strategy) ?? {};
    return new ReplicationError(
      {
        seed: manifest.seed,
        replication: outcome.replication,
        strategy: outcome.strategy,
        scenarioHash: manifest.scenario.hash,
        ...(module === undefined ? {} : { strategyModule: { module, ...reference } }),
        ...(fromFile && resultsFile !== undefined ? { recordedIn: resultsFile } : {}),
      },
      cause,
    );
  }
}

/** A replication outcome that failed. */
type FailedOutcome = Extract<ReplicationOutcome, { status: 'failed' }>;
