import { describe, expect, it } from 'vitest';
import { DibsimError } from '../../../src/errors.js';
import { TimeWeighted } from '../../../src/stats/time-weighted.js';

describe('TimeWeighted', () => {
  it('new TimeWeighted() starts at time 0, level 0, with zero duration (mean NaN)', () => {
    const tw = new TimeWeighted();
    expect([tw.time, tw.level, tw.integral, tw.duration, tw.min, tw.max]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(tw.mean()).toBeNaN();
  });

  it('tw.update(time, level) holds the previous level until time; mean(untilTime) extends the current one', () => {
    const queue = new TimeWeighted({ time: 0, level: 0 });
    queue.update(2, 1);
    queue.update(5, 0);
    expect(queue.integral).toBe(3);
    expect(queue.duration).toBe(5);
    expect(queue.mean()).toBe(0.6);
    expect(queue.mean(10)).toBe(0.3);
    expect(queue.level).toBe(0);
    expect([queue.min, queue.max]).toEqual([0, 1]);
    // mean(untilTime) does not change the state.
    expect(queue.duration).toBe(5);
  });

  it('tw.update(time, level) at the same time replaces the level without adding area', () => {
    const tw = new TimeWeighted({ time: 1, level: 2 });
    tw.update(1, 5);
    tw.update(1, 3);
    tw.update(4, 0);
    expect(tw.integral).toBe(9);
    expect(tw.max).toBe(5); // levels held for zero time still count for min/max
  });

  it('tw.mean() of a constant level is exactly that level, whatever the time steps', () => {
    const tw = new TimeWeighted({ time: 0.1, level: 3.3 });
    let t = 0.1;
    for (let k = 0; k < 1000; k++) {
      t += 0.1 * ((k % 7) + 1);
      tw.update(t, 3.3);
    }
    expect(tw.mean()).toBe(3.3);
    expect(tw.mean(t + 1e-3)).toBe(3.3);
  });

  it('tw.merge(other) pools areas and durations as for independent replications', () => {
    const a = new TimeWeighted({ time: 0, level: 1 });
    a.update(10, 1); // area 10 over 10
    const b = new TimeWeighted({ time: 100, level: 4 });
    b.update(130, 7); // area 120 over 30
    a.merge(b);
    expect(a.integral).toBe(130);
    expect(a.duration).toBe(40);
    expect(a.mean()).toBe(3.25);
    expect([a.min, a.max]).toEqual([1, 7]);
    // a keeps its own clock and level and can go on.
    expect([a.time, a.level]).toEqual([10, 1]);
    a.update(20, 0);
    expect(a.mean()).toBe(140 / 50);
    expect(b.integral).toBe(120);
  });

  it('tw.reset(time, level) forgets the history (warm-up deletion)', () => {
    const tw = new TimeWeighted({ level: 100 });
    tw.update(50, 2);
    tw.reset(50);
    expect([tw.integral, tw.duration, tw.level, tw.min, tw.max]).toEqual([0, 0, 2, 2, 2]);
    tw.update(60, 4);
    expect(tw.mean()).toBe(2);
    tw.reset(0, 1);
    expect([tw.time, tw.level]).toEqual([0, 1]);
  });

  it('tw.toJSON() / TimeWeighted.fromJSON() and clone() round-trip the exact state', () => {
    const tw = new TimeWeighted({ time: 0.3, level: 1e-3 });
    tw.update(1e6 + 0.7, 12.5);
    tw.update(2e6, 3);
    const back = TimeWeighted.fromJSON(JSON.parse(JSON.stringify(tw)));
    expect(back.mean(3e6)).toBe(tw.mean(3e6));
    expect(back.toJSON()).toEqual(tw.toJSON());
    const c = tw.clone();
    c.update(3e6, 0);
    expect(tw.time).toBe(2e6);
  });

  it('tw.update(time, level) throws INVALID_ARGUMENT naming both times when time goes backwards', () => {
    const tw = new TimeWeighted({ time: 5 });
    tw.update(7, 1);
    expect(() => tw.update(6.5, 2)).toThrow(DibsimError);
    expect(() => tw.update(6.5, 2)).toThrow('got 6.5, last update at 7');
    expect([tw.time, tw.level, tw.integral]).toEqual([7, 1, 0]);
  });

  it('tw.update(time, level) throws INVALID_ARGUMENT for a non-finite time or level', () => {
    const tw = new TimeWeighted();
    expect(() => tw.update(Number.NaN, 1)).toThrow(/time must be a finite number \(got NaN\)/);
    expect(() => tw.update(Number.POSITIVE_INFINITY, 1)).toThrow(/got Infinity/);
    expect(() => tw.update(1, Number.NaN)).toThrow(/level must be a finite number \(got NaN\)/);
    expect(() => tw.update(1, Number.NEGATIVE_INFINITY)).toThrow(/got -Infinity/);
    expect([tw.time, tw.level]).toEqual([0, 0]);
  });

  it('tw.update(time, level) rejects a time or level that is not a number, changing nothing', () => {
    const tw = new TimeWeighted();
    expect(() => tw.update('5' as unknown as number, 1)).toThrow(/time must be a finite number \(got "5"\)/);
    expect(() => tw.update(1, '5' as unknown as number)).toThrow(/level must be a finite number \(got "5"\)/);
    expect(() => tw.update(1, null as unknown as number)).toThrow(/got null/);
    expect([tw.time, tw.level, tw.min, tw.max]).toEqual([0, 0, 0, 0]);
  });

  it('tw.merge(notATimeWeighted) throws INVALID_ARGUMENT and changes nothing', () => {
    const tw = new TimeWeighted();
    tw.update(2, 1);
    expect(() => tw.merge(undefined as unknown as TimeWeighted)).toThrow(
      'TimeWeighted.merge(other): other must be a TimeWeighted (got undefined).',
    );
    expect([tw.integral, tw.duration]).toEqual([0, 2]);
  });

  it('tw.mean(untilTime) throws INVALID_ARGUMENT when untilTime is before the last update or not finite', () => {
    const tw = new TimeWeighted({ time: 3 });
    expect(() => tw.mean(2)).toThrow('got 2, last update at 3');
    expect(() => tw.mean(Number.NaN)).toThrow(/finite/);
  });

  it('new TimeWeighted(options) and tw.reset(time, level) reject non-finite values', () => {
    expect(() => new TimeWeighted({ time: Number.NaN })).toThrow(/options.time/);
    expect(() => new TimeWeighted({ level: Number.POSITIVE_INFINITY })).toThrow(/options.level/);
    const tw = new TimeWeighted();
    expect(() => tw.reset(Number.NaN)).toThrow(/reset\(time, level\): time/);
    expect(() => tw.reset(0, Number.NaN)).toThrow(/reset\(time, level\): level/);
  });

  it('new TimeWeighted(options) rejects a misspelt option (it started at time 0) or options that are not an object', () => {
    expect(() => new TimeWeighted({ tiem: 5 } as never)).toThrow(
      "new TimeWeighted(options): options.tiem is not an option (got 5). Did you mean 'time'? Options: time, level.",
    );
    expect(() => new TimeWeighted(null as never)).toThrow(
      'new TimeWeighted(options): options must be an object { time, level } (got null).',
    );
  });

  it('TimeWeighted.fromJSON(json) rejects non-finite fields and a level outside [min, max]', () => {
    const good = new TimeWeighted({ level: 2 }).toJSON();
    expect(() => TimeWeighted.fromJSON({ ...good, time: Number.NaN })).toThrow(/json.time/);
    expect(() => TimeWeighted.fromJSON({ ...good, min: 3 })).toThrow(/within \[json.min, json.max\]/);
    expect(() => TimeWeighted.fromJSON({ ...good, area: [Number.NaN] })).toThrow(/partials\[0\]/);
    expect(() => TimeWeighted.fromJSON(null as unknown as typeof good)).toThrow(/must be an object/);
  });
});
