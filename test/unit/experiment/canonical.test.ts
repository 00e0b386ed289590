import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from '../../../src/experiment/canonical.js';

describe('canonicalJson', () => {
  it('sorts keys at every level and leaves out undefined properties', () => {
    expect(canonicalJson({ b: 1, a: [true, null, undefined], c: undefined })).toBe(
      '{"a":[true,null,null],"b":1}',
    );
    expect(canonicalJson(Object.assign(Object.create(null), { z: 1, y: { x: 2 } }))).toBe(
      '{"y":{"x":2},"z":1}',
    );
    // A plain object from another realm (a vm context) is plain data too.
    expect(canonicalJson(runInNewContext('({ b: [1], a: {} })'))).toBe('{"a":{},"b":[1]}');
  });

  class Point {
    constructor(readonly x: number) {}
  }

  it.each([
    ['$', new Date(0), 'a Date'],
    ['$', new Map([['a', 1]]), 'a Map'],
    ['$.tags', { tags: new Set(['x']) }, 'a Set'],
    ['$[1]', [1, new Float64Array([1, 2])], 'a Float64Array'],
    ['$.at', { at: new Point(1) }, 'a Point'],
    ['$', new ArrayBuffer(2), 'an ArrayBuffer'],
  ])(
    'rejects an object that is not plain data at %s (%s hashed as {} or its indices)',
    (path, value, got) => {
      expect(() => canonicalJson(value)).toThrow(
        expect.objectContaining({
          code: 'INVALID_ARGUMENT',
          message: `canonicalJson: ${path} has no JSON form (got ${got}). Use plain data: finite numbers, strings, booleans, null, arrays and plain objects (a Date as date.toISOString(), a Map as Object.fromEntries(map)).`,
        }),
      );
    },
  );

  it('no longer gives new Date(0) and new Map() the hash of {}', () => {
    expect(() => contentHash(new Date(0))).toThrow(/got a Date/);
    expect(() => contentHash(new Map())).toThrow(/got a Map/);
    expect(contentHash({})).toMatch(/^[0-9a-f]{64}$/);
  });

  it('still rejects non-finite numbers, functions and cycles, naming the path', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson({ x: [Number.NaN] })).toThrow(
      'canonicalJson: $.x[0] has no JSON form (got NaN).',
    );
    expect(() => canonicalJson({ f: () => 1 })).toThrow('$.f has no JSON form (got function f)');
    expect(() => canonicalJson(cyclic)).toThrow('$.self has no JSON form (got a cycle)');
  });
});
