/**
 * Suggestions for mistyped field names: `unknown field 'capacityPerMont'; did you mean
 * 'capacityPerMonth'?`. Shared by the scenario schema, the strategies' parameter readers and the checks of
 * the functions' options; free of zod,
 * so that worker threads, which load the strategies but validate nothing, do not load it.
 *
 * @module
 * @internal
 */

import { suggestKey } from '../errors.js';

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
