import { describe, expect, it } from 'vitest';
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
});
