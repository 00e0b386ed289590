import { describe, expect, it } from 'vitest';
import { DibsimError, describeValue } from '../../../src/errors.js';
import { runExperiment } from '../../../src/experiment/run-experiment.js';
import { europe155mm } from '../../../src/model/scenarios/europe-155mm.js';

describe('describeValue', () => {
  it('gives short values in full: strings quoted, numbers with their sign, objects as JSON', () => {
    expect(describeValue('x')).toBe('"x"');
    expect(describeValue(-0.5)).toBe('-0.5');
    expect(describeValue(Number.NaN)).toBe('NaN');
    expect(describeValue({ a: [1, 2] })).toBe('{"a":[1,2]}');
    // Not JSON's null: the non-finite number is often the value at fault.
    expect(describeValue({ min: Number.NaN, max: 5, at: [Infinity, -Infinity] })).toBe(
      '{"min":NaN,"max":5,"at":[Infinity,-Infinity]}',
    );
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue('a'.repeat(158))).toBe(`"${'a'.repeat(158)}"`); // 160 characters
  });

  it('cuts a long text to its start and end around … with its length', () => {
    const text = describeValue('a'.repeat(100) + 'b'.repeat(500) + 'c'.repeat(100));
    expect(text).toBe(`"${'a'.repeat(99)}…${'c'.repeat(39)}" (702 characters)`);
  });

  it('never cuts inside a surrogate pair', () => {
    // '"' then emoji: the 100th and the 40th-from-last characters fall on pairs.
    const text = describeValue('😀'.repeat(200));
    expect(text).toMatch(/^"(😀)+…(😀)+" \(402 characters\)$/);
    // No lone surrogate: encoding to UTF-8 and back gives the same text.
    expect(Buffer.from(text, 'utf8').toString('utf8')).toBe(text);
  });

  it('keeps an error that quotes a whole scenario readable', async () => {
    const error: unknown = await runExperiment({
      scenario: europe155mm,
      strategies: ['national-only'],
      replications: 1,
      resultsFile: europe155mm as never,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DibsimError);
    const message = (error as DibsimError).message;
    expect(message.length).toBeLessThan(500);
    expect(message).toMatch(/…[^…]* \([\d,]+ characters\)/);
  });
});
