import { describe, expect, it } from 'vitest';
import { MonthlySeries } from '../../../src/model/monthly-series.js';
import type { NationState } from '../../../src/model/nation-state.js';
import { Stockpile } from '../../../src/model/stockpile.js';

describe('MonthlySeries', () => {
  const stock = new Stockpile('AA', '155mm', 100, 1_000, 0, true);
  const nation = {
    stockpileList: [stock],
    targets: new Map([['155mm', (day: number) => 500 + day]]),
    budget: { spent: { value: 7 } },
  } as unknown as NationState;
  const series = (capacity: number) =>
    new MonthlySeries(
      {
        nations: [nation],
        firms: [],
        recipients: [stock],
        pledges: [],
        pooled: new Map(),
        backlogOf: () => 0,
      },
      capacity,
    );

  it('series.record(day) past the capacity it was built for keeps every snapshot, in order', () => {
    const s = series(1);
    expect(s.record(0)).toBe(0);
    stock.receive(50, 31);
    expect(s.record(31)).toBe(1);
    stock.receive(25, 59);
    expect(s.record(59)).toBe(2);
    expect(s.taken(s.day)).toEqual(Float64Array.of(0, 31, 59));
    expect(s.taken(s.nations[0]!.stock)).toEqual(Float64Array.of(100, 150, 175));
    expect(s.taken(s.nations[0]!.target)).toEqual(Float64Array.of(500, 531, 559));
    expect(s.taken(s.nations[0]!.spent)).toEqual(Float64Array.of(7, 7, 7));
    expect(s.taken(s.recipients[0]!.stock)).toEqual(Float64Array.of(100, 150, 175));
  });

  it('series.taken(x) is a copy cut to the snapshots recorded', () => {
    const s = series(12);
    s.record(0);
    const day = s.taken(s.day);
    expect(day).toEqual(Float64Array.of(0));
    s.record(31);
    expect(day).toEqual(Float64Array.of(0));
  });
});
