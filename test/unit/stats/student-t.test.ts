import { describe, expect, it } from 'vitest';
import { DibsimError } from '../../../src/errors.js';
import { normalQuantile, studentTCdf, studentTQuantile } from '../../../src/stats/student-t.js';
import { normalTailByQuadrature, tTailByQuadrature } from './helpers.js';

const relativeError = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);

/**
 * Reference quantiles t(p, df), to 17 significant digits. Source: mpmath 1.3.0 at 50 decimal digits
 * (bisection on the regularized incomplete beta function `betainc`), cross-checked with
 * scipy.stats.t.ppf 1.17.1; each is also checked below against an independent quadrature of the density.
 * Note: the values sometimes quoted as t(0.995, 5) = 4.032142983557536 and t(0.975, 1000) = 1.962339227
 * are wrong in the 12th and 7th digits; both references above give the values used here.
 */
const T_QUANTILES: ReadonlyArray<readonly [p: number, df: number, t: number]> = [
  [0.975, 10, 2.2281388519862744],
  [0.975, 30, 2.0422724563012378],
  [0.995, 5, 4.032142983555227],
  [0.975, 1000, 1.962339080826408],
  [0.95, 3, 2.353363434801823],
  [0.99, 7.5, 2.9430993234067215],
  [0.9, 4, 1.533206274058944],
  [0.999, 20, 3.5518083432033327],
  [0.6, 12, 0.259032745676887],
  [0.025, 19, -2.0930240544083096],
  [0.9999, 2.5, 34.86796932111631],
  [1e-10, 4, -416.1751403296041],
  [0.5000001, 6, 2.6127890575935013e-7],
  [0.975, 100000, 1.9599877075346093],
];

/** Φ⁻¹(p) references: mpmath 1.3.0, √2·erfinv(2p − 1) at 50 digits; scipy.stats.norm.ppf agrees. */
const Z_QUANTILES: ReadonlyArray<readonly [p: number, z: number]> = [
  [0.975, 1.959963984540054],
  [0.999, 3.090232306167813],
  [0.9, 1.2815515655446006],
  [0.02425, -1.9729610513118847],
  [1e-10, -6.361340902404057],
  [0.5000001, 2.506628273311648e-7],
];

