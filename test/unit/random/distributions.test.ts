// Shape checks against theory with a fixed seed. Tolerances come from the estimates' own standard
// errors (|mean − μ| < 4.5·σ/√n, |s² − σ²| < 4.5·SE(s²)) and from the KS / χ² critical values at
// α = 0.001; nothing here is tuned to the seed.
import { describe, expect, it } from 'vitest';
import { beta, exponential, gamma, uniform, weibull } from '../../../src/random/continuous.js';
import { bernoulli, binomial, discrete, empirical, poisson } from '../../../src/random/discrete.js';
import { lognormal, lognormalFromMeanSd, lognormalParameters, normal } from '../../../src/random/normal.js';
import type { Rng, Sampler } from '../../../src/random/rng.js';
import { createStreams } from '../../../src/random/streams.js';
import { pert, triangular } from '../../../src/random/triangular.js';
import {
  betaCdf,
  chiSquare,
  draw,
  gammaP,
  ksCritical,
  ksStatistic,
  logGamma,
  moments,
  normalCdf,
} from './statistics.js';

const n = 20_000;
const streams = createStreams('distribution-shape-tests');

interface Case {
  readonly title: string;
  readonly make: (rng: Rng) => Sampler;
  readonly mean: number;
  readonly variance: number;
  /** CDF for continuous distributions (KS test). */
  readonly cdf?: (x: number) => number;
  /** PMF and a cell limit for discrete distributions (χ² test). */
  readonly pmf?: { readonly p: (k: number) => number; readonly maxK: number };
}

const gammaFn = (x: number) => Math.exp(logGamma(x));
const poissonPmf = (mean: number) => (k: number) => Math.exp(k * Math.log(mean) - mean - logGamma(k + 1));
const binomialPmf = (trials: number, p: number) => (k: number) =>
  k > trials
    ? 0
    : Math.exp(
        logGamma(trials + 1) -
          logGamma(k + 1) -
          logGamma(trials - k + 1) +
          k * Math.log(p) +
          (trials - k) * Math.log1p(-p),
      );
const triangularCdf = (a: number, c: number, b: number) => (x: number) =>
  x <= a
    ? 0
    : x >= b
      ? 1
      : x <= c
        ? (x - a) ** 2 / ((b - a) * (c - a))
        : 1 - (b - x) ** 2 / ((b - a) * (b - c));
