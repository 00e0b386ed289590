import { describe, expect, it } from 'vitest';
import { exponential } from '../../../src/random/continuous.js';
import { createSampler, type DistributionSpec, distributionTypes } from '../../../src/random/spec.js';
import { createStreams } from '../../../src/random/streams.js';
import { triangular } from '../../../src/random/triangular.js';

describe('createSampler(rng, spec)', () => {
  it('draws exactly what the named function draws from the same stream', () => {
    const viaSpec = createSampler(createStreams(1).stream('k'), { type: 'exponential', mean: 3 });
    const direct = exponential(createStreams(1).stream('k'), { mean: 3 });
    expect([viaSpec(), viaSpec(), viaSpec()]).toEqual([direct(), direct(), direct()]);
  });

  it('accepts a spec that went through JSON', () => {
    const spec = JSON.parse('{"type":"triangular","min":1,"mode":2,"max":4}') as DistributionSpec;
    const a = createSampler(createStreams(2).stream('t'), spec);
    const b = triangular(createStreams(2).stream('t'), { min: 1, mode: 2, max: 4 });
    expect([a(), a()]).toEqual([b(), b()]);
  });

  it('{ type: "constant", value } returns value and draws nothing', () => {
    let calls = 0;
    const sampler = createSampler(
      () => {
        calls++;
        return 0.5;
      },
      { type: 'constant', value: 7 },
    );
    expect([sampler(), sampler()]).toEqual([7, 7]);
    expect(calls).toBe(0);
  });

  it('distributionTypes lists every type createSampler accepts', () => {
    expect(distributionTypes).toHaveLength(16);
    expect(new Set(distributionTypes).size).toBe(16);
    expect(Object.isFrozen(distributionTypes)).toBe(true);
  });
});
