/**
 * Time-weighted statistics of a level that changes at discrete times (queue length, stock, busy
 * servers).
 *
 * @module
 */

import { checkOptions, DibsimError, describeValue } from '../errors.js';
import { ExactSum } from './exact-sum.js';

/** Options for {@link TimeWeighted}. */
export interface TimeWeightedOptions {
  /**
   * Simulation time at which observation starts.
   * @defaultValue `0`
   */
  readonly time?: number | undefined;
  /**
   * Level held from `time` until the first {@link TimeWeighted.update}.
   * @defaultValue `0`
   */
  readonly level?: number | undefined;
}

/** JSON form of a {@link TimeWeighted}, from {@link TimeWeighted.toJSON}. */
export interface TimeWeightedJSON {
  /** Time of the last update (or of the start). */
  readonly time: number;
  /** Current level. */
  readonly level: number;
  /** Partials of the exact area under the level. */
  readonly area: readonly number[];
  /** Partials of the exact observed duration. */
  readonly duration: readonly number[];
  /** Smallest level held. */
  readonly min: number;
  /** Largest level held. */
  readonly max: number;
}

/**
 * The time-average of a piecewise-constant level: `∫ level dt / duration`.
 *
 * Call {@link TimeWeighted.update} whenever the level changes; the level is held constant between
 * updates. The area `Σ level·Δt` and the duration `ΣΔt` are kept as exact sums ({@link ExactSum}), so
 * merging replications in any order or grouping gives bit-identical results.
 *
 * Units: `time` in simulation time units, `level` in the quantity's own unit (rounds, orders, …);
 * {@link TimeWeighted.integral} is in level × time units.
 *
 * @example
 * const queue = new TimeWeighted({ time: 0, level: 0 });
 * queue.update(2, 1);  // one waiting from t = 2
 * queue.update(5, 0);  // gone at t = 5
 * queue.mean(10);      // 0.3: level 1 for 3 of 10 time units
 */
export class TimeWeighted {
  private t: number;
  private current: number;
  private readonly area = new ExactSum();
  private readonly span = new ExactSum();
  private lo: number;
  private hi: number;

  /**
   * @param options - start time and initial level, both finite; default `{ time: 0, level: 0 }`
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if `options` is not an object `{ time, level }` or
   * `time` or `level` is not finite.
   */
  constructor(options: TimeWeightedOptions = {}) {
    checkOptions(options, ['time', 'level'], 'new TimeWeighted(options)');
    const time = options.time ?? 0;
    const level = options.level ?? 0;
    checkFinite('new TimeWeighted(options): options.time', time);
    checkFinite('new TimeWeighted(options): options.level', level);
    this.t = time;
    this.current = level;
    this.lo = level;
    this.hi = level;
  }

  /**
   * Sets the level to `level` from `time` on; the previous level counts until `time`.
   *
   * @param time - simulation time, finite and not before the last update
   * @param level - the new level, finite
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if `time` is earlier than the last update or not a
   * finite number, or if `level` is not a finite number. Nothing changes when it throws.
   */
  update(time: number, level: number): void {
    const dt = time - this.t;
    // One test rejects a decreasing time, NaN and infinity alike; typeof rejects '5', which subtracts
    // like 5 but would be kept as a string.
    if (typeof time !== 'number' || !(dt >= 0 && dt < Number.POSITIVE_INFINITY))
      throw this.badTime('update(time, level)', time);
    if (typeof level !== 'number' || level - level !== 0) throw badLevel(level);
    if (dt > 0) {
      this.area.addProduct(this.current, dt);
      this.span.add(dt);
      this.t = time;
    }
    this.current = level;
    if (level < this.lo) this.lo = level;
    if (level > this.hi) this.hi = level;
  }

  /** The current level (set by the last update). */
  get level(): number {
    return this.current;
  }

  /** Time of the last update (or the start time if there was none). */
  get time(): number {
    return this.t;
  }

  /**
   * Time-average of the level: the integral divided by the duration, up to `untilTime` (the current
   * level counting until then) or, by default, up to the last update. Includes replications merged in.
   * `NaN` when the duration is zero.
   *
   * @param untilTime - end of the observation window, not before the last update
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if `untilTime` is earlier than the last update or not
   * finite.
   *
   * @remarks
   * The quotient is of two exact sums, corrected once by its exact residual, so a constant level `c`
   * averages to exactly `c`.
   */
  mean(untilTime?: number): number {
    const area = this.area.clone();
    const span = this.span.clone();
    if (untilTime !== undefined) {
      const dt = untilTime - this.t;
      if (!(dt >= 0 && dt < Number.POSITIVE_INFINITY)) throw this.badTime('mean(untilTime)', untilTime);
      if (dt > 0) {
        area.addProduct(this.current, dt);
        span.add(dt);
      }
    }
    return quotient(area, span);
  }

  /** Area under the level (Σ level·Δt, level × time units) up to the last update, merged replications included. */
  get integral(): number {
    return this.area.value;
  }

  /** Observed duration up to the last update, merged replications included (time units). */
  get duration(): number {
    return this.span.value;
  }

