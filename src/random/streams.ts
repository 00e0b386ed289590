/**
 * Named, independent random streams derived from one master seed.
 *
 * @module
 */

import * as crypto from 'node:crypto';
import { checkOptions, DibsimError, describeValue } from '../errors.js';
import type { Rng } from './rng.js';
import {
  generatorAlgorithm,
  generatorStateProblem,
  restoreGenerator,
  type SeededGenerator,
  wordsFromBytes,
} from './seedrandom.js';

/** Options for {@link createStreams}. */
export interface StreamsOptions {
  /**
   * Index of the replication (independent run) these streams belong to: a non-negative integer.
   *
   * @defaultValue `0`
   */
  readonly replication?: number | undefined;
}

/**
 * Saved position of one {@link RandomStream}: plain JSON-safe data (strings, numbers and an array of
 * integers) that survives `JSON.stringify`/`JSON.parse` and `structuredClone` unchanged.
 *
 * Pass it to {@link Streams.restore} to continue the stream from this point.
 */
export interface StreamState {
  /** Uniform generator that produced `words`; currently always `"tychei"`. */
  readonly algorithm: string;
  /** Master seed of the {@link Streams} the stream came from, normalised to a string. */
  readonly seed: string;
  /** Replication index of the {@link Streams} the stream came from. */
  readonly replication: number;
  /** The stream's key, e.g. `"demand:PL"`. */
  readonly key: string;
  /** The generator's internal state as 32-bit signed integers (four for Tyche-i). */
  readonly words: readonly number[];
}

/**
 * One reproducible stream of uniform random numbers: call it to get the next double in (0, 1),
 * with 53 random bits. It is an {@link Rng}, so pass it to any distribution.
 *
 * @example
 * const rng = createStreams(42).stream('arrivals');
 * rng(); // next uniform draw
 * const saved = rng.state(); // JSON-safe snapshot
 */
export interface RandomStream extends Rng {
  /** The key the stream was derived from. */
  readonly key: string;
  /** Returns the stream's current position as plain data; see {@link StreamState}. */
  state(): StreamState;
}

/**
 * A family of random streams for one replication, each derived from (seed, replication, key).
 *
 * @remarks
 * Key streams per entity and purpose with stable ids (`"demand:PL"`, `"factory:3:breakdowns"`), not per
 * call order: a stream's numbers depend only on its key, so adding a stream, or drawing more from
 * one, never shifts another. Using the same keys under two strategies gives them common random
 * numbers, which makes paired comparisons of the strategies far more precise.
 */
export interface Streams {
  /** The master seed, normalised to a string (`42` and `"42"` are the same seed). */
  readonly seed: string;
  /** The replication index, a non-negative integer. */
  readonly replication: number;
  /**
   * Returns the stream for `key`. Calling it again with the same key returns the same stream object,
   * which continues where it left off; it does not start over.
   *
   * @param key - a non-empty, stable name such as `"demand:PL"`
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if `key` is not a non-empty string.
   * @example
   * const demand = streams.stream('demand:PL');
   */
  stream(key: string): RandomStream;
  /**
   * Moves the stream `state.key` to the saved position `state`, in place, and returns it. Samplers
   * already built on that stream continue from the restored position too.
   *
   * @param state - a value returned by {@link RandomStream.state}, possibly after a JSON round trip
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if `state` is malformed, came from another generator,
   *   or belongs to a different seed or replication.
   * @example
   * const saved = streams.snapshot();
   * // … draw more …
   * for (const s of saved) streams.restore(s); // back to the snapshot
   */
  restore(state: StreamState): RandomStream;
  /** Returns the state of every stream created so far, in creation order. */
  snapshot(): StreamState[];
  /**
   * Returns fresh streams with the same seed and another replication index.
   *
   * @param replication - a non-negative integer
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if `replication` is not a non-negative integer.
   */
  withReplication(replication: number): Streams;
}

/**
 * Creates the random streams of one replication from a master seed.
 *
 * Each stream is seeded from SHA-256 of `JSON.stringify(["dibsim.streams.v1", seed, replication, key])`,
 * so results never depend on how many streams exist, on worker count or on scheduling.
 *
 * @param seed - a finite number or a non-empty string; numbers are normalised with `String()`, so
 *   `42` and `"42"` give the same streams
 * @param options - see {@link StreamsOptions}
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if `seed` is NaN, infinite or an empty string, `options` is
 *   not an object `{ replication }`, or `options.replication` is not a non-negative integer.
 * @example
 * const streams = createStreams(2026, { replication: 3 });
 * const interArrival = exponential(streams.stream('arrivals'), { mean: 2.5 });
 */
export function createStreams(seed: number | string, options: StreamsOptions = {}): Streams {
  checkOptions(
    options,
    ['replication'],
    'createStreams(seed, options)',
    typeof options === 'number'
      ? `For replication ${options}, write createStreams(seed, { replication: ${options} }).`
      : 'Leave it out for replication 0.',
  );
  return new StreamFamily(
    normaliseSeed(seed),
    checkReplication(options.replication ?? 0, 'createStreams: replication'),
  );
}

// Versioned so that any future change to the derivation is a visible, deliberate one.
const derivationTag = 'dibsim.streams.v1';

/**
 * A master seed as the string streams are derived from: numbers normalised with `String()`.
 *
 * @param where - what to name in the error, e.g. `runExperiment: options.seed`
 * @throws {@link DibsimError} `INVALID_ARGUMENT` unless `seed` is a finite number or a non-empty string.
 * @internal
 */
