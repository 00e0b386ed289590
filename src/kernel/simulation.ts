/**
 * The simulation: clock, calendar and the factories for events and processes.
 *
 * @module
 */
import { checkOptions, DibsimError, describeValue, reasonOf } from '../errors.js';
import { Calendar } from './calendar.js';
import { AllOf, AnyOf } from './condition.js';
import { checkTriggerOptions, Event, NORMAL_PRIORITY, TRIGGERED, type TriggerOptions } from './event.js';
import { Process, type ProcessOptions, type ProcessSource } from './process.js';

/** A callback scheduled with {@link Simulation.schedule}. */
export type ScheduledCallback = () => void;

/** What the calendar holds: events, or bare callbacks scheduled on the hot path. @internal */
export type CalendarItem = Event<unknown> | ScheduledCallback;

/**
 * Observer called for every calendar entry just before it is processed (see {@link Simulation.onEvent}).
 *
 * @param time - simulated time of the entry
 * @param priority - its calendar priority
 * @param sequence - its insertion number (unique, increasing)
 * @param event - the event (a still pending {@link Process} for a process start), or `null` for a
 *   callback scheduled with {@link Simulation.schedule}
 */
export type EventObserver = (
  time: number,
  priority: number,
  sequence: number,
  event: Event<unknown> | null,
) => void;

/** Options for {@link Simulation.run}. */
export interface RunOptions {
  /**
   * Stop before processing any event at time `>= until`, then set {@link Simulation.now} to `until`.
   * Events at exactly `until` stay pending, so a later `run` resumes without losing any.
   * Must be a number `>= now` (not NaN). `Infinity` is the same as no limit.
   */
  readonly until?: number | undefined;
}

/** The names of {@link RunOptions} and {@link SimulationOptions}. */
const RUN_OPTIONS = ['until'];
const SIMULATION_OPTIONS = ['initialTime'];

/** Options for creating a {@link Simulation}. */
export interface SimulationOptions {
  /**
   * Simulated time at which the run starts.
   * @defaultValue 0
   */
  readonly initialTime?: number | undefined;
}

/**
 * A discrete-event simulation: a clock and a calendar of events ordered by time, then ascending
 * priority, then the order in which they were scheduled.
 *
 * Time is a unit-free number; dibsim's model layer uses days. Process start and interrupts are urgent
 * (priority `-Infinity`, see {@link URGENT_PRIORITY}) and run before every other event at the same
 * time; everything else defaults to priority 0.
 *
 * @example
 * const sim = new Simulation();
 * sim.process(function* () {
 *   yield sim.timeout(3);
 *   console.log('woke at', sim.now); // 3
 * });
 * sim.run();
 */
export class Simulation {
  /**
   * Called for each calendar entry before it is processed; `null` (the default) costs nothing.
   * Use it to trace a run or digest its event sequence.
   */
  onEvent: EventObserver | null = null;
  /** Calendar entries processed so far (events and scheduled callbacks). */
  processedCount = 0;
  /** @internal */ _now: number;
  /** @internal */ _active: Process<unknown> | null = null;
  /** Processes created so far, for default names that do not depend on other simulations. @internal */
  _processCount = 0;
  private readonly calendar = new Calendar<CalendarItem>();
  private running = false;

