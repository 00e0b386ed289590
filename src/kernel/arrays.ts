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
 * `Array.from(source, fn)`, built by `push`, so the result has the same map whether or not the caller is
 * optimised (see the module description).
 * @internal
 */
export function mapToArray<T, U>(source: Iterable<T>, fn: (value: T, index: number) => U): U[] {
  const out: U[] = [];
  let i = 0;
  for (const value of source) out.push(fn(value, i++));
  return out;
}
