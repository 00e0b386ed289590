/**
 * Exact floating-point summation: the accumulator behind every dibsim statistic.
 *
 * @module
 */

import { DibsimError, describeValue } from '../errors.js';

/**
 * Inputs (and the running total) below this magnitude cannot overflow an intermediate sum:
 * `|x| + 2·|largest partial| < 2^1022`. Anything larger, or not finite, takes the checked slow path.
 */
const SAFE_MAGNITUDE = 2 ** 1020;

/** Factors up to this magnitude can be split by Dekker's method without overflowing `SPLITTER·a`. */
const SPLIT_LIMIT = 2 ** 995;
/**
 * Largest partial from which {@link ExactSum.merge} keeps the state to restore: below it (the sum of
 * non-overlapping partials is under twice the largest) no merge can reach 2^1024.
 */
const NEAR_OVERFLOW = 2 ** 1000;

/** Veltkamp/Dekker splitting constant `2^27 + 1`: splits a double into two 26-bit halves. */
const SPLITTER = 134217729;

/** Scale applied to a factor beyond {@link SPLIT_LIMIT} so that it can be split; undone exactly. */
const DOWN_SCALE = 2 ** -64;

/** Inverse of {@link DOWN_SCALE}. */
const UP_SCALE = 2 ** 64;

/**
 * An exact sum of doubles: adds without rounding error and reads the correctly rounded total.
 *
 * The state is a short list of non-overlapping partial sums (a Shewchuk expansion, as in Python's
 * `math.fsum` and d3-array's `Adder`) whose exact real sum equals the exact sum of everything added.
 * {@link ExactSum.value} rounds that exact sum once, to nearest with ties to even, so the result does
 * not depend on the order of additions, nor on how the inputs were split into accumulators that were
 * later merged. That is what makes results bit-identical whatever the split of replications across
 * workers.
 *
 * Range: every input must be finite, and the exact running total must stay below 2^1024 ≈ 1.8e308 in
 * magnitude; an addition that would overflow throws and leaves the accumulator unchanged.
 * {@link ExactSum.addProduct} adds `a·b` exactly when `|a·b|` is zero or at least 2^-969 ≈ 2.0e-292
 * (below that the product's rounding error falls under the smallest subnormal and is rounded, but still
 * deterministically per product).
 *
 * Cost: `add` is a loop over the partials (usually one to three) with no allocation once the
 * partials array has reached its working size.
 *
 * @example
 * const s = new ExactSum();
 * for (const x of [1e100, 1, -1e100]) s.add(x);
 * s.value; // 1 (naive summation gives 0)
 */
export class ExactSum {
  /** Non-overlapping partials in increasing magnitude, without zeros; only the first `n` are live. */
  private readonly p: number[] = [];
  /** Number of live partials. */
  private n = 0;

  /**
   * Adds `x` exactly.
   *
   * @param x - a finite number
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if `x` is not a number, NaN or ±Infinity; `INVALID_STATE`
   * if the exact total would reach 2^1024 in magnitude. The sum is unchanged when it throws.
   */
  add(x: number): void {
    if (x === 0) return; // common in simulation statistics (idle periods, zero waits); adds nothing
    const p = this.p;
    const n = this.n;
    // One comparison screens out NaN, ±Infinity and anything that might overflow; see SAFE_MAGNITUDE.
    // A string or null passes it (Math.abs converts), so the type is checked first.
    if (
      typeof x !== 'number' ||
      !(Math.abs(x) <= SAFE_MAGNITUDE) ||
      (n > 0 && !(Math.abs(p[n - 1]!) <= SAFE_MAGNITUDE))
    ) {
      this.addChecked(x);
      return;
    }
    let i = 0;
    for (let j = 0; j < n; j++) {
      const y = p[j]!;
      // Knuth's branch-free two-sum: hi + lo === x + y exactly, whatever their magnitudes.
      const hi = x + y;
      const yv = hi - x;
      const lo = x - (hi - yv) + (y - yv);
      if (lo !== 0) p[i++] = lo;
      x = hi;
    }
    if (x !== 0) p[i++] = x;
    this.n = i;
  }

