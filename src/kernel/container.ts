/**
 * Container: a homogeneous, divisible quantity (rounds in a depot, tonnes of TNT) put and taken in amounts.
 *
 * @module
 */
import { checkOptionalBoolean, checkOptions, DibsimError, describeValue } from '../errors.js';
import { Tally } from '../stats/tally.js';
import { TimeWeighted } from '../stats/time-weighted.js';
import { checkSimulation, Event } from './event.js';
import { removeItem } from './list.js';
import type { Simulation } from './simulation.js';
import { resetStatistics } from './statistics.js';

/** Options for {@link Container}. */
export interface ContainerOptions {
  /**
   * Largest level: a positive number, or `Infinity`.
   * @defaultValue Infinity
   */
  readonly capacity?: number | undefined;
  /**
   * Initial level, between 0 and `capacity`.
   * @defaultValue 0
   */
  readonly init?: number | undefined;
  /**
   * Record the level over time and waiting times.
   * @defaultValue true
   */
  readonly stats?: boolean | undefined;
}

/** The names of {@link ContainerOptions}. */
const CONTAINER_OPTIONS = ['capacity', 'init', 'stats'];

/** A pending put into or get from a {@link Container}; succeeds with the amount once done. */
export class ContainerRequest extends Event<number> {
  /** The amount to put or get. */
  readonly amount: number;
  /** Simulated time the request was made. */
  readonly requestedAt: number;
  /** @internal */ _waiting = false;
  /** The container whose put or get made the request. @internal */
  readonly _container: Container;

  /** Use {@link Container.put} or {@link Container.get}. @internal */
  constructor(container: Container, amount: number) {
    super(container.sim);
    this._container = container;
    this.amount = amount;
    this.requestedAt = container.sim.now;
  }
}

/** Statistics a container records about itself (see {@link Container.stats}). */
export interface ContainerStats {
  /** Level over time. */
  readonly level: TimeWeighted;
  /** Waiting time of each completed put. */
  readonly putWait: Tally;
  /** Waiting time of each completed get. */
  readonly getWait: Tally;
}

/**
 * A level between 0 and `capacity`. `put(amount)` waits while the amount does not fit; `get(amount)`
 * waits while the level is too low. Each direction is strictly FIFO: a large waiting get holds back
 * later small ones, so requests are never overtaken. The level never goes negative.
 *
 * @example
 * const depot = new Container(sim, { capacity: 200_000, init: 50_000 });
 * sim.process(function* () { yield depot.get(1_000); });
 */
export class Container {
  /** The simulation the container belongs to. */
  readonly sim: Simulation;
  /** Largest level. */
  readonly capacity: number;
  /** Statistics, or `null` when created with `stats: false`. */
  readonly stats: ContainerStats | null;
  private current: number;
  private readonly puts: ContainerRequest[] = [];
  private readonly gets: ContainerRequest[] = [];
  /** The request being added by put/get: if served at once, it skips the calendar. */
  private fresh: ContainerRequest | null = null;

