/**
 * (d) The built-in europe-155mm scenario (ten years, 12 nations, 10 firms, 12 suppliers) under the
 * national-only strategy: replications per second on one core, calendar events per second inside a
 * replication, and the size of one replication's result.
 */
import { europe155mm, nationalOnly, runScenario } from '../dist/index.js';

/** Bytes of a result as JSON (typed arrays written out as arrays), and of its typed arrays in memory. */
function resultSize(result) {
  let typedBytes = 0;
  const json = JSON.stringify(result, (_key, value) => {
    if (value instanceof Float64Array) {
      typedBytes += value.byteLength;
      return Array.from(value);
    }
    return value;
  });
  return { jsonBytes: Buffer.byteLength(json), typedBytes };
}

/** @param {{ replications: number, seed: number }} params */
export function run({ replications, seed }) {
  let events = 0;
  let last;
  for (let r = 0; r < replications; r++) {
    last = runScenario(europe155mm, { strategy: nationalOnly, seed, replication: r });
    events += last.events;
  }
  const size = resultSize(last);
  return {
    work: replications,
    unit: 'replications',
    result: {
      eventsPerReplication: Math.round(events / replications),
      resultKb: Math.round(size.jsonBytes / 102.4) / 10,
      typedArrayKb: Math.round(size.typedBytes / 102.4) / 10,
      lastFillRate: last.kpis.fillRate,
    },
  };
}
