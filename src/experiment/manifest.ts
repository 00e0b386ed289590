/**
 * Provenance of an experiment: what produced a result, precisely enough to refuse mixing incompatible runs
 * and to reproduce one.
 *
 * @module
 */
import { createRequire } from 'node:module';
import { isRecord } from '../model/validate-view.js';
import { canonicalJson } from './canonical.js';
import type { SeriesInterval } from './record.js';
import { type StopWhen, stopWhenWithDefaults } from './stopping.js';
import type { StrategyDescriptor } from './strategy-spec.js';

/** Version of the result and record formats; bumped when either changes meaning. */
export const EXPERIMENT_SCHEMA_VERSION = 2;

/** A shard of an experiment: replications `i` with `i % count === index`. */
export interface ShardSpec {
  /** This shard's index, `0 ≤ index < count`. */
  readonly index: number;
  /** Number of shards. */
  readonly count: number;
}

/** What produced a result. Two runs with equal manifests give bit-identical results. */
export interface ExperimentManifest {
  /** dibsim version (from its package.json). */
  readonly dibsim: string;
  /** {@link EXPERIMENT_SCHEMA_VERSION} of the producer. */
  readonly schemaVersion: number;
  /** The scenario. */
  readonly scenario: {
    /** Scenario name. */
    readonly name: string;
    /** Its data format version. */
    readonly schemaVersion: number;
    /** SHA-256 (hex) of its canonical JSON. */
    readonly hash: string;
  };
  /** Master seed, as a string. */
  readonly seed: string;
  /** Replications requested (the maximum, with `stopWhen`). */
  readonly replications: number;
  /** Strategies in order, with modules and parameters. */
  readonly strategies: readonly StrategyDescriptor[];
  /**
   * For each strategy in order, SHA-256 (hex) of the code of a strategy module of your own (the file it
   * names, or a switch's `before` and `after` files, with the files they import in turn by a relative path
   * or a `file:` URL), so that resuming or merging refuses results of code edited since; `null` for a
   * built-in (its code is the `dibsim` version's) and for a factory, whose code cannot be read: a factory
   * changed between a run and its resume goes unnoticed. Present only when some strategy is a module of
   * your own. Imports by package name are not followed (a package's code is its version's), nor imports
   * whose specifier is computed when the module runs, nor `require` calls, nor the imports of a file with
   * JSX, which the lexer cannot read (the file itself counts).
   */
  readonly strategyCode?: readonly (string | null)[];
  /** Baseline strategy name. */
  readonly baseline: string;
  /** Confidence level. */
  readonly level: number;
  /** Relative accuracy of quantiles. */
  readonly quantileAccuracy: number;
  /** How often series are sampled. */
  readonly seriesEvery: SeriesInterval;
  /** Sequential stopping rule, if any. */
  readonly stopWhen?: StopWhen;
  /** How failed replications are handled. */
  readonly onError: 'abort' | 'skip';
  /** Shard, when this result covers one shard only. */
  readonly shard?: ShardSpec;
  /** Node.js version, e.g. `v20.20.2` (floating-point library functions may differ between versions). */
  readonly node: string;
}

let cachedVersion: string | undefined;

/**
 * The dibsim version from package.json, found relative to this module: `src/experiment/` and
 * `dist/experiment/` are both two levels below the package root.
 */
export function dibsimVersion(): string {
  if (cachedVersion === undefined) {
    const require = createRequire(import.meta.url);
    cachedVersion = (require('../../package.json') as { version: string }).version;
  }
  return cachedVersion;
}

/**
 * Fields in which two manifests differ (compared as canonical JSON), ignoring the fields in `ignore`. A
 * stopping rule is compared with its defaults written out, so that spelling a default does not make a
 * different experiment.
 * @internal
 */
export function manifestDifferences(
  a: ExperimentManifest,
  b: ExperimentManifest,
  ignore: readonly (keyof ExperimentManifest)[] = [],
): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])] as (keyof ExperimentManifest)[];
  const comparable = (m: ExperimentManifest, k: keyof ExperimentManifest): string =>
    // A manifest read back from a file may hold anything there: only an object gets defaults.
    canonicalJson(
      k === 'stopWhen' && isRecord(m.stopWhen)
        ? stopWhenWithDefaults(m.stopWhen as StopWhen)
        : (m[k] ?? null),
    );
  return keys
    .filter((k) => !ignore.includes(k))
    .filter((k) => comparable(a, k) !== comparable(b, k))
    .sort();
}
