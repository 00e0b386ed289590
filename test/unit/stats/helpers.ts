/**
 * Test helpers for the statistics layer: an exact BigInt reference for sums and a small seeded PRNG
 * (src/random is developed separately, so tests do not depend on it).
 */

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
  return scaledBigIntToNumber(total, 1074);
}

/** The exact value of `Σ aᵢ·bᵢ`, correctly rounded to a double, computed with BigInt. */
export function exactDotReference(pairs: ReadonlyArray<readonly [number, number]>): number {
  let total = 0n;
  for (const [a, b] of pairs) total += toScaledBigInt(a) * toScaledBigInt(b);
  return scaledBigIntToNumber(total, 2148);
}

/** Rounds `n · 2^-scaleBits` to the nearest double, ties to even (result must be a normal double or 0). */
function scaledBigIntToNumber(n: bigint, scaleBits: number): number {
  if (n === 0n) return 0;
  const negative = n < 0n;
  let a = negative ? -n : n;
  const bits = a.toString(2).length;
  // Keep 53 significant bits, but never a grid finer than 2^-1074 (the subnormal spacing).
  const shift = Math.max(bits - 53, scaleBits - 1074, 0);
  if (shift > 0) {
    const rest = a & ((1n << BigInt(shift)) - 1n);
    a >>= BigInt(shift);
    const half = 1n << BigInt(shift - 1);
    if (rest > half || (rest === half && (a & 1n) === 1n)) a += 1n;
  }
  // a < 2^54 is exact as a double; scale by 2^(shift − 1074) in exact power-of-two steps.
  let value = Number(a);
  let exponent = shift - scaleBits;
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

/** Nodes and weights of n-point Gauss–Legendre quadrature on [−1, 1] (Newton on Pₙ, Golub-free). */
function gaussLegendre(n: number): { nodes: number[]; weights: number[] } {
  const nodes: number[] = [];
  const weights: number[] = [];
  for (let i = 1; i <= n; i++) {
    let x = Math.cos((Math.PI * (i - 0.25)) / (n + 0.5));
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      derivative = (n * (x * p1 - p0)) / (x * x - 1);
      const dx = p1 / derivative;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    nodes.push(x);
    weights.push(2 / ((1 - x * x) * derivative * derivative));
  }
  return { nodes, weights };
}

const GL20 = gaussLegendre(20);

/** ∫ₐᵇ f by composite 20-point Gauss–Legendre on `panels` equal panels. */
export function integrate(f: (x: number) => number, a: number, b: number, panels: number): number {
  const h = (b - a) / panels;
  let total = 0;
  for (let k = 0; k < panels; k++) {
    const mid = a + (k + 0.5) * h;
    let s = 0;
    for (let i = 0; i < 20; i++) s += GL20.weights[i]! * f(mid + 0.5 * h * GL20.nodes[i]!);
    total += 0.5 * h * s;
  }
  return total;
}

/**
 * Upper tail P(T > t) of Student's t with `df >= 1`, by quadrature alone (no special functions): with
 * t = √df·tan θ the density becomes proportional to cos^(df−1) θ on (−π/2, π/2), which is smooth and
 * bounded, and the normalising constant is integrated the same way.
 */
export function tTailByQuadrature(t: number, df: number): number {
  const g = (theta: number) => Math.cos(theta) ** (df - 1);
  const panels = 400;
  const half = integrate(g, 0, Math.PI / 2, panels);
  const thetaT = Math.atan(t / Math.sqrt(df));
  return t >= 0
    ? integrate(g, thetaT, Math.PI / 2, panels) / (2 * half)
    : 1 - integrate(g, -thetaT, Math.PI / 2, panels) / (2 * half);
}

/** Upper tail P(Z > z) of the standard normal by quadrature of its density, for z >= 0. */
export function normalTailByQuadrature(z: number): number {
  const phi = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
  // ∫_z^∞ = ∫_z^(z+40) (the rest is below 1e-300).
  return integrate(phi, z, z + 40, 2000);
}
