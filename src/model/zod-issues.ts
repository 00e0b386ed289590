/**
 * Turns zod issues into scenario issues: one per problem, with the offending value in the message and a
 * fix taken from the field's schema description.
 *
 * @module
 * @internal
 */

import type * as z from 'zod';
import { describeValue } from '../errors.js';
import { SUGGESTION, suggestKey } from './field-suggestions.js';
import { IMPLAUSIBLE, tooLargeMessage } from './limits.js';
import { SCHEMA_REFERENCE, scenarioSchema } from './scenario-schema.js';
import { childOf, isRecord, listIds, type PathSegments, type RawIssue } from './validate-view.js';

/** What the schema says about each field, by path pattern (`.firms[].lines[].id`). */
interface Guide {
  readonly descriptions: Map<string, string>;
  readonly keys: Map<string, Set<string>>;
  /** Patterns of the fields that may be left out. */
  readonly optional: Set<string>;
}

interface SchemaLike {
  readonly description?: string | undefined;
  readonly _zod: { readonly def: Record<string, unknown> & { readonly type: string } };
}

function walk(schema: SchemaLike, pattern: string, guide: Guide, depth: number): void {
  if (depth > 40) return;
  const description = schema.description;
  if (description !== undefined && !guide.descriptions.has(pattern))
    guide.descriptions.set(pattern, description);
  const def = schema._zod.def;
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, SchemaLike>;
      const keys = guide.keys.get(pattern) ?? new Set<string>();
      guide.keys.set(pattern, keys);
      for (const [key, child] of Object.entries(shape)) {
        keys.add(key);
        walk(child, `${pattern}.${key}`, guide, depth + 1);
      }
      return;
    }
    case 'array':
      walk(def.element as SchemaLike, `${pattern}[]`, guide, depth + 1);
      return;
    case 'union':
      for (const option of def.options as SchemaLike[]) walk(option, pattern, guide, depth + 1);
      return;
    case 'record':
      walk(def.valueType as SchemaLike, `${pattern}.*`, guide, depth + 1);
      return;
    case 'pipe':
      walk(def.in as SchemaLike, pattern, guide, depth + 1);
      return;
    default:
      if (def.type === 'optional') guide.optional.add(pattern);
      if (def.innerType !== undefined) walk(def.innerType as SchemaLike, pattern, guide, depth + 1);
  }
}

let guide: Guide | undefined;
function getGuide(): Guide {
  if (guide === undefined) {
    guide = { descriptions: new Map(), keys: new Map(), optional: new Set() };
    walk(scenarioSchema as unknown as SchemaLike, '', guide, 0);
  }
  return guide;
}

function patternOf(path: PathSegments): string {
  return path.map((s) => (typeof s === 'number' ? '[]' : `.${s}`)).join('');
}

/** The fix for a field: its name and schema description, from the nearest described ancestor. */
export function fixFor(path: PathSegments): string {
  const { descriptions } = getGuide();
  for (let n = path.length; n > 0; n--) {
    const prefix = path.slice(0, n);
    const description = descriptions.get(patternOf(prefix));
    const field = [...prefix].reverse().find((s) => typeof s === 'string');
    if (description !== undefined && field !== undefined && n > 0) return `Expected ${field}: ${description}`;
  }
  return `See ${SCHEMA_REFERENCE} for the expected shape.`;
}

