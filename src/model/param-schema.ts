/**
 * Building blocks of the scenario schema: strict objects that suggest the field a typo meant,
 * distributions, `Param`s with a valid range, `Profile`s and dates.
 *
 * @module
 * @internal
 */

import * as z from 'zod';
import { DibsimError } from '../errors.js';
import { createSampler, type DistributionSpec } from '../random/spec.js';
import { isDate } from './dates.js';
import { validateExpression } from './expression.js';
import { formatCap, IMPLAUSIBLE } from './limits.js';
import type { Param } from './scenario.js';
import { strict } from './strict-object.js';

/** A finite number's valid range; each bound is optional. */
export interface Bounds {
  /** Exclusive lower bound. */
  readonly gt?: number;
  /** Inclusive lower bound. */
  readonly gte?: number;
  /** Exclusive upper bound. */
  readonly lt?: number;
  /** Inclusive upper bound. */
  readonly lte?: number;
  /**
   * Inclusive sanity cap (see limits.ts): a value above it is refused as larger than any plausible value. A
   * distribution is held to it by its largest value, or its mean when its values are unbounded.
   */
  readonly cap?: number;
}

/**
 * The range as text: `> 0`, `>= 0`, `in (0, 1]`. A sanity cap is left out: it is no limit of the model, and
 * the message of a value past it names it.
 */
export function describeBounds(b: Bounds): string {
  const low = b.gt ?? b.gte;
  const high = b.lt ?? b.lte;
  if (low !== undefined && high !== undefined) {
    return `in ${b.gt === undefined ? '[' : '('}${low}, ${high}${b.lt === undefined ? ']' : ')'}`;
  }
  if (low !== undefined) return `${b.gt === undefined ? '>=' : '>'} ${low}`;
  if (high !== undefined) return `${b.lt === undefined ? '<=' : '<'} ${high}`;
  return 'finite';
}

/** A finite number within `bounds` (zod 4's `z.number()` already rejects NaN and ±Infinity). */
export function boundedNumber(bounds: Bounds): z.ZodNumber {
  let n = z.number();
  if (bounds.gt !== undefined) n = n.gt(bounds.gt);
  if (bounds.gte !== undefined) n = n.gte(bounds.gte);
  if (bounds.lt !== undefined) n = n.lt(bounds.lt);
  if (bounds.lte !== undefined) n = n.lte(bounds.lte);
  // Its message tells the issue converter (zod-issues.ts) that this is the sanity cap.
  if (bounds.cap !== undefined) n = n.lte(bounds.cap, { error: IMPLAUSIBLE });
  return n;
}

const num = z.number();
const numbers = z.array(num).min(1).readonly();

/** A distribution as data: one strict object per `type`, with that sampler's parameters. */
export const distributionSchema = z
  .discriminatedUnion('type', [
    strict({ type: z.literal('constant'), value: num }),
    strict({ type: z.literal('uniform'), min: num, max: num }),
    strict({ type: z.literal('exponential'), mean: num }),
    strict({ type: z.literal('normal'), mean: num, sd: num }),
    strict({ type: z.literal('lognormal'), mu: num, sigma: num }),
    strict({ type: z.literal('lognormalFromMeanSd'), mean: num, sd: num }),
    strict({ type: z.literal('triangular'), min: num, mode: num, max: num }),
    strict({ type: z.literal('pert'), min: num, mode: num, max: num }),
    strict({ type: z.literal('gamma'), shape: num, scale: num }),
    strict({ type: z.literal('weibull'), shape: num, scale: num }),
    strict({ type: z.literal('beta'), alpha: num, beta: num }),
    strict({ type: z.literal('poisson'), mean: num }),
    strict({ type: z.literal('binomial'), n: num, p: num }),
    strict({ type: z.literal('bernoulli'), p: num }),
    strict({ type: z.literal('discrete'), values: numbers, probabilities: numbers }),
    strict({ type: z.literal('empirical'), samples: numbers }),
  ])
  .meta({
    id: 'Distribution',
    description:
      'A distribution drawn once per replication: { type, …parameters }, e.g. { "type": "triangular", "min": 30, "mode": 45, "max": 90 }. Parameters are checked as by createSampler (e.g. max > min, mode in [min, max], sd > 0).',
  });

