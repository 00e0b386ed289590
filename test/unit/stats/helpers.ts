/**
 * Test helpers for the statistics layer: an exact BigInt reference for sums and a small seeded PRNG
 * (src/random is developed separately, so tests do not depend on it).
 */

/** Every finite double is an integer multiple of 2^-1074. */
const SCALE_BITS = 1074n;

/** `x · 2^1074` as a BigInt: exact for every finite double. */
function toScaledBigInt(x: number): bigint {
  if (x === 0) return 0n;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n === 1n ? -1n : 1n;
  const exponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & 0xfffffffffffffn;
  // Subnormal: fraction · 2^-1074; normal: (2^52 + fraction) · 2^(exponent − 1075).
  if (exponent === 0) return sign * fraction;
  return sign * ((0x10000000000000n + fraction) << BigInt(exponent - 1));
}

/**
 * The exact sum of `values`, correctly rounded to a double (ties to even), computed with BigInt.
 * Independent of ExactSum: the reference the accumulator must match bit for bit.
 */
export function exactReference(values: readonly number[]): number {
  let total = 0n;
  for (const x of values) total += toScaledBigInt(x);
  return scaledBigIntToNumber(total);
}

/** Rounds `n · 2^-1074` to the nearest double, ties to even. */
function scaledBigIntToNumber(n: bigint): number {
  if (n === 0n) return 0;
  const negative = n < 0n;
  let a = negative ? -n : n;
  const bits = a.toString(2).length;
  // Keep 53 significant bits (fewer in the subnormal range, where the grid is 2^-1074 itself).
  let shift = bits - 53;
  if (shift < 0) shift = 0;
  if (shift > 0) {
    const rest = a & ((1n << BigInt(shift)) - 1n);
    a >>= BigInt(shift);
    const half = 1n << BigInt(shift - 1);
    if (rest > half || (rest === half && (a & 1n) === 1n)) a += 1n;
  }
  // a < 2^54 is exact as a double; scale by 2^(shift − 1074) in exact power-of-two steps.
  let value = Number(a);
  let exponent = shift - Number(SCALE_BITS);
  while (exponent < -1000) {
    value *= 2 ** -1000;
    exponent += 1000;
  }
  value *= 2 ** exponent;
  return negative ? -value : value;
}

/** mulberry32: a tiny seeded 32-bit PRNG returning numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws by Box–Muller from a uniform source. */
export function normalSource(uniform: () => number): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const z = spare;
      spare = undefined;
      return z;
    }
    let u = uniform();
    while (u === 0) u = uniform();
    const v = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}
