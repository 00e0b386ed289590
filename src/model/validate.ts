/**
 * Scenario validation: the schema, then every cross-field rule, with all problems reported at once.
 *
 * @module
 */

import { serialize } from 'node:v8';
import type * as z from 'zod';
import { ScenarioError, type ScenarioIssue } from '../errors.js';
import { dateSchema } from './param-schema.js';
import type { Scenario } from './scenario.js';
import {
  componentSchema,
  firmSchema,
  itemSchema,
  nationSchema,
  pledgeSchema,
  recipientSchema,
  SCHEMA_REFERENCE,
  scenarioSchema,
  shockSchema,
  supplierSchema,
} from './scenario-schema.js';
import { quantityIssues } from './validate-quantities.js';
import { structuralIssues } from './validate-rules.js';
import {
  COLLECTIONS,
  type Collection,
  childOf,
  formatPath,
  isRecord,
  type PathSegments,
  type RawIssue,
  type ScenarioView,
  viewOf,
} from './validate-view.js';
import { convert, fixFor, show } from './zod-issues.js';

/** Keys that could reach an object's prototype if the data were ever merged into another object. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Deeper than any scenario: a guard against hostile input overflowing the stack. */
const MAX_DEPTH = 64;

/**
 * Scenario objects known to be valid, those {@link validateScenario} accepted or returned, each with the
 * scenario it gave and its content when it was validated. Validating europe-155mm costs about a third of
 * a run, too much to repeat for every run of the same object; comparing its content costs under a
 * millisecond, and is what makes an object edited in place since count as new.
 */
const validated = new WeakMap<object, { readonly content: Buffer; readonly scenario: Scenario }>();

/**
 * The data's content as bytes (V8's structured-clone format, which tells `undefined`, NaN and -0 apart,
 * unlike JSON), or undefined for data it cannot copy (a proxy, a function): such data is never taken as
 * unchanged.
 */
function contentOf(data: object): Buffer | undefined {
  try {
    return serialize(data);
  } catch {
    return undefined;
  }
}

/** Records `data` as valid, giving `scenario`, as its content is now. */
function remember(data: object, scenario: Scenario): void {
  const content = contentOf(data);
  if (content !== undefined) validated.set(data, { content, scenario });
}

/**
 * Checks what the schema cannot see safely or clearly: forbidden keys (own keys, as `JSON.parse` creates
 * them), non-finite numbers (a TypeScript object can carry NaN), circular references and absurd nesting.
 */
function preflight(data: unknown): { issues: RawIssue[]; unsafe: boolean } {
  const issues: RawIssue[] = [];
  let unsafe = false;
  const ancestors = new Set<object>();
  const visit = (value: unknown, path: PathSegments): void => {
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) {
        issues.push({
          path,
          message: `must be a finite number (got ${String(value)})`,
          fix: `NaN and Infinity are not valid scenario values (JSON cannot even hold them). ${fixFor(path)}`,
        });
      }
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    if (ancestors.has(value)) {
      unsafe = true;
      issues.push({
        path,
        message: 'circular reference',
        fix: 'Scenario data must be a tree: copy the object instead of referring back to it.',
      });
      return;
    }
    if (path.length > MAX_DEPTH) {
      unsafe = true;
      issues.push({
        path,
        message: `nested more than ${MAX_DEPTH} levels deep`,
        fix: `Check the structure against ${SCHEMA_REFERENCE}.`,
      });
      return;
    }
    ancestors.add(value);
    if (Array.isArray(value))
      value.forEach((v, i) => {
        visit(v, [...path, i]);
      });
    else {
      for (const key of Object.keys(value)) {
        if (FORBIDDEN_KEYS.has(key)) {
          unsafe = true;
          issues.push({
            path: [...path, key],
            message: `forbidden key '${key}'`,
            fix: `Remove it: '__proto__', 'constructor' and 'prototype' are never scenario fields and could alter object prototypes.`,
          });
        } else visit((value as Record<string, unknown>)[key], [...path, key]);
      }
    }
    ancestors.delete(value);
  };
  visit(data, []);
  return { issues, unsafe };
}

/** The parts of a scenario that did parse, so cross-field rules can run alongside schema errors. */
function salvage(data: unknown): ScenarioView | undefined {
  if (!isRecord(data)) return undefined;
  const list = <T>(schema: z.ZodType<T>, value: unknown): (T | undefined)[] =>
    Array.isArray(value) ? value.map((v) => schema.safeParse(v).data) : [];
  const ids = (value: unknown): Set<string> =>
    new Set(
      Array.isArray(value)
        ? value.flatMap((v) => (isRecord(v) && typeof v.id === 'string' ? [v.id] : []))
        : [],
    );
  const collections = COLLECTIONS;
  return {
    startDate: dateSchema.safeParse(data.startDate).data,
    endDate: dateSchema.safeParse(data.endDate).data,
    items: list(itemSchema, data.items),
    components: list(componentSchema, data.components),
    nations: list(nationSchema, data.nations),
    firms: list(firmSchema, data.firms),
    suppliers: list(supplierSchema, data.suppliers),
    recipients: list(recipientSchema, data.recipients),
    pledges: list(pledgeSchema, data.pledges),
    shocks: list(shockSchema, data.shocks),
    ids: Object.fromEntries(collections.map((c) => [c, ids(data[c])])) as Record<Collection, Set<string>>,
    unreadable: new Set(collections.filter((c) => !Array.isArray(data[c]))),
  };
}

