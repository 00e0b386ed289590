/**
 * Resource: a number of identical units (machines, crews, test ranges) that processes request and release.
 *
 * @module
 */
import { checkOptionalBoolean, checkOptions, DibsimError, describeValue } from '../errors.js';
import { Tally } from '../stats/tally.js';
import { TimeWeighted } from '../stats/time-weighted.js';
import { checkSimulation, Event } from './event.js';
import { removeItem } from './list.js';
import type { Process } from './process.js';
import type { Simulation } from './simulation.js';
import { resetStatistics } from './statistics.js';

/** Options for {@link Resource}. */
export interface ResourceOptions {
  /** Number of units: a positive integer. */
  readonly capacity: number;
  /**
   * Record utilisation, queue length and waiting times.
   * @defaultValue true
   */
  readonly stats?: boolean | undefined;
}

/** Options for {@link Resource.request}. */
export interface RequestOptions {
  /**
   * Lower numbers are served first; any finite number.
   * @defaultValue 0
   */
  readonly priority?: number | undefined;
  /**
   * If no unit is free, evict the holder with the highest priority number (the latest granted among
   * equals) when that number is strictly greater than this request's priority. The evicted holder's
   * process receives an {@link Interrupt} whose cause is a {@link Preempted}; its request is dropped.
   * @defaultValue false
   */
  readonly preempt?: boolean | undefined;
}

/** The names of {@link ResourceOptions} and {@link RequestOptions}. */
const RESOURCE_OPTIONS = ['capacity', 'stats'];
const REQUEST_OPTIONS = ['priority', 'preempt'];

/** Where a {@link Request} stands. */
export type RequestStatus = 'waiting' | 'granted' | 'released' | 'preempted';

/**
 * A request for one unit of a {@link Resource}: an event that succeeds when the unit is granted.
 * Always hand it back with {@link Resource.release}, typically in a `finally` block.
 */
export class Request extends Event<Request> {
  /** The resource requested. */
  readonly resource: Resource;
  /** Priority (lower first). */
  readonly priority: number;
  /** Whether this request may preempt a holder. */
  readonly preempt: boolean;
  /** The process that made the request (it is interrupted on preemption), or `null`. */
  readonly owner: Process<unknown> | null;
  /** Simulated time the request was made. */
  readonly requestedAt: number;
  /** Simulated time the unit was granted, or `NaN` while not granted. */
  grantedAt = Number.NaN;
  /** @internal */ _status: RequestStatus = 'waiting';
  /** Order of arrival, for FIFO among equal priorities. @internal */ _order: number;

  /** Use {@link Resource.request}. @internal */
  constructor(resource: Resource, priority: number, preempt: boolean, order: number) {
    super(resource.sim);
    this.resource = resource;
    this.priority = priority;
    this.preempt = preempt;
    this.owner = resource.sim._active;
    this.requestedAt = resource.sim._now;
    this._order = order;
  }

  /** Where the request stands. */
  get status(): RequestStatus {
    return this._status;
  }
}

/** The cause carried by the {@link Interrupt} a preempted holder receives. */
export class Preempted {
  /**
   * @param by - the request that took the unit
   * @param usageSince - when the preempted request had been granted
   * @param resource - the resource concerned
   */
  constructor(
    readonly by: Request,
    readonly usageSince: number,
    readonly resource: Resource,
  ) {}

  /** A one-line description for messages. */
  toString(): string {
    return `preempted by a request of priority ${this.by.priority} (held since time ${this.usageSince})`;
  }
}

/** Statistics a resource records about itself (see {@link Resource.stats}). */
export interface ResourceStats {
  /** Units in use over time. */
  readonly busy: TimeWeighted;
  /** Capacity over time (it changes with {@link Resource.setCapacity}). */
  readonly capacity: TimeWeighted;
  /** Requests waiting over time. */
  readonly queueLength: TimeWeighted;
  /** Waiting time of each granted request (grant time − request time). */
  readonly waitTime: Tally;
}

/**
 * A resource with `capacity` identical units. Requests are granted by ascending priority, then in
 * arrival order (FIFO).
 *
 * @example
 * const line = new Resource(sim, { capacity: 2 });
 * sim.process(function* () {
 *   const req = line.request();
 *   try { yield req; yield sim.timeout(5); } finally { line.release(req); }
 * });
 */
