/**
 * The event calendar: a binary min-heap ordered by `(time, priority, sequence)`.
 *
 * Keys live in parallel typed arrays, and the heap moves only integer slot numbers; items sit still in a
 * slot table. Sifting thus never reads fields of the (many kinds of) event objects, so comparisons stay
 * monomorphic, and it never stores object pointers, so it pays no garbage-collector write barriers.
 *
 * @internal
 * @module
 */

const INITIAL_CAPACITY = 32;

/**
 * A priority queue of items keyed by `(time, priority, sequence)`; the sequence number is assigned on
 * insertion, so items with equal time and priority leave in insertion order.
 *
 * @internal
 */
export class Calendar<T> {
  /** Number of items held. */
  size = 0;
  private times: Float64Array<ArrayBuffer> = new Float64Array(INITIAL_CAPACITY);
  private priorities = new Float64Array(INITIAL_CAPACITY);
  private sequences = new Float64Array(INITIAL_CAPACITY);
  private slotOf = new Int32Array(INITIAL_CAPACITY);
  /** Items by slot number; a slot is reused once its item leaves. */
  private readonly slots: (T | undefined)[] = [];
  private freeSlots = new Int32Array(INITIAL_CAPACITY);
  private freeCount = 0;
  private nextSequence = 0;

  /** Inserts `item` at `(time, priority)`; returns the sequence number it was given. */
  push(time: number, priority: number, item: T): number {
    const sequence = this.nextSequence++;
    if (this.size === this.times.length) this.grow();
    const times = this.times;
    const priorities = this.priorities;
    const sequences = this.sequences;
    const slotOf = this.slotOf;
    let slot: number;
    if (this.freeCount > 0) {
      slot = this.freeSlots[--this.freeCount]!;
      this.slots[slot] = item;
    } else {
      slot = this.slots.length;
      this.slots.push(item);
    }
    // Sift the hole up from the end, moving larger parents down.
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      // The new item has the largest sequence number, so equal (time, priority) keeps it below.
      if (pt < time || (pt === time && priorities[parent]! <= priority)) break;
      times[i] = pt;
      priorities[i] = priorities[parent]!;
      sequences[i] = sequences[parent]!;
      slotOf[i] = slotOf[parent]!;
      i = parent;
    }
    times[i] = time;
    priorities[i] = priority;
    sequences[i] = sequence;
    slotOf[i] = slot;
    return sequence;
  }

  /** Time of the next item, or `Infinity` when empty. */
  peekTime(): number {
    return this.size === 0 ? Number.POSITIVE_INFINITY : this.times[0]!;
  }

  /** Priority of the next item (undefined behaviour when empty). */
  peekPriority(): number {
    return this.priorities[0]!;
  }

  /** Sequence number of the next item (undefined behaviour when empty). */
  peekSequence(): number {
    return this.sequences[0]!;
  }

  /** The next item without removing it, or `undefined` when empty. */
  peekItem(): T | undefined {
    return this.size === 0 ? undefined : this.slots[this.slotOf[0]!];
  }

  /** Removes and returns the next item. The caller checks `size > 0` first. */
  pop(): T {
    const slotOf = this.slotOf;
    const topSlot = slotOf[0]!;
    const top = this.slots[topSlot] as T;
    this.slots[topSlot] = undefined;
    this.freeSlots[this.freeCount++] = topSlot;
    const last = --this.size;
    if (last === 0) return top;
    const times = this.times;
    const priorities = this.priorities;
    const sequences = this.sequences;
    const time = times[last]!;
    const priority = priorities[last]!;
    const sequence = sequences[last]!;
    const slot = slotOf[last]!;
    // Sift the hole down from the root, moving the smaller child up.
    let i = 0;
    const half = last >> 1;
    while (i < half) {
      let child = 2 * i + 1;
      const right = child + 1;
      if (right < last && before(times, priorities, sequences, right, child)) child = right;
      const ct = times[child]!;
      if (
        ct > time ||
        (ct === time &&
          (priorities[child]! > priority || (priorities[child] === priority && sequences[child]! > sequence)))
      )
        break;
      times[i] = ct;
      priorities[i] = priorities[child]!;
      sequences[i] = sequences[child]!;
      slotOf[i] = slotOf[child]!;
      i = child;
    }
    times[i] = time;
    priorities[i] = priority;
    sequences[i] = sequence;
    slotOf[i] = slot;
    return top;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    this.times = resized(this.times, capacity);
    this.priorities = resized(this.priorities, capacity);
    this.sequences = resized(this.sequences, capacity);
    const slotOf = new Int32Array(capacity);
    slotOf.set(this.slotOf);
    this.slotOf = slotOf;
    const freeSlots = new Int32Array(capacity);
    freeSlots.set(this.freeSlots);
    this.freeSlots = freeSlots;
  }
}

function resized(array: Float64Array, capacity: number): Float64Array<ArrayBuffer> {
  const copy = new Float64Array(capacity);
  copy.set(array);
  return copy;
}

/** Whether heap slot `a` orders before slot `b`. */
function before(
  times: Float64Array,
  priorities: Float64Array,
  sequences: Float64Array,
  a: number,
  b: number,
): boolean {
  const ta = times[a]!;
  const tb = times[b]!;
  if (ta !== tb) return ta < tb;
  const pa = priorities[a]!;
  const pb = priorities[b]!;
  if (pa !== pb) return pa < pb;
  return sequences[a]! < sequences[b]!;
}
