// One test per validation rule: each names the function, the parameter, the value and a fix.
import { describe, expect, it } from 'vitest';
import { DibsimError } from '../../../src/errors.js';
import { beta, exponential, gamma, uniform, weibull } from '../../../src/random/continuous.js';
import { bernoulli, binomial, discrete, empirical, poisson } from '../../../src/random/discrete.js';
import { lognormal, lognormalFromMeanSd, lognormalParameters, normal } from '../../../src/random/normal.js';
import type { Rng } from '../../../src/random/rng.js';
import { createSampler, type DistributionSpec } from '../../../src/random/spec.js';
import { pert, triangular } from '../../../src/random/triangular.js';

const rng: Rng = () => 0.5;

function errorOf(action: () => unknown): DibsimError {
  try {
    action();
  } catch (e) {
    expect(e).toBeInstanceOf(DibsimError);
    return e as DibsimError;
  }
  throw new Error('expected a DibsimError, but nothing was thrown');
}

type Rule = readonly [call: string, action: () => unknown, message: string];

// [what the user wrote, the call, the start of the expected message (function: rule (got value))]
const rules: Rule[] = [
  [
    'uniform min NaN',
    () => uniform(rng, { min: Number.NaN, max: 1 }),
    'uniform: min must be a finite number (got NaN). Use the smallest',
  ],
  [
    'uniform max Infinity',
    () => uniform(rng, { min: 0, max: Infinity }),
    'uniform: max must be a finite number (got Infinity). Use the largest',
  ],
  ['uniform max < min', () => uniform(rng, { min: 2, max: 1 }), 'uniform: max must be >= min (2) (got 1).'],
  [
    'uniform width overflows',
    () => uniform(rng, { min: -1.7e308, max: 1.7e308 }),
    'uniform: max - min must be finite (got Infinity).',
  ],
  [
    'exponential mean -1',
    () => exponential(rng, { mean: -1 }),
    'exponential: mean must be > 0 (got -1). Use the average time between events.',
  ],
  ['exponential mean 0', () => exponential(rng, { mean: 0 }), 'exponential: mean must be > 0 (got 0).'],
  [
    'exponential mean NaN',
    () => exponential(rng, { mean: Number.NaN }),
    'exponential: mean must be a finite number (got NaN).',
  ],
  [
    'normal mean NaN',
    () => normal(rng, { mean: Number.NaN, sd: 1 }),
    'normal: mean must be a finite number (got NaN). Use the average value.',
  ],
  [
    'normal sd -1',
    () => normal(rng, { mean: 0, sd: -1 }),
    'normal: sd must be >= 0 (got -1). Use the standard deviation',
  ],
  [
    'normal sd Infinity',
    () => normal(rng, { mean: 0, sd: Infinity }),
    'normal: sd must be a finite number (got Infinity).',
  ],
  [
    'lognormal mu Infinity',
    () => lognormal(rng, { mu: Infinity, sigma: 1 }),
    'lognormal: mu must be a finite number (got Infinity). Give the mean of log(X)',
  ],
  [
    'lognormal sigma -0.5',
    () => lognormal(rng, { mu: 0, sigma: -0.5 }),
    'lognormal: sigma must be >= 0 (got -0.5). Give the standard deviation of log(X)',
  ],
  [
    'lognormalFromMeanSd mean 0',
    () => lognormalFromMeanSd(rng, { mean: 0, sd: 1 }),
    'lognormalFromMeanSd: mean must be > 0 (got 0). Use the mean of the values themselves',
  ],
  [
    'lognormalFromMeanSd sd -1',
    () => lognormalFromMeanSd(rng, { mean: 1, sd: -1 }),
    'lognormalFromMeanSd: sd must be >= 0 (got -1).',
  ],
  [
    'lognormalParameters mean NaN',
    () => lognormalParameters({ mean: Number.NaN, sd: 1 }),
    'lognormalFromMeanSd: mean must be a finite number (got NaN).',
  ],
  [
    'triangular min NaN',
    () => triangular(rng, { min: Number.NaN, mode: 1, max: 2 }),
    'triangular: min must be a finite number (got NaN).',
  ],
  [
    'triangular mode NaN',
    () => triangular(rng, { min: 0, mode: Number.NaN, max: 2 }),
    'triangular: mode must be a finite number (got NaN). Use the most likely value.',
  ],
  [
    'triangular max NaN',
    () => triangular(rng, { min: 0, mode: 1, max: Number.NaN }),
    'triangular: max must be a finite number (got NaN).',
  ],
  [
    'triangular max = min',
    () => triangular(rng, { min: 1, mode: 1, max: 1 }),
    'triangular: max must be > min (1) (got 1).',
  ],
  [
    'triangular mode > max',
    () => triangular(rng, { min: 0, mode: 3, max: 2 }),
    'triangular: mode must be in [min, max] = [0, 2] (got 3).',
  ],
  [
    'triangular mode < min',
    () => triangular(rng, { min: 0, mode: -1, max: 2 }),
    'triangular: mode must be in [min, max] = [0, 2] (got -1).',
  ],
  ['pert max < min', () => pert(rng, { min: 5, mode: 5, max: 4 }), 'pert: max must be > min (5) (got 4).'],
  [
    'pert mode outside',
    () => pert(rng, { min: 0, mode: 9, max: 2 }),
    'pert: mode must be in [min, max] = [0, 2] (got 9).',
  ],
  [
    'pert min Infinity',
    () => pert(rng, { min: -Infinity, mode: 1, max: 2 }),
    'pert: min must be a finite number (got -Infinity).',
  ],
  [
    'gamma shape 0',
    () => gamma(rng, { shape: 0, scale: 1 }),
    'gamma: shape must be > 0 (got 0). Use the shape k',
  ],
  [
    'gamma scale -2',
    () => gamma(rng, { shape: 1, scale: -2 }),
    'gamma: scale must be > 0 (got -2). Use the scale θ = mean / shape (not the rate).',
  ],
  ['weibull shape -1', () => weibull(rng, { shape: -1, scale: 1 }), 'weibull: shape must be > 0 (got -1).'],
  ['weibull scale 0', () => weibull(rng, { shape: 1, scale: 0 }), 'weibull: scale must be > 0 (got 0).'],
  ['beta alpha 0', () => beta(rng, { alpha: 0, beta: 1 }), 'beta: alpha must be > 0 (got 0).'],
  [
    'beta beta NaN',
    () => beta(rng, { alpha: 1, beta: Number.NaN }),
    'beta: beta must be a finite number (got NaN).',
  ],
  [
    'poisson mean -3',
    () => poisson(rng, { mean: -3 }),
    'poisson: mean must be >= 0 (got -3). Use the expected number of events per period.',
  ],
  [
    'poisson mean Infinity',
    () => poisson(rng, { mean: Infinity }),
    'poisson: mean must be a finite number (got Infinity).',
  ],
  ['binomial n -1', () => binomial(rng, { n: -1, p: 0.5 }), 'binomial: n must be >= 0 (got -1).'],
  [
    'binomial n 2.5',
    () => binomial(rng, { n: 2.5, p: 0.5 }),
    'binomial: n must be an integer (got 2.5). Use the number of trials, a whole number.',
  ],
  [
    'binomial n 2^60',
    () => binomial(rng, { n: 2 ** 60, p: 0.5 }),
    'binomial: n must be an integer (got 1152921504606847000).',
  ],
  ['binomial p 1.5', () => binomial(rng, { n: 3, p: 1.5 }), 'binomial: p must be in [0, 1] (got 1.5).'],
  [
    'binomial p NaN',
    () => binomial(rng, { n: 3, p: Number.NaN }),
    'binomial: p must be a finite number (got NaN).',
  ],
  [
    'bernoulli p -0.1',
    () => bernoulli(rng, { p: -0.1 }),
    'bernoulli: p must be in [0, 1] (got -0.1). Use the probability of drawing 1.',
  ],
  [
    'discrete values empty',
    () => discrete(rng, { values: [], probabilities: [] }),
    'discrete: values must be a non-empty array (got []).',
  ],
  [
    'discrete values[1] NaN',
    () => discrete(rng, { values: [1, Number.NaN], probabilities: [0.5, 0.5] }),
    'discrete: values[1] must be a finite number (got NaN).',
  ],
  [
    'discrete lengths differ',
    () => discrete(rng, { values: [1, 2], probabilities: [1] }),
    'discrete: probabilities must have one entry per value (2) (got [1]).',
  ],
  [
    'discrete probability negative',
    () => discrete(rng, { values: [1, 2], probabilities: [1.5, -0.5] }),
    'discrete: probabilities[1] must be >= 0 (got -0.5).',
  ],
  [
    'discrete probability NaN',
    () => discrete(rng, { values: [1, 2], probabilities: [Number.NaN, 1] }),
    'discrete: probabilities[0] must be a finite number (got NaN).',
  ],
  [
    'discrete sum 0.9',
    () => discrete(rng, { values: [1, 2], probabilities: [0.5, 0.4] }),
    'discrete: probabilities must sum to 1 within 1e-9 (got 0.9). Normalise them',
  ],
  [
    'discrete sum 1 + 1e-8',
    () => discrete(rng, { values: [1], probabilities: [1 + 1e-8] }),
    'discrete: probabilities must sum to 1 within 1e-9 (got 1.00000001).',
  ],
  [
    'empirical samples empty',
    () => empirical(rng, { samples: [] }),
    'empirical: samples must be a non-empty array (got []). Pass the observed values.',
  ],
  [
    'empirical samples[2] Infinity',
    () => empirical(rng, { samples: [1, 2, Infinity] }),
    'empirical: samples[2] must be a finite number (got Infinity).',
  ],
  [
    'empirical sparse array',
    () => empirical(rng, { samples: Object.assign(new Array<number>(3), { 0: 1, 2: 2 }) }),
    'empirical: samples[1] must be a finite number (got undefined).',
  ],
  [
    'rng not a function',
    () => exponential(undefined as unknown as Rng, { mean: 1 }),
    'exponential: rng must be a function returning numbers in [0, 1) (got undefined).',
  ],
  [
    'spec type unknown',
    () => createSampler(rng, { type: 'cauchy' } as unknown as DistributionSpec),
    'createSampler: spec.type must be one of constant, uniform,',
  ],
  [
    'spec constant NaN',
    () => createSampler(rng, { type: 'constant', value: Number.NaN }),
    'constant: value must be a finite number (got NaN).',
  ],
];