  /**
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if `options` is not an object `{ capacity, init, stats }`,
   * capacity is not positive, `init` is outside [0, capacity] or `stats` is not a boolean.
   */
  constructor(sim: Simulation, options: ContainerOptions = {}) {
    checkSimulation(sim, 'new Container(sim, options)');
    checkOptions(options, CONTAINER_OPTIONS, 'new Container(sim, options)');
    checkOptionalBoolean(
      'new Container(sim, options): options.stats',
      options.stats,
      'Leave it out to record statistics.',
    );
    this.sim = sim;
    const capacity = options.capacity ?? Number.POSITIVE_INFINITY;
    if (typeof capacity !== 'number' || !(capacity > 0)) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `Container capacity must be a number > 0 or Infinity (got ${describeValue(capacity)}). Use the storage limit, or omit it for no limit.`,
      );
    }
    const init = options.init ?? 0;
    if (typeof init !== 'number' || !(init >= 0 && init <= capacity) || !Number.isFinite(init)) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `Container init must be a finite number between 0 and capacity (${capacity}) (got ${describeValue(init)}).`,
      );
    }
    this.capacity = capacity;
    this.current = init;
    this.stats =
      options.stats === false
        ? null
        : {
            level: new TimeWeighted({ time: sim.now, level: init }),
            putWait: new Tally(),
            getWait: new Tally(),
          };
  }

  /** Current level. */
  get level(): number {
    return this.current;
  }

  /**
   * Forgets the statistics recorded so far and starts them again now (e.g. at the end of a warm-up
   * period): the level's time average carries on from the current level, the wait tallies start empty.
   * Does nothing without stats.
   */
  resetStats(): void {
    resetStatistics(this.stats, this.sim.now);
  }

  /** Puts waiting for room, in order (a copy). */
  get putQueue(): ContainerRequest[] {
    return this.puts.slice();
  }

  /** Gets waiting for stock, in order (a copy). */
  get getQueue(): ContainerRequest[] {
    return this.gets.slice();
  }

  /** Number of puts waiting for room (`putQueue.length` without the copy). */
  get putQueueLength(): number {
    return this.puts.length;
  }

  /** Number of gets waiting for stock (`getQueue.length` without the copy). */
  get getQueueLength(): number {
    return this.gets.length;
  }

  /**
   * Adds `amount` once it fits (after earlier waiting puts).
   * @throws {@link DibsimError} `INVALID_ARGUMENT`, changing nothing, if `amount` is negative, NaN or larger
   * than capacity, or (without a capacity limit) would take the level past the largest double, ≈ 1.8e308.
   */
  put(amount: number): ContainerRequest {
    const checked = this.check('put', amount);
    // Without a limit a put never waits, so the level becomes level + amount now: it must stay finite.
    if (this.capacity === Number.POSITIVE_INFINITY && !(this.current + checked < Number.POSITIVE_INFINITY)) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `Container.put(amount): amount must keep the level (${this.current}) a finite number (got ${describeValue(amount)}). Rescale the quantity (e.g. thousands of units) so that levels stay below 1.8e308.`,
      );
    }
    const req = new ContainerRequest(this, checked);
    this.puts.push(req);
    req._waiting = true;
    this.fresh = req;
    this.settle();
    this.fresh = null;
    return req;
  }

  /**
   * Removes `amount` once the level allows (after earlier waiting gets).
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if `amount` is negative, NaN or larger than capacity.
   */
  get(amount: number): ContainerRequest {
    const req = new ContainerRequest(this, this.check('get', amount));
    this.gets.push(req);
    req._waiting = true;
    this.fresh = req;
    this.settle();
    this.fresh = null;
    return req;
  }

  /**
   * Withdraws a put or get that is still waiting (e.g. after an interrupt or a timeout); returns whether
   * it was waiting. Calling it on a completed or already cancelled request does nothing.
   *
   * @throws {@link DibsimError} `INVALID_ARGUMENT`, changing nothing, if `req` is not a put or get of this
   * container (as {@link Resource.release} does for a request of another resource).
   */
  cancel(req: ContainerRequest): boolean {
    if (!(req instanceof ContainerRequest) || req._container !== this) {
      const got = req instanceof ContainerRequest ? 'a request of another container' : describeValue(req);
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `Container.cancel(req): req must be a put or get of this container (got ${got}). Cancel it on the container whose put or get returned it.`,
      );
    }
    if (!req._waiting) return false;
    req._waiting = false;
    if (!removeItem(this.puts, req)) removeItem(this.gets, req);
    // A withdrawn head may unblock the requests behind it.
    this.settle();
    return true;
  }

  private check(what: string, amount: unknown): number {
    if (typeof amount !== 'number' || !(amount >= 0) || !Number.isFinite(amount) || amount > this.capacity) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `Container.${what}: amount must be a finite number between 0 and capacity (${this.capacity}) (got ${describeValue(amount)}). An amount that can never fit would wait forever.`,
      );
    }
    return amount;
  }

  /** Serves waiting puts and gets, each in FIFO order, until neither head can proceed. */
  private settle(): void {
    const puts = this.puts;
    const gets = this.gets;
    const before = this.current;
    let progress = true;
    while (progress) {
      progress = false;
      while (puts.length > 0 && this.current + puts[0]!.amount <= this.capacity) {
        const req = puts.shift()!;
        this.current += req.amount;
        this.done(req, this.stats?.putWait);
        progress = true;
      }
      while (gets.length > 0 && gets[0]!.amount <= this.current) {
        const req = gets.shift()!;
        this.current -= req.amount;
        this.done(req, this.stats?.getWait);
        progress = true;
      }
    }
    if (this.current !== before) this.stats?.level.update(this.sim.now, this.current);
  }

  private done(req: ContainerRequest, wait: Tally | undefined): void {
    req._waiting = false;
    wait?.add(this.sim.now - req.requestedAt);
    if (req === this.fresh) req._succeedNow(req.amount);
    else req.succeed(req.amount);
  }
}
