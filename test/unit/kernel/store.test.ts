import { describe, expect, it } from 'vitest';
import { DibsimError } from '../../../src/errors.js';
import { Simulation, Store, type StoreGet, type StorePut } from '../../../src/index.js';
import { thrown } from './helpers.js';

interface Order {
  readonly id: number;
  readonly item: string;
}

/** Records when each request completes, as `name@time` (with the item taken, for gets). */
function track<T>(sim: Simulation, log: string[], name: string, req: StorePut<T> | StoreGet<T>) {
  req.addCallback((e) => log.push(`${name}@${sim.now}=${String(e.value)}`));
  return req;
}

describe('Store', () => {
  it('new Store(sim) holds any number of items; store.get() hands them out FIFO', () => {
    const sim = new Simulation();
    const store = new Store<string>(sim);
    expect(store.capacity).toBe(Number.POSITIVE_INFINITY);
    for (const x of ['a', 'b', 'c']) store.put(x);
    expect([store.size, store.items]).toEqual([3, ['a', 'b', 'c']]);
    const got: string[] = [];
    sim.process(function* () {
      for (let k = 0; k < 3; k++) got.push(yield* store.get());
    });
    sim.run();
    expect(got).toEqual(['a', 'b', 'c']);
    expect(store.size).toBe(0);
  });

  it.each([0, -1, 2.5, Number.NaN])(
    'new Store(sim, { capacity: %s }) throws INVALID_ARGUMENT naming the value',
    (capacity) => {
      const error = thrown(() => new Store(new Simulation(), { capacity }));
      expect(error).toBeInstanceOf(DibsimError);
      expect(error).toMatchObject({ code: 'INVALID_ARGUMENT' });
      expect(error.message).toContain(`(got ${capacity})`);
    },
  );

  it('store.get() waits until an item is put, and gets are served in order', () => {
    const sim = new Simulation();
    const store = new Store<string>(sim);
    const log: string[] = [];
    track(sim, log, 'g1', store.get());
    track(sim, log, 'g2', store.get());
    sim.schedule(2, () => store.put('x'));
    sim.schedule(3, () => store.put('y'));
    sim.run();
    expect(log).toEqual(['g1@2=x', 'g2@3=y']);
  });

  it('store.put(item) waits while the store is full; puts complete in order as gets make room', () => {
    const sim = new Simulation();
    const store = new Store<string>(sim, { capacity: 2 });
    const log: string[] = [];
    for (const x of ['a', 'b', 'c', 'd']) track(sim, log, `put ${x}`, store.put(x));
    expect(store.items).toEqual(['a', 'b']);
    sim.schedule(1, () => store.get());
    sim.schedule(2, () => store.get());
    sim.run();
    expect(log).toEqual(['put a@0=a', 'put b@0=b', 'put c@1=c', 'put d@2=d']);
    expect(store.items).toEqual(['c', 'd']);
  });

  it('store.get(filter) takes the first item the filter accepts', () => {
    const sim = new Simulation();
    const store = new Store<Order>(sim);
    store.put({ id: 1, item: '155mm' });
    store.put({ id: 2, item: 'javelin' });
    store.put({ id: 3, item: 'javelin' });
    const get = store.get((o) => o.item === 'javelin');
    expect(get.value).toEqual({ id: 2, item: 'javelin' });
    expect(store.items.map((o) => o.id)).toEqual([1, 3]);
  });

  it('store.get(filter) that matches nothing waits without blocking other getters', () => {
    const sim = new Simulation();
    const store = new Store<Order>(sim);
    const log: string[] = [];
    const picky = store.get((o) => o.item === 'javelin');
    picky.addCallback((e) => log.push(`picky@${sim.now}=${e.value.id}`));
    const any = store.get();
    any.addCallback((e) => log.push(`any@${sim.now}=${e.value.id}`));
    sim.schedule(1, () => store.put({ id: 1, item: '155mm' })); // only the unfiltered get accepts it
    sim.schedule(2, () => store.put({ id: 2, item: 'javelin' }));
    sim.run();
    expect(log).toEqual(['any@1=1', 'picky@2=2']);
    expect(store.size).toBe(0);
  });

  it('store.put(item) goes to the earliest waiting get that accepts it', () => {
    const sim = new Simulation();
    const store = new Store<number>(sim);
    const log: string[] = [];
    track(
      sim,
      log,
      'even',
      store.get((n) => n % 2 === 0),
    );
    track(
      sim,
      log,
      'odd',
      store.get((n) => n % 2 === 1),
    );
    track(sim, log, 'any', store.get());
    sim.schedule(1, () => {
      store.put(3);
      store.put(4);
      store.put(5);
    });
    sim.run();
    expect(log).toEqual(['odd@1=3', 'even@1=4', 'any@1=5']);
  });

  it('store.get(notAFunction) throws INVALID_ARGUMENT', () => {
    const sim = new Simulation();
    const store = new Store<number>(sim);
    const notAFunction = 'x' as unknown as (n: number) => boolean;
    expect(() => store.get(notAFunction)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('(got "x")') }),
    );
  });

  it('store.cancel(req) withdraws a waiting get or put; on a completed one it returns false', () => {
    const sim = new Simulation();
    const store = new Store<string>(sim, { capacity: 1 });
    const first = store.put('a');
    const waitingPut = store.put('b');
    expect(store.cancel(waitingPut)).toBe(true);
    expect(store.cancel(waitingPut)).toBe(false);
    expect(store.cancel(first)).toBe(false);
    store.get();
    expect([store.items, waitingPut.triggered]).toEqual([[], false]);

    const waitingGet = store.get();
    expect(store.cancel(waitingGet)).toBe(true);
    store.put('c');
    sim.run();
    expect([store.items, waitingGet.triggered]).toEqual([['c'], false]);
  });

  it('store.cancel(req) throws for a request of another store, which stays waiting there', () => {
    const sim = new Simulation();
    const a = new Store<string>(sim);
    const b = new Store<string>(sim);
    const waiting = b.get();
    expect(thrown(() => a.cancel(waiting))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message:
        'Store.cancel(req): req must be a put or get of this store (got a request of another store). Cancel it on the store whose put or get returned it.',
    });
    expect(thrown(() => a.cancel(undefined as unknown as StoreGet<string>)).message).toContain(
      '(got undefined)',
    );
    b.put('x');
    sim.run();
    expect([waiting.triggered, waiting.value, b.items]).toEqual([true, 'x', []]);
  });

  it('store.stats.size records the number of items over time', () => {
    const sim = new Simulation();
    const store = new Store<number>(sim);
    sim.schedule(1, () => store.put(1));
    sim.schedule(2, () => store.put(2));
    sim.schedule(4, () => store.get());
    sim.run({ until: 10 });
    // 0 on [0, 1], 1 on [1, 2], 2 on [2, 4], 1 on [4, 10]: area 1 + 4 + 6.
    expect(store.stats?.size.mean(10)).toBe(1.1);
    expect(store.stats?.size.max).toBe(2);
    expect(new Store(sim, { stats: false }).stats).toBeNull();
  });

  it('store.stats tallies put and get waits, and the queue lengths count what waits without a copy', () => {
    const sim = new Simulation();
    const store = new Store<string>(sim, { capacity: 1 });
    const lengths: number[][] = [];
    store.get(); // waits from 0 to 2
    store.get((item) => item === 'b'); // waits from 0 to 5
    sim.schedule(2, () => {
      store.put('a'); // stored at once: the first get takes it
      store.put('x'); // stored at once (room), held
      store.put('b'); // waits from 2 to 5, when 'x' goes
      lengths.push([store.putQueueLength, store.getQueueLength, store.size]);
    });
    sim.schedule(5, () => store.get()); // takes 'x' at once; 'b' then goes in and to the second get
    sim.run();
    expect(lengths).toEqual([[1, 1, 1]]);
    expect([store.putQueueLength, store.getQueueLength, store.size]).toEqual([0, 0, 0]);
    // Puts: 'a' 0, 'x' 0, 'b' 3. Gets: first 2, the filtered 5, the last 0.
    expect([store.stats?.putWait.count, store.stats?.putWait.sum]).toEqual([3, 3]);
    expect([store.stats?.getWait.count, store.stats?.getWait.sum]).toEqual([3, 7]);
    store.resetStats();
    expect([store.stats?.putWait.count, store.stats?.getWait.count]).toEqual([0, 0]);
  });

  it('store.resetStats() starts the size statistics again now, from the current size', () => {
    const sim = new Simulation();
    const store = new Store<number>(sim);
    sim.schedule(1, () => store.put(1));
    sim.schedule(2, () => store.put(2));
    sim.schedule(3, () => store.resetStats());
    sim.schedule(4, () => store.get());
    sim.run({ until: 10 });
    // 2 on [3, 4], 1 on [4, 10]: area 2 + 6 over 7.
    expect(store.stats?.size.mean(10)).toBe(8 / 7);
    expect(store.stats?.size.max).toBe(2);
  });

  it('store.items is a copy', () => {
    const sim = new Simulation();
    const store = new Store<number>(sim);
    store.put(1);
    store.items.pop();
    expect(store.size).toBe(1);
  });
});
