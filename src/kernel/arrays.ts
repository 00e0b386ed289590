/**
 * Building arrays on hot paths so that they keep one hidden class.
 *
 * V8 gives an array a hidden class ("map") that includes how its elements are stored. TurboFan, the
 * optimising compiler, inlines `Array.prototype.map` and makes a holey array where the unoptimised builtin
 * makes a packed one. So the same expression returns arrays of two maps, depending on whether the function
 * that builds them has been optimised yet. Each switch deoptimises every optimised function that reads
 * such arrays, and each worker thread goes through this again while it warms up. Measured on europe-155mm:
 * about two thirds of the deoptimisations, and about half of the time spent compiling in each worker.
 * Arrays built by `push` onto a literal keep one map in both tiers.
 *
 * @module
 * @internal
 */

/**
 * `source.map(fn)`, built by `push`, so the result has the same map whether or not the caller is optimised
 * (see the module description). Arrays only: a generic iterator loop here allocated a result object per
 * element wherever it was not inlined; spread a `Map`'s values first.
 * @internal
 */
export function mapToArray<T, U>(source: readonly T[], fn: (value: T, index: number) => U): U[] {
  const out: U[] = [];
  for (let i = 0; i < source.length; i++) out.push(fn(source[i]!, i));
  return out;
}
