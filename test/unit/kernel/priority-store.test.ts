import { describe, expect, it } from 'vitest';
import { PriorityStore, Simulation } from '../../../src/index.js';
import { thrown } from './helpers.js';

interface Job {
  readonly name: string;
  readonly rank: number;
}

const job = (name: string, rank: number): Job => ({ name, rank });

describe('PriorityStore', () => {
  it('priorityStore.get() hands out the lowest priority first, FIFO among equals', () => {
    const sim = new Simulation();
    const store = new PriorityStore<Job>(sim, { priority: (j) => j.rank });
    for (const j of [job('b1', 2), job('c', 3), job('a', -1.5), job('b2', 2), job('z', 0), job('b3', 2)]) {
      store.put(j);
    }
    expect(store.items.map((j) => j.name)).toEqual(['a', 'z', 'b1', 'b2', 'b3', 'c']);
    const got: string[] = [];
    sim.process(function* () {
      while (store.size > 0) got.push((yield* store.get()).name);
    });
    sim.run();
    expect(got).toEqual(['a', 'z', 'b1', 'b2', 'b3', 'c']);
  });

  it('priorityStore.get(filter) takes the lowest-priority item the filter accepts', () => {
    const sim = new Simulation();
    const store = new PriorityStore<Job>(sim, { priority: (j) => j.rank });
    store.put(job('x-late', 5));
    store.put(job('y', 1));
    store.put(job('x-early', 2));
    const get = store.get((j) => j.name.startsWith('x'));
    expect(get.value.name).toBe('x-early');
    expect(store.items.map((j) => j.name)).toEqual(['y', 'x-late']);
  });

  it('priorityStore.put(item) waiting for room is stored in priority order once there is room', () => {
    const sim = new Simulation();
    const store = new PriorityStore<Job>(sim, { capacity: 2, priority: (j) => j.rank });
    store.put(job('m', 5));
    store.put(job('n', 6));
    const waiting = store.put(job('urgent', 0));
    expect(waiting.triggered).toBe(false);
    const first = store.get(); // takes m, then urgent gets in at the front
    expect(first.value.name).toBe('m');
    expect(waiting.triggered).toBe(true);
    expect(store.items.map((j) => j.name)).toEqual(['urgent', 'n']);
    sim.run();
  });

  it('priorityStore.get() waiting gets the item put later, whatever its priority', () => {
    const sim = new Simulation();
    const store = new PriorityStore<Job>(sim, { priority: (j) => j.rank });
    const log: string[] = [];
    sim.process(function* () {
      const j = yield* store.get();
      log.push(`${j.name}@${sim.now}`);
    });
    sim.schedule(3, () => store.put(job('only', 99)));
    sim.run();
    expect(log).toEqual(['only@3']);
  });

  it('new PriorityStore(sim, {}) without a priority function throws INVALID_ARGUMENT', () => {
    const error = thrown(
      () => new PriorityStore<Job>(new Simulation(), {} as unknown as { priority: (j: Job) => number }),
    );
    expect(error).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('options.priority'),
    });
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])(
    'priorityStore.put(item) with priority(item) = %s throws INVALID_ARGUMENT and stores nothing',
    (rank) => {
      const sim = new Simulation();
      const store = new PriorityStore<Job>(sim, { priority: (j) => j.rank });
      const error = thrown(() => store.put(job('bad', rank)));
      expect(error).toMatchObject({ code: 'INVALID_ARGUMENT' });
      expect(error.message).toContain(`(got ${rank})`);
      expect(store.size).toBe(0);
    },
  );

  it('new PriorityStore(sim, { capacity: 0, … }) throws like Store', () => {
    const error = thrown(
      () => new PriorityStore<Job>(new Simulation(), { capacity: 0, priority: (j) => j.rank }),
    );
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('(got 0)') });
  });
});
