/**
 * (a) Event throughput, dibsim: 1,000 generator processes, each waiting exponential(mean 1) times until
 * t = `horizon` (≈ 1,000 × horizon timeout events).
 *
 * All entities draw from one stream ('timeouts'). Every implementation of this pattern processes the
 * same events in the same order, so they consume the same draws and count the same events.
 * Per-entity streams (`stream('entity:' + i)`, as the style advises) would be the textbook choice, but
 * with 1,000 live streams each draw currently costs far more (measured +60–90 ns per event in the heap
 * baseline and +170–480 ns in this model, CPU time) and would swamp the kernel cost measured here.
 */
import { createStreams, exponential, Simulation } from './lib/dibsim.mjs';

/**
 * @param {{ processes: number, horizon: number, seed: number }} params
 */
export function run({ processes, horizon, seed }) {
  const sim = new Simulation();
  const delay = exponential(createStreams(seed).stream('timeouts'), { mean: 1 });
  let events = 0;

  /** One entity: waits, counts, waits again. */
  function* ticker() {
    for (;;) {
      yield sim.timeout(delay());
      events++;
    }
  }

  for (let i = 0; i < processes; i++) sim.process(ticker);
  sim.run({ until: horizon });
  return { work: events, unit: 'events', result: timeoutsResult(events, processes, horizon) };
}

/** Shared by the three implementations: the count, and its ratio to the expected count (≈ 1). */
export function timeoutsResult(events, processes, horizon) {
  return { events, eventsOverExpected: Number((events / (processes * horizon)).toFixed(6)) };
}
