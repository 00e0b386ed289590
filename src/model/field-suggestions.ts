/**
 * Suggestions for mistyped field names: `unknown field 'capacityPerMont'; did you mean
 * 'capacityPerMonth'?`. Shared by the scenario schema, the strategies' parameter readers and the checks of
 * the functions' options; free of zod,
 * so that worker threads, which load the strategies but validate nothing, do not load it.
 *
 * @module
 * @internal
 */

import { type ScenarioIssue, suggestKey } from '../errors.js';

// One implementation for every layer: the kernel, statistics and random numbers check their options too,
// and may import nothing above errors.ts.
export { checkOptionNames, editDistance, suggestKey } from '../errors.js';

/** What an unknown-field message adds when it has a suggestion (see {@link unknownFieldMessage}). */
export const SUGGESTION = '; did you mean ';

/** `unknown field 'capacityPerMont'; did you mean 'capacityPerMonth'?` */
export function unknownFieldMessage(key: string, allowed: readonly string[]): string {
  const suggestion = suggestKey(key, allowed);
  return `unknown field '${key}'${suggestion === undefined ? '' : `${SUGGESTION}'${suggestion}'?`}`;
}

/**
 * One issue per field of `object` not in `allowed` (in the object's order), each suggesting the field a typo
 * meant and listing the known ones; `none` is the fix when no field is allowed at all.
 */
export function unknownFieldIssues(
  object: object,
  allowed: readonly string[],
  none = 'It takes no fields: leave them out.',
): ScenarioIssue[] {
  return Object.keys(object)
    .filter((key) => !allowed.includes(key))
    .map((key) => ({
      path: key,
      message: unknownFieldMessage(key, allowed),
      fix: allowed.length === 0 ? none : `Known fields: ${allowed.join(', ')}.`,
    }));
}
