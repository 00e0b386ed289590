import { describe, expect, it } from 'vitest';
import { DibsimError } from '../../../src/errors.js';
import {
  Container,
  NORMAL_PRIORITY,
  Resource,
  Simulation,
  Store,
  URGENT_PRIORITY,
} from '../../../src/index.js';

describe('Event', () => {
  it('sim.event() is pending: not triggered, not processed, and ok/value throw INVALID_STATE', () => {
    const sim = new Simulation();
    const ev = sim.event<number>();
    expect([ev.triggered, ev.processed, ev.defused]).toEqual([false, false, false]);
    expect(() => ev.value).toThrow(DibsimError);
    expect(() => ev.ok).toThrow(/event\.ok is not available while the event is pending/);
    expect(sim.pendingCount).toBe(0);
  });

  it('ev.succeed(v) triggers now; the simulation processes it with ok = true and value v', () => {
    const sim = new Simulation();
    const ev = sim.event<number>();
    sim.schedule(2, () => ev.succeed(42));
    sim.step();
    expect([ev.triggered, ev.processed, ev.ok, ev.value]).toEqual([true, false, true, 42]);
    let seenAt = Number.NaN;
    ev.addCallback(() => {
      seenAt = sim.now;
    });
    sim.run();
    expect(ev.processed).toBe(true);
    expect(seenAt).toBe(2);
  });

  it('ev.fail(err) triggers with ok = false and value err', () => {
    const sim = new Simulation();
    const err = new Error('no');
    const ev = sim.event().fail(err).defuse();
    expect([ev.triggered, ev.ok, ev.value]).toEqual([true, false, err]);
    sim.run();
    expect(ev.processed).toBe(true);
  });

  it('ev.succeed() / ev.fail() on a triggered event throw INVALID_STATE and keep the first outcome', () => {
    const sim = new Simulation();
    const ev = sim.event<string>().succeed('first');
    expect(() => ev.succeed('second')).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
    expect(() => ev.fail(new Error('late'))).toThrow(/already triggered \(value "first"\)/);
    expect([ev.ok, ev.value]).toEqual([true, 'first']);
    expect(sim.pendingCount).toBe(1);
  });

  it('ev.succeed(v, { priority }) orders the event among others at the same time', () => {
    const sim = new Simulation();
    const log: string[] = [];
    const late = sim.event();
    const early = sim.event();
    late.addCallback(() => log.push('late'));
    early.addCallback(() => log.push('early'));
    late.succeed(undefined, { priority: 1 });
    sim.schedule(0, () => log.push('callback'));
    early.fail(new Error('x'), { priority: -1 }).defuse();
    sim.run();
    expect(log).toEqual(['early', 'callback', 'late']);
  });

  it('ev.succeed(v, { priority: NaN }) throws and leaves the event pending, so it can still be triggered', () => {
    const sim = new Simulation();
    const ev = sim.event<number>();
    expect(() => ev.succeed(1, { priority: Number.NaN })).toThrow(/priority must be a finite number/);
    expect(() => ev.fail(new Error('x'), { priority: Number.POSITIVE_INFINITY })).toThrow(DibsimError);
    expect(ev.triggered).toBe(false);
    expect(sim.pendingCount).toBe(0);
    ev.succeed(2);
    sim.run();
    expect([ev.processed, ev.value]).toEqual([true, 2]);
  });

  it('ev.addCallback(notAFunction) throws INVALID_ARGUMENT at once, not a TypeError inside run()', () => {
    const sim = new Simulation();
    const ev = sim.event();
    expect(() => ev.addCallback('x' as unknown as () => void)).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: 'Event.addCallback(callback): callback must be a function (got "x"). Pass (event) => { … }.',
      }),
    );
    ev.succeed(1);
    sim.run();
    expect(ev.processed).toBe(true);
  });

  it('ev.addCallback(cb) callbacks run in the order added; removeCallback(cb) takes one out', () => {
    const sim = new Simulation();
    const ev = sim.event<string>();
    const log: string[] = [];
    const a = () => log.push('a');
    const b = () => log.push('b');
    const c = () => log.push('c');
    const d = (e: typeof ev) => log.push(`d:${e.value}`);
    for (const cb of [a, b, c, d]) ev.addCallback(cb);
    expect(ev.removeCallback(a)).toBe(true);
    expect(ev.removeCallback(c)).toBe(true);
    expect(ev.removeCallback(c)).toBe(false);
    ev.addCallback(a);
    ev.succeed('v');
    sim.run();
    expect(log).toEqual(['b', 'd:v', 'a']);
  });

  it('ev.addCallback(cb) on a processed event runs cb at the current time, after events already due', () => {
    const sim = new Simulation();
    const ev = sim.timeout(1, 'v');
    sim.run();
    const seen: string[] = [];
    sim.schedule(0, () => seen.push('earlier'));
    ev.addCallback((e) => seen.push(`cb ${String(e.value)} at ${sim.now}`));
    expect(seen).toEqual([]);
    sim.run();
    expect(seen).toEqual(['earlier', 'cb v at 1']);
  });

  it('URGENT_PRIORITY is -Infinity and NORMAL_PRIORITY is 0', () => {
    expect(URGENT_PRIORITY).toBe(Number.NEGATIVE_INFINITY);
    expect(NORMAL_PRIORITY).toBe(0);
  });
});

describe('resources need a simulation', () => {
  it('new Resource, Container and Store name a missing simulation', () => {
    const missing = undefined as unknown as Simulation;
    expect(() => new Resource(missing, { capacity: 1 })).toThrow(
      /new Resource\(sim, options\): sim must be a Simulation \(got undefined\)\. Create one with new Simulation\(\)/,
    );
    expect(() => new Container({} as Simulation, { capacity: 1 })).toThrow(
      /new Container\(sim, options\): sim must be a Simulation/,
    );
    expect(() => new Store(missing)).toThrow(/new Store\(sim, options\): sim must be a Simulation/);
    expect(() => new Resource(new Simulation(), { capacity: 1 })).not.toThrow();
  });
});
