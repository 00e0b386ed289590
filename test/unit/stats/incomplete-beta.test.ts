import { describe, expect, it } from 'vitest';
import { betaRegularized, lnBeta } from '../../../src/stats/incomplete-beta.js';

const rel = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);
const inc = (a: number, b: number, x: number) => betaRegularized(a, b, x, 1 - x, Math.log(x), Math.log1p(-x));

describe('incomplete beta (internal)', () => {
  it('lnBeta(a, b) matches closed forms: B(½, ½) = π, B(1, b) = 1/b, B(a, a + 1) via Γ', () => {
    // Absolute accuracy is what matters: ln B only enters exponents.
    expect(Math.abs(lnBeta(0.5, 0.5) - Math.log(Math.PI))).toBeLessThan(1e-14);
    expect(rel(lnBeta(1, 7.5), -Math.log(7.5))).toBeLessThan(1e-15);
    // B(3, 4) = 2!·3!/6! = 1/60
    expect(rel(lnBeta(3, 4), -Math.log(60))).toBeLessThan(1e-15);
    // Large arguments: ln B(½, a) = ln Γ(½) + ln Γ(a) − ln Γ(a + ½) ≈ ½ln π − ½ln a − 1/(8a) + … (a = 1e12).
    const a = 1e12;
    expect(
      Math.abs(lnBeta(0.5, a) - (0.5 * Math.log(Math.PI) - 0.5 * Math.log(a) + 1 / (8 * a))),
    ).toBeLessThan(1e-14);
  });

  it('betaRegularized matches I_x(a, 1) = x^a, I_x(1, b) = 1 − (1 − x)^b and I_½(a, a) = ½', () => {
    for (const x of [0.01, 0.3, 0.5, 0.9, 0.999]) {
      for (const a of [0.5, 2, 7.25, 40]) {
        expect(rel(inc(a, 1, x), x ** a)).toBeLessThan(1e-13);
        expect(rel(inc(1, a, x), -Math.expm1(a * Math.log1p(-x)))).toBeLessThan(1e-13);
      }
    }
    for (const a of [0.3, 1, 5, 123.5]) expect(rel(inc(a, a, 0.5), 0.5)).toBeLessThan(1e-12);
    // With both parameters large the prefactor's exponent cancels: relative error grows like a·ε.
    expect(rel(inc(1e6, 1e6, 0.5), 0.5)).toBeLessThan(1e-9);
  });

  it('betaRegularized returns 0 and 1 at the ends, judged by the logarithms', () => {
    expect(betaRegularized(2, 3, 0, 1, Number.NEGATIVE_INFINITY, 0)).toBe(0);
    expect(betaRegularized(2, 3, 1, 0, 0, Number.NEGATIVE_INFINITY)).toBe(1);
  });
});
