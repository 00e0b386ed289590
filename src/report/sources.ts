/**
 * The provenance of a scenario's parameters: every {@link Sourced} value with its path, value, fact IDs
 * and confidence, found by walking the scenario data.
 *
 * @module
 */

import type { Lever } from '../experiment/levers.js';
import type { Confidence, Scenario, Sourced } from '../model/scenario.js';
import type { DistributionSpec } from '../random/spec.js';

/** One sourced parameter of a scenario. */
export interface SourcedParameter {
  /**
   * Where it sits, in the path syntax of sweep levers (e.g.
   * `nations[id=DE].stockpiles[item=155mm].initialRounds`), so it can be passed to a tornado as is.
   */
  readonly path: string;
  /** The value or distribution, as text, e.g. `0.5` or `pert(min 0.33, mode 0.5, max 1)`. */
  readonly value: string;
  /** The value or distribution as data. */
  readonly raw: number | DistributionSpec;
  /** Calibration fact IDs. */
  readonly facts: readonly string[];
  /** Confidence (`'gap'`: an assumption without a public source); `undefined` when not given. */
  readonly confidence: Confidence | undefined;
  /** Why this value, when given. */
  readonly note: string | undefined;
}

/** Fields that identify an array element, in order of preference, for paths like `[id=DE]`. */
const ELEMENT_KEYS = ['id', 'item', 'component'] as const;

/** Whether `v` is a {@link Sourced} value rather than a plain number or distribution. */
function isSourced(v: unknown): v is Sourced {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || !('value' in v)) return false;
  return 'facts' in v || 'confidence' in v || 'note' in v;
}

/** Thousands separators, and as many decimals as a scenario plausibly holds. */
const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 10 });

/** A distribution or number as short text, e.g. `pert(min 20,000, mode 50,000, max 150,000)`. */
export function describeParamValue(value: number | DistributionSpec): string {
  const text = (v: unknown) => (typeof v === 'number' ? NUMBER.format(v) : String(v));
  if (typeof value === 'number') return text(value);
  const { type, ...params } = value as unknown as { type: string } & Record<string, unknown>;
  const args = Object.entries(params).map(
    ([k, v]) => `${k} ${Array.isArray(v) ? `[${v.map(text).join(', ')}]` : text(v)}`,
  );
  return `${type}(${args.join(', ')})`;
}

/**
 * Every sourced parameter of `scenario`, in document order.
 *
 * @example
 * sourcedParameters(europe155mm).filter((p) => p.confidence === 'gap'); // the least certain inputs
 */
export function sourcedParameters(scenario: Scenario): SourcedParameter[] {
  const found: SourcedParameter[] = [];
  const walk = (node: unknown, path: string): void => {
    if (isSourced(node)) {
      found.push({
        path,
        value: describeParamValue(node.value),
        raw: node.value,
        facts: node.facts ?? [],
        confidence: node.confidence,
        note: node.note,
      });
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((element: unknown, i) => {
        walk(element, `${path}${elementStep(node, element, i)}`);
      });
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, value] of Object.entries(node)) walk(value, path === '' ? key : `${path}.${key}`);
    }
  };
  walk(scenario, '');
  return found;
}

/** `[id=X]` when the element has a field that identifies it uniquely in the array, else `[i]`. */
function elementStep(array: readonly unknown[], element: unknown, i: number): string {
  if (typeof element === 'object' && element !== null) {
    const record = element as Record<string, unknown>;
    for (const key of ELEMENT_KEYS) {
      const id = record[key];
      if (typeof id !== 'string' || /[\]=]/.test(id)) continue;
      const unique = array.filter((e) => (e as Record<string, unknown> | null)?.[key] === id).length === 1;
      if (unique) return `[${key}=${id}]`;
    }
  }
  return `[${i}]`;
}

/** Low and high of a parameter's distribution, when it has a range, and the range relative to its centre. */
function rangeOf(p: SourcedParameter): { min: number; max: number; width: number } | undefined {
  if (typeof p.raw === 'number') return undefined;
  const { min, max } = p.raw as { min?: unknown; max?: unknown };
  if (typeof min !== 'number' || typeof max !== 'number' || !(max > min)) return undefined;
  const centre = Math.abs((min + max) / 2);
  return { min, max, width: centre > 0 ? (max - min) / centre : max - min };
}

/**
 * Tornado levers over the least certain inputs: the `gap` parameters whose distributions have the widest
 * ranges relative to their centre, each moved from its minimum to its maximum.
 *
 * @param count - most levers to return
 * @example
 * await tornado({ scenario: europe155mm, strategies, replications: 20, levers: gapLevers(europe155mm, 6), kpis: ['fillRate'] });
 */
export function gapLevers(scenario: Scenario, count: number): Lever[] {
  return sourcedParameters(scenario)
    .filter((p) => p.confidence === 'gap')
    .map((p) => ({ p, r: rangeOf(p) }))
    .filter((x): x is { p: SourcedParameter; r: NonNullable<typeof x.r> } => x.r !== undefined)
    .sort((a, b) => b.r.width - a.r.width)
    .slice(0, count)
    .map(({ p, r }) => ({ path: p.path, low: r.min, high: r.max }));
}
