/**
 * A nation's state during a run, shared by the world and its results.
 *
 * @internal
 * @module
 */
import type { Budget } from './budget.js';
import type { Consumption } from './demand.js';
import type { ProfileFn } from './params.js';
import type { NationSpec } from './scenario.js';
import type { Stockpile } from './stockpile.js';

/** A nation during a run. @internal */
export interface NationState {
  readonly spec: NationSpec;
  readonly stockpiles: Map<string, Stockpile>;
  /** The same stockpiles in the map's order, for loops run every month (no iterator to allocate). */
  readonly stockpileList: readonly Stockpile[];
  readonly targets: Map<string, ProfileFn>;
  readonly consumption: Consumption[];
  readonly budget: Budget;
  readonly licenceDelayDays: number;
  readonly licenceDenial: () => number;
  readonly overhead: { eur: number };
  readonly domesticFirms: string[];
}