  /**
   * Adds the exact product `a·b` (TwoProduct with Veltkamp/Dekker splitting).
   *
   * @param a - a finite number
   * @param b - a finite number
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if `a` or `b` is not a finite number or `a·b` overflows;
   * `INVALID_STATE` if the total would overflow. The sum is unchanged when it throws.
   */
  addProduct(a: number, b: number): void {
    if (typeof a !== 'number' || typeof b !== 'number') {
      this.addProductChecked(a, b); // throws: a string or null would be converted below
      return;
    }
    // An exact zero product adds nothing (x − x === 0 screens the other factor for NaN and ±Infinity).
    if ((a === 0 && b - b === 0) || (b === 0 && a - a === 0)) return;
    if (!(Math.abs(a) <= SPLIT_LIMIT && Math.abs(b) <= SPLIT_LIMIT)) {
      this.addProductChecked(a, b);
      return;
    }
    const prod = a * b;
    if (!(Math.abs(prod) <= Number.MAX_VALUE)) throw productOverflow(a, b);
    this.add(prod);
    const err = productError(a, b, prod);
    if (err !== 0) this.add(err);
  }

  /**
   * Adds everything `other` holds, exactly. `other` is not modified (it may be `this`, which doubles
   * the sum).
   *
   * @param other - another exact sum
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if `other` is not an {@link ExactSum}; `INVALID_STATE` if
   * the exact total would reach 2^1024 in magnitude. The sum is unchanged when it throws.
   */
  merge(other: ExactSum): void {
    if (!(other instanceof ExactSum)) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `ExactSum.merge(other): other must be an ExactSum (got ${describeValue(other)}). Pass another exact sum; rebuild saved partials with ExactSum.fromJSON(partials) first.`,
      );
    }
    const count = other.n;
    const partials = other === this ? this.p.slice(0, count) : other.p;
    // Partials are added one at a time, so an overflow could stop part-way. Below 2^1000 the largest
    // partials bound both totals well under 2^1024; only near it is the state kept, to put back.
    const saved = this.nearOverflow() || other.nearOverflow() ? this.p.slice(0, this.n) : undefined;
    try {
      for (let k = 0; k < count; k++) this.add(partials[k]!);
    } catch (error) {
      if (saved !== undefined) {
        for (let k = 0; k < saved.length; k++) this.p[k] = saved[k]!;
        this.n = saved.length;
      }
      throw error;
    }
  }

  /** Whether the largest partial reaches 2^1000, where merging another sum might overflow. */
  private nearOverflow(): boolean {
    return this.n > 0 && Math.abs(this.p[this.n - 1]!) >= NEAR_OVERFLOW;
  }

  /**
   * The exact sum rounded once to the nearest double (ties to even); `0` when empty. It depends only on
   * the exact sum, never on the order of additions. An exact zero reads as `+0`.
   */
  get value(): number {
    const p = this.p;
    let k = this.n;
    if (k === 0) return 0;
    // Python's fsum rounding: walk down from the largest partial until a sum is inexact.
    let hi = p[--k]!;
    let lo = 0;
    while (k > 0) {
      const x = hi;
      const y = p[--k]!;
      hi = x + y;
      lo = y - (hi - x);
      if (lo !== 0) break;
    }
    // Half-way case: hi + lo was rounded to even, but the partials below lo push the exact sum off
    // the tie in lo's direction, so round away from even instead.
    if (k > 0 && ((lo < 0 && p[k - 1]! < 0) || (lo > 0 && p[k - 1]! > 0))) {
      const y = lo * 2;
      const x = hi + y;
      if (y === x - hi) hi = x;
    }
    return hi + 0; // +0 rather than -0: the sign of an exact zero must not depend on the order.
  }

  /** The correctly rounded sum, so that `+sum` and template literals read the number. */
  valueOf(): number {
    return this.value;
  }

  /** Whether the exact sum is zero. */
  get isZero(): boolean {
    return this.n === 0;
  }

  /** Empties the accumulator. */
  reset(): void {
    this.n = 0;
  }

  /** An independent copy. */
  clone(): ExactSum {
    const copy = new ExactSum();
    for (let k = 0; k < this.n; k++) copy.p.push(this.p[k]!);
    copy.n = this.n;
    return copy;
  }

  /**
   * Calls `visit` with each partial, smallest magnitude first. The partials sum exactly to the total;
   * their split is not canonical (it depends on the order of additions), only their sum is.
   *
   * @param visit - called once per partial
   */
  forEachPartial(visit: (partial: number) => void): void {
    for (let k = 0; k < this.n; k++) visit(this.p[k]!);
  }

  /**
   * The partials (finite numbers whose exact sum is the total), for JSON or `structuredClone`.
   * Restore with {@link ExactSum.fromJSON}.
   */
  toJSON(): number[] {
    return this.p.slice(0, this.n);
  }

  /**
   * Rebuilds an exact sum from {@link ExactSum.toJSON} output (any list of finite numbers works: they
   * are added exactly).
   *
   * @param partials - finite numbers
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if `partials` is not an array of finite numbers.
   */
  static fromJSON(partials: readonly number[]): ExactSum {
    if (!Array.isArray(partials)) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `ExactSum.fromJSON(partials) expects an array of finite numbers (got ${describeValue(partials)}). Pass the output of exactSum.toJSON().`,
      );
    }
    const sum = new ExactSum();
    partials.forEach((x, k) => {
      if (typeof x !== 'number' || !Number.isFinite(x)) {
        throw new DibsimError(
          'INVALID_ARGUMENT',
          `ExactSum.fromJSON(partials): partials[${k}] must be a finite number (got ${describeValue(x)}). Pass the output of exactSum.toJSON().`,
        );
      }
      sum.add(x);
    });
    return sum;
  }

  /**
   * The exact sum of `values`.
   *
   * @param values - finite numbers
   * @throws {@link DibsimError} `INVALID_ARGUMENT` naming the index of the first non-finite value.
   */
  static of(values: ArrayLike<number>): ExactSum {
    const sum = new ExactSum();
    for (let k = 0; k < values.length; k++) {
      const x = values[k]!;
      if (!Number.isFinite(x)) {
        throw new DibsimError(
          'INVALID_ARGUMENT',
          `ExactSum.of(values): values[${k}] must be a finite number (got ${describeValue(x)}). Filter or fix non-finite values first.`,
        );
      }
      sum.add(x);
    }
    return sum;
  }

  /** Slow path of {@link ExactSum.add}: validates, and adds on a copy so that overflow changes nothing. */
  private addChecked(x: number): void {
    if (!Number.isFinite(x)) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `ExactSum.add(x): x must be a finite number (got ${describeValue(x)}). NaN and infinities must never enter a total; check the value at its source.`,
      );
    }
    const work = this.p.slice(0, this.n);
    let i = 0;
    for (let j = 0; j < work.length; j++) {
      let y = work[j]!;
      if (Math.abs(x) < Math.abs(y)) {
        const t = x;
        x = y;
        y = t;
      }
      const hi = x + y;
      const lo = y - (hi - x);
      if (!Number.isFinite(hi)) {
        throw new DibsimError(
          'INVALID_STATE',
          `ExactSum.add(x): the exact total would overflow (|sum| >= 2^1024 ≈ 1.8e308) when adding ${describeValue(x)}. Rescale the quantity (e.g. thousands of units).`,
        );
      }
      if (lo !== 0) work[i++] = lo;
      x = hi;
    }
    if (x !== 0) work[i++] = x;
    for (let k = 0; k < i; k++) this.p[k] = work[k]!;
    this.n = i;
  }

  /** Slow path of {@link ExactSum.addProduct}: validates and scales huge factors so they can be split. */
  private addProductChecked(a: number, b: number): void {
    if (!Number.isFinite(a) || !Number.isFinite(b)) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `ExactSum.addProduct(a, b): both factors must be finite numbers (got a = ${describeValue(a)}, b = ${describeValue(b)}). NaN and infinities must never enter a total.`,
      );
    }
    const prod = a * b;
    if (!(Math.abs(prod) <= Number.MAX_VALUE)) throw productOverflow(a, b);
    // Scale the huge factor(s) down by a power of two, split, and scale the two exact terms back up.
    let scale = 1;
    if (Math.abs(a) > SPLIT_LIMIT) {
      a *= DOWN_SCALE;
      scale *= UP_SCALE;
    }
    if (Math.abs(b) > SPLIT_LIMIT) {
      b *= DOWN_SCALE;
      scale *= UP_SCALE;
    }
    const scaled = a * b;
    const err = productError(a, b, scaled) * scale;
    this.add(prod);
    if (err !== 0) this.add(err);
  }
}

/** The rounding error of `prod = fl(a·b)`, exactly: `a·b − prod` (Dekker's TwoProduct). */
function productError(a: number, b: number, prod: number): number {
  let c = SPLITTER * a;
  const aHi = c - (c - a);
  const aLo = a - aHi;
  c = SPLITTER * b;
  const bHi = c - (c - b);
  const bLo = b - bHi;
  return aLo * bLo - (prod - aHi * bHi - aLo * bHi - aHi * bLo);
}

/** The error thrown when a product does not fit in a double. */
function productOverflow(a: number, b: number): DibsimError {
  return new DibsimError(
    'INVALID_ARGUMENT',
    `ExactSum.addProduct(a, b): a·b overflows a double (a = ${describeValue(a)}, b = ${describeValue(b)}). Rescale the quantities so that their product stays below 1.8e308.`,
  );
}
