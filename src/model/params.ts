/**
 * Turning scenario parameters into numbers for one replication.
 *
 * A {@link Param} that is a distribution is drawn once per replication from its own stream, keyed by
 * the parameter's path (`param:firms[rheinmetall].efficiency`), so adding or removing a parameter never
 * shifts another's draw, and every strategy in a replication sees the same inputs (common random numbers).
 *
 * @module
 */
import { DibsimError } from '../errors.js';
import { mapToArray } from '../kernel/arrays.js';
import { createSampler, type DistributionSpec } from '../random/spec.js';
import type { Streams } from '../random/streams.js';
import { dayOf } from './dates.js';
import { compileExpression } from './expression.js';
import type { Confidence, Param, Profile, Sourced } from './scenario.js';

/** A parameter value drawn for one replication, with its provenance. */
export interface DrawnParam {
  /** Parameter path, e.g. `firms[nammo-raufoss].efficiency`. */
  readonly path: string;
  /** The value used in this replication. */
  readonly value: number;
  /** Calibration fact IDs behind it. */
  readonly facts: readonly string[];
  /** Confidence, when stated. */
  readonly confidence: Confidence | undefined;
  /** Whether the value was drawn from a distribution. */
  readonly random: boolean;
}

/** A function of simulated day giving a profile's value. */
export type ProfileFn = (day: number) => number;

function isSourced(p: object): p is Sourced {
  return 'value' in p && !('type' in p);
}

/**
 * Resolves the parameters of one replication. Keeps a record of every value used, for provenance and
 * for sensitivity analysis.
 */
export class ParamResolver {
  /** Every parameter resolved so far, in resolution order. */
  readonly drawn: DrawnParam[] = [];

  /**
   * @param streams - the replication's streams
   * @param startDate - the scenario's start date, for profiles given by date
   */
  constructor(
    private readonly streams: Streams,
    private readonly startDate: string,
  ) {}

  /** The value of `param` at `path` for this replication. */
  num(param: Param, path: string): number {
    let facts: readonly string[] = [];
    let confidence: Confidence | undefined;
    let inner: number | DistributionSpec;
    if (typeof param === 'number') inner = param;
    else if (isSourced(param)) {
      inner = param.value;
      facts = param.facts ?? [];
      confidence = param.confidence;
    } else inner = param;
    let value: number;
    const random = typeof inner !== 'number';
    if (typeof inner === 'number') value = inner;
    else value = createSampler(this.streams.stream(`param:${path}`), inner)();
    if (!Number.isFinite(value)) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `${path} resolved to ${value}. Give a finite number or a distribution with finite support.`,
      );
    }
    this.drawn.push({ path, value, facts, confidence, random });
    return value;
  }

  /** A profile as a function of day. Constant parameters are resolved once. */
  profile(profile: Profile, path: string): ProfileFn {
    if (typeof profile === 'number' || 'type' in profile || isSourced(profile)) {
      const value = this.num(profile as Param, path);
      return () => value;
    }
    if ('expression' in profile) return compileExpression(profile.expression, path);
    if ('steps' in profile) {
      const days = mapToArray(profile.steps, (s) => dayOf(this.startDate, s.from));
      const values = mapToArray(profile.steps, (s, i) => this.num(s.value, `${path}.steps[${i}]`));
      return (day) => {
        let v = 0;
        for (let i = 0; i < days.length && days[i]! <= day; i++) v = values[i]!;
        return v;
      };
    }
    const days = mapToArray(profile.points, (p) => dayOf(this.startDate, p.date));
    const values = mapToArray(profile.points, (p, i) => this.num(p.value, `${path}.points[${i}]`));
    return (day) => interpolate(days, values, day);
  }
}

/** Piecewise-linear interpolation, constant outside the points. @internal */
export function interpolate(xs: readonly number[], ys: readonly number[], x: number): number {
  const n = xs.length;
  if (n === 0) return 0;
  if (x <= xs[0]!) return ys[0]!;
  if (x >= xs[n - 1]!) return ys[n - 1]!;
  let i = 1;
  while (xs[i]! < x) i++;
  const x0 = xs[i - 1]!;
  const x1 = xs[i]!;
  const y0 = ys[i - 1]!;
  return y0 + ((ys[i]! - y0) * (x - x0)) / (x1 - x0);
}
