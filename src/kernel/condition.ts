/**
 * Condition events: wait for all, or any, of several events.
 *
 * @module
 */
import { DibsimError, describeValue } from '../errors.js';
import { Event, type EventCallback, PENDING, PROCESSED } from './event.js';
import type { Simulation } from './simulation.js';

/** Shared machinery: watch children until the condition decides, then stop watching. */
abstract class Condition<T> extends Event<T> {
  protected readonly events: readonly Event<unknown>[];
  /** Children in the order they were processed. */
  protected readonly fired: Event<unknown>[] = [];
  private readonly check: EventCallback<unknown>;

  constructor(sim: Simulation, events: readonly Event<unknown>[], what: string) {
    super(sim);
    if (!Array.isArray(events)) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `${what} expects an array of events (got ${describeValue(events)}).`,
      );
    }
    for (const [i, ev] of events.entries()) {
      if (!(ev instanceof Event) || ev.sim !== sim) {
        throw new DibsimError(
          'INVALID_ARGUMENT',
          `${what}: events[${i}] is not an event of this simulation (got ${describeValue(ev)}).`,
        );
      }
    }
    this.events = events.slice();
    this.check = (ev) => this.onChild(ev);
  }

  /** Looks at children already processed, then watches the rest. Subclasses call it last. */
  protected start(): void {
    // Record every processed child before deciding, so that anyOf's map lists them all (input order).
    for (const ev of this.events) if (ev._state === PROCESSED) this.fired.push(ev);
    for (const ev of this.fired) if (this.decide(ev)) return;
    if (this.decideEmpty()) return;
    for (const ev of this.events) if (ev._state !== PROCESSED) ev.addCallback(this.check);
  }

  /** Handles a processed child; returns whether the condition has now been triggered. */
  protected abstract decide(child: Event<unknown>): boolean;
  /** Triggers the condition if it is already decided with no child processed; returns whether it did. */
  protected abstract decideEmpty(): boolean;

  private onChild(ev: Event<unknown>): void {
    if (this._state !== PENDING) return;
    this.fired.push(ev);
    if (this.decide(ev)) {
      for (const other of this.events) if (other._state !== PROCESSED) other.removeCallback(this.check);
    }
  }

  /** Fails with a child's error, taking over responsibility for it. */
  protected failWith(child: Event<unknown>): boolean {
    child._defused = true;
    this.fail(child._value);
    return true;
  }
}

/** Succeeds with every child's value in input order once all succeed; fails with the first failure. @internal */
export class AllOf extends Condition<unknown[]> {
  private remaining: number;

  constructor(sim: Simulation, events: readonly Event<unknown>[]) {
    super(sim, events, 'allOf');
    this.remaining = this.events.length;
    this.start();
  }

  protected decide(child: Event<unknown>): boolean {
    if (!child._ok) return this.failWith(child);
    if (--this.remaining > 0) return false;
    this.succeed(this.events.map((e) => e._value));
    return true;
  }

  protected decideEmpty(): boolean {
    if (this.events.length > 0) return false;
    this.succeed([]);
    return true;
  }
}

/** Succeeds when the first child succeeds, with a Map of processed children to values. @internal */
export class AnyOf extends Condition<Map<Event<unknown>, unknown>> {
  constructor(sim: Simulation, events: readonly Event<unknown>[]) {
    super(sim, events, 'anyOf');
    this.start();
  }

  protected decide(child: Event<unknown>): boolean {
    if (!child._ok) return this.failWith(child);
    const values = new Map<Event<unknown>, unknown>();
    for (const ev of this.fired) if (ev._ok) values.set(ev, ev._value);
    this.succeed(values);
    return true;
  }

  protected decideEmpty(): boolean {
    if (this.events.length > 0) return false;
    this.succeed(new Map());
    return true;
  }
}