// Parameters that are not an object: reading a field of null was a raw TypeError.
const samplers: readonly [string, (rng: Rng, parameters: never) => unknown, string][] = [
  ['uniform', uniform, '{ min, max }'],
  ['exponential', exponential, '{ mean }'],
  ['gamma', gamma, '{ shape, scale }'],
  ['weibull', weibull, '{ shape, scale }'],
  ['beta', beta, '{ alpha, beta }'],
  ['poisson', poisson, '{ mean }'],
  ['binomial', binomial, '{ n, p }'],
  ['bernoulli', bernoulli, '{ p }'],
  ['discrete', discrete, '{ values, probabilities }'],
  ['empirical', empirical, '{ samples }'],
  ['normal', normal, '{ mean, sd }'],
  ['lognormal', lognormal, '{ mu, sigma }'],
  ['lognormalFromMeanSd', lognormalFromMeanSd, '{ mean, sd }'],
  ['triangular', triangular, '{ min, mode, max }'],
  ['pert', pert, '{ min, mode, max }'],
];
for (const [name, sampler, shape] of samplers) {
  for (const [shown, bad] of [
    ['null', null],
    ['undefined', undefined],
    ['3', 3],
  ] as const) {
    rules.push([
      `${name} parameters ${shown}`,
      () => sampler(rng, bad as never),
      `${name}: parameters must be an object (got ${shown}). Pass ${shape}.`,
    ]);
  }
  // A field of another convention is refused, not ignored: { mean, rate } would draw with the mean alone.
  const names = shape.slice(2, -2).split(', ');
  rules.push([
    `${name} parameters with an extra field`,
    () => sampler(rng, { rate: 2 } as never),
    `${name}: parameters.rate is not a parameter (got 2). Parameters: ${names.join(', ')}.`,
  ]);
}
rules.push([
  'lognormalParameters parameters null',
  () => lognormalParameters(null as never),
  'lognormalFromMeanSd: parameters must be an object (got null). Pass { mean, sd }.',
]);

describe('invalid parameters throw DibsimError INVALID_ARGUMENT naming the parameter, value and fix', () => {
  it.each(rules)('%s', (_, action, message) => {
    const error = errorOf(action);
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message.startsWith(message)).toBe(true);
    // Every message ends with a sentence saying how to fix it.
    expect(error.message).toMatch(/\)\. [A-Z].+\.$/);
  });
});
