import { describe, expect, expectTypeOf, it } from 'vitest';
import { DibsimError } from '../../../src/errors.js';
import type { Rng } from '../../../src/random/rng.js';
import { createStreams, type RandomStream, type StreamState } from '../../../src/random/streams.js';
import { GOLDEN_STREAMS } from './golden-streams.js';

function take(rng: () => number, n: number): number[] {
  return Array.from({ length: n }, rng);
}

function expectInvalid(action: () => unknown, ...fragments: string[]): void {
  let error: unknown;
  try {
    action();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(DibsimError);
  expect((error as DibsimError).code).toBe('INVALID_ARGUMENT');
  for (const fragment of fragments) expect((error as DibsimError).message).toContain(fragment);
}

describe('createStreams(seed, { replication }).stream(key)', () => {
  it.each(GOLDEN_STREAMS)(
    'is pinned: seed %j, replication %j, key %j starts with the golden draws',
    (seed, replication, key, golden) => {
      expect(take(createStreams(seed, { replication }).stream(key), 4)).toEqual(golden);
    },
  );

  it('derives the same golden streams again, interleaved with other seeds and replications, and past 4,096 keys', () => {
    const golden = GOLDEN_STREAMS[1][3];
    const derive = () => take(createStreams('dibsim', { replication: 3 }).stream('demand:PL'), 4);
    expect(derive()).toEqual(golden);
    expect(derive()).toEqual(golden); // the starting state remembered for this replication
    take(createStreams('dibsim', { replication: 4 }).stream('demand:PL'), 4);
    expect(derive()).toEqual(golden); // derived afresh after another replication
    const many = createStreams('dibsim', { replication: 3 });
    for (let i = 0; i < 5000; i++) many.stream(`entity:${i}`);
    const late = take(createStreams('dibsim', { replication: 3 }).stream('entity:4999'), 3);
    expect(late).toEqual(take(createStreams('dibsim', { replication: 3 }).stream('entity:4999'), 3));
    expect(late).not.toEqual(take(createStreams('dibsim', { replication: 3 }).stream('entity:4998'), 3));
    expect(derive()).toEqual(golden);
  });

  it('pins the saved state of a golden stream', () => {
    const stream = createStreams(42).stream('a');
    take(stream, 4);
    expect(stream.state()).toEqual({
      algorithm: 'tychei',
      seed: '42',
      replication: 0,
      key: 'a',
      words: [149917140, -1964782842, 2136323359, 344074127],
    });
  });

  it('treats 42 and "42" as the same seed, and exposes the normalised seed and replication', () => {
    const fromNumber = createStreams(42, { replication: 2 });
    const fromString = createStreams('42', { replication: 2 });
    expect(fromNumber.seed).toBe('42');
    expect(fromNumber.replication).toBe(2);
    expect(createStreams(7).replication).toBe(0);
    expect(take(fromNumber.stream('x'), 10)).toEqual(take(fromString.stream('x'), 10));
  });

  it('gives different numbers for different keys, seeds and replications', () => {
    const base = take(createStreams(42).stream('a'), 5);
    expect(take(createStreams(42).stream('b'), 5)).not.toEqual(base);
    expect(take(createStreams(43).stream('a'), 5)).not.toEqual(base);
    expect(take(createStreams(42, { replication: 1 }).stream('a'), 5)).not.toEqual(base);
  });

  it('encodes (seed, key) unambiguously: seed "1", key "2:3" differs from seed "1:2", key "3"', () => {
    expect(take(createStreams('1').stream('2:3'), 5)).not.toEqual(take(createStreams('1:2').stream('3'), 5));
  });

  it('returns the same continuing stream object for the same key', () => {
    const streams = createStreams(5);
    const first = streams.stream('k');
    const a = take(first, 3);
    const again = streams.stream('k');
    expect(again).toBe(first);
    const b = take(again, 3);
    expect([...a, ...b]).toEqual(take(createStreams(5).stream('k'), 6));
  });

  it('never shifts a stream when other streams are created or drawn from', () => {
    const alone = createStreams(9).stream('a');
    const expected = take(alone, 20);
    const crowded = createStreams(9);
    const before = take(crowded.stream('b'), 7);
    const a = crowded.stream('a');
    const actual: number[] = [];
    for (let i = 0; i < 20; i++) {
      actual.push(a());
      crowded.stream(`extra:${i}`)();
    }
    expect(actual).toEqual(expected);
    expect(before).toHaveLength(7);
  });

  it('is an Rng: doubles in (0, 1) with 53-bit resolution, not multiples of 2^-32', () => {
    const stream = createStreams(1).stream('resolution');
    expectTypeOf(stream).toExtend<Rng>();
    const draws = take(stream, 10_000);
    expect(draws.every((x) => x > 0 && x < 1)).toBe(true);
    // A 32-bit generator gives x·2^32 an integer every time; with 53 bits that has probability 2^-21.
    const on32BitGrid = draws.filter((x) => Number.isInteger(x * 2 ** 32)).length;
    expect(on32BitGrid).toBeLessThan(draws.length / 100);
    // The low bits are used too: some draws need more than 2^-48 resolution.
    expect(draws.some((x) => !Number.isInteger(x * 2 ** 48))).toBe(true);
  });

  it('has a readonly key and cannot be modified', () => {
    const stream = createStreams(1).stream('frozen');
    expect(stream.key).toBe('frozen');
    expect(() => {
      (stream as { key: string }).key = 'other';
    }).toThrow(TypeError);
  });

  it('withReplication(r) equals createStreams(seed, { replication: r })', () => {
    const other = createStreams('s').withReplication(4);
    expect(other.seed).toBe('s');
    expect(other.replication).toBe(4);
    expect(take(other.stream('k'), 5)).toEqual(take(createStreams('s', { replication: 4 }).stream('k'), 5));
  });
});

describe('stream.state() and streams.restore(state)', () => {
  function advanced(): { stream: RandomStream; saved: StreamState; expected: number[] } {
    const stream = createStreams(77, { replication: 2 }).stream('demand:PL');
    take(stream, 13);
    const saved = stream.state();
    return { stream, saved, expected: take(stream, 25) };
  }

  it('is plain data that survives JSON.stringify and structuredClone unchanged', () => {
    const { saved } = advanced();
    expect(JSON.parse(JSON.stringify(saved))).toEqual(saved);
    expect(structuredClone(saved)).toEqual(saved);
    expect(Object.getPrototypeOf(saved)).toBe(Object.prototype);
  });

  it.each([
    ['as is', (s: StreamState) => s],
    ['after a JSON round trip', (s: StreamState) => JSON.parse(JSON.stringify(s)) as StreamState],
    ['after structuredClone', (s: StreamState) => structuredClone(s)],
  ])('continues identically in fresh streams, %s', (_, transport) => {
    const { saved, expected } = advanced();
    const fresh = createStreams('77', { replication: 2 });
    const restored = fresh.restore(transport(saved));
    expect(restored.key).toBe('demand:PL');
    expect(fresh.stream('demand:PL')).toBe(restored);
    expect(take(restored, 25)).toEqual(expected);
  });

  it('rewinds an existing stream in place, so callers holding it continue from the saved point', () => {
    const streams = createStreams(3);
    const stream = streams.stream('k');
    take(stream, 5);
    const saved = stream.state();
    const expected = take(stream, 10);
    expect(streams.restore(saved)).toBe(stream);
    expect(take(stream, 10)).toEqual(expected);
  });

  it('streams.snapshot() saves every stream in creation order, and restoring it rewinds them all', () => {
    const streams = createStreams(8);
    const a = streams.stream('a');
    const b = streams.stream('b');
    a();
    const snapshot = streams.snapshot();
    expect(snapshot.map((s) => s.key)).toEqual(['a', 'b']);
    const expected = [take(a, 3), take(b, 3)];
    for (const state of snapshot) streams.restore(state);
    expect([take(a, 3), take(b, 3)]).toEqual(expected);
  });

  it('does not change when the saved state object is later modified', () => {
    const streams = createStreams(3);
    const stream = streams.stream('k');
    const saved = stream.state();
    const expected = take(stream, 3);
    streams.restore(saved);
    (saved.words as number[])[0] = 12345;
    expect(take(stream, 3)).toEqual(expected);
  });
});

describe('validation', () => {
  it.each([
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [Number.NEGATIVE_INFINITY, '-Infinity'],
  ])('createStreams(%s) rejects a non-finite seed', (seed, shown) => {
    expectInvalid(
      () => createStreams(seed),
      'seed must be a finite number or a non-empty string',
      `(got ${shown})`,
      'Use a fixed integer',
    );
  });

  it('createStreams("") rejects an empty seed', () => {
    expectInvalid(() => createStreams(''), 'seed', '(got "")');
  });

  it('createStreams(seed) rejects a seed that is neither a number nor a string', () => {
    expectInvalid(() => createStreams(null as unknown as number), 'seed', '(got null)');
  });

  it.each([
    [-1, '-1'],
    [1.5, '1.5'],
    [Number.NaN, 'NaN'],
    ['1', '"1"'],
  ])(
    'createStreams(seed, { replication: %j }) rejects a replication that is not a non-negative integer',
    (replication, shown) => {
      expectInvalid(
        () => createStreams(1, { replication: replication as number }),
        'replication must be a non-negative integer',
        `(got ${shown})`,
      );
    },
  );

  it.each([
    [3, '3', 'For replication 3, write createStreams(seed, { replication: 3 }).'],
    [null, 'null', 'Leave it out for replication 0.'],
  ])(
    'createStreams(1, %j) rejects options that are not an object (it gave replication 0)',
    (options, shown, fix) => {
      expectInvalid(
        () => createStreams(1, options as never),
        `createStreams(seed, options): options must be an object { replication } (got ${shown}). ${fix}`,
      );
    },
  );

  it('createStreams(1, { replicaton: 3 }) rejects a misspelt option (it gave replication 0)', () => {
    expectInvalid(
      () => createStreams(1, { replicaton: 3 } as never),
      "createStreams(seed, options): options.replicaton is not an option (got 3). Did you mean 'replication'? Options: replication.",
    );
  });

  it('streams.withReplication(-2) rejects a negative replication', () => {
    expectInvalid(
      () => createStreams(1).withReplication(-2),
      'streams.withReplication: replication',
      '(got -2)',
    );
  });

  it.each([
    ['', '""'],
    [7, '7'],
  ])('streams.stream(%j) rejects a key that is not a non-empty string', (key, shown) => {
    expectInvalid(
      () => createStreams(1).stream(key as string),
      'key must be a non-empty string',
      `(got ${shown})`,
    );
  });

  const good = (): StreamState => createStreams(1, { replication: 0 }).stream('k').state();
  it.each([
    ['a non-object', () => 'state' as unknown as StreamState, 'state must be an object'],
    ['another algorithm', () => ({ ...good(), algorithm: 'alea' }), 'state.algorithm must be "tychei"'],
    ['another seed', () => ({ ...good(), seed: '2' }), 'state.seed must be'],
    ['another replication', () => ({ ...good(), replication: 1 }), 'state.replication must be'],
    ['an empty key', () => ({ ...good(), key: '' }), 'state.key must be a non-empty string'],
    ['three words', () => ({ ...good(), words: [1, 2, 3] }), 'state.words must be an array of 4 integers'],
    [
      'a fractional word',
      () => ({ ...good(), words: [1, 2, 3, 4.5] }),
      'state.words must be 32-bit signed integers',
    ],
    [
      'a word beyond int32',
      () => ({ ...good(), words: [1, 2, 3, 2 ** 31] }),
      'state.words must be 32-bit signed integers',
    ],
    ['all-zero words', () => ({ ...good(), words: [0, 0, 0, 0] }), 'state.words must not all be zero'],
  ])('streams.restore(state) rejects %s', (_, state, fragment) => {
    expectInvalid(
      () => createStreams(1).restore(state()),
      `streams.restore: ${fragment}`,
      'Pass a value returned by stream.state()',
    );
  });
});