const triangularVariance = (a: number, c: number, b: number) =>
  (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
const weibullMoments = (k: number, scale: number) => {
  const m1 = gammaFn(1 + 1 / k);
  return { mean: scale * m1, variance: scale * scale * (gammaFn(1 + 2 / k) - m1 * m1) };
};
const lognormalMoments = (mu: number, sigma: number) => ({
  mean: Math.exp(mu + (sigma * sigma) / 2),
  variance: Math.expm1(sigma * sigma) * Math.exp(2 * mu + sigma * sigma),
});
// PERT with λ = 4: α = 1 + 4(c − a)/(b − a), β = 1 + 4(b − c)/(b − a), scaled beta on [a, b].
const pertShapes = (a: number, c: number, b: number) => ({
  alpha: 1 + (4 * (c - a)) / (b - a),
  beta: 1 + (4 * (b - c)) / (b - a),
});
const betaVariance = (al: number, be: number) => (al * be) / ((al + be) ** 2 * (al + be + 1));

const w15 = weibullMoments(1.5, 200);
const w07 = weibullMoments(0.7, 3);
const ln = lognormalMoments(0.5, 0.6);
const fromMeanSd = lognormalParameters({ mean: 90, sd: 30 });
const pertA = pertShapes(6, 9, 24);
const pertB = pertShapes(0, 0, 10);

const cases: Case[] = [
  {
    title: 'uniform(rng, { min: -2, max: 5 })',
    make: (r) => uniform(r, { min: -2, max: 5 }),
    mean: 1.5,
    variance: 49 / 12,
    cdf: (x) => (x + 2) / 7,
  },
  {
    title: 'exponential(rng, { mean: 2.5 })',
    make: (r) => exponential(r, { mean: 2.5 }),
    mean: 2.5,
    variance: 6.25,
    cdf: (x) => -Math.expm1(-x / 2.5),
  },
  {
    title: 'normal(rng, { mean: 10, sd: 3 })',
    make: (r) => normal(r, { mean: 10, sd: 3 }),
    mean: 10,
    variance: 9,
    cdf: (x) => normalCdf((x - 10) / 3),
  },
  {
    title: 'lognormal(rng, { mu: 0.5, sigma: 0.6 })',
    make: (r) => lognormal(r, { mu: 0.5, sigma: 0.6 }),
    ...ln,
    cdf: (x) => normalCdf((Math.log(x) - 0.5) / 0.6),
  },
  {
    title: 'lognormalFromMeanSd(rng, { mean: 90, sd: 30 })',
    make: (r) => lognormalFromMeanSd(r, { mean: 90, sd: 30 }),
    mean: 90,
    variance: 900,
    cdf: (x) => normalCdf((Math.log(x) - fromMeanSd.mu) / fromMeanSd.sigma),
  },
  {
    title: 'triangular(rng, { min: 20, mode: 30, max: 60 })',
    make: (r) => triangular(r, { min: 20, mode: 30, max: 60 }),
    mean: 110 / 3,
    variance: triangularVariance(20, 30, 60),
    cdf: triangularCdf(20, 30, 60),
  },
  {
    title: 'triangular(rng, { min: 0, mode: 1, max: 1 }) (mode at max)',
    make: (r) => triangular(r, { min: 0, mode: 1, max: 1 }),
    mean: 2 / 3,
    variance: triangularVariance(0, 1, 1),
    cdf: (x) => x * x,
  },
  {
    title: 'triangular(rng, { min: 0, mode: 0, max: 1 }) (mode at min)',
    make: (r) => triangular(r, { min: 0, mode: 0, max: 1 }),
    mean: 1 / 3,
    variance: triangularVariance(0, 0, 1),
    cdf: (x) => 1 - (1 - x) ** 2,
  },
  {
    title: 'pert(rng, { min: 6, mode: 9, max: 24 })',
    make: (r) => pert(r, { min: 6, mode: 9, max: 24 }),
    mean: (6 + 4 * 9 + 24) / 6,
    variance: 18 ** 2 * betaVariance(pertA.alpha, pertA.beta),
    cdf: (x) => betaCdf((x - 6) / 18, pertA.alpha, pertA.beta),
  },
  {
    title: 'pert(rng, { min: 0, mode: 0, max: 10 }) (mode at min)',
    make: (r) => pert(r, { min: 0, mode: 0, max: 10 }),
    mean: 10 / 6,
    variance: 100 * betaVariance(pertB.alpha, pertB.beta),
    cdf: (x) => betaCdf(x / 10, pertB.alpha, pertB.beta),
  },
  {
    title: 'gamma(rng, { shape: 2.5, scale: 1.5 })',
    make: (r) => gamma(r, { shape: 2.5, scale: 1.5 }),
    mean: 3.75,
    variance: 5.625,
    cdf: (x) => gammaP(2.5, x / 1.5),
  },
  {
    title: 'gamma(rng, { shape: 0.4, scale: 2 }) (shape < 1)',
    make: (r) => gamma(r, { shape: 0.4, scale: 2 }),
    mean: 0.8,
    variance: 1.6,
    cdf: (x) => gammaP(0.4, x / 2),
  },
  {
    title: 'gamma(rng, { shape: 1, scale: 3 }) (exponential)',
    make: (r) => gamma(r, { shape: 1, scale: 3 }),
    mean: 3,
    variance: 9,
    cdf: (x) => -Math.expm1(-x / 3),
  },
  {
    title: 'weibull(rng, { shape: 1.5, scale: 200 }) uses shape/scale, not d3’s (k, location, scale)',
    make: (r) => weibull(r, { shape: 1.5, scale: 200 }),
    ...w15,
    cdf: (x) => -Math.expm1(-((x / 200) ** 1.5)),
  },
  {
    title: 'weibull(rng, { shape: 0.7, scale: 3 })',
    make: (r) => weibull(r, { shape: 0.7, scale: 3 }),
    ...w07,
    cdf: (x) => -Math.expm1(-((x / 3) ** 0.7)),
  },
  {
    title: 'beta(rng, { alpha: 8, beta: 2 })',
    make: (r) => beta(r, { alpha: 8, beta: 2 }),
    mean: 0.8,
    variance: betaVariance(8, 2),
    cdf: (x) => betaCdf(x, 8, 2),
  },
  {
    title: 'beta(rng, { alpha: 0.5, beta: 0.5 })',
    make: (r) => beta(r, { alpha: 0.5, beta: 0.5 }),
    mean: 0.5,
    variance: betaVariance(0.5, 0.5),
    cdf: (x) => betaCdf(x, 0.5, 0.5),
  },
  {
    title: 'poisson(rng, { mean: 4.2 })',
    make: (r) => poisson(r, { mean: 4.2 }),
    mean: 4.2,
    variance: 4.2,
    pmf: { p: poissonPmf(4.2), maxK: 40 },
  },
  {
    title: 'poisson(rng, { mean: 250 }) (d3’s gamma/binomial branch)',
    make: (r) => poisson(r, { mean: 250 }),
    mean: 250,
    variance: 250,
    pmf: { p: poissonPmf(250), maxK: 400 },
  },
  {
    title: 'binomial(rng, { n: 500, p: 0.002 })',
    make: (r) => binomial(r, { n: 500, p: 0.002 }),
    mean: 1,
    variance: 500 * 0.002 * 0.998,
    pmf: { p: binomialPmf(500, 0.002), maxK: 500 },
  },
  {
    title: 'binomial(rng, { n: 1000, p: 0.3 }) (d3’s beta branch)',
    make: (r) => binomial(r, { n: 1000, p: 0.3 }),
    mean: 300,
    variance: 210,
    pmf: { p: binomialPmf(1000, 0.3), maxK: 1000 },
  },
  {
    title: 'binomial(rng, { n: 40, p: 0.9 })',
    make: (r) => binomial(r, { n: 40, p: 0.9 }),
    mean: 36,
    variance: 3.6,
    pmf: { p: binomialPmf(40, 0.9), maxK: 40 },
  },
  {
    title: 'bernoulli(rng, { p: 0.3 })',
    make: (r) => bernoulli(r, { p: 0.3 }),
    mean: 0.3,
    variance: 0.21,
    pmf: { p: (k) => (k === 0 ? 0.7 : k === 1 ? 0.3 : 0), maxK: 1 },
  },
  {
    title: 'discrete(rng, { values: [0, 1, 2, 3], probabilities: [0.1, 0.2, 0, 0.7] })',
    make: (r) => discrete(r, { values: [0, 1, 2, 3], probabilities: [0.1, 0.2, 0, 0.7] }),
    mean: 2.3,
    variance: 0.2 + 6.3 - 2.3 ** 2,
    pmf: { p: (k) => [0.1, 0.2, 0, 0.7][k] ?? 0, maxK: 3 },
  },
  {
    title: 'empirical(rng, { samples: [0, 1, 1, 3] })',
    make: (r) => empirical(r, { samples: [0, 1, 1, 3] }),
    mean: 1.25,
    variance: (0 + 1 + 1 + 9) / 4 - 1.25 ** 2,
    pmf: { p: (k) => [0.25, 0.5, 0, 0.25][k] ?? 0, maxK: 3 },
  },
];

describe.each(cases)('$title', (c) => {
  const samples = draw(c.make(streams.stream(c.title)), n);
  const { mean, variance, varianceSe } = moments(samples);

  it('has the theoretical mean within 4.5 standard errors', () => {
    expect(Math.abs(mean - c.mean)).toBeLessThan((4.5 * Math.sqrt(c.variance)) / Math.sqrt(n));
  });

  it('has the theoretical variance within 4.5 standard errors', () => {
    expect(Math.abs(variance - c.variance)).toBeLessThan(4.5 * varianceSe);
  });

  if (c.cdf !== undefined) {
    const cdf = c.cdf;
    it('passes a Kolmogorov–Smirnov test against its CDF at α = 0.001', () => {
      expect(ksStatistic(samples, cdf)).toBeLessThan(ksCritical(n));
    });
  }

  if (c.pmf !== undefined) {
    const { p, maxK } = c.pmf;
    it('passes a χ² goodness-of-fit test against its PMF at α = 0.001', () => {
      expect(samples.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
      const { statistic, critical, cells } = chiSquare(samples, p, maxK);
      expect(cells).toBeGreaterThan(1);
      expect(statistic).toBeLessThan(critical);
    });
  }
});

describe('degenerate parameters', () => {
  const rng = streams.stream('degenerate');
  it.each([
    ['uniform(rng, { min: 4, max: 4 })', uniform(rng, { min: 4, max: 4 }), 4],
    ['normal(rng, { mean: 3, sd: 0 })', normal(rng, { mean: 3, sd: 0 }), 3],
    ['lognormal(rng, { mu: 0, sigma: 0 })', lognormal(rng, { mu: 0, sigma: 0 }), 1],
    ['poisson(rng, { mean: 0 })', poisson(rng, { mean: 0 }), 0],
    ['binomial(rng, { n: 0, p: 0.5 })', binomial(rng, { n: 0, p: 0.5 }), 0],
    ['binomial(rng, { n: 7, p: 1 })', binomial(rng, { n: 7, p: 1 }), 7],
    ['bernoulli(rng, { p: 0 })', bernoulli(rng, { p: 0 }), 0],
    ['bernoulli(rng, { p: 1 })', bernoulli(rng, { p: 1 }), 1],
    [
      'discrete(rng, { values: [5], probabilities: [1] })',
      discrete(rng, { values: [5], probabilities: [1] }),
      5,
    ],
  ])('%s is constant', (_, sampler, value) => {
    expect(new Set(draw(sampler, 200))).toEqual(new Set([value]));
  });

  it('lognormalParameters({ mean, sd }) converts to the log scale', () => {
    const { mu, sigma } = lognormalParameters({ mean: 10, sd: 5 });
    expect(sigma).toBeCloseTo(Math.sqrt(Math.log(1.25)), 14);
    expect(mu).toBeCloseTo(Math.log(10) - Math.log(1.25) / 2, 14);
    expect(lognormalParameters({ mean: 4, sd: 0 })).toEqual({ mu: Math.log(4), sigma: 0 });
  });

  it('discrete() normalises probabilities that sum to 1 within 1e-9 and never draws a zero-probability value', () => {
    const sampler = discrete(rng, { values: [1, 2, 3], probabilities: [0.5, 0.5 - 5e-10, 0] });
    // An Rng at the top of [0, 1) must still land on the last value with positive probability.
    const edge = discrete(() => 1 - 2 ** -53, { values: [1, 2, 3], probabilities: [0.5, 0.5 - 5e-10, 0] });
    expect(edge()).toBe(2);
    expect(draw(sampler, 2_000).every((x) => x === 1 || x === 2)).toBe(true);
  });

  it('discrete() and empirical() copy their arrays, so later changes have no effect', () => {
    const values = [1, 2];
    const probabilities = [0, 1];
    const samples = [7];
    const d = discrete(rng, { values, probabilities });
    const e = empirical(rng, { samples });
    values[1] = 99;
    probabilities[0] = 1;
    samples[0] = 99;
    expect(draw(d, 50).every((x) => x === 2)).toBe(true);
    expect(draw(e, 50).every((x) => x === 7)).toBe(true);
  });
});
