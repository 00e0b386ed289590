/**
 * Allocation of scarce rounds among the members of a pooled buy, and the non-EU content of a firm's
 * inputs (the EDIP cap, calibration FU-04).
 *
 * @module
 */
import { mapToArray } from '../kernel/arrays.js';
import type { FirmView, NationView } from '../model/procurement.js';
import { largestRemainder } from '../model/whole-rounds.js';

/**
 * Splits `total` whole rounds among claimants in proportion to `weights`, never giving claimant i more
 * than `caps[i]` (water-filling: what a capped claimant cannot take goes to the others in proportion to
 * their weights). Claimants with weight 0 get only what is left once every weighted claimant is full,
 * pro rata to their caps. Fractions are rounded by largest remainder (ties to the lower index), so the
 * result is whole, sums to `min(total, Σ caps)`, and is deterministic.
 *
 * @param total - rounds to allocate (whole, ≥ 0)
 * @param caps - the most each claimant may get (whole, ≥ 0), e.g. its need
 * @param raw - priority weights (finite, ≥ 0; only their ratios matter)
 * @example
 * allocateCapped(100, [80, 80], [3, 1]); // [75, 25]
 * allocateCapped(100, [50, 80], [3, 1]); // [50, 50]
 */
export function allocateCapped(total: number, caps: readonly number[], raw: readonly number[]): number[] {
  // Weights are relative: finite weights so large that rounds × weight overflows (contributions of 1e308)
  // are scaled down first, or shares would be NaN. Others are used as given, so results keep every bit.
  const fits = Number.isFinite(total * raw.reduce((s, w) => s + w, 0));
  const top = fits ? 1 : Math.max(...raw);
  const weights = fits ? raw : mapToArray(raw, (w) => w / top);
  const n = caps.length;
  const exact = new Array<number>(n).fill(0);
  let left = Math.min(
    total,
    caps.reduce((s, c) => s + c, 0),
  );
  const fill = (open: number[], weightOf: (i: number) => number) => {
    while (left > 1e-9 && open.length > 0) {
      const sum = open.reduce((s, i) => s + weightOf(i), 0);
      if (sum <= 0) return;
      const full = open.filter((i) => exact[i]! + (left * weightOf(i)) / sum >= caps[i]!);
      if (full.length === 0) {
        for (const i of open) exact[i]! += (left * weightOf(i)) / sum;
        left = 0;
        return;
      }
      for (const i of full) {
        left -= caps[i]! - exact[i]!;
        exact[i] = caps[i]!;
      }
      open = open.filter((i) => !full.includes(i));
    }
  };
  const indices = [...caps.keys()];
  fill(
    indices.filter((i) => caps[i]! > 0 && weights[i]! > 0),
    (i) => weights[i]!,
  );
  fill(
    indices.filter((i) => exact[i]! < caps[i]!),
    (i) => caps[i]! - exact[i]!,
  );
  return largestRemainder(exact, caps);
}

/**
 * Share of a firm's first-tier inputs that come from outside the EU and EEA, weighted by component
 * (equal weights unless given: component costs are not in the scenario data). A supplier nation counts
 * as EU/EEA if the scenario lists it with an `'EU'` or `'EEA'` membership; any other nation, including one
 * the scenario does not list, counts as outside. A firm without inputs has share 0.
 *
 * @param componentWeights - relative weight (cost share) per component id; missing components weigh 1
 * @remarks Calibration FU-04 (EDIP): components from outside the EU/EEA ≤ 35 % of product cost (H).
 */
export function nonEuInputShare(
  firm: FirmView,
  nations: readonly NationView[],
  componentWeights: Readonly<Record<string, number>> = {},
): number {
  const inside = new Set(
    nations.filter((n) => n.memberships.includes('EU') || n.memberships.includes('EEA')).map((n) => n.id),
  );
  let total = 0;
  let outside = 0;
  for (const input of firm.inputs) {
    const w = componentWeights[input.component] ?? 1;
    total += w;
    if (!inside.has(input.nation)) outside += w;
  }
  return total > 0 ? outside / total : 0;
}
