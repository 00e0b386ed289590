import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../../src/errors.js';
import { validateScenario } from '../../../src/model/validate.js';
import { minimalScenario } from './fixtures.js';

type Path = (string | number)[];

/** Every field of `value` (objects and arrays included), as paths. */
function fields(value: unknown, path: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...path, i], ...fields(v, [...path, i])]);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => [[...path, k], ...fields(v, [...path, k])]);
  }
  return [];
}

function format(path: Path): string {
  return path
    .map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`))
    .join('')
    .slice(1);
}

function withValue(path: Path, value: unknown): unknown {
  const s = structuredClone(minimalScenario()) as unknown as Record<string | number, unknown>;
  let node = s;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
  return s;
}

/** Whether an issue at `issue` is about the field at `field`: the same, inside it, or around it. */
const about = (issue: string, field: string) =>
  issue === field ||
  issue.startsWith(`${field}.`) ||
  issue.startsWith(`${field}[`) ||
  field.startsWith(issue);

describe('validateScenario: every field of a scenario, broken one at a time', () => {
  const paths = fields(minimalScenario()).map((p) => [format(p), p] as const);

  it.each(paths)('NaN or an empty object at %s is reported at that field, never as a crash', (name, path) => {
    for (const bad of [Number.NaN, {}]) {
      let error: unknown;
      try {
        validateScenario(withValue(path, bad));
      } catch (e) {
        error = e;
      }
      // An empty object is a valid value of a few fields (a map of exchange rates); NaN of none.
      if (error === undefined && typeof bad === 'object') continue;
      expect(error, `${name} = ${String(bad)} was accepted`).toBeInstanceOf(ScenarioError);
      const issues = (error as ScenarioError).issues;
      expect(
        issues.some((i) => about(i.path, name)),
        `${name} = ${JSON.stringify(bad)}: ${JSON.stringify(issues)}`,
      ).toBe(true);
      // An unknown distribution type is reported only for the broken field itself, never for a field
      // around it (as a mistake inside a sourced value used to be).
      const wrongType = issues.filter((i) => i.message.startsWith('unknown distribution type'));
      expect(
        wrongType.every((i) => about(i.path, `${name}.type`)),
        JSON.stringify(wrongType),
      ).toBe(true);
    }
  });
});