/** A value for a message, shortened to one readable line. */
export function show(value: unknown): string {
  const text = describeValue(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

const EXPECTED: Readonly<Record<string, string>> = {
  number: 'a finite number',
  int: 'an integer',
  string: 'a string',
  object: 'an object',
  array: 'an array',
  boolean: 'true or false',
};

type Issue = z.core.$ZodIssue;

/** How a union branch met the input. */
interface Match {
  /** Issues it found (an unknown key counts once per key; a nested union, as its best branch). */
  readonly score: number;
  /**
   * How well it took the input's shape: 2 if it fits (no wrong type or unknown key at its root, and not a
   * discriminated union whose discriminator, e.g. `type`, the input lacks); 1 if it would but for
   * misspelt keys (each unknown key at its root near one of its fields); else 0. Mistakes inside the best
   * fitting branch are the ones to report, however many other branches have.
   */
  readonly fit: 0 | 1 | 2;
}

/** How a branch met `input`; `undefined` if the input is not even of the branch's type. */
function match(issues: readonly Issue[], input: unknown): Match | undefined {
  let score = 0;
  let fit: Match['fit'] = 2;
  for (const i of issues) {
    const atRoot = i.path.length === 0;
    if (atRoot && i.code === 'invalid_type') return undefined;
    if (i.code === 'unrecognized_keys') {
      score += i.keys.length;
      // One line per key (see `strict`), each with a suggestion if the key is near a field.
      const misspelt = i.message.split('\n').every((line) => line.includes(SUGGESTION));
      if (atRoot) fit = Math.min(fit, misspelt ? 1 : 0) as Match['fit'];
    } else if (atRoot && i.code === 'invalid_union' && !isNoDiscriminator(i)) {
      const best = bestBranch(i.errors, input);
      if (best === undefined) return undefined;
      score += best.match.score;
      fit = Math.min(fit, best.match.fit) as Match['fit'];
    } else {
      score += 1;
      const own = i as { input?: unknown; discriminator?: unknown };
      if (isNoDiscriminator(i) && lacks(own.input, own.discriminator)) fit = 0;
    }
  }
  return { score, fit };
}

function isNoDiscriminator(issue: Issue): boolean {
  return (issue as { note?: unknown }).note === 'No matching discriminator';
}

function lacks(input: unknown, key: unknown): boolean {
  return typeof input === 'object' && input !== null && typeof key === 'string' && !(key in input);
}

/** The branch to report: the fewest issues among those that fit the input best. */
function bestBranch(
  branches: readonly (readonly Issue[])[],
  input: unknown,
): { readonly issues: readonly Issue[]; readonly match: Match } | undefined {
  let best: { issues: readonly Issue[]; match: Match } | undefined;
  for (const issues of branches) {
    const m = match(issues, input);
    if (m === undefined) continue;
    const better =
      best === undefined ||
      m.fit > best.match.fit ||
      (m.fit === best.match.fit && m.score < best.match.score);
    if (better) best = { issues, match: m };
  }
  return best;
}

/** Other names of the distribution types, as other tools spell them. */
const TYPE_SYNONYMS: Readonly<Record<string, string>> = {
  gaussian: 'normal',
  norm: 'normal',
  lognorm: 'lognormal',
  'log-normal': 'lognormal',
  exp: 'exponential',
  expon: 'exponential',
  unif: 'uniform',
  tri: 'triangular',
  triang: 'triangular',
  betapert: 'pert',
};

function convertUnion(
  issue: Extract<Issue, { code: 'invalid_union' }>,
  path: PathSegments,
  root: unknown,
): RawIssue[] {
  const input: unknown = (issue as { input?: unknown }).input;
  if ('note' in issue && issue.note === 'No matching discriminator') {
    const options = ((issue as { options?: unknown[] }).options ?? []).map(String);
    if (isRecord(input) && !Object.hasOwn(input, 'type')) return withoutType(input, path, options);
    const type = typeof input === 'string' ? input : isRecord(input) ? input.type : undefined;
    // The type itself when there is one ("gaussian"), else the whole value ({"min":1,"max":3}).
    const shown = typeof type === 'string' ? show(type) : show(input);
    const near =
      typeof type === 'string' ? (TYPE_SYNONYMS[type.toLowerCase()] ?? suggestKey(type, options)) : undefined;
    const suggestion =
      near !== undefined && options.includes(near) ? `${SUGGESTION}'${near}'? Known` : '; known';
    return [
      {
        path,
        message: `unknown distribution type ${shown}${suggestion}: ${options.join(', ')}`,
        fix: "Use one of the distribution types, with that distribution's parameters.",
      },
    ];
  }
  const best = bestBranch(issue.errors, input);
  if (best !== undefined) return best.issues.flatMap((i) => convert(i, root, path));
  const last = path[path.length - 1];
  if (input === undefined && typeof last === 'string') {
    return [missingField(path, last, fixFor(path), root)];
  }
  return [{ path, message: `${issue.message} (got ${show(input)})`, fix: fixFor(path) }];
}

/**
 * The issue of a field the schema found `undefined`: absent, or, in a scenario built in code, present with
 * the value `undefined` (which no file can hold, and which the schema does not read as "left out").
 */
/**
 * An object without `type` where a distribution is expected: a profile given to a field that takes none,
 * `type` misspelt, or `type` left out (each said as such, not as an unknown type `{"min":1,"max":3}`).
 */
function withoutType(
  input: Record<string, unknown>,
  path: PathSegments,
  options: readonly string[],
): RawIssue[] {
  const field = path[path.length - 1] === 'type' ? path.slice(0, -1) : path;
  const profile = ['expression', 'steps', 'points'].find((k) => Object.hasOwn(input, k));
  if (profile !== undefined) {
    return [
      {
        path: field,
        message: `a profile ({ ${profile} }) is not allowed in this field: it takes a number, a distribution { type, … } or a sourced value { value, facts, confidence }`,
        fix: 'Give a constant or a distribution; only fields described as profiles vary over time.',
      },
    ];
  }
  const known = `Add type, one of: ${options.join(', ')}.`;
  const typo = Object.keys(input).find((k) => suggestKey(k, ['type']) === 'type');
  if (typo !== undefined) {
    const fix = `Rename it type, one of: ${options.join(', ')}.`;
    return [{ path: [...field, typo], message: `unknown field '${typo}'${SUGGESTION}'type'?`, fix }];
  }
  return [{ path: [...field, 'type'], message: "required field 'type' is missing", fix: known }];
}

function missingField(path: PathSegments, name: string, fix: string, root: unknown): RawIssue {
  const parent = path.slice(0, -1).reduce(childOf, root);
  const present = isRecord(parent) && Object.hasOwn(parent, name);
  const optional = getGuide().optional.has(patternOf(path));
  const message = !present
    ? `required field '${name}' is missing`
    : `field '${name}' is undefined: give it a value${optional ? ' or leave the field out' : ''}`;
  return { path, message, fix };
}

/** Converts one zod issue about `root` (paths relative to `base`) into scenario issues. */
export function convert(issue: Issue, root: unknown, base: PathSegments = []): RawIssue[] {
  const path: PathSegments = [...base, ...(issue.path as (string | number)[])];
  const input: unknown = (issue as { input?: unknown }).input;
  const got = `(got ${show(input)})`;
  const fix = fixFor(path);
  switch (issue.code) {
    case 'invalid_union':
      return convertUnion(issue, path, root);
    case 'unrecognized_keys': {
      // The schema's own message has one line per key with the suggestion (see `strict`).
      const lines = issue.message.split('\n');
      const allowed = getGuide().keys.get(patternOf(path));
      return issue.keys.map((key, i) => ({
        path: [...path, key],
        message: lines.length === issue.keys.length ? lines[i]! : `unknown field '${key}'`,
        fix: `Remove '${key}' or correct its spelling${allowed === undefined ? '' : `; fields here: ${listIds(allowed)}`}.`,
      }));
    }
    case 'invalid_type': {
      const last = path[path.length - 1];
      if (input === undefined && typeof last === 'string') {
        return [missingField(path, last, fix, root)];
      }
      return [{ path, message: `must be ${EXPECTED[issue.expected] ?? issue.expected} ${got}`, fix }];
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = small ? issue.minimum : issue.maximum;
      const op = `${small ? '>' : '<'}${issue.inclusive ? '=' : ''}`;
      if (issue.origin === 'array') {
        const count = Array.isArray(input) ? input.length : '?';
        return [
          {
            path,
            message: `must have ${small ? 'at least' : 'at most'} ${bound} ${bound === 1 ? 'entry' : 'entries'} (got ${count})`,
            fix,
          },
        ];
      }
      if (issue.origin === 'string' && small && Number(bound) === 1) {
        return [{ path, message: `must not be empty ${got}`, fix }];
      }
      // A sanity cap (see param-schema.ts's boundedNumber), not a limit of the model.
      if (!small && issue.message === IMPLAUSIBLE) {
        return [{ path, message: tooLargeMessage(Number(bound), show(input)), fix }];
      }
      return [{ path, message: `must be ${op} ${String(bound)} ${got}`, fix }];
    }
    case 'invalid_value': {
      const expected = issue.values.map((v) => show(v)).join(' or ');
      if (path.length === 1 && path[0] === 'schemaVersion') {
        if (input === undefined) {
          const fix = 'Add schemaVersion: 1 at the top of the file (the version this dibsim reads).';
          return [missingField(path, 'schemaVersion', fix, root)];
        }
        return [
          {
            path,
            message: `schemaVersion must be 1 ${got}`,
            // Only another whole version number names a release that could read it ("1", null, 0 do not).
            fix:
              Number.isInteger(input) && (input as number) > 1
                ? `This dibsim reads schemaVersion 1 only: convert the file to version 1, or use a dibsim release that reads version ${show(input)}.`
                : 'Write schemaVersion: 1, the number 1 (the version this dibsim reads).',
          },
        ];
      }
      return [{ path, message: `must be ${expected} ${got}`, fix }];
    }
    case 'invalid_key':
      return [{ path, message: `invalid key ${got}: ${issue.issues.map((i) => i.message).join('; ')}`, fix }];
    case 'custom': {
      const own = (issue.params as { fix?: unknown } | undefined)?.fix;
      const primitive = typeof input === 'string' || typeof input === 'number' || typeof input === 'boolean';
      const named = issue.message.includes('(got ') || issue.message.includes(String(input));
      const message = primitive && !named ? `${issue.message} ${got}` : issue.message;
      return [{ path, message, fix: typeof own === 'string' ? own : fix }];
    }
    case 'invalid_format':
      return [{ path, message: `${issue.message} ${got}`, fix }];
    default:
      return [{ path, message: `${issue.message} ${got}`, fix }];
  }
}
