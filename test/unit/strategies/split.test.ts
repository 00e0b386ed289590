import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FirmView } from '../../../src/model/procurement.js';
import { splitByCapacity } from '../../../src/strategies/national.js';

const firm = (id: string, capacityPerMonth: number) => ({ id, capacityPerMonth }) as FirmView;

describe('splitByCapacity(rounds, firms)', () => {
  it('splits in proportion to capacity, in whole rounds, the remainder to the largest', () => {
    const parts = splitByCapacity(1_000, [firm('a', 1), firm('b', 2), firm('c', 3)]);
    // 166.67, 333.33 and 500 rounded down, the remainder (1) to c.
    expect(parts.map((p) => [p.firm.id, p.rounds])).toEqual([
      ['a', 166],
      ['b', 333],
      ['c', 501],
    ]);
  });

  it('splits equally when no firm has capacity, and leaves out firms that get nothing', () => {
    expect(splitByCapacity(2, [firm('a', 0), firm('b', 0), firm('c', 0)]).map((p) => p.rounds)).toEqual([2]);
    expect(splitByCapacity(7, [firm('a', 0), firm('b', 0)]).map((p) => p.rounds)).toEqual([4, 3]);
    expect(splitByCapacity(10, [firm('a', 0), firm('b', 5)]).map((p) => p.firm.id)).toEqual(['b']);
    expect(splitByCapacity(10, [])).toEqual([]);
  });

  it('gives whole positive parts that add up to the rounds, in the firms’ order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e7 }),
        fc.array(fc.integer({ min: 0, max: 1e5 }), { minLength: 1, maxLength: 8 }),
        (rounds, capacities) => {
          const firms = capacities.map((c, i) => firm(`f${i}`, c));
          const parts = splitByCapacity(rounds, firms);
          expect(parts.reduce((s, p) => s + p.rounds, 0)).toBe(rounds);
          for (const p of parts) expect(Number.isInteger(p.rounds) && p.rounds > 0).toBe(true);
          const at = parts.map((p) => firms.indexOf(p.firm));
          expect(at).toEqual([...at].sort((a, b) => a - b));
        },
      ),
    );
  });
});
