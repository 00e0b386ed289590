// Kernel invariants over generated schedules and models. fast-check's seed is pinned by FC_SEED
// (test/setup.ts) and printed with any counterexample.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Container,
  type ContainerRequest,
  Interrupt,
  type Process,
  type Request,
  Resource,
  Simulation,
  Store,
} from '../../src/index.js';
import { Calendar } from '../../src/kernel/calendar.js';

// --- what to generate ------------------------------------------------------------------------------

/** Mostly small integer times and priorities, so that ties are common; some fractional ones too. */
const time = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 3 }), weight: 4 },
  { arbitrary: fc.double({ min: 0, max: 6, noNaN: true }), weight: 1 },
);
const priority = fc.oneof(
  { arbitrary: fc.integer({ min: -2, max: 2 }), weight: 4 },
  { arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }), weight: 1 },
);

interface Entry {
  readonly delay: number;
  readonly priority: number;
  /** Entries this one schedules when it runs (one level deep). */
  readonly children: readonly { readonly delay: number; readonly priority: number }[];
}

const entry: fc.Arbitrary<Entry> = fc.record({
  delay: time,
  priority,
  children: fc.array(fc.record({ delay: time, priority }), { maxLength: 3 }),
});

/** One customer of a resource. */
interface Customer {
  readonly arrive: number;
  readonly priority: number;
  readonly preempt: boolean;
  /** Gives up after this long in the queue (reneging), or waits as long as it takes. */
  readonly patience: number | null;
  readonly hold: number;
  /** Interrupted by an outside party after this long since the start, if still alive. */
  readonly interruptAt: number | null;
}

const customer: fc.Arbitrary<Customer> = fc.record({
  arrive: fc.integer({ min: 0, max: 20 }),
  priority: fc.integer({ min: -2, max: 2 }),
  preempt: fc.boolean(),
  patience: fc.option(fc.integer({ min: 0, max: 10 })),
  hold: fc.integer({ min: 0, max: 8 }),
  interruptAt: fc.option(fc.integer({ min: 0, max: 30 })),
});

const capacityChange = fc.record({
  at: fc.integer({ min: 0, max: 25 }),
  capacity: fc.integer({ min: 1, max: 4 }),
});

/** A producer or consumer of a container: integer amounts, optional patience (then cancel). */
const containerOp = fc.record({
  kind: fc.constantFrom('put' as const, 'get' as const),
  at: fc.integer({ min: 0, max: 20 }),
  amount: fc.integer({ min: 0, max: 10 }),
  patience: fc.option(fc.integer({ min: 0, max: 8 })),
});

// --- helpers ----------------------------------------------------------------------------------------

/** Lexicographic comparison of (time, priority, sequence) keys. */
function compareKeys(a: readonly [number, number, number], b: readonly [number, number, number]): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** Starts one customer process on `res`, following the reneging pattern with release in `finally`. */
function startCustomer(sim: Simulation, res: Resource, c: Customer, requests: Request[]): Process<void> {
  const p = sim.process(function* () {
    try {
      yield sim.timeout(c.arrive);
      const req = res.request({ priority: c.priority, preempt: c.preempt });
      requests.push(req);
      try {
        if (c.patience === null) {
          yield req;
        } else {
          const fired = yield* sim.anyOf([req, sim.timeout(c.patience)]);
          if (!fired.has(req)) return;
        }
        yield sim.timeout(c.hold);
      } finally {
        res.release(req);
      }
    } catch (error) {
      if (!(error instanceof Interrupt)) throw error;
    }
  });
  if (c.interruptAt !== null) {
    sim.schedule(c.interruptAt, () => {
      if (p.isAlive) p.interrupt('outside');
    });
  }
  return p;
}

