/**
 * Demand: daily consumption with day-to-day variability, demand shocks, and aid pledges.
 *
 * @module
 */
import { standardGamma } from '../random/continuous.js';
import { poisson } from '../random/discrete.js';
import type { Rng, Sampler } from '../random/rng.js';
import { MIN_VARIABILITY } from './limits.js';
import type { ProfileFn } from './params.js';
import type { Stockpile } from './stockpile.js';

/** A demand shock resolved for a run: consumption multiplied over `[startDay, endDay]`. @internal */
export interface Shock {
  readonly actors: ReadonlySet<string>;
  readonly item: string;
  readonly startDay: number;
  readonly endDay: number;
  readonly multiplier: number;
}

/**
 * Daily consumption of one item by one actor: mean from a profile, times active shocks, drawn as
 * gamma with the given coefficient of variation (or Poisson), and turned into whole rounds with the
 * fraction carried to the next day so that nothing is lost to rounding.
 * @internal
 */
export class Consumption {
  private carry = 0;
  private readonly gammaUnit: Sampler | null;
  private readonly shape: number;
  // The shocks' windows and multipliers as typed arrays, which have one shape whether an actor has shocks
  // or not (a filtered plain array has another when empty), so V8's optimised rate() never meets a new one.
  private readonly shockStart: Float64Array;
  private readonly shockEnd: Float64Array;
  private readonly shockMultiplier: Float64Array;

  constructor(
    readonly stockpile: Stockpile,
    private readonly meanPerDay: ProfileFn,
    shocks: readonly Shock[],
    private readonly rng: Rng,
    private readonly variability: number | 'poisson',
  ) {
    this.shockStart = Float64Array.from(shocks, (s) => s.startDay);
    this.shockEnd = Float64Array.from(shocks, (s) => s.endDay);
    this.shockMultiplier = Float64Array.from(shocks, (s) => s.multiplier);
    // Gamma(k, θ) with mean m and CV c has k = 1/c² and θ = m·c²: draw a unit-scale gamma and rescale.
    // A CV below MIN_VARIABILITY (refused when given as a number; a distribution can draw one) counts as 0,
    // deterministic: 1e-300 made k Infinity and the stock NaN.
    const gamma = typeof variability === 'number' && variability >= MIN_VARIABILITY;
    this.shape = gamma ? 1 / (variability * variability) : 0;
    this.gammaUnit = this.shape > 0 ? standardGamma(rng, this.shape) : null;
  }

  /** Mean rounds per day on `day`, shocks included. */
  rate(day: number): number {
    let m = this.meanPerDay(day);
    const start = this.shockStart;
    for (let i = 0; i < start.length; i++) {
      if (day >= start[i]! && day <= this.shockEnd[i]!) m *= this.shockMultiplier[i]!;
    }
    return Math.max(m, 0);
  }

  /** Whole rounds demanded on `day`. */
  draw(day: number): number {
    const mean = this.rate(day);
    if (mean === 0) return 0;
    if (this.variability === 'poisson') return poisson(this.rng, { mean })();
    const x =
      this.gammaUnit === null ? mean + this.carry : (this.gammaUnit() * mean) / this.shape + this.carry;
    const whole = Math.floor(x);
    this.carry = x - whole;
    return whole;
  }
}

/** A donor's part of a pledge. @internal */
export interface DonorPart {
  readonly nation: string;
  /** Rounds still to send from existing stock. */
  fromStockRemaining: number;
  /** Rounds to procure for the recipient (grows when stock cannot cover its part by the deadline). */
  procureRounds: number;
  /** Rounds ordered towards the pledge so far. */
  orderedRounds: number;
}

/** An aid pledge during a run. @internal */
export class Pledge {
  /** Rounds that reached the recipient under this pledge. */
  deliveredRounds = 0;
  /** Rounds that arrived on or before the deadline day. */
  deliveredByDeadlineRounds = 0;
  /** Day the pledged quantity was reached, or NaN. */
  metDay = Number.NaN;

  constructor(
    readonly id: string,
    readonly recipient: string,
    readonly item: string,
    readonly quantityRounds: number,
    readonly startDay: number,
    readonly deadlineDay: number,
    readonly donors: DonorPart[],
  ) {}

  /** Records rounds arriving at the recipient on `day`. */
  arrive(rounds: number, day: number): void {
    this.deliveredRounds += rounds;
    if (day < this.deadlineDay + 1) this.deliveredByDeadlineRounds += rounds;
    if (Number.isNaN(this.metDay) && this.deliveredRounds >= this.quantityRounds) this.metDay = day;
  }
}
