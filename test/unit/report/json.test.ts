import { describe, expect, it } from 'vitest';
import { DibsimError } from '../../../src/errors.js';
import type { ExperimentResult } from '../../../src/experiment/results.js';
import { resultsToJson } from '../../../src/report/json.js';
import { reportInput } from './fixture.js';

describe('resultsToJson', () => {
  it('resultsToJson(result) writes NaN and ±Infinity as null, -0 as 0, and parses back', () => {
    const fake = {
      status: 'complete',
      level: 0.95,
      values: [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0.1 + 0.2],
      nested: { gone: undefined, typed: new Float64Array([1.5, Number.NaN]) },
    } as unknown as ExperimentResult;
    const parsed = JSON.parse(resultsToJson(fake));
    expect(parsed).toEqual({
      level: 0.95,
      nested: { typed: [1.5, null] },
      status: 'complete',
      values: [null, null, null, 0, 0.30000000000000004],
    });
    expect(Object.is(parsed.values[3], 0)).toBe(true);
  });

  it('resultsToJson sorts keys at every level, so the text does not depend on construction order', () => {
    const a = { b: 1, a: { d: [{ y: 1, x: 2 }], c: 2 } } as unknown as ExperimentResult;
    const b = { a: { c: 2, d: [{ x: 2, y: 1 }] }, b: 1 } as unknown as ExperimentResult;
    expect(resultsToJson(a)).toBe(resultsToJson(b));
    expect(resultsToJson(a).indexOf('"a"')).toBeLessThan(resultsToJson(a).indexOf('"b"'));
  });

  it('resultsToJson(experiment) is one JSON document holding the statistics, with undefined CIs as null', async () => {
    const { result, tornado } = await reportInput();
    const text = resultsToJson(result);
    expect(text).not.toMatch(/NaN|Infinity/);
    const parsed = JSON.parse(text);
    expect(parsed.replications).toBe(6);
    expect(parsed.strategies[0].kpis.fillRate.mean).toBe(result.strategies[0]!.kpis.fillRate!.mean);
    // Tornado bars of a lever that cannot change a strategy have a zero-width CI, not NaN; the text parses.
    expect(JSON.parse(resultsToJson(tornado!)).level).toBe(0.95);
  });

  it('resultsToJson(cyclic) throws INVALID_ARGUMENT naming the path of the cycle, not a stack overflow', () => {
    const kpis: Record<string, unknown> = { fillRate: { mean: 0.5 } };
    kpis.self = kpis;
    const cyclic = { status: 'complete', strategies: [{ name: 'a', kpis }] } as unknown as ExperimentResult;
    let error: unknown;
    try {
      resultsToJson(cyclic);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DibsimError);
    expect((error as DibsimError).code).toBe('INVALID_ARGUMENT');
    expect((error as DibsimError).message).toBe(
      'resultsToJson: result.strategies[0].kpis.self refers back to result.strategies[0].kpis, which holds it: a cycle cannot be written as JSON. Pass what runExperiment, runSweep or tornado returned, without references back into itself.',
    );
    // A key that is not an identifier is quoted; a reference to the root names it.
    const root: Record<string, unknown> = { list: [{}] };
    (root.list as Record<string, unknown>[])[0]!['odd key'] = { back: root };
    expect(() => resultsToJson(root as unknown as ExperimentResult)).toThrow(
      /^resultsToJson: result\.list\[0\]\["odd key"\]\.back refers back to result, /,
    );
    const array: unknown[] = [1];
    array.push({ again: array });
    expect(() => resultsToJson({ array } as unknown as ExperimentResult)).toThrow(
      /result\.array\[1\]\.again refers back to result\.array,/,
    );
  });

  it('resultsToJson writes an object reached by two paths (not a cycle) twice, as before', () => {
    const shared = { mean: 1, lower: Number.NaN };
    const result = { a: shared, b: [shared, { c: shared }] } as unknown as ExperimentResult;
    expect(JSON.parse(resultsToJson(result))).toEqual({
      a: { lower: null, mean: 1 },
      b: [{ lower: null, mean: 1 }, { c: { lower: null, mean: 1 } }],
    });
    expect(resultsToJson(result)).toBe(
      `${JSON.stringify({ a: { lower: null, mean: 1 }, b: [{ lower: null, mean: 1 }, { c: { lower: null, mean: 1 } }] }, null, 2)}\n`,
    );
  });

  it('resultsToJson(experiment, tornado) gives the same bytes as the copy without cycle checks', async () => {
    // The copy resultsToJson made before it looked for cycles, kept here as the reference.
    const previousCopy = (value: unknown): unknown => {
      if (typeof value === 'number') return Number.isFinite(value) ? value + 0 : null;
      if (value === null || typeof value !== 'object') return value;
      if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
        return Array.from(value as unknown as ArrayLike<number>, previousCopy);
      }
      if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : previousCopy(v)));
      const record = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(record).sort()) {
        const v = record[key];
        if (v !== undefined && typeof v !== 'function') out[key] = previousCopy(v);
      }
      return out;
    };
    const { result, tornado } = await reportInput();
    for (const value of [result, tornado!]) {
      expect(resultsToJson(value)).toBe(`${JSON.stringify(previousCopy(value), null, 2)}\n`);
    }
  });
});
