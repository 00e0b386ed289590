import { describe, expect, it } from 'vitest';
import { wholeShares } from '../../../src/model/whole-rounds.js';

describe('wholeShares(total, weights)', () => {
  it('splits in proportion, whole rounds by largest remainder, the parts summing to the total', () => {
    expect(wholeShares(100, [3, 1])).toEqual([75, 25]);
    // 10 × (0.5, 0.3, 0.2) is whole; 7 × … = 3.5, 2.1, 1.4: floors 3, 2, 1 and the round left to 0.5.
    expect(wholeShares(10, [5, 3, 2])).toEqual([5, 3, 2]);
    expect(wholeShares(7, [5, 3, 2])).toEqual([4, 2, 1]);
    // Ties go to the lower index; a weight of 0 gets nothing.
    expect(wholeShares(1, [1, 1])).toEqual([1, 0]);
    expect(wholeShares(5, [0, 1, 1])).toEqual([0, 3, 2]);
  });

  it('never creates or loses a round, and gives no part below its floor', () => {
    const weights = [0.1, 1 / 3, 2.7, 0, 1e-9, 12_345.6];
    for (const total of [0, 1, 2, 17, 999_999, 123_456_789]) {
      const parts = wholeShares(total, weights);
      expect(parts.reduce((s, x) => s + x, 0)).toBe(total);
      const sum = weights.reduce((s, w) => s + w, 0);
      parts.forEach((p, i) => {
        expect(Number.isInteger(p)).toBe(true);
        expect(Math.abs(p - (total * weights[i]!) / sum)).toBeLessThan(1);
      });
    }
  });

  it('gives nothing when every weight is 0', () => {
    expect(wholeShares(50, [0, 0])).toEqual([0, 0]);
    expect(wholeShares(50, [])).toEqual([]);
  });
});
