import { describe, expect, it } from 'vitest';
import { Stockpile } from '../../../src/model/stockpile.js';

/** A nation's stockpile (backorders) or a recipient's (unmet demand is lost but recorded). */
function depot(initialRounds: number, backorders = true, safetyRounds = 0): Stockpile {
  return new Stockpile('AA', '155mm', initialRounds, 1_000_000, safetyRounds, backorders);
}

describe('Stockpile', () => {
  it('stockpile.consume(n) serves from stock and backorders the shortfall, never going negative', () => {
    const s = depot(10);
    s.consume(4);
    expect(s.level).toBe(6);
    s.consume(9);
    expect(s.level).toBe(0);
    expect(s.backorderRounds).toBe(3);
    expect(s.demandedRounds).toBe(13);
    expect(s.servedFromStockRounds).toBe(10);
    expect(s.unmetRounds).toBe(0);
  });

  it('stockpile.receive(n) clears backorders first and stocks only the rest', () => {
    const s = depot(0);
    s.consume(7);
    s.receive(5);
    expect(s.level).toBe(0);
    expect(s.backorderRounds).toBe(2);
    expect(s.servedLateRounds).toBe(5);
    s.receive(5);
    expect(s.level).toBe(3);
    expect(s.backorderRounds).toBe(0);
    expect(s.servedLateRounds).toBe(7);
    expect(s.receivedRounds).toBe(10);
  });

  it('a recipient stockpile records unmet demand instead of backorders; arrivals go straight to stock', () => {
    const s = depot(2, false);
    s.consume(5);
    expect(s.unmetRounds).toBe(3);
    expect(s.backorderRounds).toBe(0);
    s.receive(4);
    expect(s.level).toBe(4);
    expect(s.servedLateRounds).toBe(0);
  });

  it('stockpile.fillRate() is the share of demand met from stock on the day, 1 with no demand', () => {
    const s = depot(6);
    expect(s.fillRate()).toBe(1);
    s.consume(4);
    s.consume(4); // 2 from stock, 2 backordered
    s.receive(10); // late service does not count as fill
    expect(s.fillRate()).toBe(6 / 8);
  });

  it('stockpile.transferOut(n, floor) takes at most the stock above the floor and returns what it took', () => {
    const s = depot(100);
    expect(s.transferOut(30, 80)).toBe(20);
    expect(s.level).toBe(80);
    expect(s.transferOut(10, 90)).toBe(0);
    expect(s.level).toBe(80);
    expect(s.transferredOutRounds).toBe(20);
  });

  it('stockpile.consume counts the days that end below the safety level', () => {
    const s = depot(25, true, 20);
    s.consume(3); // 22
    s.consume(3); // 19
    s.consume(0); // 19
    expect(s.daysBelowSafety).toBe(2);
  });

  it('the level equals initial + received − served from stock − transferred − late service, over any sequence', () => {
    const s = depot(50);
    const ops: [string, number][] = [
      ['c', 30],
      ['c', 40],
      ['r', 15],
      ['t', 5],
      ['r', 60],
      ['c', 10],
      ['t', 100],
    ];
    for (const [op, n] of ops) {
      if (op === 'c') s.consume(n);
      else if (op === 'r') s.receive(n);
      else s.transferOut(n, 0);
    }
    expect(s.level).toBe(
      s.initialRounds +
        s.receivedRounds -
        s.servedFromStockRounds -
        s.servedLateRounds -
        s.transferredOutRounds,
    );
    expect(s.demandedRounds).toBe(s.servedFromStockRounds + s.servedLateRounds + s.backorderRounds);
  });
});
