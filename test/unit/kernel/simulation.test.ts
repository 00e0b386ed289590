import { describe, expect, it } from 'vitest';
import { DibsimError } from '../../../src/errors.js';
import { type Event, Simulation } from '../../../src/index.js';
import { expectSame, thrown } from './helpers.js';

describe('Simulation', () => {
  it('new Simulation() starts at now = 0; { initialTime } sets the start', () => {
    expect(new Simulation().now).toBe(0);
    expect(new Simulation({ initialTime: -5.5 }).now).toBe(-5.5);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('new Simulation({ initialTime: %s }) throws', (bad) => {
    const error = thrown(() => new Simulation({ initialTime: bad }));
    expect(error).toBeInstanceOf(DibsimError);
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining(String(bad)) });
  });

  it('sim.timeout(delay, value) fires at now + delay with value', () => {
    const sim = new Simulation({ initialTime: 10 });
    const seen: [number, unknown][] = [];
    const ev = sim.timeout(2.5, 'hello');
    expect(ev.triggered).toBe(true);
    expect(ev.processed).toBe(false);
    ev.addCallback((e) => seen.push([sim.now, e.value]));
    sim.run();
    expect(seen).toEqual([[12.5, 'hello']]);
    expect(ev.processed).toBe(true);
    expect(sim.now).toBe(12.5);
  });

  it('sim.schedule(delay, callback, { priority }) runs by time, then ascending priority, then scheduling order', () => {
    const sim = new Simulation();
    const log: string[] = [];
    const at = (delay: number, name: string, priority?: number) =>
      sim.schedule(delay, () => log.push(name), priority === undefined ? undefined : { priority });
    at(2, 'C0');
    at(1, 'B+1', 1);
    at(1, 'B0a');
    at(1, 'B-2', -2);
    at(0, 'A');
    at(1, 'B0b', 0);
    at(1, 'B-0.5', -0.5);
    sim.run();
    expect(log).toEqual(['A', 'B-2', 'B-0.5', 'B0a', 'B0b', 'B+1', 'C0']);
  });

  it('sim.timeout() and sim.schedule() share one calendar: default priority 0 ties keep scheduling order', () => {
    const sim = new Simulation();
    const log: string[] = [];
    sim.timeout(1).addCallback(() => log.push('timeout-first'));
    sim.schedule(1, () => log.push('callback-second'));
    sim.timeout(1, undefined, { priority: -1 }).addCallback(() => log.push('timeout-urgent'));
    sim.run();
    expect(log).toEqual(['timeout-urgent', 'timeout-first', 'callback-second']);
  });

  it('sim.schedule(0, …) from inside a callback runs after entries already due at the same time and priority', () => {
    const sim = new Simulation();
    const log: string[] = [];
    sim.schedule(1, () => {
      log.push('a');
      sim.schedule(0, () => log.push('a-child'));
      sim.schedule(0, () => log.push('a-child-urgent'), { priority: -1 });
    });
    sim.schedule(1, () => log.push('b'));
    sim.run();
    expect(log).toEqual(['a', 'a-child-urgent', 'b', 'a-child']);
  });

  it('sim.process() starts before other entries at the same time, whatever their priority', () => {
    const sim = new Simulation();
    const log: string[] = [];
    sim.schedule(0, () => log.push('callback'), { priority: -1e300 });
    sim.process(function* () {
      log.push('start');
      yield sim.timeout(0);
      log.push('after-yield');
    });
    sim.run();
    expect(log).toEqual(['start', 'callback', 'after-yield']);
  });

  it.each([
    ['negative', -1, '-1'],
    ['NaN', Number.NaN, 'NaN'],
    ['infinite', Number.POSITIVE_INFINITY, 'Infinity'],
  ])('sim.timeout(delay) with a %s delay throws a DibsimError naming the value', (_, delay, shown) => {
    const sim = new Simulation();
    const error = thrown(() => sim.timeout(delay));
    expect(error).toBeInstanceOf(DibsimError);
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect((error as Error).message).toContain(`delay must be a finite number >= 0 (got ${shown})`);
    expect(sim.pendingCount).toBe(0);
  });

  it.each([
    ['a string', '5', '"5"'],
    ['null', null, 'null'],
    ['true', true, 'true'],
  ])(
    'sim.timeout(delay) and sim.schedule(delay, cb) reject a delay that is %s (no coercion)',
    (_, delay, shown) => {
      // With initialTime 3, a string delay '5' made the event time the string '35'.
      const sim = new Simulation({ initialTime: 3 });
      const bad = delay as unknown as number;
      for (const call of [
        () => sim.timeout(bad),
        () => sim.timeout(bad, 'v', { priority: 1 }),
        () => sim.schedule(bad, () => {}),
      ]) {
        expect(thrown(call)).toMatchObject({
          code: 'INVALID_ARGUMENT',
          message: expect.stringContaining(`delay must be a finite number >= 0 (got ${shown})`),
        });
      }
      expect(sim.pendingCount).toBe(0);
    },
  );

  it.each([Number.NaN, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY])(
    'sim.schedule(0, cb, { priority: %s }) throws a DibsimError naming the priority',
    (priority) => {
      const sim = new Simulation();
      const error = thrown(() => sim.schedule(0, () => {}, { priority }));
      expect(error).toMatchObject({ code: 'INVALID_ARGUMENT' });
      expect((error as Error).message).toContain(`priority must be a finite number (got ${priority})`);
      expect(() => sim.timeout(0, undefined, { priority })).toThrow(/priority must be a finite number/);
      expect(sim.pendingCount).toBe(0);
    },
  );

  it('sim.schedule(delay, notAFunction) and sim.schedule(-1, cb) throw INVALID_ARGUMENT', () => {
    const sim = new Simulation();
    const notAFunction = 42 as unknown as () => void;
    expect(thrown(() => sim.schedule(1, notAFunction))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('callback must be a function (got 42)'),
    });
    expect(thrown(() => sim.schedule(-1, () => {}))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('(got -1)'),
    });
  });

  it('sim.run({ until }) leaves events at exactly until pending, sets now = until, and resumes losing none', () => {
    const sim = new Simulation();
    const log: number[] = [];
    for (const t of [1, 3, 3, 5]) sim.schedule(t, () => log.push(t));
    sim.run({ until: 3 });
    expect(log).toEqual([1]);
    expect(sim.now).toBe(3);
    expect(sim.pendingCount).toBe(3);
    expect(sim.peek()).toBe(3);
    sim.run({ until: 4 });
    expect(log).toEqual([1, 3, 3]);
    expect(sim.now).toBe(4);
    sim.run();
    expect(log).toEqual([1, 3, 3, 5]);
    expect(sim.now).toBe(5);
  });

  it('sim.run({ until }) on an empty calendar advances now to until; until = now is allowed', () => {
    const sim = new Simulation();
    sim.run({ until: 7 });
    expect(sim.now).toBe(7);
    sim.run({ until: 7 });
    expect(sim.now).toBe(7);
    // A timeout created after run({ until }) counts from the new now.
    const ev = sim.timeout(1);
    sim.run();
    expect(ev.processed).toBe(true);
    expect(sim.now).toBe(8);
  });

  it('sim.run({ until: Infinity }) runs like sim.run(): now stays at the last event', () => {
    const sim = new Simulation();
    sim.schedule(2, () => {});
    sim.run({ until: Number.POSITIVE_INFINITY });
    expect(sim.now).toBe(2);
    expect(sim.pendingCount).toBe(0);
  });

  it.each([
    [2, '2'],
    [Number.NaN, 'NaN'],
  ])('sim.run({ until: %s }) before now or NaN throws and changes nothing', (until, shown) => {
    const sim = new Simulation();
    sim.schedule(5, () => {});
    sim.schedule(6, () => {});
    sim.step();
    const error = thrown(() => sim.run({ until }));
    expect(error).toBeInstanceOf(DibsimError);
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect((error as Error).message).toContain(`(got ${shown})`);
    expect(sim.now).toBe(5);
    expect(sim.pendingCount).toBe(1);
  });

  it('sim.run() called from inside a callback throws INVALID_STATE; the outer run can go on afterwards', () => {
    const sim = new Simulation();
    sim.schedule(1, () => sim.run());
    sim.schedule(2, () => {});
    expect(thrown(() => sim.run())).toMatchObject({ code: 'INVALID_STATE' });
    expect(sim.now).toBe(1);
    sim.run();
    expect(sim.now).toBe(2);
  });

  it('sim.step() called from inside a process throws INVALID_STATE and leaves the clock where it is', () => {
    const sim = new Simulation();
    const seen: unknown[] = [];
    sim.schedule(5, () => {});
    sim.process(function* () {
      yield sim.timeout(1);
      try {
        sim.step(); // used to process the entry at 5 here, moving the clock under this process
      } catch (error) {
        seen.push((error as DibsimError).code, (error as Error).message);
      }
      seen.push(sim.now);
    });
    sim.run();
    expect(seen).toEqual([
      'INVALID_STATE',
      'step() called while the simulation is already running (from inside a process or callback). Let the running call go on; to act later, use sim.schedule(delay, callback) or yield sim.timeout(delay).',
      1,
    ]);
    expect([sim.now, sim.processedCount]).toEqual([5, 3]); // start, timeout, the callback at 5
  });

  it('sim.run() and sim.step() called from a callback that sim.step() runs throw INVALID_STATE', () => {
    const sim = new Simulation();
    const codes: string[] = [];
    sim.schedule(1, () => {
      for (const call of [() => sim.run(), () => sim.step()]) codes.push((thrown(call) as DibsimError).code);
    });
    sim.schedule(2, () => {});
    sim.step();
    expect([codes, sim.now, sim.pendingCount]).toEqual([['INVALID_STATE', 'INVALID_STATE'], 1, 1]);
    sim.step(); // the guard is lifted once the step is over
    expect(sim.now).toBe(2);
  });

  it('sim.peek() is the time of the next entry, or Infinity when the calendar is empty', () => {
    const sim = new Simulation();
    expect(sim.peek()).toBe(Number.POSITIVE_INFINITY);
    sim.schedule(4, () => {});
    sim.schedule(2, () => {}, { priority: 9 });
    expect(sim.peek()).toBe(2);
    sim.step();
    expect(sim.peek()).toBe(4);
  });

  it('sim.step() processes exactly one entry, and throws INVALID_STATE on an empty calendar', () => {
    const sim = new Simulation();
    const log: string[] = [];
    sim.schedule(1, () => log.push('a'));
    sim.schedule(1, () => log.push('b'));
    sim.step();
    expect(log).toEqual(['a']);
    expect(sim.now).toBe(1);
    sim.step();
    expect(log).toEqual(['a', 'b']);
    const error = thrown(() => sim.step());
    expect(error).toBeInstanceOf(DibsimError);
    expect(error).toMatchObject({ code: 'INVALID_STATE' });
  });

  it('sim.onEvent = observer sees (time, priority, sequence, event | null) before each entry is processed', () => {
    const sim = new Simulation();
    const seen: [number, number, number, Event<unknown> | null, number][] = [];
    sim.onEvent = (time, priority, sequence, event) => seen.push([time, priority, sequence, event, sim.now]);
    sim.schedule(2, () => {}, { priority: -4 });
    const ev = sim.timeout(1, 'x', { priority: 3 });
    sim.run();
    // The observer runs before the clock moves: now is still the previous time.
    expect(seen.map(([t, p, s, , now]) => [t, p, s, now])).toEqual([
      [1, 3, 1, 0],
      [2, -4, 0, 1],
    ]);
    expectSame(
      seen.map((entry) => entry[3]),
      [ev, null],
    );
  });

  it('sim.onEvent reports a process start as urgent (priority -Infinity)', () => {
    const sim = new Simulation();
    const priorities: number[] = [];
    sim.onEvent = (_time, priority) => priorities.push(priority);
    sim.process(function* () {
      yield sim.timeout(1);
    });
    sim.run();
    // start, timeout; the completion of a process nobody waits for skips the calendar
    expect(priorities).toEqual([Number.NEGATIVE_INFINITY, 0]);
  });

  it('sim.run() stops with UNHANDLED_FAILURE when a failed event has nobody waiting', () => {
    const sim = new Simulation();
    const original = new RangeError('boom');
    const ev = sim.event<number>();
    sim.schedule(3, () => ev.fail(original));
    sim.schedule(4, () => {});
    const error = thrown(() => sim.run());
    expect(error).toBeInstanceOf(DibsimError);
    expect(error).toMatchObject({ code: 'UNHANDLED_FAILURE', cause: original });
    expect((error as Error).message).toContain('failed at time 3');
    expect((error as Error).message).toContain('RangeError: boom');
    // The run can resume past the failure.
    expect(sim.pendingCount).toBe(1);
    sim.run();
    expect(sim.now).toBe(4);
  });

  it('sim.run() goes on past a failed event that was defused', () => {
    const sim = new Simulation();
    const ev = sim.event();
    sim.schedule(1, () => ev.fail(new Error('handled elsewhere')).defuse());
    sim.schedule(2, () => {});
    sim.run();
    expect(sim.now).toBe(2);
    expect(ev.ok).toBe(false);
    expect(ev.defused).toBe(true);
  });
});
