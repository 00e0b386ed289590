/**
 * Experimental designs over levers: full grids and seeded Latin hypercubes.
 *
 * @module
 */
import { DibsimError, describeValue } from '../errors.js';
import { createStreams } from '../random/streams.js';
import { type Lever, leverName } from './levers.js';

/** One design point: a value per lever name. */
export type DesignPoint = Readonly<Record<string, unknown>>;

/**
 * The most points a design may have: a sweep builds and validates every point's scenario and strategies
 * before the first runs (about 36 kB and 0.75 ms each on a small scenario), so a design must fit in memory.
 * 30 levers of 3 values make a grid of 2e14 points, which ran out of memory.
 * @internal
 */
export const MAX_DESIGN_POINTS = 10_000;

/**
 * Every combination of the levers' `values`, the last lever varying fastest.
 *
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if a lever has no `values` or no path, two levers have one
 *   name, or the grid would have more than 10,000 points.
 * @example
 * gridDesign([{ path: 'a', values: [1, 2] }, { path: 'b', values: ['x', 'y'] }]);
 * // [{ a: 1, b: 'x' }, { a: 1, b: 'y' }, { a: 2, b: 'x' }, { a: 2, b: 'y' }]
 */
export function gridDesign(levers: readonly Lever[]): DesignPoint[] {
  checkDesignLevers('gridDesign: levers', levers);
  for (const lever of levers) {
    if (!Array.isArray(lever.values) || lever.values.length === 0) {
      const range = lever.range === undefined ? '' : ' (a range is sampled by latinHypercube)';
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `gridDesign: lever ${JSON.stringify(leverName(lever))} has no values${range}. Give values: [...] for a grid.`,
      );
    }
  }
  const counts = levers.map((l) => l.values!.length);
  const size = counts.reduce((n, c) => n * c, 1);
  if (size > MAX_DESIGN_POINTS) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `gridDesign: levers make a grid of ${size.toLocaleString('en-US')} points (${counts.join(' × ')} values), more than the ${MAX_DESIGN_POINTS.toLocaleString('en-US')} a design may have. Give the levers fewer values, or sample their ranges with latinHypercube.`,
    );
  }
  let points: Record<string, unknown>[] = [{}];
  for (const lever of levers) {
    const values = lever.values!;
    points = points.flatMap((p) => values.map((v) => ({ ...p, [leverName(lever)]: v })));
  }
  return points;
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
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if `points` is not an integer from 1 to 10,000, a lever has
 *   neither a range with `min <= max` nor values, or no path, or two levers have one name.
 */
export function latinHypercube(
  levers: readonly Lever[],
  points: number,
  seed: number | string,
): DesignPoint[] {
  checkDesignLevers('latinHypercube: levers', levers);
  if (!Number.isSafeInteger(points) || points < 1 || points > MAX_DESIGN_POINTS) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `latinHypercube: points must be an integer from 1 to ${MAX_DESIGN_POINTS.toLocaleString('en-US')} (got ${describeValue(points)}). Use e.g. 20.`,
    );
  }
  const streams = createStreams(seed);
  const design: Record<string, unknown>[] = Array.from({ length: points }, () => ({}));
  for (const lever of levers) {
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
          `latinHypercube: lever ${JSON.stringify(name)} needs a range { min, max } with min <= max, or values.`,
        );
      }
    });
  }
  return design;
}

/**
 * Checks a design's levers: an array of levers, each with a path, no two with one name (a design point
 * keys its values by name, so the second would overwrite the first).
 */
function checkDesignLevers(where: string, levers: readonly Lever[]): void {
  checkLevers(where, levers, 0);
  const seen = new Set<string>();
  levers.forEach((lever, i) => {
    if (typeof lever?.path !== 'string' || lever.path === '') {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `${where}[${i}].path must be a non-empty string (got ${describeValue(lever?.path)}). E.g. 'procurement.awardDelayDays'.`,
      );
    }
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
 * Checks that `levers` is an array of at least `minimum` levers.
 *
 * @param where - what to name in the error, e.g. `runSweep: options.levers`
 * @throws {@link DibsimError} `INVALID_ARGUMENT` otherwise.
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
}
