import { describe, expect, it } from 'vitest';
import { DibsimError } from '../../../src/errors.js';
import { Container, type ContainerRequest, Simulation } from '../../../src/index.js';
import { expectSame, thrown } from './helpers.js';

/** Records when each request completes, as `name@time`. */
function track(sim: Simulation, log: string[], name: string, req: ContainerRequest): ContainerRequest {
  req.addCallback(() => log.push(`${name}@${sim.now}`));
  return req;
}

describe('Container', () => {
  it('new Container(sim) has capacity Infinity and level 0; { capacity, init } set them', () => {
    const sim = new Simulation();
    const open = new Container(sim);
    expect([open.capacity, open.level]).toEqual([Number.POSITIVE_INFINITY, 0]);
    const depot = new Container(sim, { capacity: 100, init: 40 });
    expect([depot.capacity, depot.level]).toEqual([100, 40]);
  });

  it.each([
    [{ capacity: 0 }, 'capacity must be a number > 0 or Infinity (got 0)'],
    [{ capacity: -5 }, '(got -5)'],
    [{ capacity: Number.NaN }, '(got NaN)'],
    [{ capacity: 10, init: -1 }, 'init must be a finite number between 0 and capacity (10) (got -1)'],
    [{ capacity: 10, init: 11 }, '(got 11)'],
    [{ init: Number.NaN }, '(got NaN)'],
    [{ init: Number.POSITIVE_INFINITY }, '(got Infinity)'],
  ])('new Container(sim, %j) throws INVALID_ARGUMENT naming the value', (options, text) => {
    const error = thrown(() => new Container(new Simulation(), options));
    expect(error).toBeInstanceOf(DibsimError);
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(error.message).toContain(text);
  });

  it.each([
    ['negative', -1, '(got -1)'],
    ['NaN', Number.NaN, '(got NaN)'],
    ['larger than capacity', 11, '(got 11)'],
    ['infinite', Number.POSITIVE_INFINITY, '(got Infinity)'],
  ])('container.put(amount) and container.get(amount) with a %s amount throw at once', (_, amount, text) => {
    const sim = new Simulation();
    const depot = new Container(sim, { capacity: 10, init: 5 });
    for (const call of [() => depot.put(amount), () => depot.get(amount)]) {
      const error = thrown(call);
      expect(error).toMatchObject({ code: 'INVALID_ARGUMENT' });
      expect(error.message).toContain(text);
    }
    expect([depot.level, depot.putQueue.length, depot.getQueue.length]).toEqual([5, 0, 0]);
  });

  it('container.put(amount) that fits completes at once and succeeds with the amount', () => {
    const sim = new Simulation();
    const depot = new Container(sim, { capacity: 10 });
    const put = depot.put(4);
    expect([put.triggered, put.amount, depot.level]).toEqual([true, 4, 4]);
    sim.run();
    expect(put.value).toBe(4);
  });

  it('container.get(amount) waits while the level is too low, then takes it', () => {
    const sim = new Simulation();
    const depot = new Container(sim, { capacity: 100, init: 3 });
    const log: string[] = [];
    sim.process(function* () {
      const got = yield* depot.get(10);
      log.push(`got ${got}@${sim.now}`);
    });
    sim.schedule(2, () => depot.put(5)); // level 8: still too low
    sim.schedule(4, () => depot.put(5)); // level 13: get takes 10
    sim.run();
    expect(log).toEqual(['got 10@4']);
    expect(depot.level).toBe(3);
  });

  it('container.put(amount) waits while the amount does not fit, then adds it', () => {
    const sim = new Simulation();
    const depot = new Container(sim, { capacity: 10, init: 8 });
    const log: string[] = [];
    track(sim, log, 'put5', depot.put(5));
    expect(depot.level).toBe(8);
    sim.schedule(1, () => depot.get(2)); // level 6: 5 does not fit
    sim.schedule(3, () => depot.get(1)); // level 5: 5 fits
    sim.run();
    expect(log).toEqual(['put5@3']);
    expect(depot.level).toBe(10);
  });

  it('container.get(amount) and put(amount) that miss by one ulp wait: no tolerance at the boundary', () => {
    const sim = new Simulation();
    const justOver = 0.1 + 0.2; // 0.30000000000000004, one ulp above 0.3
    const depot = new Container(sim, { capacity: 1, init: 0.3 });
    const log: string[] = [];
    track(sim, log, 'get', depot.get(justOver));
    expect([depot.level, depot.getQueue.length]).toEqual([0.3, 1]);
    const tank = new Container(sim, { capacity: 0.6, init: 0.3 });
    track(sim, log, 'put', tank.put(justOver)); // 0.3 + justOver rounds to 0.6000000000000001 > 0.6
    expect([tank.level, tank.putQueue.length]).toEqual([0.3, 1]);
    sim.schedule(1, () => depot.put(0.5));
    sim.schedule(2, () => tank.get(0.1));
    sim.run();
    expect(log).toEqual(['get@1', 'put@2']);
  });

  it('container.get(amount) is strictly FIFO: a large waiting get holds back a later small one', () => {
    const sim = new Simulation();
    const depot = new Container(sim, { init: 4 });
    const log: string[] = [];
    track(sim, log, 'big', depot.get(10));
    const small = track(sim, log, 'small', depot.get(1));
    expect(small.triggered).toBe(false);
    expect([depot.getQueueLength, depot.getQueue.length, depot.putQueueLength]).toEqual([2, 2, 0]);
    sim.schedule(1, () => depot.put(6)); // 10: big goes, small still waits
    sim.schedule(2, () => depot.put(1)); // small goes
    sim.run();
    expect(log).toEqual(['big@1', 'small@2']);
    expect(depot.level).toBe(0);
  });

  it('container.put(amount) is strictly FIFO: a large waiting put holds back a later small one', () => {
    const sim = new Simulation();
    const depot = new Container(sim, { capacity: 10, init: 7 });
    const log: string[] = [];
    track(sim, log, 'big', depot.put(8));
    track(sim, log, 'small', depot.put(1));
    expect(depot.level).toBe(7);
    expect([depot.putQueueLength, depot.putQueue.length, depot.getQueueLength]).toEqual([2, 2, 0]);
    sim.schedule(1, () => depot.get(7)); // level 0: big (8), then small (1) fit
    sim.run();
    expect(log).toEqual(['big@1', 'small@1']);
    expect(depot.level).toBe(9);
  });

  it('container.put(amount) serves several waiting gets in order at the same time', () => {
    const sim = new Simulation();
    const depot = new Container(sim);
    const log: string[] = [];
    track(sim, log, 'g3', depot.get(3));
    track(sim, log, 'g2', depot.get(2));
    track(sim, log, 'g4', depot.get(4));
    sim.schedule(5, () => depot.put(6)); // g3 and g2 go; g4 needs 4 > 1
    sim.run();
    expect(log).toEqual(['g3@5', 'g2@5']);
    expect(depot.level).toBe(1);
    expect(depot.getQueue.map((r) => r.amount)).toEqual([4]);
  });

  it('container.put(amount) that would take an unlimited level past 1.8e308 throws and changes nothing', () => {
    const sim = new Simulation();
    const depot = new Container(sim);
    depot.put(1e308);
    sim.run();
    expect(thrown(() => depot.put(1e308))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message:
        'Container.put(amount): amount must keep the level (1e+308) a finite number (got 1e+308). Rescale the quantity (e.g. thousands of units) so that levels stay below 1.8e308.',
    });
    // The level was left at Infinity, after a TimeWeighted error, and the put was lost half-way.
    expect([depot.level, depot.putQueue.length, sim.pendingCount]).toEqual([1e308, 0, 0]);
    expect(depot.stats!.level.level).toBe(1e308);
    depot.get(1e308);
    expect(depot.level).toBe(0);
  });

  it('container.cancel(req) withdraws a waiting request and lets the ones behind it proceed', () => {
    const sim = new Simulation();
    const depot = new Container(sim, { init: 5 });
    const log: string[] = [];
    const big = track(sim, log, 'big', depot.get(50));
    track(sim, log, 'small', depot.get(2));
    expect(depot.cancel(big)).toBe(true);
    expect(depot.cancel(big)).toBe(false);
    sim.run();
    expect(log).toEqual(['small@0']);
    expect(depot.level).toBe(3);
    expect(big.triggered).toBe(false);
    expectSame(depot.getQueue, []);
  });

  it('container.cancel(req) on a completed request returns false and changes nothing', () => {
    const sim = new Simulation();
    const depot = new Container(sim, { capacity: 10 });
    const put = depot.put(4);
    expect(depot.cancel(put)).toBe(false);
    expect(depot.level).toBe(4);
  });

  it('container.cancel(req) throws for a request of another container, which stays waiting there', () => {
    const sim = new Simulation();
    const a = new Container(sim, { init: 0 });
    const b = new Container(sim, { init: 0 });
    const waiting = b.get(5);
    expect(thrown(() => a.cancel(waiting))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message:
        'Container.cancel(req): req must be a put or get of this container (got a request of another container). Cancel it on the container whose put or get returned it.',
    });
    expect(thrown(() => a.cancel(null as unknown as ContainerRequest)).message).toContain('(got null)');
    // Still waiting in b (it used to be marked done there, then served anyway), and b can cancel it.
    expectSame(b.getQueue, [waiting]);
    expect(b.cancel(waiting)).toBe(true);
    b.put(5);
    sim.run();
    expect([b.level, waiting.triggered]).toEqual([5, false]);
  });

  it('container.cancel(req) after an interrupt keeps the level untouched', () => {
    const sim = new Simulation();
    const depot = new Container(sim, { capacity: 10, init: 10 });
    const p = sim.process(function* () {
      const put = depot.put(3);
      try {
        yield put;
      } catch {
        depot.cancel(put);
      }
    });
    sim.schedule(1, () => p.interrupt('give up'));
    sim.schedule(2, () => depot.get(5));
    sim.run();
    expect([depot.level, depot.putQueue.length]).toEqual([5, 0]);
  });

  it('container.stats records the level over time and the waits of puts and gets', () => {
    const sim = new Simulation();
    const depot = new Container(sim, { capacity: 10, init: 2 });
    sim.schedule(0, () => depot.get(5)); // waits [0, 1]
    sim.schedule(1, () => depot.put(4)); // level 6, then the get takes 5: level 1
    sim.schedule(3, () => depot.put(10)); // waits [3, 6]
    sim.schedule(6, () => depot.get(1)); // level 0, then the put adds 10
    sim.run({ until: 10 });
    const stats = depot.stats!;
    expect(depot.level).toBe(10);
    // Level 2 on [0, 1], 1 on [1, 6], 10 on [6, 10]: area 2 + 5 + 40.
    expect(stats.level.mean(10)).toBe(4.7);
    expect([stats.level.min, stats.level.max]).toEqual([1, 10]);
    expect([stats.putWait.count, stats.putWait.sum, stats.putWait.max]).toEqual([2, 3, 3]);
    expect([stats.getWait.count, stats.getWait.sum, stats.getWait.max]).toEqual([2, 1, 1]);
  });

  it('container.resetStats() starts the statistics again now; the level carries on', () => {
    const sim = new Simulation();
    const depot = new Container(sim, { capacity: 10, init: 2 });
    sim.schedule(0, () => depot.get(5)); // waits [0, 1]
    sim.schedule(1, () => depot.put(4)); // level 1 after the get
    sim.schedule(2, () => depot.resetStats());
    sim.schedule(6, () => depot.put(3));
    sim.run({ until: 10 });
    const stats = depot.stats!;
    // Level 1 on [2, 6], 4 on [6, 10]: area 4 + 16 over 8.
    expect(stats.level.mean(10)).toBe(2.5);
    expect([stats.level.min, stats.level.max]).toEqual([1, 4]);
    expect([stats.getWait.count, stats.putWait.count]).toEqual([0, 1]);
  });

  it('new Container(sim, { stats: false }) records nothing', () => {
    const sim = new Simulation();
    const depot = new Container(sim, { stats: false });
    depot.put(1);
    expect(depot.stats).toBeNull();
  });
});
