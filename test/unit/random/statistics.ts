/**
 * Reference statistics for the distribution tests: exact CDFs/PMFs and test statistics, written
 * from textbook formulas (Numerical Recipes 3rd ed., §6.1–6.4) so they share no code with src/.
 */

/** Natural log of Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error ≈ 1e-15). */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularized lower incomplete gamma P(a, x) (series for x < a + 1, continued fraction otherwise). */
export function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  const logPrefix = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 10_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return sum * Math.exp(logPrefix);
  }
  // Lentz's continued fraction for Q(a, x).
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 1 - Math.exp(logPrefix) * h;
}

function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 10_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b). */
export function betaCdf(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
  return x < (a + 1) / (a + b + 2)
    ? (front * betaContinuedFraction(a, b, x)) / a
    : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** Standard normal CDF Φ(z), via Φ(z) = ½ + ½·sign(z)·P(½, z²/2). */
export function normalCdf(z: number): number {
  const half = 0.5 * gammaP(0.5, (z * z) / 2);
  return z < 0 ? 0.5 - half : 0.5 + half;
}

/** Kolmogorov–Smirnov statistic D of `samples` against the continuous CDF `cdf`. */
export function ksStatistic(samples: readonly number[], cdf: (x: number) => number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  let d = 0;
  sorted.forEach((x, i) => {
    const f = cdf(x);
    d = Math.max(d, f - i / n, (i + 1) / n - f);
  });
  return d;
}

/**
 * Asymptotic KS critical value at significance α: c(α)/√n with c(α) = √(−ln(α/2)/2)
 * (c = 1.9495 at α = 0.001); accurate for n in the thousands.
 */
export function ksCritical(n: number, alpha = 0.001): number {
  return Math.sqrt(-Math.log(alpha / 2) / 2) / Math.sqrt(n);
}

/**
 * Pearson χ² goodness-of-fit of integer `samples` against `pmf` on 0, 1, 2, …; cells with expected count
 * below 5 are pooled into their neighbour (and the upper tail into the last cell).
 *
 * @returns the statistic and its critical value at α = 0.001 (Wilson–Hilferty, z₀.₉₉₉ = 3.0902).
 */
export function chiSquare(
  samples: readonly number[],
  pmf: (k: number) => number,
  maxK: number,
): { statistic: number; critical: number; cells: number } {
  const n = samples.length;
  const counts = new Map<number, number>();
  for (const k of samples) counts.set(k, (counts.get(k) ?? 0) + 1);
  const cells: { observed: number; expected: number }[] = [];
  let observed = 0;
  let expected = 0;
  let cumulativeP = 0;
  for (let k = 0; k <= maxK; k++) {
    const p = pmf(k);
    cumulativeP += p;
    observed += counts.get(k) ?? 0;
    expected += n * p;
    if (expected >= 5 && n * (1 - cumulativeP) >= 5) {
      cells.push({ observed, expected });
      observed = 0;
      expected = 0;
    }
  }
  // Everything above the last closed cell (including k > maxK) goes into one tail cell.
  let tailObserved = 0;
  for (const [k, c] of counts) if (k > maxK) tailObserved += c;
  cells.push({ observed: observed + tailObserved, expected: expected + n * Math.max(0, 1 - cumulativeP) });
  const statistic = cells.reduce((s, c) => s + (c.observed - c.expected) ** 2 / c.expected, 0);
  const df = cells.length - 1;
  const z = 3.090232306167813;
  const critical = df * (1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df))) ** 3;
  return { statistic, critical, cells: cells.length };
}

/** Sample mean, unbiased variance and the standard error of that variance (from the 4th central moment). */
export function moments(samples: readonly number[]): { mean: number; variance: number; varianceSe: number } {
  const n = samples.length;
  const mean = samples.reduce((s, x) => s + x, 0) / n;
  let m2 = 0;
  let m4 = 0;
  for (const x of samples) {
    const d = x - mean;
    m2 += d * d;
    m4 += d * d * d * d;
  }
  const variance = m2 / (n - 1);
  m4 /= n;
  return { mean, variance, varianceSe: Math.sqrt(Math.max(0, m4 - variance * variance) / n) };
}

/** Draws `n` values from `sample`. */
export function draw(sample: () => number, n: number): number[] {
  return Array.from({ length: n }, sample);
}
