/**
 * Experimental designs over levers: full grids and seeded Latin hypercubes.
 *
 * @module
 */
import { checkOptionNames, DibsimError, describeValue } from '../errors.js';
import { createStreams } from '../random/streams.js';
import { type Lever, type LeverRange, leverLabel, leverName } from './levers.js';

/** One design point: a value per lever name. */
export type DesignPoint = Readonly<Record<string, unknown>>;

/**
 * The most points a design may have: a sweep builds and validates every point's scenario and strategies
 * before the first runs (about 36 kB and 0.75 ms each on a small scenario), so a design must fit in memory.
 * 30 levers of 3 values make a grid of 2e14 points, which ran out of memory.
 * @internal
 */
export const MAX_DESIGN_POINTS = 10_000;

/** The fields of a {@link Lever}. */
const LEVER_FIELDS: readonly string[] = Object.keys({
  name: true,
  path: true,
  strategy: true,
  values: true,
  range: true,
  low: true,
  high: true,
} satisfies Record<keyof Lever, true>);

/** The fields of a {@link LeverRange}. */
const RANGE_FIELDS: readonly string[] = Object.keys({
  min: true,
  max: true,
  integer: true,
} satisfies Record<keyof LeverRange, true>);

/**
 * What a design's errors name, as the caller took its arguments: `gridDesign: levers`, or
 * `runSweep: options.levers` for the design of a sweep. @internal
 */
export interface DesignContext {
  /** The levers, e.g. `runSweep: options.levers`. */
  readonly levers: string;
  /** The number of points, for a Latin hypercube, e.g. `runSweep: options.design.points`. */
  readonly points?: string;
  /** How the caller samples ranges, for the fix of a grid lever with a range, e.g. `latinHypercube`. */
  readonly hypercube: string;
}

/**
 * Every combination of the levers' `values`, the last lever varying fastest.
 *
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if a lever is not a lever object, has a field a lever does
 *   not have (a misspelt `values`, say, in it or in its `range`), has no `values` or no path, two levers
 *   have one name, or the grid would have more than 10,000 points.
 * @example
 * gridDesign([{ path: 'a', values: [1, 2] }, { path: 'b', values: ['x', 'y'] }]);
 * // [{ a: 1, b: 'x' }, { a: 1, b: 'y' }, { a: 2, b: 'x' }, { a: 2, b: 'y' }]
 */
export function gridDesign(levers: readonly Lever[]): DesignPoint[] {
  return gridPoints(levers, { levers: 'gridDesign: levers', hypercube: 'latinHypercube' });
}

/** {@link gridDesign}, its errors naming the arguments as `context` says. @internal */
export function gridPoints(levers: readonly Lever[], context: DesignContext): DesignPoint[] {
  checkDesignLevers(context.levers, levers);
  for (const [i, lever] of levers.entries()) {
    if (!Array.isArray(lever.values) || lever.values.length === 0) {
      const range = lever.range === undefined ? '' : ` (a range is sampled by ${context.hypercube})`;
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `${leverLabel(context.levers, i, lever)} has no values${range}. Give values: [...] for a grid.`,
      );
    }
  }
  const counts = levers.map((l) => l.values!.length);
  const grid = describeGrid(counts);
  if (grid.points > MAX_DESIGN_POINTS) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `${context.levers} make a grid of ${grid.text}, but a design may have at most ${MAX_DESIGN_POINTS.toLocaleString('en-US')}. Give the levers fewer values, or sample their ranges with ${context.hypercube}.`,
    );
  }
  let points: Record<string, unknown>[] = [{}];
  for (const lever of levers) {
    const values = lever.values!;
    points = points.flatMap((p) => values.map((v) => ({ ...p, [leverName(lever)]: v })));
  }
  return points;
}

/** Factors listed in full up to this many levers; beyond, the first few then `× …`. */
const LISTED_FACTORS = 8;

/**
 * The size of a grid of levers with `counts` values each, for a message: `25,600,000,000 points (20 × 20 ×
 * … values of the levers)`, the count exact when it is (a safe integer), else `more than 10,000 points`
 * (400 levers of 10 values make 1e400, Infinity as a number), and the factors listed in full only for a
 * few levers (`10 × 10 × 10 × 10 × 10 × 10 × … values of its 400 levers`). @internal
 */
export function describeGrid(counts: readonly number[]): { readonly points: number; readonly text: string } {
  const points = counts.reduce((n, c) => n * c, 1);
  const count = Number.isSafeInteger(points)
    ? points.toLocaleString('en-US')
    : `more than ${MAX_DESIGN_POINTS.toLocaleString('en-US')}`;
  const factors =
    counts.length <= LISTED_FACTORS
      ? `${counts.join(' × ')} values of the levers`
      : `${counts.slice(0, LISTED_FACTORS - 2).join(' × ')} × … values of its ${counts.length} levers`;
  return { points, text: `${count} points (${factors})` };
}