/** Range of values a distribution can draw; `open` ends are never drawn. */
export interface Support {
  /** Smallest value that can be drawn (or approached, when `minOpen`). */
  readonly min: number;
  /** Largest value that can be drawn (or approached, when `maxOpen`); may be `Infinity`. */
  readonly max: number;
  /** `min` itself is never drawn. */
  readonly minOpen: boolean;
  /** `max` itself is never drawn. */
  readonly maxOpen: boolean;
}

/** The values a (valid) distribution can draw. Continuous distributions on (0, ∞) count 0 as never drawn. */
export function supportOf(spec: DistributionSpec): Support {
  const closed = (min: number, max: number): Support => ({ min, max, minOpen: false, maxOpen: false });
  const positive: Support = { min: 0, max: Number.POSITIVE_INFINITY, minOpen: true, maxOpen: true };
  switch (spec.type) {
    case 'constant':
      return closed(spec.value, spec.value);
    case 'uniform':
    case 'triangular':
    case 'pert':
      return closed(spec.min, spec.max);
    case 'normal':
      return { min: Number.NEGATIVE_INFINITY, max: Number.POSITIVE_INFINITY, minOpen: true, maxOpen: true };
    case 'exponential':
    case 'lognormal':
    case 'lognormalFromMeanSd':
    case 'gamma':
    case 'weibull':
      return positive;
    case 'beta':
      return { min: 0, max: 1, minOpen: true, maxOpen: true };
    case 'poisson':
      return { min: 0, max: Number.POSITIVE_INFINITY, minOpen: false, maxOpen: true };
    case 'binomial':
      return closed(0, spec.n);
    case 'bernoulli':
      return closed(0, 1);
    case 'discrete':
      return closed(Math.min(...spec.values), Math.max(...spec.values));
    case 'empirical':
      return closed(Math.min(...spec.samples), Math.max(...spec.samples));
  }
}

/** Whether every value in `s` satisfies `b`. */
function supportWithin(s: Support, b: Bounds): boolean {
  if (b.gt !== undefined && (s.min < b.gt || (s.min === b.gt && !s.minOpen))) return false;
  if (b.gte !== undefined && s.min < b.gte) return false;
  if (b.lt !== undefined && (s.max > b.lt || (s.max === b.lt && !s.maxOpen))) return false;
  if (b.lte !== undefined && s.max > b.lte) return false;
  return true;
}

function formatSupport(s: Support): string {
  return `${s.minOpen ? '(' : '['}${s.min}, ${s.max}${s.maxOpen ? ')' : ']'}`;
}

/** Splits createSampler's `where: what (got x). Fix.` message into message and fix. */
function splitSamplerMessage(message: string): { message: string; fix: string } {
  const match = /^([\s\S]*?\(got [\s\S]*?\))\.\s*([\s\S]*)$/.exec(message);
  if (match?.[2]) return { message: match[1]!, fix: match[2] };
  return { message, fix: 'Correct the distribution parameters.' };
}

type IssueSink = (message: string, fix: string, path: readonly PropertyKey[]) => void;

