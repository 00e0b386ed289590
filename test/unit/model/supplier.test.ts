import { describe, expect, it } from 'vitest';
import { DAYS_PER_MONTH } from '../../../src/model/contract.js';
import { SUPPLIER_BUFFER_MONTHS, Supplier } from '../../../src/model/supplier.js';

const perMonth = (n: number) => () => n;

describe('Supplier', () => {
  it('supplier.produce(day, days) adds capacity × days / month to stock', () => {
    const s = new Supplier('s', 'fuze', perMonth(DAYS_PER_MONTH * 10), 0);
    s.produce(0, 7);
    expect(s.stock).toBeCloseTo(70, 9);
    expect(s.producedUnits).toBeCloseTo(70, 9);
  });

  it(`stops producing at ${SUPPLIER_BUFFER_MONTHS} months of output in its warehouse`, () => {
    const s = new Supplier('s', 'fuze', perMonth(100), 250);
    s.produce(0, 30);
    expect(s.stock).toBeCloseTo(300, 9);
    s.produce(30, 30);
    expect(s.stock).toBeCloseTo(300, 9);
  });

  it('is limited by its own inputs, which it draws from their suppliers', () => {
    const nc = new Supplier('nc', 'nitrocellulose', perMonth(0), 40);
    const charges = new Supplier('ch', 'charge', perMonth(DAYS_PER_MONTH * 100), 0);
    charges.inputs.push({ supplier: nc, perUnit: 2 });
    charges.produce(0, 1); // would make 100, inputs allow 20
    expect(charges.stock).toBeCloseTo(20, 9);
    expect(nc.stock).toBeCloseTo(0, 9);
  });

  it('never draws an input below 0, even when stock / perUnit × perUnit rounds above the stock', () => {
    // 3.8 / p × p is 3.8 + 4.4e-16 in floating point for this p (a chemring-nobel input of europe-155mm):
    // the input was left at −4.4e-16, and its grant ratio with nothing requested was −Infinity.
    const p = 10.293254477711285;
    expect((3.8 / p) * p).toBeGreaterThan(3.8);
    const nc = new Supplier('nc', 'nitrocellulose', perMonth(0), 3.8);
    const charges = new Supplier('ch', 'charge', perMonth(DAYS_PER_MONTH * 100), 0);
    charges.inputs.push({ supplier: nc, perUnit: p });
    charges.produce(0, 1);
    expect(nc.stock).toBe(0);
    expect(charges.stock).toBeCloseTo(3.8 / p, 12);
    expect(nc.grantRatio()).toBe(1);
  });

  it('produces nothing while down', () => {
    const s = new Supplier('s', 'fuze', perMonth(1_000), 0);
    s.up = false;
    s.produce(0, 7);
    expect(s.stock).toBe(0);
  });

  it('supplier.grantRatio() is 1 while stock covers requests, else stock / requested (pro rata)', () => {
    const s = new Supplier('s', 'fuze', perMonth(0), 60);
    s.requested = 50;
    expect(s.grantRatio()).toBe(1);
    s.requested = 240;
    expect(s.grantRatio()).toBe(0.25);
  });
});
