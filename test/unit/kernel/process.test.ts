import { describe, expect, it } from 'vitest';
import { DibsimError } from '../../../src/errors.js';
import { type Event, Interrupt, Process, type ProcessGenerator, Simulation } from '../../../src/index.js';
import { expectSame, runError } from './helpers.js';

describe('Process', () => {
  it('sim.process(fn) runs the generator to its first yield at the current time and fires with its return value', () => {
    const sim = new Simulation({ initialTime: 1 });
    const log: [string, number][] = [];
    const p = sim.process(function* () {
      log.push(['start', sim.now]);
      const v = yield sim.timeout(2, 'v');
      log.push([`got ${String(v)}`, sim.now]);
      return 7;
    });
    expect(p).toBeInstanceOf(Process);
    expect(log).toEqual([]); // nothing runs before the simulation does
    expect(p.isAlive).toBe(true);
    sim.run();
    expect(log).toEqual([
      ['start', 1],
      ['got v', 3],
    ]);
    expect([p.isAlive, p.processed, p.ok, p.value]).toEqual([false, true, true, 7]);
  });

  it('sim.process(generatorObject) runs a generator object', () => {
    const sim = new Simulation();
    function* worker(delay: number): ProcessGenerator<string> {
      yield sim.timeout(delay);
      return `done at ${sim.now}`;
    }
    const p = sim.process(worker(4));
    sim.run();
    expect(p.value).toBe('done at 4');
  });

  it('yield* process gives another process its return value when it finishes', () => {
    const sim = new Simulation();
    const child = sim.process(function* () {
      yield sim.timeout(3);
      return 'child result';
    });
    const seen: [string, number][] = [];
    sim.process(function* () {
      const r = yield* child;
      seen.push([r, sim.now]);
    });
    sim.run();
    expect(seen).toEqual([['child result', 3]]);
  });

  it('process.name comes from options.name, else the function name, else process#N', () => {
    const sim = new Simulation();
    const named = sim.process(function* factoryLine() {}, { name: 'line-1' });
    const fromFunction = sim.process(function* factoryLine() {});
    const anonymous = sim.process((function* () {})());
    expect(named.name).toBe('line-1');
    expect(fromFunction.name).toBe('factoryLine');
    expect(anonymous.name).toBe('process#3');
  });

  it('sim.process(notAGenerator) throws INVALID_ARGUMENT', () => {
    const sim = new Simulation();
    const notAGenerator = (() => 5) as unknown as () => ProcessGenerator;
    expect(() => sim.process(notAGenerator)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('(got 5)') }),
    );
  });

  it('sim.activeProcess is the running process inside the generator and null outside', () => {
    const sim = new Simulation();
    const inside: unknown[] = [];
    const p = sim.process(function* () {
      inside.push(sim.activeProcess);
      yield sim.timeout(1);
      inside.push(sim.activeProcess);
    });
    sim.run();
    expectSame(inside, [p, p]);
    expect(sim.activeProcess).toBeNull();
  });

  it('process.target is the event the process waits for, and null once it is finished', () => {
    const sim = new Simulation();
    let timeout: Event<unknown> | undefined;
    const p = sim.process(function* () {
      timeout = sim.timeout(5);
      yield timeout;
    });
    sim.step(); // start
    expect(p.target).toBe(timeout);
    sim.run();
    expect(p.target).toBeNull();
  });

  it('yield of an already processed event continues at once with its value, without a calendar entry', () => {
    const sim = new Simulation();
    const early = sim.timeout(1, 'old');
    const seen: unknown[] = [];
    sim.process(function* () {
      yield sim.timeout(2);
      const before = sim.pendingCount;
      const v = yield early;
      seen.push(v, sim.now, sim.pendingCount - before);
    });
    sim.run();
    expect(seen).toEqual(['old', 2, 0]);
  });

  it('yield of a non-event throws an INVALID_ARGUMENT DibsimError into the process at that yield', () => {
    const sim = new Simulation();
    const caught: unknown[] = [];
    sim.process(function* () {
      yield sim.timeout(1);
      try {
        yield 42 as unknown as Event<unknown>;
      } catch (error) {
        caught.push(error, sim.now);
      }
      yield sim.timeout(1);
      caught.push('went on');
    });
    sim.run();
    expect(caught[0]).toBeInstanceOf(DibsimError);
    expect(caught[0]).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('yielded 42'),
    });
    expect(caught.slice(1)).toEqual([1, 'went on']);
  });

  it('an uncaught misuse (yield of a non-event) stops the run with its own fix, not advice to catch it', () => {
    const sim = new Simulation();
    sim.process(
      function* () {
        yield sim.timeout(3);
        yield 5 as unknown as Event<unknown>;
      },
      { name: 'loader' },
    );
    const error = runError(sim);
    expect(error).toMatchObject({ code: 'UNHANDLED_FAILURE', cause: { code: 'INVALID_ARGUMENT' } });
    expect(error.message).toBe(
      'Process "loader" failed at time 3: Process "loader" yielded 5, not an event. Yield sim.timeout(…), sim.event(), a request, or another process.',
    );
  });

  it('yield of an event of another simulation throws INVALID_ARGUMENT into the process', () => {
    const sim = new Simulation();
    const other = new Simulation();
    const p = sim.process(function* worker() {
      yield other.timeout(1);
    });
    const error = runError(sim);
    expect(error).toMatchObject({ code: 'UNHANDLED_FAILURE' });
    expect(error.cause).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('event of another simulation'),
    });
    expect(p.ok).toBe(false);
  });

  it('a failed event throws its error into the waiting process, which may catch it and go on', () => {
    const sim = new Simulation();
    const ev = sim.event<number>();
    const err = new Error('supplier bankrupt');
    const log: unknown[] = [];
    sim.process(function* () {
      try {
        yield ev;
      } catch (error) {
        log.push(error, sim.now);
      }
      return 'recovered';
    });
    sim.schedule(5, () => ev.fail(err));
    sim.run();
    expect(log).toEqual([err, 5]);
    expect(ev.defused).toBe(true);
  });

  it('an error a process does not catch stops sim.run() with UNHANDLED_FAILURE naming the process and time', () => {
    const sim = new Simulation();
    const original = new TypeError('bad batch.');
    const p = sim.process(
      function* () {
        yield sim.timeout(4);
        throw original;
      },
      { name: 'factory-3' },
    );
    sim.schedule(10, () => {});
    const error = runError(sim);
    expect(error).toBeInstanceOf(DibsimError);
    expect(error).toMatchObject({ code: 'UNHANDLED_FAILURE', cause: original });
    expect(error.message).toContain('Process "factory-3" failed at time 4');
    // The cause's own full stop is dropped, not doubled.
    expect(error.message).toContain('TypeError: bad batch. Catch the error');
    expect([p.ok, p.value]).toEqual([false, original]);
  });

  it('a failed event a process does not catch fails that process, not the run, while another waits for it', () => {
    const sim = new Simulation();
    const ev = sim.event();
    const err = new Error('late delivery');
    const worker = sim.process(function* () {
      yield ev;
    });
    const seen: unknown[] = [];
    sim.process(function* () {
      try {
        yield worker;
      } catch (error) {
        seen.push(error);
      }
    });
    sim.schedule(1, () => ev.fail(err));
    sim.run();
    expect(seen).toEqual([err]);
    expect(worker.ok).toBe(false);
  });

  it('process.interrupt(cause) throws an Interrupt carrying cause into the process at its current yield', () => {
    const sim = new Simulation();
    const log: unknown[] = [];
    const p = sim.process(function* () {
      try {
        yield sim.timeout(10);
        log.push('not interrupted');
      } catch (error) {
        log.push(error, sim.now);
      }
      yield sim.timeout(20);
      log.push(`finished at ${sim.now}`);
    });
    sim.schedule(3, () => p.interrupt({ reason: 'strike' }));
    sim.run();
    const interrupt = log[0];
    expect(interrupt).toBeInstanceOf(Interrupt);
    expect(interrupt).toBeInstanceOf(DibsimError);
    expect(interrupt).toMatchObject({ code: 'INTERRUPTED', cause: { reason: 'strike' } });
    expect((interrupt as Error).message).toContain('strike');
    // The old timeout (at 10) no longer resumes the process: it waits out its new one, until 23.
    expect(log.slice(1)).toEqual([3, 'finished at 23']);
  });

  it('process.interrupt() is urgent: it arrives before other events at the same time', () => {
    const sim = new Simulation();
    const log: string[] = [];
    const p = sim.process(function* () {
      try {
        yield sim.timeout(5); // fires at 5, after the interrupt sent at 5
      } catch {
        log.push('interrupted');
        return;
      }
      log.push('timed out');
    });
    sim.schedule(5, () => p.interrupt('now'), { priority: -1 });
    sim.run();
    expect(log).toEqual(['interrupted']);
  });

  it('process.interrupt() with no cause gives an Interrupt whose cause is undefined', () => {
    const sim = new Simulation();
    let caught: unknown;
    const p = sim.process(function* () {
      try {
        yield sim.timeout(1);
      } catch (error) {
        caught = error;
      }
    });
    sim.schedule(0, () => p.interrupt());
    sim.run();
    expect(caught).toBeInstanceOf(Interrupt);
    expect('cause' in (caught as object)).toBe(true);
    expect((caught as Interrupt).cause).toBeUndefined();
  });

  it('process.interrupt() before the process starts reaches it at its first yield', () => {
    const sim = new Simulation();
    const log: string[] = [];
    const p = sim.process(function* () {
      log.push('started');
      try {
        yield sim.timeout(1);
      } catch (error) {
        log.push(`caught ${String((error as Interrupt).cause)}`);
      }
    });
    p.interrupt('early');
    sim.run();
    expect(log).toEqual(['started', 'caught early']);
    expect(sim.now).toBe(1);
  });

  it('process.interrupt() is dropped if the process finishes before the interrupt arrives', () => {
    const sim = new Simulation();
    // biome-ignore lint/correctness/useYield: a process that finishes as soon as it starts
    const p = sim.process(function* () {
      return 'done';
    });
    p.interrupt('too late'); // the start event is ahead of it in the calendar
    sim.run();
    expect([p.ok, p.value]).toEqual([true, 'done']);
  });

  it('an Interrupt the process does not catch fails the process and stops the run with it as cause', () => {
    const sim = new Simulation();
    const p = sim.process(
      function* () {
        yield sim.timeout(5);
      },
      { name: 'victim' },
    );
    sim.schedule(2, () => p.interrupt('halt'));
    const error = runError(sim);
    expect(error).toMatchObject({ code: 'UNHANDLED_FAILURE' });
    expect(error.message).toContain('Process "victim" failed at time 2');
    expect(error.cause).toBeInstanceOf(Interrupt);
    expect((error.cause as Interrupt).cause).toBe('halt');
  });

  it('process.interrupt() on a finished process, or by the process itself, throws INVALID_STATE', () => {
    const sim = new Simulation();
    const finished = sim.process(function* () {});
    const errors: unknown[] = [];
    const self: { p?: Process<void> } = {};
    self.p = sim.process(function* () {
      try {
        self.p?.interrupt('me');
      } catch (error) {
        errors.push(error);
      }
      yield sim.timeout(1);
    });
    sim.run();
    expect(() => finished.interrupt()).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'INVALID_STATE', message: expect.stringContaining('itself') });
  });

  it('process.interrupt() twice at the same time delivers both, in order', () => {
    const sim = new Simulation();
    const causes: unknown[] = [];
    const p = sim.process(function* () {
      for (;;) {
        try {
          yield sim.timeout(100);
          return;
        } catch (error) {
          causes.push((error as Interrupt).cause, sim.now);
          if (causes.length === 4) return;
        }
      }
    });
    sim.schedule(1, () => {
      p.interrupt('first');
      p.interrupt('second');
    });
    sim.run();
    expect(causes).toEqual(['first', 1, 'second', 1]);
  });
});
