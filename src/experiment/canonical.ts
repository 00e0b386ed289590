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
 * @throws {@link DibsimError} `INVALID_ARGUMENT` for a non-finite number, a function, a symbol, a bigint or a
 *   cycle: they have no JSON form.
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
    if (!Number.isFinite(value)) throw unsupported(path, value);
    return JSON.stringify(value);
  }
  if (typeof value !== 'object') throw unsupported(path, value);
  if (open.has(value)) throw unsupported(path, '(a cycle)');
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

function unsupported(path: string, value: unknown): DibsimError {
  return new DibsimError(
    'INVALID_ARGUMENT',
    `canonicalJson: ${path} has no JSON form (got ${describeValue(value)}). Use plain data: finite numbers, strings, booleans, null, arrays and objects.`,
  );
}