export class Resource {
  /** The simulation the resource belongs to. */
  readonly sim: Simulation;
  /** Statistics, or `null` when created with `stats: false`. */
  readonly stats: ResourceStats | null;
  private cap: number;
  private readonly holders: Request[] = [];
  private readonly waiting: Request[] = [];
  private arrivals = 0;

  /**
   * @param sim - the simulation
   * @param options - capacity (a positive integer) and whether to record statistics
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if `options` is not an object `{ capacity, stats }`,
   * capacity is not a positive integer or `stats` is not a boolean.
   */
  constructor(sim: Simulation, options: ResourceOptions) {
    checkSimulation(sim, 'new Resource(sim, options)');
    checkOptions(
      options,
      RESOURCE_OPTIONS,
      'new Resource(sim, options)',
      'Pass { capacity: 1 } or more units.',
    );
    checkOptionalBoolean(
      'new Resource(sim, options): options.stats',
      options?.stats,
      'Leave it out to record statistics.',
    );
    this.sim = sim;
    this.cap = checkCapacity(options?.capacity);
    this.stats =
      options.stats === false
        ? null
        : {
            busy: new TimeWeighted({ time: sim.now, level: 0 }),
            capacity: new TimeWeighted({ time: sim.now, level: this.cap }),
            queueLength: new TimeWeighted({ time: sim.now, level: 0 }),
            waitTime: new Tally(),
          };
  }

  /** Number of units. */
  get capacity(): number {
    return this.cap;
  }

  /** Units in use. */
  get count(): number {
    return this.holders.length;
  }

  /** Granted requests, in grant order (a copy). */
  get users(): Request[] {
    return this.holders.slice();
  }

  /** Waiting requests, in service order (a copy). */
  get queue(): Request[] {
    return this.waiting.slice();
  }

  /** Number of waiting requests (`queue.length` without the copy). */
  get queueLength(): number {
    return this.waiting.length;
  }

  /**
   * Forgets the statistics recorded so far and starts them again now, e.g. at the end of a warm-up period,
   * so that they describe the steady state only: levels (units in use, capacity, queue) carry on, the wait
   * tally starts empty. Does nothing without stats.
   *
   * @example
   * sim.schedule(1_000, () => line.resetStats()); // statistics from time 1,000 on
   */
  resetStats(): void {
    resetStatistics(this.stats, this.sim.now);
  }

  /**
   * Time-average fraction of capacity in use since the resource was created or its statistics were last
   * reset ({@link Resource.resetStats}); NaN without stats.
   */
  utilisation(): number {
    const s = this.stats;
    if (s === null) return Number.NaN;
    const now = this.sim.now;
    const cap = s.capacity.mean(now);
    return cap > 0 ? s.busy.mean(now) / cap : 0;
  }