describe('studentTQuantile', () => {
  it.each(T_QUANTILES)('studentTQuantile(%s, %s) matches the reference %s to 1e-12', (p, df, t) => {
    expect(relativeError(studentTQuantile(p, df), t)).toBeLessThan(1e-12);
  });

  it.each(T_QUANTILES.filter(([, df]) => df >= 1))(
    'the reference t(%s, %s) = %s satisfies P(T <= t) = p by independent quadrature of the density',
    (p, df, t) => {
      const tail = tTailByQuadrature(Math.abs(t), df);
      const q = Math.min(p, 1 - p);
      expect(relativeError(tail, q)).toBeLessThan(1e-9);
    },
  );

  it('studentTQuantile(p, 1) is the Cauchy quantile tan(π(p − ½))', () => {
    for (const p of [0.001, 0.1, 0.3, 0.7, 0.975]) {
      expect(relativeError(studentTQuantile(p, 1), Math.tan(Math.PI * (p - 0.5)))).toBeLessThan(1e-12);
    }
    expect(studentTQuantile(0.5, 1)).toBe(0);
    // Far tail: t ≈ −1/(π p) with full relative precision.
    expect(relativeError(studentTQuantile(1e-12, 1), -1 / Math.tan(Math.PI * 1e-12))).toBeLessThan(1e-15);
  });

  it('studentTQuantile(p, 2) is (2p − 1)/√(2p(1 − p))', () => {
    for (const p of [1e-9, 0.01, 0.2, 0.45, 0.8, 0.975]) {
      const want = (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
      expect(relativeError(studentTQuantile(p, 2), want)).toBeLessThan(1e-14);
    }
  });

  it('studentTQuantile(p, df) approaches the normal quantile as df grows and is odd in p − ½', () => {
    for (const p of [0.9, 0.975, 0.999]) {
      const z = normalQuantile(p);
      let previous = Number.POSITIVE_INFINITY;
      for (const df of [3, 10, 100, 1e4, 1e6, 1e8, 1e12]) {
        const t = studentTQuantile(p, df);
        expect(t).toBeLessThan(previous);
        expect(t).toBeGreaterThan(z);
        previous = t;
        expect(studentTQuantile(1 - p, df)).toBe(-t);
      }
      expect(relativeError(studentTQuantile(p, 1e12), z)).toBeLessThan(1e-11);
    }
  });

  it('studentTCdf(studentTQuantile(p, df), df) returns p for fractional and large df', () => {
    for (const df of [0.5, 3.7, 25, 1e5, 1e9]) {
      for (const p of [1e-8, 0.01, 0.2, 0.5 + 1e-6, 0.9, 0.999]) {
        const got = studentTCdf(studentTQuantile(p, df), df);
        expect(Math.abs(got - p) / Math.min(p, 1 - p)).toBeLessThan(1e-12);
      }
    }
  });

  it('studentTQuantile(p, df) throws INVALID_ARGUMENT naming p outside (0, 1)', () => {
    for (const p of [0, 1, -0.1, 1.5, Number.NaN]) {
      expect(() => studentTQuantile(p, 5)).toThrow(DibsimError);
      expect(() => studentTQuantile(p, 5)).toThrow(
        `p must be a probability strictly between 0 and 1 (got ${p})`,
      );
    }
  });

  it('studentTQuantile(p, df) throws INVALID_ARGUMENT naming df unless it is finite and > 0', () => {
    for (const df of [0, -3, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => studentTQuantile(0.9, df)).toThrow(`df must be a finite number > 0 (got ${df})`);
    }
  });
});

describe('studentTCdf', () => {
  /** P(T <= t): mpmath 1.3.0 betainc at 50 digits. */
  const CDF: ReadonlyArray<readonly [t: number, df: number, p: number]> = [
    [2.5, 3, 0.9561466764959672],
    [-1.3, 7.5, 0.11606338940780433],
    [0.01, 4, 0.5037499218770507],
    [-8, 12, 0.0000018799491123751285],
    [3, 100, 0.9982960423283352],
  ];

  it.each(CDF)('studentTCdf(%s, %s) matches the reference %s to 1e-13', (t, df, p) => {
    expect(relativeError(studentTCdf(t, df), p)).toBeLessThan(1e-13);
  });

  it('studentTCdf(t, df) agrees with quadrature of the density, far tails included', () => {
    for (const df of [1, 2, 3, 6.5, 40]) {
      for (const t of [-30, -4, -0.5, 0.2, 1, 3, 12]) {
        const want = t < 0 ? 1 - tTailByQuadrature(-t, df) : 1 - tTailByQuadrature(t, df);
        const tail = tTailByQuadrature(Math.abs(t), df);
        const got = studentTCdf(t, df);
        if (t < 0) expect(relativeError(got, tail)).toBeLessThan(1e-10);
        else expect(Math.abs(got - want)).toBeLessThan(1e-14);
      }
    }
  });

  it('studentTCdf(t, df) handles 0 and ±Infinity', () => {
    expect(studentTCdf(0, 7)).toBe(0.5);
    expect(studentTCdf(Number.POSITIVE_INFINITY, 7)).toBe(1);
    expect(studentTCdf(Number.NEGATIVE_INFINITY, 1)).toBe(0);
    expect(studentTCdf(-1e50, 3)).toBeGreaterThan(0); // ≈ 1.8e-150: no premature underflow
    expect(studentTCdf(-1e300, 3)).toBe(0); // ≈ 1e-900 underflows
  });

  it('studentTCdf(t, df) throws INVALID_ARGUMENT for NaN t or bad df', () => {
    expect(() => studentTCdf(Number.NaN, 3)).toThrow(/t must be a number \(got NaN\)/);
    expect(() => studentTCdf(1, 0)).toThrow(/df must be a finite number > 0 \(got 0\)/);
  });
});

describe('normalQuantile', () => {
  it.each(Z_QUANTILES)('normalQuantile(%s) matches the reference %s to 1e-15', (p, z) => {
    expect(relativeError(normalQuantile(p), z)).toBeLessThan(1e-15);
  });

  it.each(Z_QUANTILES.filter(([p]) => p > 0.5 && p < 0.9999))(
    'the reference Φ⁻¹(%s) = %s satisfies 1 − Φ(z) = 1 − p by independent quadrature',
    (p, z) => {
      expect(relativeError(normalTailByQuadrature(z), 1 - p)).toBeLessThan(1e-12);
    },
  );

  it('normalQuantile(p) is odd in p − ½ and finite down to the smallest double', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(1 - 0.975)).toBe(-normalQuantile(0.975));
    // mpmath 1.3.0: root of ln Φ(z) = ln p at 40 digits.
    expect(relativeError(normalQuantile(5e-324), -38.467405617144344)).toBeLessThan(1e-15);
    expect(relativeError(normalQuantile(1e-300), -37.0470962993612)).toBeLessThan(1e-15);
  });

  it('normalQuantile(p) throws INVALID_ARGUMENT naming p outside (0, 1)', () => {
    expect(() => normalQuantile(1)).toThrow(/got 1/);
    expect(() => normalQuantile(Number.NaN)).toThrow(/got NaN/);
  });
});
