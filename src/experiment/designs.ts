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
 * Every combination of the levers' `values`, the last lever varying fastest.
 *
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if a lever has no `values`.
 * @example
 * gridDesign([{ path: 'a', values: [1, 2] }, { path: 'b', values: ['x', 'y'] }]);
 * // [{ a: 1, b: 'x' }, { a: 1, b: 'y' }, { a: 2, b: 'x' }, { a: 2, b: 'y' }]
 */
export function gridDesign(levers: readonly Lever[]): DesignPoint[] {
  checkLevers('gridDesign: levers', levers, 0);
  let points: Record<string, unknown>[] = [{}];
  for (const lever of levers) {
    const values = lever.values;
    if (values === undefined || values.length === 0) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `gridDesign: lever ${JSON.stringify(leverName(lever))} has no values. Give values: [...] for a grid.`,
      );
    }
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
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if `points` is not a positive integer or a lever has
 *   neither a range with `min <= max` nor values.
 */
export function latinHypercube(
  levers: readonly Lever[],
  points: number,
  seed: number | string,
): DesignPoint[] {
  checkLevers('latinHypercube: levers', levers, 0);
  if (!Number.isSafeInteger(points) || points < 1) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `latinHypercube: points must be a positive integer (got ${String(points)}). Use e.g. 20.`,
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
