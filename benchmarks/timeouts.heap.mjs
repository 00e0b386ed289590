/**
 * (a) Baseline: the event pattern of timeouts.dibsim.mjs with no processes and no event objects — a
 * straightforward binary min-heap in typed arrays keyed by (time, sequence), holding entity ids.
 * Same stream and sampler as the dibsim model, so the two differ only in the kernel.
 */
import { createStreams, exponential } from './lib/dibsim.mjs';
import { timeoutsResult } from './timeouts.dibsim.mjs';

/**
 * @param {{ processes: number, horizon: number, seed: number }} params
 */
export function run({ processes, horizon, seed }) {
  const delay = exponential(createStreams(seed).stream('timeouts'), { mean: 1 });
  const heap = new TimeHeap(processes);
  for (let i = 0; i < processes; i++) heap.push(delay(), i);
  let events = 0;
  while (heap.size > 0) {
    const now = heap.times[0];
    if (now >= horizon) break;
    const id = heap.ids[0];
    heap.pop();
    events++;
    heap.push(now + delay(), id);
  }
  return { work: events, unit: 'events', result: timeoutsResult(events, processes, horizon) };
}

/** Binary min-heap of integer ids keyed by (time, insertion sequence), in parallel typed arrays. */
export class TimeHeap {
  /** @param {number} capacity - most entries held at once */
  constructor(capacity) {
    this.times = new Float64Array(capacity);
    this.sequences = new Float64Array(capacity);
    this.ids = new Int32Array(capacity);
    this.size = 0;
    this.nextSequence = 0;
  }

  /** Inserts `id` at `time`. */
  push(time, id) {
    const { times, sequences, ids } = this;
    const sequence = this.nextSequence++;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent];
      // The new entry has the largest sequence, so an equal time keeps it below its parent.
      if (pt <= time) break;
      times[i] = pt;
      sequences[i] = sequences[parent];
      ids[i] = ids[parent];
      i = parent;
    }
    times[i] = time;
    sequences[i] = sequence;
    ids[i] = id;
  }

  /** Removes the minimum (read it from `times[0]`, `ids[0]` first). */
  pop() {
    const { times, sequences, ids } = this;
    const last = --this.size;
    const time = times[last];
    const sequence = sequences[last];
    const id = ids[last];
    const half = last >> 1;
    let i = 0;
    while (i < half) {
      let child = 2 * i + 1;
      const right = child + 1;
      if (
        right < last &&
        (times[right] < times[child] ||
          (times[right] === times[child] && sequences[right] < sequences[child]))
      ) {
        child = right;
      }
      const ct = times[child];
      if (ct > time || (ct === time && sequences[child] > sequence)) break;
      times[i] = ct;
      sequences[i] = sequences[child];
      ids[i] = ids[child];
      i = child;
    }
    times[i] = time;
    sequences[i] = sequence;
    ids[i] = id;
  }
}
