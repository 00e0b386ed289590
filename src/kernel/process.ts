/**
 * Processes: generator functions that advance by yielding events.
 *
 * @module
 */
import { checkOptions, DibsimError, describeValue, messageOf } from '../errors.js';
import { Event, PENDING, PROCESSED, type StoredCallback, TRIGGERED, URGENT_PRIORITY } from './event.js';
import type { Simulation } from './simulation.js';

/**
 * The generator a process runs: it yields events and receives their values (typed `unknown`; use
 * `yield*` on an event to get its value typed), and finally returns a value of type `R`.
 */
export type ProcessGenerator<R = unknown> = Generator<Event<unknown>, R, unknown>;

/** What {@link Simulation.process} accepts: a generator function called with no arguments, or a generator. */
export type ProcessSource<R> = ProcessGenerator<R> | (() => ProcessGenerator<R>);

/** Options for {@link Simulation.process}. */
export interface ProcessOptions {
  /**
   * Name used in error messages and traces.
   * @defaultValue the generator function's name, or `process#N`
   */
  readonly name?: string | undefined;
}

/**
 * Thrown into a process at its current `yield` by {@link Process.interrupt}. The interrupting party's
 * reason is in {@link Interrupt.cause}. A process that does not catch it fails with it.
 *
 * @example
 * try { yield sim.timeout(10); } catch (e) { if (e instanceof Interrupt) console.log('interrupted:', e.cause); else throw e; }
 */
export class Interrupt extends DibsimError {
  /** @param cause - the reason given to {@link Process.interrupt} */
  constructor(cause: unknown) {
    super('INTERRUPTED', `Process interrupted: ${messageOf(cause)}`, {
      cause,
    });
    // Always present, even when the reason is `undefined`.
    Object.defineProperty(this, 'cause', {
      value: cause,
      enumerable: false,
      writable: true,
      configurable: true,
    });
  }
}

/**
 * A running generator. It is also an event: it succeeds with the generator's return value, or fails
 * with what the generator threw, so other processes can wait for it (`const r = yield* worker`).
 *
 * @typeParam R - the generator's return type
 */
export class Process<R = unknown> extends Event<R> {
  /** @internal */ _generator: ProcessGenerator<R>;
  /** The event the process is waiting for. @internal */
  _target: Event<unknown> | null = null;
  /**
   * The process's one resume callback, created once so that waiting allocates nothing.
   * @internal
   */
  readonly _resume: (event?: Event<unknown>) => void;
  private _name: string | undefined;
  private readonly id: number;
  private readonly sourceName: string;

