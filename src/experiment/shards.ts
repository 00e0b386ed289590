/**
 * Merges the results files of shards into exactly the result of the whole run.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import {
  checkOptionalBoolean,
  checkOptionalFunction,
  checkOptions,
  DibsimError,
  describeValue,
} from '../errors.js';
import { type ExperimentProgress, ResultBuilder } from './fold-results.js';
import type { ExperimentManifest, ShardSpec } from './manifest.js';
import type { ExperimentResult } from './results.js';
import {
  checkHeader,
  type ResultsFileContents,
  type ResultsFileHeader,
  readResultsFile,
} from './results-file.js';

/** The names of {@link MergeShardsOptions}. */
const MERGE_OPTIONS = ['keepRecords', 'onProgress'];

/** Options of {@link mergeShards}. */
export interface MergeShardsOptions {
  /** Keep every replication record in the result. @defaultValue false */
  readonly keepRecords?: boolean | undefined;
  /** Called after each replication is folded, in index order. */
  readonly onProgress?: ((progress: ExperimentProgress) => void) | undefined;
}

/**
 * Reads the results files of every shard of an experiment (runs with `shard: { index, count }`) and folds
 * their records in replication order: the result is bit-identical to that of the whole run.
 *
 * @param files - one file per shard, in any order
 * @throws {@link DibsimError} `INVALID_ARGUMENT` for options that are not `{ keepRecords?, onProgress? }`, or
 *   if a file does not exist, is empty or holds only a torn header (its shard's run stopped as it began:
 *   rerun that shard), is not a dibsim results file, or is not a shard file (a whole run's), manifests
 *   differ (scenario hash, seed, strategies, version, …), a shard is missing or repeated, or a shard is
 *   unfinished;
 *   {@link ReplicationError} for a recorded failure when the experiment's `onError` is `'abort'`, or for the
 *   first when every replication failed.
 * @remarks Files are indexed, then read one record at a time in replication order: memory holds byte offsets,
 *   not records.
 */
export function mergeShards(files: readonly string[], options: MergeShardsOptions = {}): ExperimentResult {
  if (!Array.isArray(files) || files.length === 0) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `mergeShards: files must be an array of at least one shard file (got ${describeValue(files)}). E.g. ['shard-1.jsonl', 'shard-2.jsonl'].`,
    );
  }
  const notPath = files.findIndex((file) => typeof file !== 'string' || file === '');
  if (notPath >= 0) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `mergeShards: files[${notPath}] must be the path of a shard file (got ${describeValue(files[notPath])}). Pass the file each shard's run wrote its replications to.`,
    );
  }
  checkOptions(options, MERGE_OPTIONS, 'mergeShards(files, options)');
  checkOptionalBoolean('mergeShards: options.keepRecords', options.keepRecords, 'Leave it out to keep none.');
  checkOptionalFunction('mergeShards: options.onProgress', options.onProgress, 'Pass (progress) => { … }.');
  // readResultsFile reads a missing file as an empty one (a run about to start): here it is a mistake.
  const missing = files.find((file) => !existsSync(file));
  if (missing !== undefined) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `mergeShards: ${missing} does not exist. Check the path: pass the file each shard's run wrote its replications to.`,
    );
  }
  const shards = files.map((file) => ({ file, contents: readResultsFile(file) }));
  const first = shards[0]!;
  const header = shardHeader(first.file, first.contents);
  const count = header.manifest.shard.count;
  const byIndex = new Map<number, { file: string; contents: ResultsFileContents }>();
  for (const s of shards) {
    const h = shardHeader(s.file, s.contents);
    checkHeader(s.file, h, header, ['shard']);
    if (h.manifest.shard.count !== count) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `mergeShards: ${s.file} is ${shardName(h.manifest.shard.index, h.manifest.shard.count)}, but ${first.file} is one of ${count}. Merge shards of one split.`,
      );
    }
    const previous = byIndex.get(h.manifest.shard.index);
    if (previous !== undefined) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `mergeShards: ${s.file} and ${previous.file} are both ${shardName(h.manifest.shard.index, count)}. Pass each shard once.`,
      );
    }
    byIndex.set(h.manifest.shard.index, s);
  }
  for (let i = 0; i < count; i++) {
    if (!byIndex.has(i)) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `mergeShards: ${shardName(i, count)} is missing. Pass every shard file.`,
      );
    }
  }
  const { shard: _shard, ...manifest } = header.manifest;
  const builder = new ResultBuilder({
    layout: header.layout,
    manifest: manifest as ExperimentManifest,
    total: manifest.replications,
    keepRecords: options.keepRecords,
    onProgress: options.onProgress,
  });
  for (let r = 0; r < manifest.replications; r++) {
    const s = byIndex.get(r % count)!;
    const outcome = s.contents.outcomes.get(r);
    if (outcome === undefined) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `mergeShards: ${s.file} has no replication ${r}: ${shardName(r % count, count)} is unfinished. Resume it with the same options and resultsFile.`,
      );
    }
    builder.accept(outcome, true);
  }
  return builder.finish('complete');
}

/** A results file's header whose manifest names its shard. */
type ShardHeader = ResultsFileHeader & { readonly manifest: { readonly shard: ShardSpec } };

/**
 * The header of the shard file `file`, read as `contents`.
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if the file is empty or holds only a torn header (that
 *   shard's run stopped before it wrote a complete line: rerun it), or its run was not a shard's.
 */
function shardHeader(file: string, contents: ResultsFileContents): ShardHeader {
  const { header } = contents;
  if (header === undefined) {
    const what = contents.bytes === 0 ? 'is empty' : 'holds no complete line, only part of a header';
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `mergeShards: ${file} ${what}: the run of that shard stopped before it wrote its first line, so it holds no replications. Rerun that shard with the same options and resultsFile, then merge.`,
    );
  }
  if (header.manifest.shard === undefined) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `mergeShards: ${file} is not a shard file (no manifest.shard): a run of every replication wrote it, without the shard option. Pass the files written by runs with shard { index, count }, one per shard; or, to finish that whole run, resume it with the same options and this file as resultsFile instead of merging.`,
    );
  }
  return header as ShardHeader;
}

/**
 * A shard as the `shard` option writes it (`index` from 0). Not `shard 1 of 2`, which reads as counted
 * from 1; `dibsim merge` rewrites it as `shard i/n`, counted from 1 like `--shard i/n`.
 */
function shardName(index: number, count: number): string {
  return `shard { index: ${index}, count: ${count} }`;
}