  /**
   * @param options - optional start time
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if `options` is not an object, has a field other than
   * `initialTime`, or `initialTime` is not a finite number.
   */
  constructor(options?: SimulationOptions) {
    checkOptions(options, SIMULATION_OPTIONS, 'new Simulation(options)');
    const start = options?.initialTime ?? 0;
    if (!Number.isFinite(start)) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `initialTime must be a finite number (got ${describeValue(start)}). Use 0 or the start of your horizon.`,
      );
    }
    this._now = start;
  }

  /** Current simulated time (unit-free; the model layer uses days). */
  get now(): number {
    return this._now;
  }

  /** The process whose generator is running right now, or `null` outside any process. */
  get activeProcess(): Process<unknown> | null {
    return this._active;
  }

  /** Number of entries in the calendar. */
  get pendingCount(): number {
    return this.calendar.size;
  }

  /**
   * Starts a process: a generator function (called with no arguments) or a generator object. It starts
   * at the current time, before other events at that time. The returned {@link Process} is itself an
   * event that succeeds with the generator's return value or fails with what it threw.
   *
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if `source` gives no generator, or `options` is not an
   * object `{ name }` with a string name.
   */
  process<R>(source: ProcessSource<R>, options?: ProcessOptions): Process<R> {
    return new Process<R>(this, source, options);
  }

  /** Creates a pending event to be triggered later with `succeed` or `fail`. */
  event<T = unknown>(): Event<T> {
    return new Event<T>(this);
  }

  /**
   * An event that succeeds with `value` after `delay` time units.
   *
   * @param delay - a finite number `>= 0`
   * @throws {@link DibsimError} `INVALID_ARGUMENT` for a delay that is not a number, or is negative, NaN or
   * infinite, or options that are not an object `{ priority }` with a finite priority.
   */
  timeout<T = undefined>(delay: number, value?: T, options?: TriggerOptions): Event<T> {
    const ev = new Event<T>(this, TRIGGERED, value);
    // typeof first: a string '5' would pass the comparisons and make the time now + '5', a string.
    if (
      options === undefined &&
      typeof delay === 'number' &&
      delay >= 0 &&
      delay < Number.POSITIVE_INFINITY
    ) {
      this.calendar.push(this._now + delay, NORMAL_PRIORITY, ev); // the common case, checked inline
    } else {
      if (options !== undefined) checkTriggerOptions(options, 'Simulation.timeout(delay, value, options)');
      this._enqueue(ev, delay, options?.priority ?? NORMAL_PRIORITY);
    }
    return ev;
  }

  /**
   * An event that succeeds once all `events` have succeeded, with their values in input order; it fails
   * as soon as one of them fails, with that error.
   */
  allOf(events: readonly Event<unknown>[]): Event<unknown[]> {
    return new AllOf(this, events);
  }

  /**
   * An event that succeeds as soon as one of `events` succeeds, with a `Map` from the events processed by
   * then (in the order they fired) to their values; it fails if the first to fire fails.
   * With no events it succeeds at once with an empty map.
   */
  anyOf(events: readonly Event<unknown>[]): Event<Map<Event<unknown>, unknown>> {
    return new AnyOf(this, events);
  }

  /**
   * Low-level: calls `callback` after `delay`, without creating an event object. For hot paths in models
   * that do not need processes.
   *
   * @throws {@link DibsimError} `INVALID_ARGUMENT` for a delay that is not a number, or is negative, NaN or
   * infinite, or options that are not an object `{ priority }` with a finite priority.
   */
  schedule(delay: number, callback: ScheduledCallback, options?: TriggerOptions): void {
    if (typeof callback !== 'function') {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `schedule: callback must be a function (got ${describeValue(callback)}).`,
      );
    }
    if (options !== undefined) {
      checkTriggerOptions(options, 'Simulation.schedule(delay, callback, options)');
    }
    this._enqueue(callback, delay, options?.priority ?? NORMAL_PRIORITY);
  }

  /** Time of the next calendar entry, or `Infinity` when the calendar is empty. */
  peek(): number {
    return this.calendar.peekTime();
  }

  /**
   * Processes the next calendar entry.
   *
   * @throws {@link DibsimError} `INVALID_STATE` on an empty calendar, or when called while the simulation
   * is running (from inside a process or callback, where it would move the clock under the running code);
   * `UNHANDLED_FAILURE` if the event failed and nothing handled it.
   */
  step(): void {
    if (this.running) throw reentered('step');
    if (this.calendar.size === 0) {
      throw new DibsimError(
        'INVALID_STATE',
        `step() called with no event left at time ${this._now}. Check sim.peek() < Infinity first.`,
      );
    }
    this.running = true;
    try {
      this.processNext();
    } finally {
      this.running = false;
    }
  }

  /**
   * Runs until the calendar is empty, or until `options.until`.
   *
   * @param options - `until`; an options object, not a number (`sim.run({ until: 5 })`, not SimPy's
   *   `run(5)`)
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if `options` is not an object `{ until }` or `until` is
   * NaN or earlier than `now`; `INVALID_STATE`
   * when called while the simulation is running (from inside a process or callback);
   * `UNHANDLED_FAILURE` if an event fails and nothing handles it (the original error is the `cause`).
   */
  run(options?: RunOptions): void {
    if (options !== undefined) {
      checkOptions(
        options,
        RUN_OPTIONS,
        'Simulation.run(options)',
        typeof options === 'number'
          ? `To stop at time ${options}, write sim.run({ until: ${options} }).`
          : 'Leave it out to run until no event is left.',
      );
    }
    let until = Number.POSITIVE_INFINITY;
    if (options?.until !== undefined) {
      until = options.until;
      if (typeof until !== 'number' || Number.isNaN(until) || until < this._now) {
        throw new DibsimError(
          'INVALID_ARGUMENT',
          `run: until must be a number >= now (${this._now}) (got ${describeValue(until)}). Pass a later time, or omit it to run until no event is left.`,
        );
      }
    }
    if (this.running) throw reentered('run');
    this.running = true;
    try {
      const calendar = this.calendar;
      // The hot loop: read each entry's time once; the observer costs one null check when unused.
      while (calendar.size > 0) {
        const time = calendar.peekTime();
        if (time >= until) break;
        if (this.onEvent !== null) this.observe();
        this._now = time;
        this.processedCount++;
        const item = calendar.pop();
        if (typeof item === 'function') {
          item();
          continue;
        }
        item._process();
        if (!item._ok && !item._defused) throw unhandled(item, time);
      }
      if (until !== Number.POSITIVE_INFINITY) this._now = until;
    } finally {
      this.running = false;
    }
  }

  /** Puts an entry in the calendar at `now + delay`. @internal */
  _enqueue(item: CalendarItem, delay: number, priority: number): void {
    // One combined test keeps the common (valid) case to a single branch; null, true or '5' compare as
    // numbers, so the type is checked too.
    if (
      typeof delay !== 'number' ||
      !(delay >= 0 && delay < Number.POSITIVE_INFINITY) ||
      !Number.isFinite(priority)
    ) {
      throw invalidDelay(delay, priority);
    }
    this.calendar.push(this._now + delay, priority, item);
  }

  /** Puts an entry in the calendar at the current time with an internal priority (may be -Infinity). @internal */
  _enqueueNow(item: CalendarItem, priority: number): void {
    this.calendar.push(this._now, priority, item);
  }

  private observe(): void {
    const calendar = this.calendar;
    this.onEvent?.(
      calendar.peekTime(),
      calendar.peekPriority(),
      calendar.peekSequence(),
      peekEvent(calendar),
    );
  }

  private processNext(): void {
    const calendar = this.calendar;
    if (this.onEvent !== null) this.observe();
    this._now = calendar.peekTime();
    this.processedCount++;
    const item = calendar.pop();
    if (typeof item === 'function') {
      item();
      return;
    }
    item._process();
    if (!item._ok && !item._defused) throw unhandled(item, this._now);
  }
}