/** mulberry32: a tiny seeded generator for the determinism check (src/random is a separate layer). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Builds and runs a mixed model driven by `seed`; returns the sha256 of its onEvent trace. */
function traceDigest(seed: number): { digest: string; entries: number } {
  const rng = mulberry32(seed);
  const int = (n: number) => Math.floor(rng() * n);
  const sim = new Simulation();
  const hash = createHash('sha256');
  let entries = 0;
  sim.onEvent = (t, p, s, ev) => {
    entries++;
    const kind = ev === null ? 'callback' : ev.constructor.name;
    const name = ev !== null && 'name' in ev ? String(ev.name) : '';
    // A pending process in the calendar is its start; every other entry is triggered.
    const value = ev === null || !ev.triggered || typeof ev.value === 'object' ? '' : String(ev.value);
    hash.update(`${t}|${p}|${s}|${kind}|${name}|${value}\n`);
  };
  const res = new Resource(sim, { capacity: 1 + int(3) });
  const depot = new Container(sim, { capacity: 20, init: int(20) });
  const store = new Store<number>(sim, { capacity: 1 + int(4) });
  const requests: Request[] = [];
  for (let k = 0; k < 12; k++) {
    startCustomer(
      sim,
      res,
      {
        arrive: int(20),
        priority: int(5) - 2,
        preempt: rng() < 0.3,
        patience: rng() < 0.5 ? int(10) : null,
        hold: int(8),
        interruptAt: rng() < 0.2 ? int(30) : null,
      },
      requests,
    );
  }
  for (let k = 0; k < 6; k++) {
    sim.process(function* producer() {
      for (let n = 0; n < 4; n++) {
        yield sim.timeout(rng() * 5);
        yield depot.put(int(10));
        yield store.put(int(100));
      }
    });
    sim.process(function* consumer() {
      for (let n = 0; n < 4; n++) {
        yield sim.timeout(rng() * 5);
        const fired = yield* sim.anyOf([depot.get(int(10)), sim.timeout(3)]);
        if (fired.size > 0) yield* store.get((x) => x % 2 === n % 2 || n === 3);
      }
    });
  }
  sim.run({ until: 200 });
  return { digest: hash.digest('hex'), entries };
}

// --- properties -------------------------------------------------------------------------------------

