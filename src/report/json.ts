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
 * properties are left out.
 *
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
  return `${JSON.stringify(plain(result), null, 2)}\n`;
}

/** A JSON-safe copy of `value` with sorted keys (see {@link resultsToJson}). @internal */
export function plain(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value + 0 : null;
  if (value === null || typeof value !== 'object') return value;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number>, plain);
  }
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : plain(v)));
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) {
    const v = record[key];
    if (v !== undefined && typeof v !== 'function') out[key] = plain(v);
  }
  return out;
}
