/**
 * Stores: queues of distinct items (orders, shipments, batches) with blocking put and get.
 *
 * @module
 */
import {
  checkOptionalBoolean,
  checkOptionNames,
  checkOptions,
  DibsimError,
  describeValue,
} from '../errors.js';
import { Tally } from '../stats/tally.js';
import { TimeWeighted } from '../stats/time-weighted.js';
import { checkSimulation, Event } from './event.js';
import { removeItem } from './list.js';
import type { Simulation } from './simulation.js';
import { resetStatistics } from './statistics.js';

/** Options for {@link Store}. */
export interface StoreOptions {
  /**
   * Largest number of items held: a positive integer or `Infinity`.
   * @defaultValue Infinity
   */
  readonly capacity?: number | undefined;
  /**
   * Record the number of items held over time and the waiting time of each put and get.
   * @defaultValue true
   */
  readonly stats?: boolean | undefined;
}

/** Options for {@link PriorityStore}. */
export interface PriorityStoreOptions<T> extends StoreOptions {
  /** Priority of an item: a finite number, lower is handed out first (FIFO among equals). */
  readonly priority: (item: T) => number;
}

/** The names of {@link StoreOptions} and {@link PriorityStoreOptions}. */
const STORE_OPTIONS = ['capacity', 'stats'];
const PRIORITY_STORE_OPTIONS = ['capacity', 'stats', 'priority'];

/** Statistics a store records about itself (see {@link Store.stats}). */
export interface StoreStats {
  /** Number of items held over time. */
  readonly size: TimeWeighted;
  /** Waiting time of each completed put (storage time − request time). */
  readonly putWait: Tally;
  /** Waiting time of each completed get (time the item was taken − request time). */
  readonly getWait: Tally;
}

/** A predicate selecting which items a get accepts. */
export type ItemFilter<T> = (item: T) => boolean;

/** A pending put into a {@link Store}; succeeds (with the item) once the item is stored. */
export class StorePut<T> extends Event<T> {
  /** The item to store. */
  readonly item: T;
  /** Simulated time the request was made. */
  readonly requestedAt: number;
  /** @internal */ _waiting = true;
  /** The store whose put made the request. @internal */
  readonly _store: Store<T>;

  /** Use {@link Store.put}. @internal */
  constructor(store: Store<T>, item: T) {
    super(store.sim);
    this._store = store;
    this.item = item;
    this.requestedAt = store.sim.now;
  }
}

/** A pending get from a {@link Store}; succeeds with the item taken. */
export class StoreGet<T> extends Event<T> {
  /** Items this get accepts, or `null` for any. */
  readonly filter: ItemFilter<T> | null;
  /** Simulated time the request was made. */
  readonly requestedAt: number;
  /** @internal */ _waiting = true;
  /** The store whose get made the request. @internal */
  readonly _store: Store<T>;

  /** Use {@link Store.get}. @internal */
  constructor(store: Store<T>, filter: ItemFilter<T> | null) {
    super(store.sim);
    this._store = store;
    this.filter = filter;
    this.requestedAt = store.sim.now;
  }
}

/**
 * A FIFO store of up to `capacity` items. `put(item)` waits while full; `get(filter?)` waits until an
 * acceptable item is there. Waiting gets are served in order, but a get whose filter matches nothing
 * does not block the gets behind it.
 *
 * @typeParam T - type of the items
 * @example
 * const orders = new Store<Order>(sim);
 * sim.process(function* () { const order = yield* orders.get((o) => o.item === '155mm'); });
 */
export class Store<T> {
  /** The simulation the store belongs to. */
  readonly sim: Simulation;
  /** Largest number of items held. */
  readonly capacity: number;
  /** Items held over time and put and get waits, or `null` when created with `stats: false`. */
  readonly stats: StoreStats | null;
  /** Items held, in hand-out order. @internal */
  protected readonly held: T[] = [];
  private readonly puts: StorePut<T>[] = [];
  private readonly gets: StoreGet<T>[] = [];
  /** The request being added by put/get: if served at once, it skips the calendar. */
  private fresh: StorePut<T> | StoreGet<T> | null = null;

