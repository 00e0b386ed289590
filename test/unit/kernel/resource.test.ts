import { describe, expect, it } from 'vitest';
import { DibsimError } from '../../../src/errors.js';
import {
  Interrupt,
  Preempted,
  type Request,
  type RequestOptions,
  Resource,
  Simulation,
} from '../../../src/index.js';
import { expectSame, thrown } from './helpers.js';

/** A user that arrives at `at`, requests one unit, holds it for `hold` and releases it; logs grants. */
function user(
  sim: Simulation,
  res: Resource,
  name: string,
  at: number,
  hold: number,
  log: string[],
  options?: RequestOptions,
): void {
  sim.process(function* () {
    yield sim.timeout(at);
    const req = res.request(options);
    try {
      yield req;
      log.push(`${name}@${sim.now}`);
      yield sim.timeout(hold);
    } catch (error) {
      if (!(error instanceof Interrupt)) throw error;
      log.push(`${name} preempted@${sim.now}`);
    } finally {
      res.release(req);
    }
  });
}

describe('Resource', () => {
  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, undefined])(
    'new Resource(sim, { capacity: %s }) throws INVALID_ARGUMENT naming the value',
    (capacity) => {
      const sim = new Simulation();
      const error = thrown(() => new Resource(sim, { capacity: capacity as number }));
      expect(error).toBeInstanceOf(DibsimError);
      expect(error).toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining(`positive integer (got ${String(capacity)})`),
      });
    },
  );

  it('resource.request() on a free unit is granted at once; count, users and the request say so', () => {
    const sim = new Simulation({ initialTime: 2 });
    const res = new Resource(sim, { capacity: 2 });
    const req = res.request();
    expect(req.status).toBe('granted');
    expect([req.requestedAt, req.grantedAt, req.priority, req.preempt]).toEqual([2, 2, 0, false]);
    expect(req.owner).toBeNull();
    expect(res.count).toBe(1);
    expectSame(res.users, [req]);
    expect(req.triggered).toBe(true);
    sim.run();
    expect(req.value).toBe(req);
  });

  it('resource.request() grants by priority, then FIFO', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 1 });
    const log: string[] = [];
    user(sim, res, 'holder', 0, 10, log);
    user(sim, res, 'p2-first', 1, 1, log, { priority: 2 });
    user(sim, res, 'p1-first', 2, 1, log, { priority: 1 });
    user(sim, res, 'p2-second', 3, 1, log, { priority: 2 });
    user(sim, res, 'p1-second', 4, 1, log, { priority: 1 });
    user(sim, res, 'neg', 5, 1, log, { priority: -0.5 });
    sim.run({ until: 6 });
    expect(res.queue.map((r) => r.priority)).toEqual([-0.5, 1, 1, 2, 2]);
    sim.run();
    expect(log).toEqual(['holder@0', 'neg@10', 'p1-first@11', 'p1-second@12', 'p2-first@13', 'p2-second@14']);
  });

  it('resource.request({ priority: NaN }) throws INVALID_ARGUMENT naming the value', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 1 });
    expect(() => res.request({ priority: Number.NaN })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('(got NaN)') }),
    );
    expect([res.count, res.queue.length]).toEqual([0, 0]);
  });

  it('resource.request() made inside a process records it as owner', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 1 });
    let req: Request | undefined;
    const p = sim.process(function* () {
      req = res.request();
      yield req;
      res.release(req);
    });
    sim.run();
    expect(req?.owner).toBe(p);
  });

  it('resource.release(req) frees a granted unit and grants the next waiter at the same time', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 1 });
    const a = res.request();
    const b = res.request();
    expect(b.status).toBe('waiting');
    sim.schedule(3, () => res.release(a));
    sim.run();
    expect([a.status, b.status, b.grantedAt, res.count]).toEqual(['released', 'granted', 3, 1]);
    expectSame(res.users, [b]);
  });

  it('resource.release(req) withdraws a waiting request, which is never granted', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 1 });
    const a = res.request();
    const b = res.request();
    const c = res.request();
    res.release(b);
    expectSame(res.queue, [c]);
    expect(b.status).toBe('released');
    res.release(a);
    sim.run();
    expect([b.triggered, c.status]).toEqual([false, 'granted']);
  });

  it('resource.release(req) is idempotent: releasing a released request again changes nothing', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 1 });
    const a = res.request();
    const b = res.request();
    res.release(a);
    res.release(a);
    expect([res.count, res.queue.length]).toEqual([1, 0]);
    expectSame(res.users, [b]);
    res.release(b);
    res.release(b);
    expect(res.count).toBe(0);
  });

  it('resource.release(reqOfAnotherResource) throws INVALID_ARGUMENT', () => {
    const sim = new Simulation();
    const a = new Resource(sim, { capacity: 1 });
    const b = new Resource(sim, { capacity: 1 });
    const req = a.request();
    expect(() => b.release(req)).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message:
          'Resource.release(req): req must be a request of this resource (got a request of another resource). Release it on the resource whose request() returned it.',
      }),
    );
    expect(a.count).toBe(1);
  });

  it('resource.release(null) throws INVALID_ARGUMENT, not a TypeError', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 1 });
    for (const [bad, shown] of [
      [null, 'null'],
      [undefined, 'undefined'],
    ] as const) {
      expect(thrown(() => res.release(bad as unknown as Request))).toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining(`req must be a request of this resource (got ${shown})`),
      });
    }
  });

  it('reneging with sim.anyOf([req, sim.timeout(patience)]) and release in finally leaves nothing behind', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 1 });
    const log: string[] = [];
    const customer = (name: string, arrive: number, patience: number, serve: number) =>
      sim.process(function* () {
        yield sim.timeout(arrive);
        const req = res.request();
        try {
          const fired = yield* sim.anyOf([req, sim.timeout(patience)]);
          if (!fired.has(req)) {
            log.push(`${name} reneged@${sim.now}`);
            return;
          }
          log.push(`${name} served@${sim.now}`);
          yield sim.timeout(serve);
        } finally {
          res.release(req);
        }
      });
    customer('A', 0, 1, 5); // served at once, until 5
    customer('B', 1, 2, 1); // gives up at 3
    customer('C', 2, 10, 1); // served at 5 (B has left the queue)
    customer('D', 3, 2, 1); // gives up at 5 just as A leaves: C is first anyway
    sim.run();
    expect(log).toEqual(['A served@0', 'B reneged@3', 'D reneged@5', 'C served@5']);
    expect([res.count, res.queue.length]).toEqual([0, 0]);
  });

  it('resource.request({ preempt: true }) interrupts a holder with a higher priority number; its request is dropped', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 1 });
    let caught: unknown;
    let lowReq: Request | undefined;
    const low = sim.process(function* () {
      lowReq = res.request({ priority: 5 });
      try {
        yield lowReq;
        yield sim.timeout(10);
      } catch (error) {
        caught = error;
      } finally {
        res.release(lowReq); // a no-op: the request was preempted
      }
    });
    let highReq: Request | undefined;
    sim.process(function* () {
      yield sim.timeout(3);
      highReq = res.request({ priority: 1, preempt: true });
      yield highReq;
      yield sim.timeout(2);
      res.release(highReq);
    });
    sim.run({ until: 4 });
    expect(caught).toBeInstanceOf(Interrupt);
    const cause = (caught as Interrupt).cause;
    expect(cause).toBeInstanceOf(Preempted);
    const preempted = cause as Preempted;
    expect(preempted.by).toBe(highReq);
    expect(preempted.resource).toBe(res);
    expect(preempted.usageSince).toBe(0);
    expect([lowReq?.status, highReq?.status, highReq?.grantedAt]).toEqual(['preempted', 'granted', 3]);
    expectSame(res.users, [highReq]);
    expect(res.queue).toHaveLength(0);
    expect(low.isAlive).toBe(false);
    sim.run({ until: 6 });
    expect(res.count).toBe(0); // released at 5
  });

  it('resource.request({ preempt: true }) evicts the holder with the highest priority number, latest granted among equals', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 3 });
    const log: string[] = [];
    user(sim, res, 'p7-early', 0, 100, log, { priority: 7 });
    user(sim, res, 'p7-late', 1, 100, log, { priority: 7 });
    user(sim, res, 'p2', 2, 100, log, { priority: 2 });
    user(sim, res, 'urgent', 5, 1, log, { priority: 0, preempt: true });
    sim.run({ until: 6 });
    expect(log).toEqual(['p7-early@0', 'p7-late@1', 'p2@2', 'p7-late preempted@5', 'urgent@5']);
  });

  it('resource.request({ preempt: true }) with an equal priority number waits instead of preempting', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 1 });
    const log: string[] = [];
    user(sim, res, 'holder', 0, 4, log, { priority: 3 });
    user(sim, res, 'equal', 1, 1, log, { priority: 3, preempt: true });
    sim.run();
    expect(log).toEqual(['holder@0', 'equal@4']);
  });

  it('resource.request({ priority }) without preempt never evicts a holder', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 1 });
    const log: string[] = [];
    user(sim, res, 'holder', 0, 4, log, { priority: 9 });
    user(sim, res, 'vip', 1, 1, log, { priority: -9 });
    sim.run();
    expect(log).toEqual(['holder@0', 'vip@4']);
  });

  it('resource.request({ preempt: true }) takes a unit held outside any process without interrupting anyone', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 1 });
    const held = res.request({ priority: 1 });
    const urgent = res.request({ priority: 0, preempt: true });
    expect([held.status, urgent.status, res.count]).toEqual(['preempted', 'granted', 1]);
    sim.run();
  });

  it('resource.setCapacity(n) growth grants waiting requests at once', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 1 });
    const log: string[] = [];
    for (const [k, name] of ['a', 'b', 'c', 'd'].entries()) user(sim, res, name, k * 0.1, 10, log);
    sim.schedule(2, () => res.setCapacity(3));
    sim.run({ until: 5 });
    expect(log).toEqual(['a@0', 'b@2', 'c@2']);
    expect([res.capacity, res.count, res.queue.length]).toEqual([3, 3, 1]);
  });

  it('resource.setCapacity(n) cut evicts nobody and takes effect as holders release', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 3 });
    const log: string[] = [];
    user(sim, res, 'a', 0, 4, log);
    user(sim, res, 'b', 0, 5, log);
    user(sim, res, 'c', 0, 6, log);
    user(sim, res, 'd', 1, 1, log);
    user(sim, res, 'e', 1, 1, log);
    sim.schedule(1, () => res.setCapacity(1));
    sim.run({ until: 2 });
    expect([res.capacity, res.count]).toEqual([1, 3]);
    sim.run();
    // a leaves at 4 and b at 5 (still over capacity), c at 6: only then is d granted, then e.
    expect(log).toEqual(['a@0', 'b@0', 'c@0', 'd@6', 'e@7']);
  });

  it.each([0, 2.5, Number.NaN])(
    'resource.setCapacity(%s) throws INVALID_ARGUMENT and keeps the capacity',
    (n) => {
      const sim = new Simulation();
      const res = new Resource(sim, { capacity: 2 });
      expect(() => res.setCapacity(n)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
      expect(res.capacity).toBe(2);
    },
  );

  it('resource.stats records busy units, queue length and waits; utilisation() = busy time / capacity time', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 1 });
    const log: string[] = [];
    user(sim, res, 'A', 0, 4, log); // holds [0, 4], waited 0
    user(sim, res, 'B', 1, 2, log); // waits [1, 4], holds [4, 6]
    user(sim, res, 'C', 2, 3, log); // waits [2, 6], holds [6, 9]
    sim.run({ until: 10 });
    expect(log).toEqual(['A@0', 'B@4', 'C@6']);
    const stats = res.stats!;
    // busy: 1 on [0, 9], 0 on [9, 10].
    expect(stats.busy.mean(10)).toBe(0.9);
    expect(res.utilisation()).toBe(0.9);
    // queue: 1 on [1, 2], 2 on [2, 4], 1 on [4, 6]: area 1 + 4 + 2 = 7.
    expect(stats.queueLength.mean(10)).toBe(0.7);
    expect(stats.queueLength.max).toBe(2);
    // waits 0, 3, 4.
    expect([stats.waitTime.count, stats.waitTime.sum, stats.waitTime.max]).toEqual([3, 7, 4]);
    expect(stats.capacity.mean(10)).toBe(1);
  });

  it('resource.resetStats() starts the statistics again at the end of a warm-up; levels carry on', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 1 });
    const log: string[] = [];
    user(sim, res, 'A', 0, 4, log); // holds [0, 4]
    user(sim, res, 'B', 1, 2, log); // waits [1, 4], holds [4, 6]
    user(sim, res, 'C', 2, 3, log); // waits [2, 6], holds [6, 9]
    sim.schedule(5, () => res.resetStats()); // B holds, C waits: both carry on from time 5
    sim.run({ until: 10 });
    const stats = res.stats!;
    // From 5: busy 1 on [5, 9], 0 on [9, 10]; queue 1 on [5, 6]; C's wait (4) was granted after the reset.
    expect(res.utilisation()).toBe(0.8);
    expect(stats.queueLength.mean(10)).toBe(0.2);
    expect([stats.waitTime.count, stats.waitTime.sum]).toEqual([1, 4]);
    expect(stats.capacity.mean(10)).toBe(1);
    new Resource(sim, { capacity: 1, stats: false }).resetStats(); // nothing to reset
  });

  it('resource.stats.capacity follows setCapacity(n) over time', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 1 });
    sim.schedule(5, () => res.setCapacity(3));
    sim.run({ until: 10 });
    expect(res.stats?.capacity.mean(10)).toBe(2);
    expect(res.utilisation()).toBe(0);
  });

  it('new Resource(sim, { stats: false }) records nothing: stats null, utilisation() NaN', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 1, stats: false });
    const req = res.request();
    res.release(req);
    expect(res.stats).toBeNull();
    expect(res.utilisation()).toBeNaN();
  });

  it('resource.users and resource.queue are copies; resource.queueLength counts the queue without one', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 1 });
    res.request();
    res.request();
    res.request();
    res.users.pop();
    res.queue.pop();
    expect([res.users.length, res.queue.length, res.queueLength]).toEqual([1, 2, 2]);
  });
});
