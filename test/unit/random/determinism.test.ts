// Everything random must come from the Rng passed in: no hidden global source, no state kept in a
// sampler between draws, and no silent change to the numbers a seed produces.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Rng } from '../../../src/random/rng.js';
import { createSampler, type DistributionSpec } from '../../../src/random/spec.js';
import { createStreams } from '../../../src/random/streams.js';

// Every distribution, with parameters that reach each code path (e.g. d3's large-mean branches).
const specs: DistributionSpec[] = [
  { type: 'constant', value: 3 },
  { type: 'uniform', min: -1, max: 4 },
  { type: 'exponential', mean: 2 },
  { type: 'normal', mean: 0, sd: 1 },
  { type: 'lognormal', mu: 0, sigma: 1 },
  { type: 'lognormalFromMeanSd', mean: 90, sd: 30 },
  { type: 'triangular', min: 0, mode: 2, max: 5 },
  { type: 'pert', min: 0, mode: 2, max: 5 },
  { type: 'gamma', shape: 2.5, scale: 1 },
  { type: 'gamma', shape: 0.3, scale: 1 },
  { type: 'weibull', shape: 1.5, scale: 10 },
  { type: 'beta', alpha: 2, beta: 3 },
  { type: 'beta', alpha: 0.2, beta: 0.3 },
  { type: 'poisson', mean: 4 },
  { type: 'poisson', mean: 1_000 },
  { type: 'binomial', n: 30, p: 0.2 },
  { type: 'binomial', n: 10_000, p: 0.4 },
  { type: 'bernoulli', p: 0.4 },
  { type: 'discrete', values: [1, 2, 3], probabilities: [0.2, 0.3, 0.5] },
  { type: 'empirical', samples: [4, 8, 15, 16, 23, 42] },
];
const title = (spec: DistributionSpec) => JSON.stringify(spec);

function take(sample: () => number, n: number): number[] {
  return Array.from({ length: n }, sample);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('no hidden global source', () => {
  it('sampling every distribution never calls Math.random, Date.now or performance.now', () => {
    const trap = (name: string) => () => {
      throw new Error(`${name} was called`);
    };
    vi.spyOn(Math, 'random').mockImplementation(trap('Math.random'));
    vi.spyOn(Date, 'now').mockImplementation(trap('Date.now'));
    vi.spyOn(performance, 'now').mockImplementation(trap('performance.now'));
    const streams = createStreams('trap');
    for (const spec of specs) {
      const sampler = createSampler(streams.stream(title(spec)), spec);
      expect(take(sampler, 2_000).every(Number.isFinite)).toBe(true);
    }
  });

  // d3-random captures Math.random at import time, so the trap above cannot see a d3 sampler that
  // falls back to its default source; replaying the same uniforms would then give other numbers.
  it.each(specs.map((spec) => [title(spec), spec] as const))(
    '%s is a pure function of its uniforms',
    (_, spec) => {
      const uniforms = take(createStreams('replay').stream('u'), 200_000);
      const replay = (): Rng => {
        let i = 0;
        return () => uniforms[i++]!;
      };
      expect(take(createSampler(replay(), spec), 500)).toEqual(take(createSampler(replay(), spec), 500));
    },
  );
});

describe('samplers keep no state of their own', () => {
  // d3's normal keeps a spare variate between calls; ours must not, so restoring the stream resumes
  // every sampler built on it.
  it.each(specs.map((spec) => [title(spec), spec] as const))(
    '%s resumes exactly after streams.restore(saved)',
    (_, spec) => {
      const streams = createStreams('stateless');
      const stream = streams.stream('s');
      const sampler = createSampler(stream, spec);
      take(sampler, 37);
      const saved = stream.state();
      const expected = take(sampler, 50);
      streams.restore(saved);
      expect(take(sampler, 50)).toEqual(expected);
    },
  );

  it('a sampler built on a stream restored in another Streams object continues identically', () => {
    const spec: DistributionSpec = { type: 'gamma', shape: 2.5, scale: 1 };
    const original = createStreams(11).stream('g');
    const sampler = createSampler(original, spec);
    take(sampler, 10);
    const saved = JSON.parse(JSON.stringify(original.state()));
    const expected = take(sampler, 20);
    const resumed = createSampler(createStreams(11).restore(saved), spec);
    expect(take(resumed, 20)).toEqual(expected);
  });
});

describe('golden draws', () => {
  // Generated once with createStreams(2026).stream(`golden:${type}`) and pasted: fails if a d3-random
  // upgrade or a change of ours alters what a seed produces.
  it.each([
    [{ type: 'exponential', mean: 2.5 }, [5.891981121089785, 3.791205001765091, 2.7129960896806002]],
    [{ type: 'normal', mean: 10, sd: 3 }, [9.176800461865673, 12.699677764466372, 6.868355924162202]],
    [
      { type: 'gamma', shape: 0.4, scale: 2 },
      [0.1737890996964161, 0.005438860399206439, 0.12749803944583815],
    ],
    [{ type: 'pert', min: 6, mode: 9, max: 24 }, [9.581590114047685, 8.45372543781746, 12.162587639900304]],
    [{ type: 'poisson', mean: 250 }, [256, 243, 253]],
    [{ type: 'binomial', n: 1000, p: 0.3 }, [297, 287, 324]],
    [
      { type: 'triangular', min: 20, mode: 30, max: 60 },
      [28.22824748225669, 38.30896379598829, 43.28763202824517],
    ],
    [{ type: 'weibull', shape: 1.5, scale: 200 }, [560.6799425362378, 456.0568097466212, 298.7686340802208]],
  ] as [DistributionSpec, number[]][])('%j starts with the golden draws', (spec, golden) => {
    const sampler = createSampler(createStreams(2026).stream(`golden:${spec.type}`), spec);
    const actual = take(sampler, 3);
    // Within 1e-12 relative rather than bit-exact: Math.log/exp may differ by an ulp between engines.
    actual.forEach((x, i) => {
      expect(Math.abs(x - golden[i]!)).toBeLessThanOrEqual(1e-12 * Math.abs(golden[i]!));
    });
  });
});
