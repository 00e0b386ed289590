/**
 * What the kernel's resources, containers and stores share about their built-in statistics.
 *
 * @module
 */
import type { Tally } from '../stats/tally.js';
import { TimeWeighted } from '../stats/time-weighted.js';

/**
 * Forgets what `stats` recorded and starts observing again at `time` (the end of a warm-up period):
 * time-weighted levels carry on from their current level, tallies start empty. Nothing when `stats` is
 * `null` (an object created with `stats: false`).
 * @internal
 */
export function resetStatistics<S extends { readonly [K in keyof S]: TimeWeighted | Tally }>(
  stats: S | null,
  time: number,
): void {
  if (stats === null) return;
  for (const s of Object.values<TimeWeighted | Tally>(stats)) {
    if (s instanceof TimeWeighted) s.reset(time);
    else s.reset();
  }
}