  /** Smallest level ever set (including the initial level and levels held for zero time). */
  get min(): number {
    return this.lo;
  }

  /** Largest level ever set (including the initial level and levels held for zero time). */
  get max(): number {
    return this.hi;
  }

  /**
   * Adds the area and duration of `other` (up to its last update) to this one, as for independent
   * replications: the merged mean is `(Σ areas) / (Σ durations)`. Minimum and maximum are combined; this
   * object's own time and current level are unchanged, so it can go on being updated. `other` is
   * unchanged.
   *
   * @param other - another time-weighted statistic (usually from another replication); to count it up to
   * the end of its run, call `other.update(endTime, other.level)` first.
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if `other` is not a {@link TimeWeighted}.
   *
   * @remarks
   * Merging is exact, so any grouping and order of merges gives bit-identical results. To pool
   * replications, start from `first.clone()`: a fresh `new TimeWeighted()` adds nothing to the area or
   * duration but would add its initial level to {@link TimeWeighted.min} and {@link TimeWeighted.max}.
   */
  merge(other: TimeWeighted): void {
    if (!(other instanceof TimeWeighted)) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `TimeWeighted.merge(other): other must be a TimeWeighted (got ${describeValue(other)}). Pass another time-weighted statistic; rebuild saved state with TimeWeighted.fromJSON(json) first.`,
      );
    }
    this.area.merge(other.area);
    this.span.merge(other.span);
    if (other.lo < this.lo) this.lo = other.lo;
    if (other.hi > this.hi) this.hi = other.hi;
  }

  /**
   * Forgets the history and starts observing again at `time` (e.g. at the end of a warm-up period).
   *
   * @param time - the new start time, finite (it may be earlier than the last update)
   * @param level - the level from `time` on; defaults to the current level
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if `time` or `level` is not finite.
   */
  reset(time: number, level: number = this.current): void {
    checkFinite('TimeWeighted.reset(time, level): time', time);
    checkFinite('TimeWeighted.reset(time, level): level', level);
    this.area.reset();
    this.span.reset();
    this.t = time;
    this.current = level;
    this.lo = level;
    this.hi = level;
  }

  /** An independent copy. */
  clone(): TimeWeighted {
    return TimeWeighted.fromJSON(this.toJSON());
  }

  /** The exact state as plain JSON; restore with {@link TimeWeighted.fromJSON}. */
  toJSON(): TimeWeightedJSON {
    return {
      time: this.t,
      level: this.current,
      area: this.area.toJSON(),
      duration: this.span.toJSON(),
      min: this.lo,
      max: this.hi,
    };
  }

  /**
   * Rebuilds a time-weighted statistic from {@link TimeWeighted.toJSON} output.
   *
   * @param json - the saved state
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if a field is missing or not finite.
   */
  static fromJSON(json: TimeWeightedJSON): TimeWeighted {
    if (typeof json !== 'object' || json === null) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `TimeWeighted.fromJSON(json): json must be an object (got ${describeValue(json)}). Pass the output of timeWeighted.toJSON().`,
      );
    }
    for (const field of ['time', 'level', 'min', 'max'] as const) {
      checkFinite(`TimeWeighted.fromJSON(json): json.${field}`, json[field]);
    }
    if (!(json.min <= json.level && json.level <= json.max)) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `TimeWeighted.fromJSON(json): json.level must lie within [json.min, json.max] (got level ${json.level}, min ${json.min}, max ${json.max}). Pass the output of timeWeighted.toJSON().`,
      );
    }
    const tw = new TimeWeighted({ time: json.time, level: json.level });
    tw.area.merge(ExactSum.fromJSON(json.area));
    tw.span.merge(ExactSum.fromJSON(json.duration));
    tw.lo = json.min;
    tw.hi = json.max;
    return tw;
  }

  private badTime(call: string, time: number): DibsimError {
    return new DibsimError(
      'INVALID_ARGUMENT',
      Number.isFinite(time)
        ? `TimeWeighted.${call}: time must not go backwards (got ${describeValue(time)}, last update at ${describeValue(this.t)}). Pass the current simulation time.`
        : `TimeWeighted.${call}: time must be a finite number (got ${describeValue(time)}). Pass the current simulation time.`,
    );
  }
}

/**
 * `area / span`, nearly correctly rounded: the first quotient is corrected by the exact residual
 * `area − q·span`, so `c·span / span` gives exactly `c`.
 */
function quotient(area: ExactSum, span: ExactSum): number {
  const d = span.value;
  if (d === 0) return Number.NaN;
  const q = area.value / d;
  const residual = area.clone();
  span.forEachPartial((s) => residual.addProduct(-q, s));
  return q + residual.value / d;
}

function checkFinite(name: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `${name} must be a finite number (got ${describeValue(value)}). Pass a finite simulation time or level.`,
    );
  }
}

function badLevel(level: number): DibsimError {
  return new DibsimError(
    'INVALID_ARGUMENT',
    `TimeWeighted.update(time, level): level must be a finite number (got ${describeValue(level)}). NaN and infinities must never enter a time average.`,
  );
}
