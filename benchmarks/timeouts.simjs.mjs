/**
 * (a) Context: the event pattern of timeouts.dibsim.mjs in SIM.JS 2.0.3 — 1,000 entities re-arming
 * `setTimer(…).done(…)` callbacks. Same stream and sampler as the dibsim model.
 */
import { createStreams, exponential } from './lib/dibsim.mjs';
import { Sim } from './lib/simjs.mjs';
import { timeoutsResult } from './timeouts.dibsim.mjs';

/**
 * @param {{ processes: number, horizon: number, seed: number }} params
 */
export function run({ processes, horizon, seed }) {
  const sim = new Sim.Sim();
  const delay = exponential(createStreams(seed).stream('timeouts'), { mean: 1 });
  let events = 0;

  class Ticker extends Sim.Entity {
    start() {
      this.setTimer(delay()).done(this.tick);
    }

    tick() {
      events++;
      this.setTimer(delay()).done(this.tick);
    }
  }

  for (let i = 0; i < processes; i++) sim.addEntity(Ticker, `entity:${i}`);
  sim.simulate(horizon);
  return { work: events, unit: 'events', result: timeoutsResult(events, processes, horizon) };
}