  /** Use {@link Simulation.process} instead. @internal */
  constructor(sim: Simulation, source: ProcessSource<R>, options?: ProcessOptions) {
    super(sim);
    if (options !== undefined) {
      checkOptions(options, ['name'], 'Simulation.process(source, options)');
      if (options.name !== undefined && typeof options.name !== 'string') {
        throw new DibsimError(
          'INVALID_ARGUMENT',
          `Simulation.process(source, options): options.name must be a string (got ${describeValue(options.name)}). Leave it out for the generator function's name.`,
        );
      }
    }
    this.id = ++sim._processCount;
    let generator: ProcessGenerator<R>;
    if (typeof source === 'function') {
      generator = source();
      this.sourceName = source.name;
    } else {
      generator = source;
      this.sourceName = '';
    }
    this._name = options?.name;
    if (generator === null || typeof generator !== 'object' || typeof generator.next !== 'function') {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `sim.process expects a generator function (function* () {…}) or a generator object (got ${describeValue(generator)}).`,
      );
    }
    this._generator = generator;
    this._resume = (event) => this.resume(event);
    // Start urgently, before other events at the current time. The process itself goes into the
    // calendar while pending; processing a pending process starts it (see _process), so no separate
    // start event is allocated and traces show the process.
    sim._enqueueNow(this as Event<unknown>, URGENT_PRIORITY);
  }

  /** Name used in error messages and traces: the option, else the generator function's name, else `process#N`. */
  get name(): string {
    this._name ??= this.sourceName || `process#${this.id}`;
    return this._name;
  }

  /** Whether the generator has not finished yet. */
  get isAlive(): boolean {
    return this._state === PENDING;
  }

  /** The event the process is currently waiting for, or `null` when it is running or finished. */
  get target(): Event<unknown> | null {
    return this._target;
  }

  /**
   * Throws an {@link Interrupt} carrying `cause` into the process at its current `yield`, urgently at the
   * current time. The process stops waiting for its event (which stays valid: a resource request is
   * still queued until released).
   *
   * @throws {@link DibsimError} `INVALID_STATE` if the process has finished or interrupts itself.
   */
  interrupt(cause?: unknown): void {
    if (this._state !== PENDING) {
      throw new DibsimError(
        'INVALID_STATE',
        `Process "${this.name}" has finished and cannot be interrupted. Check process.isAlive first.`,
      );
    }
    if (this.sim._active === this) {
      throw new DibsimError(
        'INVALID_STATE',
        `Process "${this.name}" tried to interrupt itself. Throw an error instead.`,
      );
    }
    const ev = new Event<unknown>(this.sim);
    ev._state = TRIGGERED;
    ev._ok = false;
    ev._value = new Interrupt(cause);
    ev._defused = true;
    ev._cb = (e) => {
      if (this._state !== PENDING) return; // finished before the interrupt arrived
      if (this._target !== null) this._target.removeCallback(this._resume);
      this.resume(e);
    };
    this.sim._enqueueNow(ev, URGENT_PRIORITY);
  }

  /** Starts the generator when pending; otherwise runs callbacks as any event does. @internal */
  override _process(): void {
    if (this._state === PENDING) this.resume(undefined);
    else super._process();
  }

  /** Advances the generator with `event`'s outcome (none: start it) until it yields an unprocessed event. */
  private resume(first: Event<unknown> | undefined): void {
    if (this._state !== PENDING) return;
    const sim = this.sim;
    const generator = this._generator;
    sim._active = this as Process<unknown>;
    this._target = null;
    let event = first;
    for (;;) {
      let step: IteratorResult<Event<unknown>, R>;
      try {
        if (event === undefined) {
          step = generator.next();
        } else if (event._ok) {
          step = generator.next(event._value);
        } else {
          event._defused = true; // the process now owns the failure
          step = generator.throw(event._value);
        }
      } catch (error) {
        sim._active = null;
        this.finish(false, error);
        return;
      }
      if (step.done === true) {
        sim._active = null;
        this.finish(true, step.value);
        return;
      }
      const next = step.value;
      if (!(next instanceof Event) || next.sim !== sim) {
        event = this.badYield(next);
        continue;
      }
      if (next._state === PROCESSED) {
        // Its moment has passed: continue at once with its outcome.
        event = next;
        continue;
      }
      if (next._cb === null && next._cbs === null) next._cb = this._resume as StoredCallback;
      else next.addCallback(this._resume);
      this._target = next;
      break;
    }
    sim._active = null;
  }

  private finish(ok: boolean, value: unknown): void {
    this._ok = ok;
    this._value = value;
    if (ok && this._cb === null && this._cbs === null) {
      // Nobody waits: nothing to run at processing time, so skip the calendar round trip. A process
      // that yields this one later continues at once with the value, as for any processed event.
      this._state = PROCESSED;
      return;
    }
    this._state = TRIGGERED;
    this.sim._enqueue(this as Event<unknown>, 0, 0);
  }

  private badYield(value: unknown): Event<unknown> {
    const ev = new Event<unknown>(this.sim);
    ev._state = PROCESSED;
    ev._ok = false;
    ev._value =
      value instanceof Event
        ? new DibsimError(
            'INVALID_ARGUMENT',
            `Process "${this.name}" yielded an event of another simulation.`,
          )
        : new DibsimError(
            'INVALID_ARGUMENT',
            `Process "${this.name}" yielded ${describeValue(value)}, not an event. Yield sim.timeout(…), sim.event(), a request, or another process.`,
          );
    return ev;
  }
}
