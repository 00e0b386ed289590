/**
 * Events: the things processes wait for.
 *
 * @module
 */
import { checkOptions, DibsimError, describeValue } from '../errors.js';
import type { Simulation } from './simulation.js';

/** Event state: not yet triggered. @internal */
export const PENDING = 0;
/** Event state: triggered (has a value, sits in the calendar). @internal */
export const TRIGGERED = 1;
/** Event state: processed (callbacks have run). @internal */
export const PROCESSED = 2;

/**
 * Priority of dibsim's urgent internal events (process start and interrupts): `-Infinity`, so they run
 * before every user event scheduled at the same time, as SimPy's URGENT events do.
 */
export const URGENT_PRIORITY = Number.NEGATIVE_INFINITY;

/** Default priority of events: timeouts, `succeed`/`fail`, resource grants, container and store operations. */
export const NORMAL_PRIORITY = 0;

/** A function called with an event once the event is processed. */
export type EventCallback<T = unknown> = (event: Event<T>) => void;

/**
 * How callbacks are stored: the event passes itself, so a callback typed for `Event<T>` is stored with
 * the element type erased (generic fields of function type would make `Event<T>` invariant in `T`).
 * @internal
 */
export type StoredCallback = (event: Event<unknown>) => void;

/** Options for triggering an event. */
export interface TriggerOptions {
  /**
   * Calendar priority among events at the same time: any finite number, lower runs first.
   * @defaultValue 0
   */
  readonly priority?: number | undefined;
}

/** The names of {@link TriggerOptions}. */
const TRIGGER_OPTIONS: readonly string[] = ['priority'];

/**
 * Checks the {@link TriggerOptions} given to `call`: a screen cheap enough for `sim.timeout` (a few ns),
 * then {@link checkOptions}, which says what is wrong, for whatever the screen does not pass.
 * @internal
 */
export function checkTriggerOptions(options: unknown, call: string): void {
  if (typeof options === 'object' && options !== null && !Array.isArray(options)) {
    let ok = true;
    for (const key in options) if (key !== 'priority') ok = false;
    if (ok) return;
  }
  checkOptions(options, TRIGGER_OPTIONS, call);
}

/**
 * Something that happens at a simulated time, carrying a value of type `T` (or a failure).
 *
 * An event is *pending* until it is triggered by {@link Event.succeed} or {@link Event.fail}; it then
 * sits in the calendar until the simulation reaches it and *processes* it, calling its callbacks in the
 * order they were added. Processes wait for events by yielding them: `const v = yield ev` evaluates to
 * the value (typed `unknown`, the fast path), and `const v = yield* ev` gives it typed as `T` at the cost
 * of one small generator object per wait.
 *
 * A failed event throws its error into every process waiting for it. A failure that nothing handles
 * stops {@link Simulation.run} with an error naming the simulated time.
 *
 * @typeParam T - type of the value the event carries when it succeeds
 * @example
 * const ready = sim.event<string>();
 * sim.process(function* () { const msg = yield* ready; console.log(msg, sim.now); });
 * sim.schedule(5, () => ready.succeed('go'));
 */
export class Event<T = unknown> {
  /** The simulation this event belongs to. */
  readonly sim: Simulation;
  /** @internal */ _state: number;
  /** @internal */ _ok: boolean;
  /** @internal */ _value: unknown;
  /** @internal */ _defused: boolean;
  /** First callback, kept outside the array so that the common single-waiter case allocates nothing. @internal */
  _cb: StoredCallback | null;
  /** Further callbacks, in the order added. @internal */
  _cbs: StoredCallback[] | null;

  /**
   * @param sim - the simulation the event belongs to
   * @param state - initial state (internal: the kernel creates timeouts already triggered)
   * @param value - initial value (internal)
   */
  constructor(sim: Simulation, state: number = PENDING, value?: unknown) {
    this.sim = sim;
    this._state = state;
    this._ok = true;
    this._value = value;
    this._defused = false;
    this._cb = null;
    this._cbs = null;
  }

  /** Whether the event has been triggered (succeeded or failed), whether or not it was processed yet. */
  get triggered(): boolean {
    return this._state !== PENDING;
  }

  /** Whether the simulation has processed the event (its callbacks have run). */
  get processed(): boolean {
    return this._state === PROCESSED;
  }

  /**
   * Whether the event succeeded. Meaningful once {@link Event.triggered} is true.
   * @throws {@link DibsimError} `INVALID_STATE` while the event is still pending.
   */
  get ok(): boolean {
    if (this._state === PENDING) throw this.notYet('ok');
    return this._ok;
  }

  /**
   * The event's value: what it succeeded with, or the error it failed with.
   * @throws {@link DibsimError} `INVALID_STATE` while the event is still pending.
   */
  get value(): T {
    if (this._state === PENDING) throw this.notYet('value');
    return this._value as T;
  }

  /** Whether a failure of this event has been marked as handled (see {@link Event.defuse}). */
  get defused(): boolean {
    return this._defused;
  }

