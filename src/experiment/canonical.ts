/**
 * Canonical JSON and content hashes: the identity of a scenario or a strategy's parameters, independent of
 * key order and formatting.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { DibsimError, describeValue } from '../errors.js';

/**
 * JSON text of `value` with object keys sorted (by UTF-16 code units) at every level and no whitespace:
 * two values that are equal as data give the same text. Properties whose value is `undefined` are left
 * out, as `JSON.stringify` does.
 *
 * @throws {@link DibsimError} `INVALID_ARGUMENT` for a non-finite number, a function, a symbol, a bigint, a
 *   cycle, or an object other than a plain object or an array (a `Date`, `Map`, `Set`, typed array or class
 *   instance): they have no JSON form of their own, and hashing `new Date(0)` and `new Map()` both as `{}`
 *   would give different values the same hash.
 * @example
 * canonicalJson({ b: 1, a: [true, null] }); // '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$', new Set());
}

/**
 * SHA-256 (lower-case hex) of {@link canonicalJson}`(value)`: the scenario hash carried by manifests and
 * by {@link ReplicationError}.
 */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function write(value: unknown, path: string, open: Set<object>): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw unsupported(path, describeValue(value));
    return JSON.stringify(value);
  }
  if (typeof value !== 'object') throw unsupported(path, describeValue(value));
  if (!Array.isArray(value) && !isPlainObject(value)) throw unsupported(path, kindOf(value));
  if (open.has(value)) throw unsupported(path, 'a cycle');
  open.add(value);
  let text: string;
  if (Array.isArray(value)) {
    text = `[${value.map((v, i) => (v === undefined ? 'null' : write(v, `${path}[${i}]`, open))).join(',')}]`;
  } else {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    text = `{${keys.map((k) => `${JSON.stringify(k)}:${write(record[k], `${path}.${k}`, open)}`).join(',')}}`;
  }
  open.delete(value);
  return text;
}

/**
 * Whether `value` is a plain object: its prototype is `Object.prototype` (of any realm, e.g. another
 * `vm` context) or `null`, so not a `Date`, `Map`, `Set`, typed array or class instance.
 */
function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** `a Date`, `a Map`, `an instance of Foo`: what an object that is not plain data is, for the message. */
function kindOf(value: object): string {
  const name: unknown = (value as { constructor?: { name?: unknown } }).constructor?.name;
  if (typeof name !== 'string' || name === '') return 'an object that is not plain data';
  return `${/^[AEIOU]/i.test(name) ? 'an' : 'a'} ${name}`;
}

function unsupported(path: string, got: string): DibsimError {
  return new DibsimError(
    'INVALID_ARGUMENT',
    `canonicalJson: ${path} has no JSON form (got ${got}). Use plain data: finite numbers, strings, booleans, null, arrays and plain objects (a Date as date.toISOString(), a Map as Object.fromEntries(map)).`,
  );
}
