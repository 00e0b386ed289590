import { describe, expect, it } from 'vitest';
import { ModelError } from '../../../src/errors.js';
import { Ledger, type LedgerState } from '../../../src/model/ledger.js';

/** A ledger with one firm that produced 10, shipped 10 (8 arrived at AA's 155mm stock, 2 in transit), paid 0.1 × 10. */
function ledger(): Ledger {
  const l = new Ledger();
  l.produced('f', 10);
  l.shipped('f', 10);
  l.arrived('AA/155mm', 8);
  l.served('AA/155mm', 5);
  l.transferred('AA/155mm', 1);
  l.paid('AA', 'f', 10, 0.1);
  return l;
}

function state(overrides: Partial<LedgerState> = {}): LedgerState {
  return {
    firms: [{ id: 'f', cumulativeRounds: 10, heldRounds: 0, revenueEur: 1, deliveredEur: 1 }],
    stockpiles: [{ owner: 'AA', item: '155mm', initialRounds: 100, level: 102 }],
    payers: [{ id: 'AA', spentEur: 1 }],
    inTransitRounds: 2,
    ...overrides,
  };
}

function failure(l: Ledger, s: LedgerState): ModelError {
  try {
    l.check(s, 42);
  } catch (e) {
    if (e instanceof ModelError) return e;
    throw e;
  }
  throw new Error('expected a ModelError');
}

describe('Ledger', () => {
  it('ledger.check(state) passes when the entities agree with the flows, money compared exactly', () => {
    const l = ledger();
    expect(l.inTransit).toBe(2);
    expect(l.producedBy('f')).toBe(10);
    expect(l.paidByPayer('AA')).toBe(1);
    expect(() => l.check(state(), 42)).not.toThrow();
  });

  it('ledger.check balances each stockpile on its own, so one owner can hold several items', () => {
    const l = ledger();
    l.shipped('stock:BB', 7);
    l.arrived('AA/120mm', 7);
    l.served('AA/120mm', 2);
    const both = state({
      stockpiles: [
        { owner: 'AA', item: '155mm', initialRounds: 100, level: 102 },
        { owner: 'AA', item: '120mm', initialRounds: 0, level: 5 },
      ],
    });
    expect(() => l.check(both, 42)).not.toThrow();
  });

  it.each<[string, Partial<LedgerState>, string, RegExp]>([
    [
      'a firm miscounts output',
      { firms: [{ id: 'f', cumulativeRounds: 11, heldRounds: 0, revenueEur: 1, deliveredEur: 1 }] },
      'firm:f',
      /produced/,
    ],
    [
      'a firm holds rounds it never made',
      { firms: [{ id: 'f', cumulativeRounds: 10, heldRounds: 1, revenueEur: 1, deliveredEur: 1 }] },
      'firm:f',
      /not conserved/,
    ],
    [
      'a firm’s revenue drifts',
      { firms: [{ id: 'f', cumulativeRounds: 10, heldRounds: 0, revenueEur: 1.0000001, deliveredEur: 1 }] },
      'firm:f',
      /money/,
    ],
    ['rounds vanish in transit', { inTransitRounds: 1 }, 'shipments', /in-transit/],
    [
      'a stockpile gains rounds',
      { stockpiles: [{ owner: 'AA', item: '155mm', initialRounds: 100, level: 103 }] },
      'stockpile:AA/155mm',
      /not conserved/,
    ],
    [
      'a stockpile goes negative',
      { stockpiles: [{ owner: 'BB', item: '155mm', initialRounds: 0, level: -1 }] },
      'stockpile:BB/155mm',
      /negative/,
    ],
    [
      'a stockpile is NaN',
      { stockpiles: [{ owner: 'AA', item: '155mm', initialRounds: 100, level: Number.NaN }] },
      'stockpile:AA/155mm',
      /non-finite/,
    ],
    [
      'payers paid for half the rounds delivered (payer shares summing to 0.5)',
      { firms: [{ id: 'f', cumulativeRounds: 10, heldRounds: 0, revenueEur: 1, deliveredEur: 2 }] },
      'firm:f',
      /paid 1 EUR for deliveries worth 2 EUR/,
    ],
    ['a payer’s spending drifts', { payers: [{ id: 'AA', spentEur: 0.9 }] }, 'budget:AA', /money/],
  ])('ledger.check throws ModelError naming the entity when %s', (_what, overrides, entity, message) => {
    const e = failure(ledger(), state(overrides));
    expect(e.entity).toBe(entity);
    expect(e.time).toBe(42);
    expect(e.code).toBe('MODEL_INVARIANT');
    expect(e.message).toMatch(message);
    expect(e.message).toContain(entity);
  });

  it('ledger.check names the firm when the ledger records a payment the firm never booked', () => {
    const l = ledger();
    l.paid('AA', 'f', 1, 1);
    expect(failure(l, state({ payers: [{ id: 'AA', spentEur: 2 }] })).entity).toBe('firm:f');
  });

  it('ledger.payment(payer, firm) is one account per pair, whatever characters the ids hold', () => {
    const l = new Ledger();
    const account = l.payment('AA', 'f|g');
    expect(l.payment('AA', 'f|g')).toBe(account);
    expect(l.payment('AA|f', 'g')).not.toBe(account);
    expect(l.payment('f|g', 'AA')).not.toBe(account);
  });
});