/**
 * A Latin hypercube of `points` points (McKay, Beckman & Conover 1979, Technometrics 21:239–245): each
 * lever's range is cut into `points` equal strata and every stratum is used exactly once, at a uniform
 * position within it; strata are matched across levers by independent random permutations. A lever with
 * `values` instead of a range gets the value whose share of the list contains the sampled position.
 *
 * Each lever draws from its own stream `lhs:<lever name>` of `seed`, so adding a lever does not change the
 * others' columns.
 *
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if `points` is not an integer from 1 to 10,000, a lever is
 *   not a lever object, has a field a lever does not have (in it or in its `range`), has neither a range
 *   with `min <= max` nor values, or no path, or two levers have one name.
 */
export function latinHypercube(
  levers: readonly Lever[],
  points: number,
  seed: number | string,
): DesignPoint[] {
  return hypercubePoints(levers, points, seed, {
    levers: 'latinHypercube: levers',
    points: 'latinHypercube: points',
    hypercube: 'latinHypercube',
  });
}

/** {@link latinHypercube}, its errors naming the arguments as `context` says. @internal */
export function hypercubePoints(
  levers: readonly Lever[],
  points: number,
  seed: number | string,
  context: DesignContext,
): DesignPoint[] {
  checkDesignLevers(context.levers, levers);
  if (!Number.isSafeInteger(points) || points < 1 || points > MAX_DESIGN_POINTS) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `${context.points ?? 'points'} must be an integer from 1 to ${MAX_DESIGN_POINTS.toLocaleString('en-US')} (got ${describeValue(points)}). Use e.g. 20.`,
    );
  }
  const streams = createStreams(seed);
  const design: Record<string, unknown>[] = Array.from({ length: points }, () => ({}));
  for (const [l, lever] of levers.entries()) {
    const name = leverName(lever);
    const rng = streams.stream(`lhs:${name}`);
    const order = Array.from({ length: points }, (_, i) => i);
    for (let i = points - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const { range, values } = lever;
    design.forEach((point, i) => {
      const u = (order[i]! + rng()) / points; // in stratum order[i]
      if (range !== undefined && range.min <= range.max) {
        const x = range.min + u * (range.max - range.min);
        point[name] = range.integer === true ? Math.min(range.max, Math.round(x)) : x;
      } else if (values !== undefined && values.length > 0) {
        point[name] = values[Math.min(values.length - 1, Math.floor(u * values.length))];
      } else {
        throw new DibsimError(
          'INVALID_ARGUMENT',
          `${leverLabel(context.levers, l, lever)} needs a range { min, max } with min <= max, or values (got range ${describeValue(range)}, values ${describeValue(values)}).`,
        );
      }
    });
  }
  return design;
}

/**
 * Checks a design's levers: an array of levers (see {@link checkLevers}), no two with one name (a design
 * point keys its values by name, so the second would overwrite the first).
 */
function checkDesignLevers(where: string, levers: readonly Lever[]): void {
  checkLevers(where, levers, 0);
  const seen = new Set<string>();
  levers.forEach((lever, i) => {
    const name = leverName(lever);
    if (seen.has(name)) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `${where}[${i}] has the name of an earlier lever, ${JSON.stringify(name)}. Give each lever its own name (or path).`,
      );
    }
    seen.add(name);
  });
}

/**
 * Checks that `levers` is an array of at least `minimum` levers, each an object with a path and only the
 * fields of a {@link Lever} (and of a {@link LeverRange} in its `range`): a misspelt field (`hihg`,
 * `valeus`) would otherwise be ignored, and the lever run on a default it meant to change.
 *
 * @param where - what to name in the error, e.g. `runSweep: options.levers`
 * @throws {@link DibsimError} `INVALID_ARGUMENT` otherwise: `<where>[i].hihg is not an option (got 180).
 *   Did you mean 'high'? …`.
 * @internal
 */
export function checkLevers(
  where: string,
  levers: unknown,
  minimum: 0 | 1,
): asserts levers is readonly Lever[] {
  if (!Array.isArray(levers) || levers.length < minimum) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `${where} must be ${minimum === 0 ? 'an' : 'a non-empty'} array of levers (got ${describeValue(levers)}). E.g. [{ path: 'procurement.awardDelayDays', values: [30, 90] }].`,
    );
  }
  levers.forEach((lever: unknown, i) => {
    if (typeof lever !== 'object' || lever === null || Array.isArray(lever)) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `${where}[${i}] must be a lever { path, values?, range?, low?, high?, name?, strategy? } (got ${describeValue(lever)}). E.g. { path: 'procurement.awardDelayDays', values: [30, 90] }.`,
      );
    }
    checkOptionNames(lever, LEVER_FIELDS, `${where}[${i}]`);
    const { path, range } = lever as Lever;
    if (typeof path !== 'string' || path === '') {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `${where}[${i}].path must be a non-empty string (got ${describeValue(path)}). E.g. 'procurement.awardDelayDays'.`,
      );
    }
    checkOptionNames(range, RANGE_FIELDS, `${where}[${i}].range`);
  });
}
