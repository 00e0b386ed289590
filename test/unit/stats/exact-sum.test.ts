import { fsum } from 'd3-array';
import { describe, expect, it } from 'vitest';
import { DibsimError } from '../../../src/errors.js';
import { ExactSum } from '../../../src/stats/exact-sum.js';
import { exactReference } from './helpers.js';

function sumOf(values: number[]): ExactSum {
  const s = new ExactSum();
  for (const x of values) s.add(x);
  return s;
}

describe('ExactSum', () => {
  it('exactSum.value is 0 (not -0) when empty or when everything cancels', () => {
    expect(Object.is(new ExactSum().value, 0)).toBe(true);
    expect(Object.is(sumOf([-0]).value, 0)).toBe(true);
    expect(Object.is(sumOf([-1.5, 1.5]).value, 0)).toBe(true);
    expect(sumOf([-1.5, 1.5]).isZero).toBe(true);
  });

  it('exactSum.add(x) recovers what naive summation loses: [1e100, 1, -1e100] → 1', () => {
    expect(1e100 + 1 - 1e100).toBe(0);
    expect(sumOf([1e100, 1, -1e100]).value).toBe(1);
    expect(sumOf([1, 1e100, 1, -1e100]).value).toBe(2);
  });

  it('exactSum.value of ten 0.1s is 1, of a million 0.1s is 100000 (the correctly rounded exact sum)', () => {
    expect(sumOf(Array(10).fill(0.1)).value).toBe(1);
    const million = Array<number>(1_000_000).fill(0.1);
    let naive = 0;
    for (const x of million) naive += x;
    expect(naive).not.toBe(100000);
    // 0.1 is 0.1000000000000000055511151231257827…, so the exact sum is 100000.0000000000055511…;
    // doubles near 1e5 are 2^-36 ≈ 1.46e-11 apart, so it rounds to 100000.
    expect(sumOf(million).value).toBe(exactReference(million));
    expect(sumOf(million).value).toBe(100000);
  });

  it('exactSum.value rounds half-way cases correctly (fsum’s half-way correction)', () => {
    // 1 + 2^-53 is a tie between 1 and 1 + 2^-52; a tiny extra term decides it.
    const tie = [1, 2 ** -53, 2 ** -106];
    expect(sumOf(tie).value).toBe(1 + 2 ** -52);
    expect(sumOf([1, 2 ** -53]).value).toBe(1); // ties to even
    expect(sumOf([1, 2 ** -53, -(2 ** -106)]).value).toBe(1);
    expect(sumOf([1 + 2 ** -52, 2 ** -53]).value).toBe(1 + 2 ** -51); // tie to even upward
    expect(sumOf([1 + 2 ** -52, 2 ** -53, -(2 ** -106)]).value).toBe(1 + 2 ** -52);
    for (const values of [tie, [2 ** -106, 2 ** -53, 1], [2 ** -53, 1, 2 ** -106]]) {
      expect(sumOf(values).value).toBe(fsum(values));
    }
  });

  it('exactSum.value does not depend on the order of additions (against d3 fsum and a BigInt reference)', () => {
    const values = [1e20, Math.PI, -1e20, 2 ** -30, 1e-5, -7e15, 7e15 + 1, 0.1, 0.2, -0.3];
    const expected = exactReference(values);
    const shuffles = [values, [...values].reverse(), [...values].sort((a, b) => a - b)];
    for (const order of shuffles) {
      expect(sumOf(order).value).toBe(expected);
      expect(fsum(order)).toBe(expected);
    }
  });

  it('exactSum.addProduct(a, b) adds the exact product (Dekker TwoProduct)', () => {
    const s = new ExactSum();
    const a = 1 + 2 ** -30;
    s.addProduct(a, a); // 1 + 2^-29 + 2^-60 exactly
    s.add(-1);
    s.add(-(2 ** -29));
    expect(s.value).toBe(2 ** -60);
    const t = new ExactSum();
    t.addProduct(0.1, 3);
    t.add(-(0.1 * 3));
    // 0.1·3 rounds up: the exact product is below the double 0.30000000000000004.
    expect(t.value).toBe(-2.7755575615628914e-17);
    expect(t.value).toBe(exactReference([0.1, 0.1, 0.1, -(0.1 * 3)]));
  });

  it('exactSum.addProduct(a, b) handles factors too large for Dekker splitting by exact scaling', () => {
    const s = new ExactSum();
    const a = 2 ** 1000 * (1 + 2 ** -40);
    const b = 2 ** -900 * (1 + 2 ** -40);
    s.addProduct(a, b); // 2^100·(1 + 2^-39 + 2^-80)
    s.add(-(2 ** 100));
    s.add(-(2 ** 61));
    expect(s.value).toBe(2 ** 20);
  });

  it('exactSum.merge(other) equals adding everything into one sum; merging itself doubles it', () => {
    const a = sumOf([1e100, 0.1]);
    const b = sumOf([-1e100, 0.2]);
    a.merge(b);
    expect(a.value).toBe(exactReference([0.1, 0.2]));
    expect(b.value).toBe(-1e100);
    const c = sumOf([0.1, 1e-30]);
    c.merge(c);
    expect(c.value).toBe(exactReference([0.1, 1e-30, 0.1, 1e-30]));
  });

  it('exactSum.toJSON() / ExactSum.fromJSON() and clone() round-trip the exact state', () => {
    const s = sumOf([1e100, 1, -1e100, 1e-300, 0.1]);
    const copy = ExactSum.fromJSON(JSON.parse(JSON.stringify(s)));
    expect(copy.value).toBe(s.value);
    copy.add(-1);
    expect(copy.value).toBe(exactReference([1e-300, 0.1]));
    const clone = s.clone();
    clone.add(1);
    expect(s.value).toBe(exactReference([1, 1e-300, 0.1]));
    expect(+s).toBe(s.value);
    s.reset();
    expect(s.value).toBe(0);
  });

  it('ExactSum.of(values) sums an array-like exactly', () => {
    expect(ExactSum.of(new Float64Array([1e100, 1, -1e100])).value).toBe(1);
  });

  it('exactSum.add(x) throws INVALID_ARGUMENT naming NaN or ±Infinity and leaves the sum unchanged', () => {
    const s = sumOf([0.5]);
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => s.add(bad)).toThrow(DibsimError);
      expect(() => s.add(bad)).toThrow(`got ${bad}`);
    }
    expect(s.value).toBe(0.5);
  });

  it('exactSum.add(x) and addProduct(a, b) reject values that are not numbers, leaving the sum unchanged', () => {
    const s = sumOf([0.5]);
    expect(() => s.add('3' as unknown as number)).toThrow(
      'ExactSum.add(x): x must be a finite number (got "3")',
    );
    expect(() => s.add(null as unknown as number)).toThrow('(got null)');
    expect(() => s.addProduct('3' as unknown as number, 2)).toThrow('a = "3", b = 2');
    expect(() => s.addProduct(null as unknown as number, 5)).toThrow('a = null, b = 5');
    expect(s.toJSON()).toEqual([0.5]);
    s.add(1);
    expect(s.value).toBe(1.5);
  });

  it('exactSum.merge(notAnExactSum) throws INVALID_ARGUMENT and changes nothing', () => {
    const s = sumOf([0.5]);
    expect(() => s.merge(null as unknown as ExactSum)).toThrow(
      'ExactSum.merge(other): other must be an ExactSum (got null).',
    );
    expect(s.value).toBe(0.5);
  });

  it('exactSum.add(x) throws INVALID_STATE on overflow of the exact total and leaves the sum unchanged', () => {
    const s = sumOf([Number.MAX_VALUE, 1]);
    let error: unknown;
    try {
      s.add(Number.MAX_VALUE);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DibsimError);
    expect((error as DibsimError).code).toBe('INVALID_STATE');
    expect((error as DibsimError).message).toMatch(/overflow/);
    s.add(-Number.MAX_VALUE);
    expect(s.value).toBe(1);
    // Large values that do not overflow still work on the checked path.
    const big = sumOf([Number.MAX_VALUE, -Number.MAX_VALUE, 2 ** 1023, 2 ** 1022]);
    expect(big.value).toBe(2 ** 1023 + 2 ** 1022);
  });

  it('exactSum.merge(other) that would overflow throws INVALID_STATE and leaves the sum as it was', () => {
    // other's partials are added one at a time: 1 fits, 2^1023 then overflows.
    const s = sumOf([2 ** 1023]);
    const other = sumOf([1, 2 ** 1023]);
    expect(other.toJSON()).toEqual([1, 2 ** 1023]);
    expect(() => s.merge(other)).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
    expect(s.toJSON()).toEqual([2 ** 1023]);
    // Merging into itself, the same.
    expect(() => other.merge(other)).toThrow(/overflow/);
    expect(other.toJSON()).toEqual([1, 2 ** 1023]);
  });

  it('exactSum.addProduct(a, b) throws INVALID_ARGUMENT for non-finite factors and overflowing products', () => {
    const s = new ExactSum();
    expect(() => s.addProduct(Number.NaN, 1)).toThrow(/a = NaN/);
    expect(() => s.addProduct(1, Number.POSITIVE_INFINITY)).toThrow(/b = Infinity/);
    expect(() => s.addProduct(1e200, 1e200)).toThrow(/overflows/);
    expect(() => s.addProduct(1e300, 1e300)).toThrow(/overflows/);
    expect(s.value).toBe(0);
  });

  it('ExactSum.fromJSON(partials) and ExactSum.of(values) reject non-finite entries by index', () => {
    expect(() => ExactSum.fromJSON([1, Number.NaN])).toThrow(/partials\[1\]/);
    expect(() => ExactSum.fromJSON('x' as unknown as number[])).toThrow(/array of finite numbers/);
    expect(() => ExactSum.of([0, 1, Number.POSITIVE_INFINITY])).toThrow(/values\[2\]/);
  });
});