  /**
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if `options` is not an object `{ capacity, stats }`,
   * capacity is not a positive integer or Infinity, or `stats` is not a boolean.
   */
  constructor(sim: Simulation, options: StoreOptions = {}) {
    const call = `new ${new.target.name}(sim, options)`;
    checkSimulation(sim, call);
    // A subclass may take more options (PriorityStore: priority) and checks the names it knows itself.
    checkOptions(options, new.target === Store ? STORE_OPTIONS : null, call);
    checkOptionalBoolean(`${call}: options.stats`, options.stats, 'Leave it out to record statistics.');
    this.sim = sim;
    const capacity = options.capacity ?? Number.POSITIVE_INFINITY;
    if (
      typeof capacity !== 'number' ||
      !(capacity >= 1) ||
      (!Number.isInteger(capacity) && capacity !== Number.POSITIVE_INFINITY)
    ) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `Store capacity must be a positive integer or Infinity (got ${describeValue(capacity)}).`,
      );
    }
    this.capacity = capacity;
    this.stats =
      options.stats === false
        ? null
        : { size: new TimeWeighted({ time: sim.now, level: 0 }), putWait: new Tally(), getWait: new Tally() };
  }

  /**
   * Forgets the statistics recorded so far and starts them again now (e.g. at the end of a warm-up
   * period); the size's time average carries on from the current size, the wait tallies start empty. Does
   * nothing without stats.
   */
  resetStats(): void {
    resetStatistics(this.stats, this.sim.now);
  }

  /** Items held, in the order they would be handed out (a copy). */
  get items(): T[] {
    return this.held.slice();
  }

  /** Number of items held. */
  get size(): number {
    return this.held.length;
  }

  /** Number of puts waiting for room (without copying them). */
  get putQueueLength(): number {
    return this.puts.length;
  }

  /** Number of gets waiting for an acceptable item (without copying them). */
  get getQueueLength(): number {
    return this.gets.length;
  }

  /** Stores `item` once there is room (after earlier waiting puts). */
  put(item: T): StorePut<T> {
    const req = new StorePut(this, item);
    this.puts.push(req);
    this.fresh = req;
    this.settle();
    this.fresh = null;
    return req;
  }

  /** Takes the first held item accepted by `filter` (any item without one), waiting until there is one. */
  get(filter?: ItemFilter<T>): StoreGet<T> {
    if (filter !== undefined && typeof filter !== 'function') {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `Store.get: filter must be a function (got ${describeValue(filter)}).`,
      );
    }
    const req = new StoreGet<T>(this, filter ?? null);
    this.gets.push(req);
    this.fresh = req;
    this.settle();
    this.fresh = null;
    return req;
  }

  /**
   * Withdraws a put or get still waiting; returns whether it was waiting. Calling it on a completed or
   * already cancelled request does nothing.
   *
   * @throws {@link DibsimError} `INVALID_ARGUMENT`, changing nothing, if `req` is not a put or get of this
   * store (as {@link Resource.release} does for a request of another resource).
   */
  cancel(req: StorePut<T> | StoreGet<T>): boolean {
    if (!(req instanceof StorePut || req instanceof StoreGet) || req._store !== this) {
      const got =
        req instanceof StorePut || req instanceof StoreGet
          ? 'a request of another store'
          : describeValue(req);
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `Store.cancel(req): req must be a put or get of this store (got ${got}). Cancel it on the store whose put or get returned it.`,
      );
    }
    if (!req._waiting) return false;
    req._waiting = false;
    if (req instanceof StorePut) removeItem(this.puts, req);
    else removeItem(this.gets, req);
    this.settle();
    return true;
  }

  /** Adds an item in hand-out order. Subclasses change the order. @internal */
  protected insert(item: T): void {
    this.held.push(item);
  }

  /** Removes and returns the held item at index `i`. @internal */
  protected removeAt(i: number): T {
    return this.held.splice(i, 1)[0] as T;
  }

  private settle(): void {
    const before = this.held.length;
    let progress = true;
    while (progress) {
      progress = false;
      while (this.puts.length > 0 && this.held.length < this.capacity) {
        const req = this.puts.shift()!;
        req._waiting = false;
        this.stats?.putWait.add(this.sim.now - req.requestedAt);
        this.insert(req.item);
        if (req === this.fresh) req._succeedNow(req.item);
        else req.succeed(req.item);
        progress = true;
      }
      // Serve gets in order; a get with nothing acceptable is skipped, not a barrier.
      for (let g = 0; g < this.gets.length && this.held.length > 0; ) {
        const req = this.gets[g]!;
        const i = req.filter === null ? 0 : this.held.findIndex(req.filter);
        if (i < 0) {
          g++;
          continue;
        }
        const item = this.removeAt(i);
        this.gets.splice(g, 1);
        req._waiting = false;
        this.stats?.getWait.add(this.sim.now - req.requestedAt);
        if (req === this.fresh) req._succeedNow(item);
        else req.succeed(item);
        progress = true;
      }
    }
    if (this.held.length !== before) this.stats?.size.update(this.sim.now, this.held.length);
  }
}

/**
 * A {@link Store} that hands out the item with the lowest `priority(item)` first, FIFO among equals.
 *
 * @typeParam T - type of the items
 */
export class PriorityStore<T> extends Store<T> {
  private readonly priorityOf: (item: T) => number;
  private readonly keys: number[] = [];

  /**
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if `options` is not an object `{ priority, capacity, stats }`
   * or `priority` is not a function, or as {@link Store}.
   */
  constructor(sim: Simulation, options: PriorityStoreOptions<T>) {
    super(sim, options);
    checkOptionNames(options, PRIORITY_STORE_OPTIONS, 'new PriorityStore(sim, options): options');
    if (typeof options?.priority !== 'function') {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `PriorityStore needs options.priority, a function from item to number (got ${describeValue(options?.priority)}).`,
      );
    }
    this.priorityOf = options.priority;
  }

  /**
   * Stores `item` once there is room, in priority order.
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if `priority(item)` is not a finite number.
   */
  override put(item: T): StorePut<T> {
    const key = this.priorityOf(item);
    if (typeof key !== 'number' || !Number.isFinite(key)) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `PriorityStore.put: priority(item) must be a finite number (got ${describeValue(key)}).`,
      );
    }
    return super.put(item);
  }

  protected override insert(item: T): void {
    const key = this.priorityOf(item);
    // Insert after all equal keys so that equal priorities stay FIFO.
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.keys[mid]! <= key) lo = mid + 1;
      else hi = mid;
    }
    this.held.splice(lo, 0, item);
    this.keys.splice(lo, 0, key);
  }

  protected override removeAt(i: number): T {
    this.keys.splice(i, 1);
    return super.removeAt(i);
  }
}
