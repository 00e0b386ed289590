/**
 * The trap used by every validation test is not vacuous: a model that reads Math.random, Date.now or
 * performance.now fails, even when the model swallows the error.
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/index.js';
import { withoutAmbientRandomnessOrClock } from './helpers.js';

/** Runs a one-process simulation that calls `ambient` at time 1, optionally catching what it throws. */
function runModelCalling(ambient: () => number, swallow: boolean): void {
  const sim = new Simulation();
  sim.process(function* model() {
    yield sim.timeout(1);
    try {
      ambient();
    } catch (error) {
      if (!swallow) throw error;
    }
  });
  sim.run();
}

const AMBIENT: [string, () => number][] = [
  ['Math.random', () => Math.random()],
  ['Date.now', () => Date.now()],
  ['performance.now', () => performance.now()],
];

describe('withoutAmbientRandomnessOrClock(run)', () => {
  it.each(AMBIENT)('fails a run whose process calls %s', (name, ambient) => {
    expect(() => withoutAmbientRandomnessOrClock(() => runModelCalling(ambient, false))).toThrow(
      `${name} called during a simulation run`,
    );
  });

  it.each(AMBIENT)('fails a run whose process calls %s and swallows the error', (_name, ambient) => {
    expect(() => withoutAmbientRandomnessOrClock(() => runModelCalling(ambient, true))).toThrow(
      /calls to Math\.random, Date\.now, performance\.now/,
    );
  });

  it('restores the real functions afterwards', () => {
    withoutAmbientRandomnessOrClock(() => runModelCalling(() => 0, false));
    expect(Math.random()).toBeLessThan(1);
    expect(Date.now()).toBeGreaterThan(0);
    expect(performance.now()).toBeGreaterThan(0);
  });
});