/** Checks a parsed distribution's parameters (through createSampler) and that its draws lie within `bounds`. */
export function checkDistribution(
  spec: DistributionSpec,
  bounds: Bounds,
  path: readonly PropertyKey[],
  report: IssueSink,
): void {
  try {
    createSampler(() => 0.5, spec);
  } catch (error) {
    if (!(error instanceof DibsimError)) throw error;
    const { message, fix } = splitSamplerMessage(error.message);
    report(message, fix, path);
    return;
  }
  const support = supportOf(spec);
  if (!supportWithin(support, bounds)) {
    const range = describeBounds(bounds);
    report(
      `${spec.type} distribution can draw values in ${formatSupport(support)}, outside the valid range (${range})`,
      `Use a distribution whose values all lie ${range}, e.g. a triangular or pert with min and max ${range}.`,
      path,
    );
    return;
  }
  const typical = Number.isFinite(support.max) ? support.max : typicalValue(spec);
  if (bounds.cap !== undefined && typical > bounds.cap) {
    const what = Number.isFinite(support.max) ? 'values up to' : 'a typical value of';
    report(
      `${spec.type} distribution has ${what} ${typical}: ${IMPLAUSIBLE} (at most ${formatCap(bounds.cap)})`,
      'Give the parameters in the unit of the field (EUR, rounds, days, months).',
      path,
    );
  }
}

/**
 * A typical value of a distribution whose values are unbounded, its mean (a Weibull's scale), to hold
 * against a sanity cap; NaN for a bounded one (its maximum is used).
 */
function typicalValue(spec: DistributionSpec): number {
  switch (spec.type) {
    case 'exponential':
    case 'poisson':
    case 'normal':
    case 'lognormalFromMeanSd':
      return spec.mean;
    case 'lognormal':
      return Math.exp(spec.mu + (spec.sigma * spec.sigma) / 2);
    case 'gamma':
      return spec.shape * spec.scale;
    case 'weibull':
      return spec.scale; // the mean is scale·Γ(1 + 1/shape): near scale for shapes from 1 up
    default:
      return Number.NaN;
  }
}

function addIssue(ctx: z.core.ParsePayload<unknown>): IssueSink {
  return (message, fix, path) =>
    ctx.issues.push({
      code: 'custom',
      message,
      path: [...path] as PropertyKey[],
      params: { fix },
      input: ctx.value,
      continue: true,
    });
}

const confidenceSchema = z.enum(['H', 'M', 'L', 'gap']);

/** Whether a parsed Param-or-Profile value is a distribution spec. */
export function isDistribution(value: unknown): value is DistributionSpec {
  return typeof value === 'object' && value !== null && 'type' in value;
}

const sourcedCache = new Map<string, { number: z.ZodNumber; sourced: ReturnType<typeof makeSourced> }>();

function makeSourced(number: z.ZodNumber, bounds: Bounds) {
  return strict({
    value: z
      .union([number, distributionSchema])
      .describe(`The value (${describeBounds(bounds)}) or a distribution.`),
    facts: z
      .array(z.string().min(1))
      .readonly()
      .exactOptional()
      .describe('Calibration fact IDs the value comes from, e.g. ["FI-05"].'),
    confidence: confidenceSchema.exactOptional().describe("Confidence in the value: 'H', 'M', 'L' or 'gap'."),
    note: z.string().exactOptional().describe('Why this value, in one sentence.'),
  }).meta({
    // A readable $defs name in the JSON Schema, e.g. Sourced_gt0.
    id: `Sourced_${Object.entries(bounds)
      .map(([k, v]) => `${k}${k === 'cap' ? formatCap(v) : v}`)
      .join('_')}`,
    description: `A value (${describeBounds(bounds)}) with its provenance: { value, facts?, confidence?, note? }.`,
  });
}

/** One sourced-value schema per range, so the JSON Schema can share it through `$defs`. */
function sourcedSchema(bounds: Bounds) {
  const key = `${describeBounds(bounds)} ${bounds.cap ?? ''}`;
  let entry = sourcedCache.get(key);
  if (entry === undefined) {
    const number = boundedNumber(bounds);
    entry = { number, sourced: makeSourced(number, bounds) };
    sourcedCache.set(key, entry);
  }
  return entry;
}

/**
 * A `Param`: a number within `bounds`, a distribution whose draws all lie within `bounds`, or a
 * sourced value (either of those with provenance).
 */
