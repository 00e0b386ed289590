// The calendar is internal; these tests use it directly because its ordering is what every other
// kernel guarantee rests on. Ordering as seen through Simulation is in simulation.test.ts.
import { describe, expect, it } from 'vitest';
import { Calendar } from '../../../src/kernel/calendar.js';

/** Pops every item. */
function drain<T>(calendar: Calendar<T>): T[] {
  const out: T[] = [];
  while (calendar.size > 0) out.push(calendar.pop());
  return out;
}

describe('Calendar', () => {
  it('new Calendar() is empty: size 0, peekTime() Infinity, peekItem() undefined', () => {
    const calendar = new Calendar<string>();
    expect(calendar.size).toBe(0);
    expect(calendar.peekTime()).toBe(Number.POSITIVE_INFINITY);
    expect(calendar.peekItem()).toBeUndefined();
  });

  it('calendar.pop() returns items by time, then ascending priority, then insertion order', () => {
    const calendar = new Calendar<string>();
    calendar.push(2, 0, 'c');
    calendar.push(1, 5, 'b2');
    calendar.push(1, -3, 'a');
    calendar.push(3, -100, 'e');
    calendar.push(1, 5, 'b3');
    calendar.push(2, 0, 'd');
    calendar.push(1, 0, 'b1');
    expect(drain(calendar)).toEqual(['a', 'b1', 'b2', 'b3', 'c', 'd', 'e']);
  });

  it('calendar.push() returns increasing sequence numbers and peek*() describe the next item', () => {
    const calendar = new Calendar<string>();
    expect(calendar.push(5, 1, 'late')).toBe(0);
    expect(calendar.push(4, 2, 'early')).toBe(1);
    expect(calendar.size).toBe(2);
    expect([calendar.peekTime(), calendar.peekPriority(), calendar.peekSequence()]).toEqual([4, 2, 1]);
    expect(calendar.peekItem()).toBe('early');
    expect(calendar.pop()).toBe('early');
    expect([calendar.peekTime(), calendar.peekPriority(), calendar.peekSequence()]).toEqual([5, 1, 0]);
    expect(calendar.push(5, 1, 'later')).toBe(2);
  });

  it('calendar.push(t, -Infinity) comes before every finite priority at t and stays FIFO among equals', () => {
    const calendar = new Calendar<string>();
    calendar.push(1, -1e300, 'finite');
    calendar.push(1, Number.NEGATIVE_INFINITY, 'urgent1');
    calendar.push(0.5, 7, 'earlier');
    calendar.push(1, Number.NEGATIVE_INFINITY, 'urgent2');
    expect(drain(calendar)).toEqual(['earlier', 'urgent1', 'urgent2', 'finite']);
  });

  it('calendar grows past its initial 256 entries and reuses freed slots without mixing up items', () => {
    const calendar = new Calendar<number>();
    // 1000 items pushed in reverse time order, with ties every 10, interleaved with pops.
    const popped: number[] = [];
    for (let k = 999; k >= 0; k--) {
      calendar.push(Math.floor(k / 10), 0, k);
      if (k % 3 === 0) popped.push(calendar.pop());
    }
    expect(popped.length + calendar.size).toBe(1000);
    const rest = drain(calendar);
    expect(new Set([...popped, ...rest]).size).toBe(1000);
    // What is left comes out in (time, insertion) order: within a time block, larger k was pushed first.
    const key = (k: number) => Math.floor(k / 10) * 1000 + (999 - k);
    expect(rest).toEqual([...rest].sort((a, b) => key(a) - key(b)));
    expect(calendar.peekTime()).toBe(Number.POSITIVE_INFINITY);
  });
});