  /**
   * Requests one unit. The returned event succeeds (with the request) once the unit is granted.
   *
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if `options` is not an object `{ priority, preempt }`,
   * `priority` is not finite or `preempt` is not a boolean.
   */
  request(options?: RequestOptions): Request {
    // The hottest call of queueing models: options are checked only when given, by a screen inlined here
    // (a few ns); checkRequestOptions reports whatever it does not pass.
    if (options !== undefined) {
      let ok = typeof options === 'object' && options !== null && !Array.isArray(options);
      if (ok) for (const key in options) if (key !== 'priority' && key !== 'preempt') ok = false;
      if (!ok || (options.preempt !== undefined && typeof options.preempt !== 'boolean'))
        checkRequestOptions(options);
    }
    const priority = options?.priority ?? 0;
    if (!Number.isFinite(priority)) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `request: priority must be a finite number (got ${describeValue(priority)}). Lower numbers are served first.`,
      );
    }
    const req = new Request(this, priority, options?.preempt === true, this.arrivals++);
    if (this.waiting.length === 0 && this.holders.length < this.cap) {
      // Granted on the spot: nothing can be waiting for the new request yet, so it is processed at
      // once and a process that yields it continues without a calendar round trip.
      this.grant(req, true);
      return req;
    }
    this.enqueue(req);
    if (req.preempt && this.holders.length >= this.cap) this.preemptFor(req);
    this.grantWaiting();
    return req;
  }

  /**
   * Hands a unit back, or withdraws a request still waiting. Idempotent: releasing a request that was
   * already released or preempted does nothing.
   *
   * @throws {@link DibsimError} `INVALID_ARGUMENT`, changing nothing, if `req` is not a request of this
   * resource.
   */
  release(req: Request): void {
    if (req?.resource !== this) {
      const got = req instanceof Request ? 'a request of another resource' : describeValue(req);
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `Resource.release(req): req must be a request of this resource (got ${got}). Release it on the resource whose request() returned it.`,
      );
    }
    if (req._status === 'granted') {
      const holders = this.holders;
      // Usually the only or the latest holder; otherwise search.
      if (holders[holders.length - 1] === req) holders.pop();
      else removeItem(holders, req);
      req._status = 'released';
      this.recordBusy();
      this.grantWaiting();
    } else if (req._status === 'waiting') {
      removeItem(this.waiting, req);
      req._status = 'released';
      this.recordQueue();
    }
  }

  /**
   * Changes the number of units. Growth grants waiting requests at once; a cut takes effect as holders
   * release (no holder is evicted).
   *
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if `capacity` is not a positive integer.
   */
  setCapacity(capacity: number): void {
    this.cap = checkCapacity(capacity);
    this.stats?.capacity.update(this.sim.now, this.cap);
    this.grantWaiting();
  }

  private grant(req: Request, now = false): void {
    req._status = 'granted';
    req.grantedAt = this.sim.now;
    this.holders.push(req);
    const s = this.stats;
    if (s !== null) {
      s.busy.update(this.sim.now, this.holders.length);
      s.waitTime.add(this.sim.now - req.requestedAt);
    }
    if (now) req._succeedNow(req);
    else req.succeed(req);
  }

  private grantWaiting(): void {
    const waiting = this.waiting;
    if (waiting.length === 0 || this.holders.length >= this.cap) return;
    while (waiting.length > 0 && this.holders.length < this.cap) this.grant(waiting.shift()!);
    this.recordQueue();
  }

  /** Inserts by (priority, arrival): binary search for the first request with a larger priority. */
  private enqueue(req: Request): void {
    const waiting = this.waiting;
    const last = waiting[waiting.length - 1];
    if (last === undefined || last.priority <= req.priority) {
      // The common case (equal priorities): FIFO means the end of the queue.
      waiting.push(req);
      this.recordQueue();
      return;
    }
    let lo = 0;
    let hi = waiting.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (waiting[mid]!.priority <= req.priority) lo = mid + 1;
      else hi = mid;
    }
    waiting.splice(lo, 0, req);
    this.recordQueue();
  }

  private preemptFor(req: Request): void {
    let victim: Request | undefined;
    for (const h of this.holders) {
      // Highest priority number; among equals the latest granted (holders are in grant order).
      if (victim === undefined || h.priority >= victim.priority) victim = h;
    }
    if (victim === undefined || !(victim.priority > req.priority)) return;
    removeItem(this.holders, victim);
    victim._status = 'preempted';
    this.recordBusy();
    const owner = victim.owner;
    if (owner?.isAlive && owner !== this.sim.activeProcess)
      owner.interrupt(new Preempted(req, victim.grantedAt, this));
  }

  private recordBusy(): void {
    this.stats?.busy.update(this.sim.now, this.holders.length);
  }

  private recordQueue(): void {
    this.stats?.queueLength.update(this.sim.now, this.waiting.length);
  }
}

/** The full check of {@link Resource.request}'s options, for those its inline screen does not pass. */
function checkRequestOptions(options: unknown): void {
  checkOptions(options, REQUEST_OPTIONS, 'Resource.request(options)');
  checkOptionalBoolean(
    'Resource.request(options): options.preempt',
    (options as RequestOptions).preempt,
    'Leave it out for false.',
  );
}

function checkCapacity(capacity: unknown): number {
  if (typeof capacity !== 'number' || !Number.isInteger(capacity) || capacity < 1) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `Resource capacity must be a positive integer (got ${describeValue(capacity)}). Use the number of identical units, e.g. 1.`,
    );
  }
  return capacity;
}
