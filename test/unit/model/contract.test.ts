import { describe, expect, it } from 'vitest';
import { Contract, DAYS_PER_MONTH } from '../../../src/model/contract.js';

const contract = (rounds: number, activeFromDay: number, months: number, upfront = 0) =>
  new Contract(
    0,
    'AA',
    [{ payer: 'AA', share: 1 }],
    'f',
    '155mm',
    rounds,
    5_000,
    0,
    activeFromDay,
    months,
    'AA',
    {
      kind: 'stock',
    },
    upfront,
  );

describe('Contract', () => {
  it('contract.allowedBy(day) releases equal monthly tranches from activation, the first at once', () => {
    const c = contract(1_200, 10, 12);
    expect(c.allowedBy(0)).toBe(0);
    expect(c.allowedBy(9.99)).toBe(0);
    expect(c.allowedBy(10)).toBe(100);
    expect(c.allowedBy(10 + DAYS_PER_MONTH - 1e-9)).toBe(100);
    expect(c.allowedBy(10 + DAYS_PER_MONTH)).toBe(200);
    expect(c.allowedBy(10 + 11 * DAYS_PER_MONTH)).toBe(1_200);
    expect(c.allowedBy(10_000)).toBe(1_200);
  });

  it('contract.allowedBy(day) rounds tranches down to whole rounds and never exceeds the quantity', () => {
    const c = contract(10, 0, 3);
    expect([0, 1, 2, 3].map((m) => c.allowedBy(m * DAYS_PER_MONTH))).toEqual([3, 6, 10, 10]);
  });

  it('contract.allowedBy(day) releases the upfront rounds at activation and the rest in equal tranches', () => {
    const c = contract(1_300, 10, 12, 100);
    expect(c.allowedBy(9.99)).toBe(0);
    expect(c.allowedBy(10)).toBe(200); // 100 upfront + the first of 12 tranches of 1 200
    expect(c.allowedBy(10 + DAYS_PER_MONTH)).toBe(300);
    expect(c.allowedBy(10 + 11 * DAYS_PER_MONTH)).toBe(1_300);
    // All upfront: everything at activation.
    expect(contract(500, 0, 24, 500).allowedBy(0)).toBe(500);
  });

  it('contract.outstandingRounds is the quantity less what was produced', () => {
    const c = contract(10, 0, 3);
    c.producedRounds = 4;
    expect(c.outstandingRounds).toBe(6);
    expect(c.status).toBe('pending');
  });
});
