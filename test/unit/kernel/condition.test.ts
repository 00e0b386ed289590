import { describe, expect, it } from 'vitest';
import { type Event, Simulation } from '../../../src/index.js';
import { expectSame, runError } from './helpers.js';

describe('allOf', () => {
  it('sim.allOf([a, b]) succeeds when the last one does, with values in input order', () => {
    const sim = new Simulation();
    const seen: unknown[] = [];
    sim.process(function* () {
      const values = yield* sim.allOf([
        sim.timeout(3, 'slow'),
        sim.timeout(1, 'fast'),
        sim.timeout(2, 'mid'),
      ]);
      seen.push(values, sim.now);
    });
    sim.run();
    expect(seen).toEqual([['slow', 'fast', 'mid'], 3]);
  });

  it('sim.allOf([]) succeeds at once with an empty array', () => {
    const sim = new Simulation({ initialTime: 4 });
    const all = sim.allOf([]);
    expect([all.triggered, all.value]).toEqual([true, []]);
    sim.run();
    expect([all.processed, sim.now]).toEqual([true, 4]);
  });

  it('sim.allOf(inputs) counts already processed inputs; all processed → succeeds at once', () => {
    const sim = new Simulation();
    const a = sim.timeout(1, 'a');
    const b = sim.timeout(2, 'b');
    sim.run();
    const all = sim.allOf([b, a]);
    expect([all.triggered, all.value]).toEqual([true, ['b', 'a']]);

    const c = sim.timeout(5, 'c');
    const mixed = sim.allOf([a, c]);
    expect(mixed.triggered).toBe(false);
    sim.run();
    expect([mixed.value, sim.now]).toEqual([['a', 'c'], 7]);
  });

  it('sim.allOf([a, b]) fails as soon as one input fails, with its error, thrown into the waiting process', () => {
    const sim = new Simulation();
    const err = new Error('part missing');
    const bad = sim.event<number>();
    const log: unknown[] = [];
    sim.process(function* () {
      try {
        yield sim.allOf([sim.timeout(10), bad]);
      } catch (error) {
        log.push(error, sim.now);
      }
    });
    sim.schedule(2, () => bad.fail(err));
    sim.run(); // the failure is handled by the process: the run does not stop
    expect(log).toEqual([err, 2]);
    expect(bad.defused).toBe(true);
  });

  it('sim.allOf([failedAndProcessed, …]) fails at once', () => {
    const sim = new Simulation();
    const err = new Error('already failed');
    const failed = sim.event().fail(err).defuse();
    sim.run();
    const all = sim.allOf([sim.timeout(1), failed]);
    expect([all.triggered, all.ok, all.value]).toEqual([true, false, err]);
    all.defuse();
    sim.run();
  });

  it('sim.allOf([a, b]) failing with nobody waiting stops the run as an unhandled failure', () => {
    const sim = new Simulation();
    const err = new Error('unwatched');
    const bad = sim.event();
    sim.allOf([bad, sim.timeout(5)]);
    sim.schedule(1, () => bad.fail(err));
    const error = runError(sim);
    expect(error).toMatchObject({ code: 'UNHANDLED_FAILURE', cause: err });
    expect(error.message).toContain('at time 1');
  });

  it('sim.allOf([process, timeout]) waits for a process to return', () => {
    const sim = new Simulation();
    const p = sim.process(function* () {
      yield sim.timeout(4);
      return 'built';
    });
    const all = sim.allOf([p, sim.timeout(1, 'timer')]);
    sim.run();
    expect(all.value).toEqual(['built', 'timer']);
  });

  it.each([
    ['not an array', 'x' as unknown as Event<unknown>[], 'expects an array'],
    ['a non-event', [1] as unknown as Event<unknown>[], 'events[0] is not an event'],
  ])('sim.allOf(%s) throws INVALID_ARGUMENT', (_, input, text) => {
    const sim = new Simulation();
    expect(() => sim.allOf(input)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining(text) }),
    );
  });

  it('sim.allOf([eventOfAnotherSimulation]) and sim.anyOf(…) throw INVALID_ARGUMENT naming the index', () => {
    const sim = new Simulation();
    const other = new Simulation();
    expect(() => sim.allOf([sim.timeout(1), other.timeout(1)])).toThrow(/allOf: events\[1\]/);
    expect(() => sim.anyOf([other.event()])).toThrow(/anyOf: events\[0\]/);
  });
});

describe('anyOf', () => {
  it('sim.anyOf([a, b]) succeeds when the first fires, with a Map from it to its value', () => {
    const sim = new Simulation();
    const slow = sim.timeout(5, 'slow');
    const fast = sim.timeout(2, 'fast');
    const seen: unknown[] = [];
    sim.process(function* () {
      const fired = yield* sim.anyOf([slow, fast]);
      seen.push([...fired.keys()], [...fired.values()], sim.now);
    });
    sim.run();
    expectSame(seen[0] as unknown[], [fast]);
    expect(seen.slice(1)).toEqual([['fast'], 2]);
    expect(sim.now).toBe(5); // the slow timeout still fires; nobody waits for it
  });

  it('sim.anyOf([]) succeeds at once with an empty Map', () => {
    const sim = new Simulation();
    const any = sim.anyOf([]);
    expect(any.triggered).toBe(true);
    expect(any.value).toBeInstanceOf(Map);
    expect(any.value.size).toBe(0);
  });

  it('sim.anyOf(inputs) with processed inputs succeeds at once with every processed input, in input order', () => {
    const sim = new Simulation();
    const a = sim.timeout(1, 'a');
    const b = sim.timeout(2, 'b');
    sim.run();
    const pending = sim.timeout(1, 'pending');
    const any = sim.anyOf([b, pending, a]);
    expect(any.triggered).toBe(true);
    expectSame([...any.value.keys()], [b, a]);
    expect([...any.value.values()]).toEqual(['b', 'a']);
  });

  it('sim.anyOf([a, b]) fails if the first input to fire fails; the process gets the error', () => {
    const sim = new Simulation();
    const err = new Error('first failure');
    const bad = sim.event();
    const log: unknown[] = [];
    sim.process(function* () {
      try {
        yield sim.anyOf([sim.timeout(3), bad]);
      } catch (error) {
        log.push(error, sim.now);
      }
    });
    sim.schedule(1, () => bad.fail(err));
    sim.run();
    expect(log).toEqual([err, 1]);
  });

  it('sim.anyOf([failedAndProcessed]) fails at once with its error', () => {
    const sim = new Simulation();
    const err = new Error('old failure');
    const failed = sim.event().fail(err).defuse();
    sim.run();
    const any = sim.anyOf([failed, sim.timeout(1)]);
    expect([any.triggered, any.ok, any.value]).toEqual([true, false, err]);
    any.defuse();
    sim.run();
  });

  it('sim.allOf([sim.anyOf([a, b]), c]) nests: the inner map holds the first of a, b', () => {
    const sim = new Simulation();
    const t1 = sim.timeout(1, 1);
    const t4 = sim.timeout(4, 4);
    const t2 = sim.timeout(2, 2);
    const all = sim.allOf([sim.anyOf([t1, t4]), t2]);
    sim.run();
    const [any, two] = all.value;
    expect([...(any as Map<Event<unknown>, unknown>).values()]).toEqual([1]);
    expect(two).toBe(2);
  });
});