/** Position of each path segment in the source data, so issues can be listed in document order. */
function documentOrder(data: unknown, path: PathSegments): number[] {
  const order: number[] = [];
  let node: unknown = data;
  for (const segment of path) {
    if (typeof segment === 'number') order.push(segment);
    else if (isRecord(node)) {
      const i = Object.keys(node).indexOf(segment);
      order.push(i < 0 ? Number.MAX_SAFE_INTEGER : i); // a missing field sorts after its siblings
    } else order.push(Number.MAX_SAFE_INTEGER);
    node = childOf(node, segment);
  }
  return order;
}

function compareOrder(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return a.length - b.length;
}

function startsWith(path: PathSegments, prefix: PathSegments): boolean {
  return prefix.length <= path.length && prefix.every((s, i) => path[i] === s);
}

/**
 * Validates scenario data (e.g. parsed JSON) and returns it typed as a {@link Scenario}.
 *
 * Checks, in one pass, collecting every problem: the shape, types and ranges of every field (strict:
 * unknown fields are errors, with a suggestion for typos); distribution parameters (as `createSampler`
 * checks them) and that their draws stay in the field's range; forbidden keys (`__proto__`,
 * `constructor`, `prototype`) and non-finite numbers anywhere; and the cross-field rules listed in
 * `crossFieldRules` (references, dates within the horizon, unique ids, inputs covering bills of
 * materials, an acyclic component graph, stock within storage capacity, donor shares summing to 1,
 * expressions finite and in range on every day).
 *
 * @param data - the scenario as plain data
 * @param source - what is validated, for the error message (e.g. a file name)
 * @defaultValue `source` = `'scenario'`
 * @returns a copy of the data, typed, with arrays frozen
 * @throws {@link ScenarioError} listing every issue (path, message with the offending value, fix) in
 *   document order. When forbidden keys or circular references are found, only the checks that are safe
 *   on such data are reported.
 * @remarks
 * Comparisons between a distribution and a limit use the distribution's obvious maximum (uniform,
 * triangular and PERT `max`, the largest discrete or empirical value, binomial `n`); distributions without
 * one (normal, lognormal, gamma, …) are skipped there, though their range is still checked against each
 * field's own bounds.
 * @example
 * const scenario = validateScenario(JSON.parse(text), 'scenarios/baseline.json');
 */
export function validateScenario(data: unknown, source = 'scenario'): Scenario {
  if (typeof data === 'string') {
    // A scenario's name or file path is the likeliest slip here.
    const fix =
      "Pass the scenario itself: a built-in one (import { europe155mm } from 'dibsim'), or a file read with readScenarioFile(path).";
    throw new ScenarioError(
      [{ path: '(root)', message: `must be an object, not a string (got ${show(data)})`, fix }],
      source,
    );
  }
  const pre = preflight(data);
  const finish = (raw: readonly RawIssue[]): ScenarioIssue[] =>
    raw
      .map((issue, index) => ({ issue, index, order: documentOrder(data, issue.path) }))
      .sort((a, b) => compareOrder(a.order, b.order) || a.index - b.index)
      .map(({ issue }) => ({ path: formatPath(issue.path), message: issue.message, fix: issue.fix }));
  if (pre.unsafe) throw new ScenarioError(finish(pre.issues), source);

  const parsed = scenarioSchema.safeParse(data, { reportInput: true });
  const schemaIssues = (parsed.error?.issues ?? []).flatMap((issue) => convert(issue, data));
  // A non-finite number is reported once, by the preflight, not again as a type or union error.
  const covered = (issue: RawIssue) =>
    pre.issues.some((p) => startsWith(issue.path, p.path) || startsWith(p.path, issue.path));
  const view = parsed.success ? viewOf(parsed.data) : salvage(data);
  const ruleIssues = view === undefined ? [] : [...structuralIssues(view), ...quantityIssues(view)];
  const all = [...pre.issues, ...schemaIssues.filter((i) => !covered(i)), ...ruleIssues];
  if (all.length > 0 || !parsed.success) {
    throw new ScenarioError(
      all.length > 0
        ? finish(all)
        : [{ path: '(root)', message: `invalid scenario ${show(data)}`, fix: fixFor([]) }],
      source,
    );
  }
  // Both are valid now: runScenario need not validate either again while they stay as they are.
  remember(parsed.data, parsed.data);
  remember(data as object, parsed.data);
  return parsed.data;
}

/**
 * The scenario `data` gives, as {@link validateScenario} returns it: validated the first time an object
 * is seen, and again whenever its content has changed since (an object edited in place between runs).
 *
 * @throws {@link ScenarioError} as {@link validateScenario} does.
 * @internal
 */
export function validatedOnce(data: unknown, source?: string): Scenario {
  const known = typeof data === 'object' && data !== null ? validated.get(data) : undefined;
  if (known !== undefined && contentOf(data as object)?.equals(known.content) === true) return known.scenario;
  return validateScenario(data, source);
}