export function paramSchema(bounds: Bounds) {
  const { number, sourced } = sourcedSchema(bounds);
  return z
    .union([number, distributionSchema, sourced], {
      error: (issue) =>
        issue.code === 'invalid_union'
          ? `must be a number ${describeBounds(bounds)}, a distribution { type, … } or a sourced value { value, facts?, confidence? }`
          : undefined,
    })
    .check((ctx) => {
      const value = ctx.value as Param;
      if (typeof value === 'number') return;
      if (isDistribution(value)) checkDistribution(value, bounds, [], addIssue(ctx));
      else if (isDistribution(value.value)) checkDistribution(value.value, bounds, ['value'], addIssue(ctx));
    });
}

/** A strict `YYYY-MM-DD` date that exists in the calendar (UTC). */
export const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date YYYY-MM-DD', abort: true })
  .refine(isDate, {
    error: 'must be a real calendar date',
    params: { fix: 'Check the month (01–12) and day.' },
  })
  .describe('A date YYYY-MM-DD (UTC), e.g. "2025-01-31".');

/** Returns the index of the first entry whose date is not after the previous one, or -1. */
function firstUnsorted(dates: readonly string[]): number {
  for (let i = 1; i < dates.length; i++) {
    const previous = dates[i - 1]!;
    const current = dates[i]!;
    // YYYY-MM-DD strings sort as dates.
    if (isDate(previous) && isDate(current) && current <= previous) return i;
  }
  return -1;
}

/** At least one dated entry, with the dates under `dateKey` strictly increasing. */
function datedEntries<T extends z.ZodType<Record<K, string>>, K extends string>(
  element: T,
  dateKey: K,
  noun: string,
) {
  return z
    .array(element)
    .min(1)
    .readonly()
    .check((ctx) => {
      const dates = ctx.value.map((entry) => (entry as Record<K, string>)[dateKey]);
      const i = firstUnsorted(dates);
      if (i >= 0) {
        addIssue(ctx)(
          `${noun} dates must increase strictly ('${dates[i]}' follows '${dates[i - 1]}')`,
          `List ${noun}s in date order, one per date.`,
          [i, dateKey],
        );
      }
    })
    .describe(`At least one { ${dateKey}, value }, dates strictly increasing.`);
}

/** A `Profile`: a constant `Param`, dated steps, dated points, or an expression in t. */
export function profileSchema(bounds: Bounds) {
  const param = paramSchema(bounds);
  const steps = strict({
    steps: datedEntries(
      strict({
        from: dateSchema.describe(
          'Date from which this value applies, YYYY-MM-DD, before the scenario endDate.',
        ),
        value: param.describe(`Value from that date on (${describeBounds(bounds)}).`),
      }),
      'from',
      'step',
    ),
  }).describe('Steps: the value of the latest step whose `from` date has passed (0 before the first).');
  const points = strict({
    points: datedEntries(
      strict({
        date: dateSchema.describe('Date of this point, YYYY-MM-DD (may lie outside the horizon).'),
        value: param.describe(`Value at that date (${describeBounds(bounds)}).`),
      }),
      'date',
      'point',
    ),
  }).describe('Points: piecewise-linear between dated points, constant outside them.');
  const expression = strict({
    expression: z
      .string()
      .check((ctx) => {
        for (const issue of validateExpression(ctx.value, 'expression')) {
          addIssue(ctx)(issue.message, issue.fix, []);
        }
      })
      .describe(
        `A mathjs expression in t (days since the start), e.g. "min(400 + 10 * t / 30, 2000)"; only arithmetic, comparisons, cond ? a : b and whitelisted functions (min, max, abs, exp, log, sqrt, pow, floor, ceil, round, sin, cos, …). Must give a finite value ${describeBounds(bounds)} on every day of the horizon.`,
      ),
  });
  return z.union([param, steps, points, expression], {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? `must be a number ${describeBounds(bounds)}, a distribution, a sourced value, { steps }, { points } or { expression }`
        : undefined,
  });
}