  /**
   * Triggers the event with `value`; it is processed at the current time (after events already
   * scheduled at the same time and priority).
   *
   * @returns the event itself
   * @throws {@link DibsimError} `INVALID_STATE` if the event was already triggered; `INVALID_ARGUMENT`
   * (leaving the event pending) if `options` is not an object `{ priority }` with a finite priority.
   */
  succeed(value?: T, options?: TriggerOptions): this {
    if (this._state !== PENDING) throw this.alreadyTriggered('succeed');
    if (options !== undefined) checkTriggerOptions(options, 'Event.succeed(value, options)');
    // Enqueue first: an invalid priority then throws before the event leaves the pending state.
    this.sim._enqueue(this, 0, options?.priority ?? NORMAL_PRIORITY);
    this._ok = true;
    this._value = value;
    this._state = TRIGGERED;
    return this;
  }

  /**
   * Triggers the event as failed with `error`: every process waiting for it gets `error` thrown at its
   * `yield`. If nothing waits and the failure is not {@link Event.defuse | defused}, the run stops.
   *
   * @returns the event itself
   * @throws {@link DibsimError} `INVALID_STATE` if the event was already triggered; `INVALID_ARGUMENT`
   * (leaving the event pending) if `options` is not an object `{ priority }` with a finite priority.
   */
  fail(error: unknown, options?: TriggerOptions): this {
    if (this._state !== PENDING) throw this.alreadyTriggered('fail');
    if (options !== undefined) checkTriggerOptions(options, 'Event.fail(error, options)');
    // Enqueue first, as in succeed().
    this.sim._enqueue(this, 0, options?.priority ?? NORMAL_PRIORITY);
    this._ok = false;
    this._value = error;
    this._state = TRIGGERED;
    return this;
  }

  /** Marks a failure as handled so that it does not stop the run when nothing waits for the event. */
  defuse(): this {
    this._defused = true;
    return this;
  }

  /**
   * Adds a callback run when the event is processed; callbacks run in the order added. On an event
   * already processed (for instance a request granted on the spot, which is processed at once), the
   * callback is scheduled to run at the current time instead.
   *
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if `callback` is not a function (it would otherwise fail
   * only when the run reaches the event).
   */
  addCallback(callback: EventCallback<T>): void {
    if (typeof callback !== 'function') {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `Event.addCallback(callback): callback must be a function (got ${describeValue(callback)}). Pass (event) => { … }.`,
      );
    }
    const cb = callback as StoredCallback;
    if (this._state === PROCESSED) {
      this.sim._enqueue(() => cb(this as Event<unknown>), 0, NORMAL_PRIORITY);
      return;
    }
    if (this._cb === null) this._cb = cb;
    else if (this._cbs === null) this._cbs = [cb];
    else this._cbs.push(cb);
  }

  /** Removes a callback added with {@link Event.addCallback}; returns whether it was found. */
  removeCallback(callback: EventCallback<T>): boolean {
    const cb = callback as StoredCallback;
    if (this._cb === cb) {
      // Keep insertion order: the oldest remaining callback moves into the first slot.
      const rest = this._cbs;
      this._cb = rest !== null && rest.length > 0 ? (rest.shift() as StoredCallback) : null;
      return true;
    }
    const rest = this._cbs;
    if (rest === null) return false;
    const i = rest.indexOf(cb);
    if (i < 0) return false;
    rest.splice(i, 1);
    return true;
  }

  /**
   * Lets a process wait with `yield*` and receive the value typed as `T`:
   * `const item = yield* store.get()`. Each use allocates one small generator; plain `yield` does not.
   */
  *[Symbol.iterator](): Generator<Event<T>, T, unknown> {
    return (yield this) as T;
  }

  /**
   * Succeeds and marks the event processed at once, without a calendar round trip. Only for an event
   * that nothing can be waiting for yet (just created, no callbacks), e.g. a request granted on the
   * spot: a process that yields it continues immediately.
   * @internal
   */
  _succeedNow(value: unknown): void {
    this._ok = true;
    this._value = value;
    this._state = PROCESSED;
  }

  /** Runs the callbacks; called by the simulation when it reaches the event. @internal */
  _process(): void {
    this._state = PROCESSED;
    const cb = this._cb;
    const cbs = this._cbs;
    this._cb = null;
    this._cbs = null;
    if (cb !== null) cb(this as Event<unknown>);
    if (cbs !== null) for (let i = 0; i < cbs.length; i++) cbs[i]!(this as Event<unknown>);
  }

  private notYet(what: string): DibsimError {
    return new DibsimError(
      'INVALID_STATE',
      `event.${what} is not available while the event is pending. Wait for it (yield it) or check event.triggered first.`,
    );
  }

  private alreadyTriggered(what: string): DibsimError {
    return new DibsimError(
      'INVALID_STATE',
      `event.${what}() called on an event that was already triggered (value ${describeValue(this._value)}). An event fires once; create a new one with sim.event().`,
    );
  }
}

/**
 * Checks that `sim` is a {@link Simulation} (by shape, as this module cannot import the class).
 *
 * @param where - the constructor to name in the error, e.g. `new Resource(sim, options)`
 * @throws {@link DibsimError} `INVALID_ARGUMENT` otherwise.
 * @internal
 */
export function checkSimulation(sim: unknown, where: string): asserts sim is Simulation {
  const s = sim as Partial<Simulation> | undefined;
  if (typeof s?.schedule !== 'function' || typeof s.now !== 'number') {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `${where}: sim must be a Simulation (got ${describeValue(sim)}). Create one with new Simulation() and pass it first.`,
    );
  }
}
