/**
 * Results as one JSON document: object keys sorted at every level, non-finite numbers as `null`.
 *
 * @module
 */
import { DibsimError, describeValue } from '../errors.js';
import type { ExperimentResult } from '../experiment/results.js';
import type { SweepResult, TornadoResult } from '../experiment/sweep.js';

/**
 * One JSON document (two-space indented) of an experiment's, sweep's or tornado's results.
 *
 * Object keys are sorted (by UTF-16 code units) at every level, so equal results give equal text
 * whatever order they were built in; array order is kept. `NaN` and `±Infinity` (a statistic that could
 * not be estimated) become `null`, `-0` becomes `0`, typed arrays become arrays, and `undefined`
 * properties are left out. An object met twice is written twice; one that holds itself (a cycle) is refused.
 *
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if `result` is not an object, or if it holds a cycle:
 *   the message names the reference that closes it and the object it leads back to, e.g.
 *   `result.strategies[0].kpis.self refers back to result.strategies[0].kpis`.
 * @example
 * writeFileSync('results.json', resultsToJson(await runExperiment(options)));
 */
export function resultsToJson(result: ExperimentResult | SweepResult | TornadoResult): string {
  if (typeof result !== 'object' || result === null) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `resultsToJson: result must be what runExperiment, runSweep or tornado returned (got ${describeValue(result)}).`,
    );
  }
  return `${JSON.stringify(plain(result, 'resultsToJson', 'result'), null, 2)}\n`;
}

/**
 * A JSON-safe copy of `value` with sorted keys (see {@link resultsToJson}).
 *
 * @param where - the function to name in the error, e.g. `resultsToJson`
 * @param root - what `value` is called in the error's paths, e.g. `result`
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if `value` holds a cycle, naming its path from `root`.
 * @internal
 */
export function plain(value: unknown, where = 'plain', root = 'value'): unknown {
  return new PlainCopy(where, root).copy(value);
}

/**
 * One copy made by {@link plain}: the objects on the path from the root to the value being copied (each
 * with the depth it was entered at), and the keys of that path, so that a reference back to one of them
 * (a cycle) is named, while an object reached twice by different paths is copied twice.
 */
class PlainCopy {
  /** Objects being copied, each with the number of keys on the path to it. */
  private readonly open = new Map<object, number>();
  /** Keys (property names and array indices) from the root to the value being copied. */
  private readonly keys: (string | number)[] = [];

  constructor(
    private readonly where: string,
    private readonly root: string,
  ) {}

  copy(value: unknown): unknown {
    if (typeof value === 'number') return Number.isFinite(value) ? value + 0 : null;
    if (value === null || typeof value !== 'object') return value;
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      // Numbers only: nothing inside can lead back.
      return Array.from(value as unknown as ArrayLike<number>, (v) => this.copy(v));
    }
    const depth = this.open.get(value);
    if (depth !== undefined) throw this.cycle(depth);
    this.open.set(value, this.keys.length);
    let out: unknown;
    if (Array.isArray(value)) {
      out = value.map((v, i) => (v === undefined ? null : this.child(i, v)));
    } else {
      const record = value as Record<string, unknown>;
      const copy: Record<string, unknown> = {};
      for (const key of Object.keys(record).sort()) {
        const v = record[key];
        if (v !== undefined && typeof v !== 'function') copy[key] = this.child(key, v);
      }
      out = copy;
    }
    this.open.delete(value);
    return out;
  }

  /** The copy of `value`, found under `key` of the object being copied. */
  private child(key: string | number, value: unknown): unknown {
    if (value === null || typeof value !== 'object') return this.copy(value);
    this.keys.push(key);
    const out = this.copy(value);
    this.keys.pop();
    return out;
  }

  /** The error for a reference back to the object entered with `depth` keys on its path. */
  private cycle(depth: number): DibsimError {
    const back = this.path(depth);
    return new DibsimError(
      'INVALID_ARGUMENT',
      `${this.where}: ${this.path(this.keys.length)} refers back to ${back}, which holds it: a cycle cannot be written as JSON. Pass what runExperiment, runSweep or tornado returned, without references back into itself.`,
    );
  }

  /** The first `length` keys of the path as an accessor: `result.strategies[0].kpis`. */
  private path(length: number): string {
    let text = this.root;
    for (const key of this.keys.slice(0, length)) {
      text +=
        typeof key === 'number'
          ? `[${key}]`
          : /^[A-Za-z_$][\w$]*$/.test(key)
            ? `.${key}`
            : `[${JSON.stringify(key)}]`;
    }
    return text;
  }
}