export function normaliseSeed(seed: unknown, where = 'createStreams: seed'): string {
  if (typeof seed === 'number' && Number.isFinite(seed)) return String(seed);
  if (typeof seed === 'string' && seed !== '') return seed;
  throw new DibsimError(
    'INVALID_ARGUMENT',
    `${where} must be a finite number or a non-empty string (got ${describeValue(seed)}). Use a fixed integer such as 42.`,
  );
}

/**
 * A replication index, checked: a non-negative integer.
 *
 * @param where - what to name in the error, e.g. `runScenario: options.replication`
 * @throws {@link DibsimError} `INVALID_ARGUMENT` otherwise.
 * @internal
 */
export function checkReplication(replication: unknown, where: string): number {
  if (typeof replication !== 'number' || !Number.isSafeInteger(replication) || replication < 0) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `${where} must be a non-negative integer (got ${describeValue(replication)}). Number replications 0, 1, 2, …`,
    );
  }
  return replication;
}

function checkKey(key: unknown): string {
  if (typeof key !== 'string' || key === '') {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `streams.stream: key must be a non-empty string (got ${describeValue(key)}). Use a stable entity id such as "demand:PL".`,
    );
  }
  return key;
}

/**
 * The starting states derived for the most recent (seed, replication), by key. The runs of one
 * replication under several strategies derive the same few hundred streams one after another, and a
 * SHA-256 costs more than the rest of a stream's set-up; capped so that models with a stream per entity
 * do not hold a second copy of every key.
 */
let recent: { seed: string; replication: number; words: Map<string, readonly number[]> } | undefined;
const RECENT_MAX_KEYS = 4096;

/**
 * SHA-256 of `text`. The one-shot `crypto.hash` (Node 20.12 and later) creates no `Hash` object: a
 * replication derives about 250 streams, and each `Hash` object left a weak handle that the next scavenge
 * had to process (about 1 µs each, on top of a slower hash).
 */
const sha256: (text: string) => Uint8Array =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'buffer')
    : (text) => crypto.createHash('sha256').update(text).digest();

/** The starting state of stream `key`: the first 16 bytes of SHA-256 of its (seed, replication, key). */
function derivedWords(seed: string, replication: number, key: string): readonly number[] {
  if (recent === undefined || recent.seed !== seed || recent.replication !== replication)
    recent = { seed, replication, words: new Map() };
  let words = recent.words.get(key);
  if (words === undefined) {
    words = wordsFromBytes(sha256(JSON.stringify([derivationTag, seed, replication, key])));
    if (recent.words.size < RECENT_MAX_KEYS) recent.words.set(key, words);
  }
  return words;
}

/** One stream's mutable core: `restore` swaps the generator without replacing the callable. */
interface StreamCore {
  generator: SeededGenerator;
}

class StreamFamily implements Streams {
  readonly seed: string;
  readonly replication: number;
  readonly #streams = new Map<string, { stream: RandomStream; core: StreamCore }>();

  constructor(seed: string, replication: number) {
    this.seed = seed;
    this.replication = replication;
  }

  stream(key: string): RandomStream {
    const existing = this.#streams.get(checkKey(key));
    if (existing !== undefined) return existing.stream;
    return this.#add(key, restoreGenerator(derivedWords(this.seed, this.replication, key)));
  }

  restore(state: StreamState): RandomStream {
    const problem = this.#stateProblem(state);
    if (problem !== undefined) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `streams.restore: ${problem} (got ${describeValue(state)}). Pass a value returned by stream.state() from streams with the same seed and replication.`,
      );
    }
    const generator = restoreGenerator(state.words);
    const existing = this.#streams.get(state.key);
    if (existing === undefined) return this.#add(state.key, generator);
    existing.core.generator = generator;
    return existing.stream;
  }

  snapshot(): StreamState[] {
    return [...this.#streams.values()].map((entry) => entry.stream.state());
  }

  withReplication(replication: number): Streams {
    return new StreamFamily(this.seed, checkReplication(replication, 'streams.withReplication: replication'));
  }

  #add(key: string, generator: SeededGenerator): RandomStream {
    const core: StreamCore = { generator };
    const { seed, replication } = this;
    const draw = () => core.generator.double();
    const state = (): StreamState => ({
      algorithm: generatorAlgorithm,
      seed,
      replication,
      key,
      words: core.generator.words(),
    });
    const stream: RandomStream = Object.freeze(Object.assign(draw, { key, state }));
    this.#streams.set(key, { stream, core });
    return stream;
  }

  #stateProblem(state: unknown): string | undefined {
    if (typeof state !== 'object' || state === null) return 'state must be an object';
    const s = state as Partial<Record<keyof StreamState, unknown>>;
    if (s.algorithm !== generatorAlgorithm) return `state.algorithm must be "${generatorAlgorithm}"`;
    if (s.seed !== this.seed) return `state.seed must be this streams' seed ${describeValue(this.seed)}`;
    if (s.replication !== this.replication) {
      return `state.replication must be this streams' replication ${this.replication}`;
    }
    if (typeof s.key !== 'string' || s.key === '') return 'state.key must be a non-empty string';
    const wordsProblem = generatorStateProblem(s.words);
    return wordsProblem === undefined ? undefined : `state.${wordsProblem}`;
  }
}