describe('kernel properties', () => {
  it('sim.schedule() runs entries in (time, priority, insertion) order, like a reference sort', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ delay: time, priority }), { maxLength: 60 }), (entries) => {
        const sim = new Simulation();
        const ran: number[] = [];
        for (const [i, e] of entries.entries()) {
          sim.schedule(e.delay, () => ran.push(i), { priority: e.priority });
        }
        sim.run();
        const expected = entries
          .map((e, i) => [e.delay, e.priority, i] as const)
          .sort(compareKeys)
          .map((key) => key[2]);
        expect(ran).toEqual(expected);
      }),
    );
  });

  it('entries scheduled while running still come out by (time, priority, insertion): a linear-scan reference agrees', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 30 }), (entries) => {
        // Reference: a plain list scanned for the smallest key at each step.
        type Pending = { key: [number, number, number]; id: string; children: Entry['children'] };
        let seq = 0;
        let now = 0;
        const pending: Pending[] = [];
        const add = (delay: number, p: number, id: string, children: Entry['children']) =>
          pending.push({ key: [now + delay, p, seq++], id, children });
        for (const [i, e] of entries.entries()) add(e.delay, e.priority, `${i}`, e.children);
        const expected: string[] = [];
        while (pending.length > 0) {
          let best = 0;
          for (let k = 1; k < pending.length; k++) {
            if (compareKeys(pending[k]!.key, pending[best]!.key) < 0) best = k;
          }
          const [next] = pending.splice(best, 1);
          now = next!.key[0];
          expected.push(next!.id);
          for (const [j, c] of next!.children.entries()) add(c.delay, c.priority, `${next!.id}.${j}`, []);
        }

        const sim = new Simulation();
        const ran: string[] = [];
        const schedule = (delay: number, p: number, id: string, children: Entry['children']) =>
          sim.schedule(
            delay,
            () => {
              ran.push(id);
              for (const [j, c] of children.entries()) schedule(c.delay, c.priority, `${id}.${j}`, []);
            },
            { priority: p },
          );
        for (const [i, e] of entries.entries()) schedule(e.delay, e.priority, `${i}`, e.children);
        sim.run();
        expect(ran).toEqual(expected);
      }),
    );
  });

  it('Calendar push/pop interleaved at random matches a linear-scan reference', () => {
    const op = fc.oneof(
      { arbitrary: fc.record({ push: fc.tuple(time, priority) }), weight: 3 },
      { arbitrary: fc.constant({ push: null as null | [number, number] }), weight: 2 },
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const calendar = new Calendar<number>();
        let seq0 = 0;
        const reference: [number, number, number][] = [];
        for (const o of ops) {
          if (o.push !== null) {
            const [t, p] = o.push;
            const seq = calendar.push(t, p, seq0++);
            reference.push([t, p, seq]);
          } else if (reference.length > 0) {
            let best = 0;
            for (let k = 1; k < reference.length; k++) {
              if (compareKeys(reference[k]!, reference[best]!) < 0) best = k;
            }
            const [key] = reference.splice(best, 1);
            expect([calendar.peekTime(), calendar.peekPriority(), calendar.peekSequence()]).toEqual(key);
            calendar.pop();
          }
          expect(calendar.size).toBe(reference.length);
        }
      }),
    );
  });

  it('time never goes back: onEvent times are non-decreasing and sim.now follows them', () => {
    fc.assert(
      fc.property(
        fc.array(customer, { maxLength: 12 }),
        fc.array(entry, { maxLength: 10 }),
        fc.integer({ min: 1, max: 3 }),
        (customers, entries, capacity) => {
          const sim = new Simulation();
          let last = Number.NEGATIVE_INFINITY;
          let observed = 0;
          sim.onEvent = (t) => {
            expect(t).toBeGreaterThanOrEqual(last);
            expect(t).toBeGreaterThanOrEqual(sim.now);
            last = t;
            observed++;
          };
          const res = new Resource(sim, { capacity });
          const requests: Request[] = [];
          for (const c of customers) startCustomer(sim, res, c, requests);
          for (const e of entries) {
            sim.schedule(e.delay, () => {
              for (const c of e.children) sim.timeout(c.delay, undefined, { priority: c.priority });
            });
          }
          while (sim.peek() < Number.POSITIVE_INFINITY) {
            sim.step();
            expect(sim.now).toBe(last);
          }
          expect(observed).toBeGreaterThanOrEqual(entries.length + customers.length);
        },
      ),
    );
  });

  it('a resource never grants beyond its capacity and never idles with requests waiting', () => {
    fc.assert(
      fc.property(
        fc.array(customer, { maxLength: 15 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(capacityChange, { maxLength: 3 }),
        (customers, capacity, changes) => {
          const sim = new Simulation();
          const res = new Resource(sim, { capacity });
          const requests: Request[] = [];
          for (const c of customers) startCustomer(sim, res, c, requests);
          for (const change of changes) sim.schedule(change.at, () => res.setCapacity(change.capacity));
          let previous = 0;
          const check = () => {
            const granted = requests.filter((r) => r.status === 'granted').length;
            expect(res.count).toBe(granted);
            // Over capacity only after a cut, and then only shrinking (no grant while count >= capacity).
            if (res.count > res.capacity) expect(res.count).toBeLessThanOrEqual(previous);
            if (res.queue.length > 0) expect(res.count).toBeGreaterThanOrEqual(res.capacity);
            previous = res.count;
          };
          while (sim.peek() < Number.POSITIVE_INFINITY) {
            sim.step();
            check();
          }
          if (changes.length === 0) expect(res.stats!.busy.max).toBeLessThanOrEqual(capacity);
        },
      ),
    );
  });

  it('container: init + completed puts − completed gets = level, within [0, capacity], with cancels', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 30 }),
        fc.integer({ min: 0, max: 10 }),
        fc.array(containerOp, { maxLength: 25 }),
        (capacity, init, ops) => {
          const sim = new Simulation();
          const depot = new Container(sim, { capacity, init });
          const puts: ContainerRequest[] = [];
          const gets: ContainerRequest[] = [];
          for (const op of ops) {
            sim.process(function* () {
              yield sim.timeout(op.at);
              const req = op.kind === 'put' ? depot.put(op.amount) : depot.get(op.amount);
              (op.kind === 'put' ? puts : gets).push(req);
              if (op.patience === null) {
                yield req;
              } else {
                yield sim.anyOf([req, sim.timeout(op.patience)]);
                depot.cancel(req);
              }
            });
          }
          const done = (list: ContainerRequest[]) =>
            list.filter((r) => r.triggered).reduce((sum, r) => sum + r.amount, 0);
          const check = () => {
            expect(depot.level).toBe(init + done(puts) - done(gets));
            expect(depot.level).toBeGreaterThanOrEqual(0);
            expect(depot.level).toBeLessThanOrEqual(capacity);
          };
          sim.onEvent = check;
          sim.run({ until: 100 });
          check();
        },
      ),
    );
  });

  it('container commands: level and FIFO queues match a model', () => {
    // A model run with fc.commands: each command changes the model and the container the same way.
    interface Model {
      level: number;
      puts: { id: number; amount: number }[];
      gets: { id: number; amount: number }[];
      completed: Set<number>;
    }
    interface Real {
      sim: Simulation;
      depot: Container;
      requests: Map<number, ContainerRequest>;
    }
    const CAPACITY = 12;
    const settle = (m: Model) => {
      for (let progress = true; progress; ) {
        progress = false;
        while (m.puts.length > 0 && m.level + m.puts[0]!.amount <= CAPACITY) {
          const r = m.puts.shift()!;
          m.level += r.amount;
          m.completed.add(r.id);
          progress = true;
        }
        while (m.gets.length > 0 && m.gets[0]!.amount <= m.level) {
          const r = m.gets.shift()!;
          m.level -= r.amount;
          m.completed.add(r.id);
          progress = true;
        }
      }
    };
    let nextId = 0;
    const compare = (m: Model, r: Real) => {
      expect(r.depot.level).toBe(m.level);
      expect(r.depot.putQueue.map((q) => q.amount)).toEqual(m.puts.map((q) => q.amount));
      expect(r.depot.getQueue.map((q) => q.amount)).toEqual(m.gets.map((q) => q.amount));
      for (const [id, req] of r.requests) expect(req.triggered).toBe(m.completed.has(id));
    };
    class Enqueue implements fc.Command<Model, Real> {
      constructor(
        readonly kind: 'put' | 'get',
        readonly amount: number,
      ) {}
      check = () => true;
      run(m: Model, r: Real) {
        const id = nextId++;
        r.requests.set(id, this.kind === 'put' ? r.depot.put(this.amount) : r.depot.get(this.amount));
        (this.kind === 'put' ? m.puts : m.gets).push({ id, amount: this.amount });
        settle(m);
        compare(m, r);
      }
      toString = () => `${this.kind}(${this.amount})`;
    }
    class Cancel implements fc.Command<Model, Real> {
      constructor(readonly pick: number) {}
      check = (m: Readonly<Model>) => m.puts.length + m.gets.length > 0;
      run(m: Model, r: Real) {
        const waiting = [...m.puts, ...m.gets];
        const target = waiting[this.pick % waiting.length]!;
        expect(r.depot.cancel(r.requests.get(target.id)!)).toBe(true);
        m.puts = m.puts.filter((q) => q.id !== target.id);
        m.gets = m.gets.filter((q) => q.id !== target.id);
        settle(m);
        compare(m, r);
      }
      toString = () => `cancel(#${this.pick})`;
    }
    class Step implements fc.Command<Model, Real> {
      check = () => true;
      run(m: Model, r: Real) {
        r.sim.run(); // processing the events changes no level
        compare(m, r);
      }
      toString = () => 'run()';
    }
    const amount = fc.integer({ min: 0, max: CAPACITY });
    const commands = [
      fc.tuple(fc.constantFrom('put' as const, 'get' as const), amount).map(([k, a]) => new Enqueue(k, a)),
      fc.nat().map((n) => new Cancel(n)),
      fc.constant(new Step()),
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: CAPACITY }),
        fc.commands(commands, { maxCommands: 40 }),
        (init, cmds) => {
          nextId = 0;
          const sim = new Simulation();
          fc.modelRun(
            () => ({
              model: { level: init, puts: [], gets: [], completed: new Set<number>() },
              real: { sim, depot: new Container(sim, { capacity: CAPACITY, init }), requests: new Map() },
            }),
            cmds,
          );
        },
      ),
    );
  });

  it('nothing leaks: after random interrupts, preemptions and reneging every process ends and the resource is empty', () => {
    fc.assert(
      fc.property(
        fc.array(customer, { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(capacityChange, { maxLength: 2 }),
        (customers, capacity, changes) => {
          const sim = new Simulation();
          const res = new Resource(sim, { capacity });
          const requests: Request[] = [];
          const processes = customers.map((c) => startCustomer(sim, res, c, requests));
          for (const change of changes) sim.schedule(change.at, () => res.setCapacity(change.capacity));
          sim.run();
          expect(processes.filter((p) => p.isAlive)).toHaveLength(0);
          expect(processes.every((p) => p.ok)).toBe(true);
          expect(res.count).toBe(0);
          expect(res.queue).toHaveLength(0);
          for (const req of requests) expect(['released', 'preempted']).toContain(req.status);
          expect(res.stats!.queueLength.level).toBe(0);
          expect(res.stats!.busy.level).toBe(0);
        },
      ),
    );
  });

  it('same seed → identical trace digest (sha256 of the onEvent sequence)', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const first = traceDigest(seed);
        const second = traceDigest(seed);
        expect(first.entries).toBeGreaterThan(20);
        expect(second).toEqual(first);
      }),
      { numRuns: 30 },
    );
    // The digest does see the trace: different seeds give different digests.
    expect(traceDigest(1).digest).not.toBe(traceDigest(2).digest);
  });
});
