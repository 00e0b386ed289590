import { describe, expect, it } from 'vitest';
import { Stockpile } from '../../../src/model/stockpile.js';

/** A nation's stockpile (backorders) or a recipient's (unmet demand is lost but recorded). */
function depot(initialRounds: number, backorders = true, safetyRounds = 0): Stockpile {
  return new Stockpile('AA', '155mm', initialRounds, 1_000_000, safetyRounds, backorders);
}

describe('Stockpile', () => {
  it('stockpile.consume(n) serves from stock and backorders the shortfall, never going negative', () => {
    const s = depot(10);
    s.consume(4, 0);
    expect(s.level).toBe(6);
    s.consume(9, 1);
    expect(s.level).toBe(0);
    expect(s.backorderRounds).toBe(3);
    expect(s.demandedRounds).toBe(13);
    expect(s.servedFromStockRounds).toBe(10);
    expect(s.unmetRounds).toBe(0);
  });

  it('stockpile.receive(n) clears backorders first and stocks only the rest', () => {
    const s = depot(0);
    s.consume(7, 0);
    s.receive(5, 1);
    expect(s.level).toBe(0);
    expect(s.backorderRounds).toBe(2);
    expect(s.servedLateRounds).toBe(5);
    s.receive(5, 2);
    expect(s.level).toBe(3);
    expect(s.backorderRounds).toBe(0);
    expect(s.servedLateRounds).toBe(7);
    expect(s.receivedRounds).toBe(10);
  });

  it('a recipient stockpile records unmet demand instead of backorders; arrivals go straight to stock', () => {
    const s = depot(2, false);
    s.consume(5, 0);
    expect(s.unmetRounds).toBe(3);
    expect(s.backorderRounds).toBe(0);
    s.receive(4, 0);
    expect(s.level).toBe(4);
    expect(s.servedLateRounds).toBe(0);
  });

  it('stockpile.fillRate() is the share of demand met from stock on the day, 1 with no demand', () => {
    const s = depot(6);
    expect(s.fillRate()).toBe(1);
    s.consume(4, 0);
    s.consume(4, 1); // 2 from stock, 2 backordered
    s.receive(10, 2); // late service does not count as fill
    expect(s.fillRate()).toBe(6 / 8);
    expect(s.filledOnTheDayRounds).toBe(0);
  });

  it('demand met by an arrival later on its own day counts as filled; older backorders are met first', () => {
    const s = depot(0);
    s.consume(5, 0); // 5 backordered on day 0, never met that day
    s.consume(3, 1);
    s.consume(2, 1); // a second consumption of the same stock on day 1: 5 older, 5 of today's backordered
    s.receive(7, 1); // meets the 5 older first, then 2 of today's
    expect(s.filledOnTheDayRounds).toBe(2);
    s.receive(1, 1);
    expect(s.filledOnTheDayRounds).toBe(3);
    s.receive(10, 2); // the rest, a day late
    expect(s.filledOnTheDayRounds).toBe(3);
    expect(s.servedLateRounds).toBe(10);
    expect(s.level).toBe(8);
    expect(s.fillRate()).toBe(3 / 10);
    // A same-day arrival after a day without a shortfall fills nothing: nothing of that day was owed.
    s.consume(4, 3);
    s.receive(1, 3);
    expect(s.filledOnTheDayRounds).toBe(3);
    expect(s.fillRate()).toBe(7 / 14);
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
    s.consume(3, 0); // 22
    s.consume(3, 1); // 19
    s.consume(0, 2); // 19
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
    for (const [day, [op, n]] of ops.entries()) {
      if (op === 'c') s.consume(n, day);
      else if (op === 'r') s.receive(n, day);
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