function peekEvent(calendar: Calendar<CalendarItem>): Event<unknown> | null {
  const item = calendar.peekItem();
  return typeof item === 'function' || item === undefined ? null : item;
}

function invalidDelay(delay: number, priority: number): DibsimError {
  if (!Number.isFinite(priority)) {
    return new DibsimError(
      'INVALID_ARGUMENT',
      `priority must be a finite number (got ${describeValue(priority)}). Lower numbers run first among events at the same time; the default is 0.`,
    );
  }
  return new DibsimError(
    'INVALID_ARGUMENT',
    `delay must be a finite number >= 0 (got ${describeValue(delay)}). Events cannot be scheduled in the past or at infinity.`,
  );
}

function reentered(method: string): DibsimError {
  return new DibsimError(
    'INVALID_STATE',
    `${method}() called while the simulation is already running (from inside a process or callback). Let the running call go on; to act later, use sim.schedule(delay, callback) or yield sim.timeout(delay).`,
  );
}

function unhandled(event: Event<unknown>, now: number): DibsimError {
  const cause = event._value;
  const who = event instanceof Process ? `Process "${event.name}"` : 'An event';
  // A misuse of the kernel (a bad yield, a negative delay) carries its own fix; catching it is not one.
  if (cause instanceof DibsimError && (cause.code === 'INVALID_ARGUMENT' || cause.code === 'INVALID_STATE')) {
    return new DibsimError('UNHANDLED_FAILURE', `${who} failed at time ${now}: ${cause.message}`, { cause });
  }
  return new DibsimError(
    'UNHANDLED_FAILURE',
    `${who} failed at time ${now} and nothing handled the failure: ${reasonOf(cause)}. Catch the error in a process that waits for it, or call event.defuse().`,
    { cause },
  );
}
