// Type-level checks for the kernel's generic API; `tsc --noEmit` checks them, and vitest runs the small
// simulations so that the runtime values agree with the types.
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type Container,
  type ContainerRequest,
  type Event,
  type PriorityStore,
  type Process,
  type Request,
  type Resource,
  Simulation,
  Store,
  type StoreGet,
  type StorePut,
} from '../../src/index.js';

interface Order {
  readonly id: number;
  readonly item: '155mm' | 'javelin';
}

describe('kernel types', () => {
  it('sim.process(fn) infers Process<R> from the generator return type', () => {
    const sim = new Simulation();
    const p = sim.process(function* () {
      yield sim.timeout(1);
      return { rounds: 5 };
    });
    expectTypeOf(p).toEqualTypeOf<Process<{ rounds: number }>>();
    expectTypeOf<(typeof p)['value']>().toEqualTypeOf<{ rounds: number }>();
    const none = sim.process(function* () {
      yield sim.timeout(1);
    });
    expectTypeOf(none).toEqualTypeOf<Process<void>>();
    sim.run();
    expect(p.value).toEqual({ rounds: 5 });
  });

  it('yield* process gives the process return type; plain yield gives unknown', () => {
    const sim = new Simulation();
    const child = sim.process(function* () {
      yield sim.timeout(1);
      return 'done';
    });
    const seen: string[] = [];
    sim.process(function* () {
      const typed = yield* child;
      expectTypeOf(typed).toEqualTypeOf<string>();
      const untyped = yield sim.timeout(1, 42);
      expectTypeOf(untyped).toEqualTypeOf<unknown>();
      seen.push(typed, String(untyped));
    });
    sim.run();
    expect(seen).toEqual(['done', '42']);
  });

  it('yield* store.get() is typed T; store.put() accepts only T', () => {
    const sim = new Simulation();
    const store = new Store<Order>(sim);
    expectTypeOf(store.get()).toEqualTypeOf<StoreGet<Order>>();
    expectTypeOf(store.put).parameter(0).toEqualTypeOf<Order>();
    expectTypeOf<ReturnType<Store<Order>['put']>>().toEqualTypeOf<StorePut<Order>>();
    expectTypeOf<ReturnType<PriorityStore<Order>['get']>>().toEqualTypeOf<StoreGet<Order>>();
    // @ts-expect-error a store of orders does not take strings
    store.put('not an order');
    store.put({ id: 1, item: 'javelin' });
    const got: Order[] = [];
    sim.process(function* () {
      const order = yield* store.get((o) => o.item === 'javelin');
      expectTypeOf(order).toEqualTypeOf<Order>();
      got.push(order);
    });
    sim.run();
    expect(got).toEqual([{ id: 1, item: 'javelin' }]);
  });

  it('sim.event<number>().value is number; sim.timeout(d, v) is Event<typeof v>', () => {
    const sim = new Simulation();
    const ev = sim.event<number>();
    expectTypeOf(ev).toEqualTypeOf<Event<number>>();
    expectTypeOf<(typeof ev)['value']>().toEqualTypeOf<number>();
    expectTypeOf(ev.succeed).parameter(0).toEqualTypeOf<number | undefined>();
    expectTypeOf(sim.timeout(1, 'x')).toEqualTypeOf<Event<string>>();
    expectTypeOf(sim.timeout(1)).toEqualTypeOf<Event<undefined>>();
    expectTypeOf(sim.event()).toEqualTypeOf<Event<unknown>>();
    // @ts-expect-error an Event<number> succeeds with a number
    ev.succeed('x');
  });

  it('sim.allOf() is Event<unknown[]> and sim.anyOf() is Event<Map<Event<unknown>, unknown>>', () => {
    const sim = new Simulation();
    const a = sim.timeout(1, 1);
    const b = sim.timeout(2, 'b');
    expectTypeOf(sim.allOf([a, b])).toEqualTypeOf<Event<unknown[]>>();
    expectTypeOf(sim.anyOf([a, b])).toEqualTypeOf<Event<Map<Event<unknown>, unknown>>>();
    const seen: unknown[] = [];
    sim.process(function* () {
      const all = yield* sim.allOf([a, b]);
      expectTypeOf(all).toEqualTypeOf<unknown[]>();
      const any = yield* sim.anyOf([a, sim.timeout(5)]);
      expectTypeOf(any).toEqualTypeOf<Map<Event<unknown>, unknown>>();
      seen.push(all, any.get(a));
    });
    sim.run();
    expect(seen).toEqual([[1, 'b'], 1]);
  });

  it('resource.request() is a Request (Event<Request>); container requests are Event<number>', () => {
    expectTypeOf<ReturnType<Resource['request']>>().toEqualTypeOf<Request>();
    expectTypeOf<Request>().toExtend<Event<Request>>();
    expectTypeOf<ReturnType<Container['get']>>().toEqualTypeOf<ContainerRequest>();
    expectTypeOf<ContainerRequest>().toExtend<Event<number>>();
  });

  it('a process generator may only yield events', () => {
    const sim = new Simulation();
    const yieldsANumber = function* () {
      yield 5;
    };
    // @ts-expect-error yielding a number is not allowed
    const bad = () => sim.process(yieldsANumber);
    expectTypeOf(bad).toBeFunction();
  });
});
