/**
 * Object fields that hold fractions in some runs and whole numbers in others.
 *
 * V8 gives each field of an object the representation of the first value stored in it. A field that first
 * holds a small integer and later a fraction makes V8 replace the hidden class of every object of that
 * shape, and throw away the optimised code that had seen the old one, in every worker thread. In an
 * experiment this happened in the first replication, as soon as a strategy that splits orders between
 * payers (bilateral, pooled) ran after national-only, whose shares are all 1, and replayed its demand from
 * a `Float64Array`: measured on europe-155mm at 300 replications, 20–25 of a worker's 58–67
 * deoptimisations and two fifths of the time it spent recompiling. Such fields store
 * {@link AS_DOUBLE} first, which makes them doubles from the start; the value stored next is the one they
 * hold, so nothing observable changes.
 *
 * @module
 * @internal
 */

/**
 * The first value to store in a field that may later hold fractions (see the module description): NaN is
 * a double, so the field starts as one. Overwrite it at once.
 * @internal
 */
export const AS_DOUBLE = Number.NaN;
