/**
 * Suggestions for mistyped field names: `unknown field 'capacityPerMont'; did you mean
 * 'capacityPerMonth'?`. Shared by the scenario schema, the strategies' parameter readers and the checks of
 * the functions' options; free of zod,
 * so that worker threads, which load the strategies but validate nothing, do not load it.
 *
 * @module
 * @internal
 */

import { DibsimError, describeValue } from '../errors.js';

/** Optimal-string-alignment edit distance (Levenshtein plus adjacent swaps), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const rows = Array.from({ length: s.length + 1 }, (_, i) => {
    const row = new Array<number>(t.length + 1).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j <= t.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1])
        d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[s.length]![t.length]!;
}

/** The allowed key closest to `key`, if it is close enough to be a likely typo. */
export function suggestKey(key: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  const extends_ = (candidate: string) => candidate.toLowerCase().startsWith(key.toLowerCase());
  for (const candidate of allowed) {
    const d = editDistance(key, candidate);
    // Between equally near names, one that only adds to the key ('lever' → 'levers', not 'level').
    if (d < bestDistance || (d === bestDistance && extends_(candidate) && !extends_(best!))) {
      best = candidate;
      bestDistance = d;
    }
  }
  // Up to a third of the word may be wrong (at least 2 edits), so 'capacityPerMont' finds its field
  // but 'foo' does not suggest 'id'.
  return bestDistance <= Math.max(2, Math.floor(key.length / 3)) && bestDistance < key.length
    ? best
    : undefined;
}

/** What an unknown-field message adds when it has a suggestion (see {@link unknownFieldMessage}). */
export const SUGGESTION = '; did you mean ';

/** `unknown field 'capacityPerMont'; did you mean 'capacityPerMonth'?` */
export function unknownFieldMessage(key: string, allowed: readonly string[]): string {
  const suggestion = suggestKey(key, allowed);
  return `unknown field '${key}'${suggestion === undefined ? '' : `${SUGGESTION}'${suggestion}'?`}`;
}

/**
 * Rejects an options object with a field not in `names`, which would otherwise be ignored and the call go
 * ahead on the default it meant to change. Anything but an object passes: the caller reports that itself.
 * @param where - the object as the caller wrote it, e.g. `runExperiment: options`
 * @throws {@link DibsimError} `INVALID_ARGUMENT`: `<where>.<key> is not an option (got …). Did you mean …?`
 */
export function checkOptionNames(options: unknown, names: readonly string[], where: string): void {
  if (typeof options !== 'object' || options === null) return;
  for (const [key, value] of Object.entries(options)) {
    if (names.includes(key)) continue;
    const near = suggestKey(key, names);
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `${where}.${key} is not an option (got ${describeValue(value)}). ${near === undefined ? '' : `Did you mean '${near}'? `}Options: ${names.join(', ')}.`,
    );
  }
}
