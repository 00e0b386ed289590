// Options objects of the kernel: a misspelt key or a value of the wrong shape is an error naming the call,
// not a silent default (they used to start at 0, run to the end, get capacity Infinity, …).
import { describe, expect, it } from 'vitest';
import type { DibsimError } from '../../../src/errors.js';
import { Container, PriorityStore, Resource, Simulation, Store } from '../../../src/index.js';
import { thrown } from './helpers.js';

/** Calls `make` with `options` as any value, and returns the error message (failing if nothing throws). */
function messageOf(make: (options: never) => unknown, options: unknown): string {
  const error = thrown(() => make(options as never)) as DibsimError;
  expect(error.code).toBe('INVALID_ARGUMENT');
  return error.message;
}

describe('kernel options', () => {
  const sim = new Simulation();
  const resource = new Resource(sim, { capacity: 1 });
  const cases: [string, (options: never) => unknown, unknown, string][] = [
    [
      'new Simulation({ intialTime })',
      (o) => new Simulation(o),
      { intialTime: 3 },
      "new Simulation(options): options.intialTime is not an option (got 3). Did you mean 'initialTime'? Options: initialTime.",
    ],
    [
      'new Simulation(5)',
      (o) => new Simulation(o),
      5,
      'new Simulation(options): options must be an object { initialTime } (got 5). Leave it out for the defaults.',
    ],
    [
      'sim.run(5)',
      (o) => new Simulation().run(o),
      5,
      'Simulation.run(options): options must be an object { until } (got 5). To stop at time 5, write sim.run({ until: 5 }).',
    ],
    [
      'sim.run({ untill })',
      (o) => new Simulation().run(o),
      { untill: 5 },
      "Simulation.run(options): options.untill is not an option (got 5). Did you mean 'until'? Options: until.",
    ],
    [
      'sim.timeout(1, v, { prio })',
      (o) => new Simulation().timeout(1, 'v', o),
      { prio: 1 },
      "Simulation.timeout(delay, value, options): options.prio is not an option (got 1). Did you mean 'priority'? Options: priority.",
    ],
    [
      'sim.schedule(1, cb, 2)',
      (o) => new Simulation().schedule(1, () => {}, o),
      2,
      'Simulation.schedule(delay, callback, options): options must be an object { priority } (got 2). Leave it out for the defaults.',
    ],
    [
      'event.succeed(v, { prio })',
      (o) => new Simulation().event().succeed(1, o),
      { priorty: 1 },
      "Event.succeed(value, options): options.priorty is not an option (got 1). Did you mean 'priority'?",
    ],
    [
      'event.fail(e, { prio })',
      (o) => new Simulation().event().fail(new Error('x'), o),
      { prio: 1 },
      "Event.fail(error, options): options.prio is not an option (got 1). Did you mean 'priority'? Options: priority.",
    ],
    [
      'sim.process(fn, { nmae })',
      (o) => new Simulation().process(function* () {}, o),
      { nmae: 'p' },
      'Simulation.process(source, options): options.nmae is not an option (got "p"). Did you mean \'name\'?',
    ],
    [
      'sim.process(fn, { name: 5 })',
      (o) => new Simulation().process(function* () {}, o),
      { name: 5 },
      'Simulation.process(source, options): options.name must be a string (got 5).',
    ],
    [
      'new Resource(sim, { statz })',
      (o) => new Resource(sim, o),
      { capacity: 1, statz: false },
      "new Resource(sim, options): options.statz is not an option (got false). Did you mean 'stats'? Options: capacity, stats.",
    ],
    [
      'new Resource(sim, { stats: "no" })',
      (o) => new Resource(sim, o),
      { capacity: 1, stats: 'no' },
      'new Resource(sim, options): options.stats must be true or false (got "no"). Leave it out to record statistics.',
    ],
    [
      'new Resource(sim, 2)',
      (o) => new Resource(sim, o),
      2,
      'new Resource(sim, options): options must be an object { capacity, stats } (got 2). Pass { capacity: 1 } or more units.',
    ],
    [
      'resource.request({ prio })',
      (o) => resource.request(o),
      { prio: 1 },
      "Resource.request(options): options.prio is not an option (got 1). Did you mean 'priority'? Options: priority, preempt.",
    ],
    [
      'resource.request({ priorty })',
      (o) => resource.request(o),
      { priorty: 1 },
      "Resource.request(options): options.priorty is not an option (got 1). Did you mean 'priority'? Options: priority, preempt.",
    ],
    [
      "resource.request({ preempt: 'yes' })",
      (o) => resource.request(o),
      { preempt: 'yes' },
      'Resource.request(options): options.preempt must be true or false (got "yes"). Leave it out for false.',
    ],
    [
      'new Container(sim, { capacty })',
      (o) => new Container(sim, o),
      { capacty: 5 },
      "new Container(sim, options): options.capacty is not an option (got 5). Did you mean 'capacity'? Options: capacity, init, stats.",
    ],
    [
      'new Container(sim, null)',
      (o) => new Container(sim, o),
      null,
      'new Container(sim, options): options must be an object { capacity, init, stats } (got null).',
    ],
    [
      'new Store(sim, { capasity })',
      (o) => new Store(sim, o),
      { capasity: 3 },
      "new Store(sim, options): options.capasity is not an option (got 3). Did you mean 'capacity'? Options: capacity, stats.",
    ],
    [
      'new Store(sim, { stats: 0 })',
      (o) => new Store(sim, o),
      { stats: 0 },
      'new Store(sim, options): options.stats must be true or false (got 0).',
    ],
    [
      'new PriorityStore(sim, { priority, capasity })',
      (o) => new PriorityStore(sim, o),
      { priority: (x: number) => x, capasity: 3 },
      "new PriorityStore(sim, options): options.capasity is not an option (got 3). Did you mean 'capacity'? Options: capacity, stats, priority.",
    ],
    [
      'new PriorityStore(sim, [])',
      (o) => new PriorityStore(sim, o),
      [],
      'new PriorityStore(sim, options): options must be an object (got []).',
    ],
  ];

  it.each(cases)('%s throws INVALID_ARGUMENT naming the call', (_, make, options, message) => {
    expect(messageOf(make, options)).toContain(message);
  });

  it('a refused request, timeout or trigger changes nothing', () => {
    const s = new Simulation();
    const r = new Resource(s, { capacity: 1 });
    const ev = s.event();
    thrown(() => r.request({ prio: 1 } as never));
    thrown(() => s.timeout(1, 'v', { prio: 1 } as never));
    thrown(() => ev.succeed(1, { prio: 1 } as never));
    expect([r.count, r.queue.length, s.pendingCount, ev.triggered]).toEqual([0, 0, 0, false]);
    expect(r.stats!.waitTime.count).toBe(0);
  });

  it('well-formed options still work, including the subclass options of PriorityStore', () => {
    const s = new Simulation({ initialTime: 2 });
    const r = new Resource(s, { capacity: 1, stats: false });
    const first = r.request({ priority: 1, preempt: false });
    expect(first.status).toBe('granted');
    const store = new PriorityStore<number>(s, { priority: (x) => x, capacity: 2, stats: true });
    store.put(3);
    store.put(1);
    const order: number[] = [];
    s.process(function* () {
      order.push((yield store.get()) as number);
      order.push((yield store.get()) as number);
    }, {});
    s.timeout(1, 'v', { priority: -1 });
    s.schedule(1, () => {}, {});
    s.run({ until: 10 });
    expect([order, s.now]).toEqual([[1, 3], 10]);
  });
});
