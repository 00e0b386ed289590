/**
 * A run's monthly series, recorded in place: one `Float64Array` per quantity, written at each month start
 * and at the horizon. (A snapshot used to be an object per month with an object per nation and firm, each
 * number in its own box, all kept to the end of the run and then copied into columns.)
 *
 * @internal
 * @module
 */
import { mapToArray } from '../kernel/arrays.js';
import type { Pledge } from './demand.js';
import type { Firm } from './firm.js';
import type { NationState } from './nation-state.js';
import type { Stockpile } from './stockpile.js';

/** A nation's series: totals over its stockpiles, its spending and its stock target. @internal */
export interface NationSeries {
  stock: Float64Array;
  backorders: Float64Array;
  received: Float64Array;
  spent: Float64Array;
  target: Float64Array;
}

/** A firm's series. @internal */
export interface FirmSeries {
  capacity: Float64Array;
  output: Float64Array;
  utilisation: Float64Array;
  price: Float64Array;
}

/** A recipient stockpile's series. @internal */
export interface RecipientSeries {
  stock: Float64Array;
  unmet: Float64Array;
}

/** What the series record, in the order of the results. @internal */
export interface SeriesSources {
  readonly nations: readonly NationState[];
  readonly firms: readonly Firm[];
  readonly recipients: readonly Stockpile[];
  readonly pledges: readonly Pledge[];
  /** Pooled stocks, which a strategy may open during the run. */
  readonly pooled: ReadonlyMap<string, Stockpile>;
  /** `firm.backlogRounds()`, kept count of by the caller. */
  readonly backlogOf: (firm: Firm) => number;
}

/** The monthly series of one run; snapshot `k` is index `k` of every series. @internal */
export class MonthlySeries {
  /** Snapshots recorded. */
  count = 0;
  day: Float64Array;
  /** Rounds held in pooled stocks (all groups and items). */
  pooled: Float64Array;
  readonly nations: NationSeries[];
  readonly firms: FirmSeries[];
  readonly recipients: RecipientSeries[];
  /** Rounds delivered to each pledge. */
  pledges: Float64Array[];

  /**
   * @param sources - what to record
   * @param capacity - snapshots the run will take (more make the series grow)
   */
  constructor(
    private readonly sources: SeriesSources,
    capacity: number,
  ) {
    const series = () => new Float64Array(capacity);
    this.day = series();
    this.pooled = series();
    this.nations = mapToArray(sources.nations, () => ({
      stock: series(),
      backorders: series(),
      received: series(),
      spent: series(),
      target: series(),
    }));
    this.firms = mapToArray(sources.firms, () => ({
      capacity: series(),
      output: series(),
      utilisation: series(),
      price: series(),
    }));
    this.recipients = mapToArray(sources.recipients, () => ({ stock: series(), unmet: series() }));
    this.pledges = mapToArray(sources.pledges, series);
  }

  /** Records the state on `day`; returns the snapshot's index. */
  record(day: number): number {
    if (this.count === this.day.length) this.grow();
    const k = this.count++;
    const { nations, firms, recipients, pledges, pooled, backlogOf } = this.sources;
    this.day[k] = day;
    let pooledRounds = 0;
    for (const stock of pooled.values()) pooledRounds += stock.level;
    this.pooled[k] = pooledRounds;
    for (let i = 0; i < nations.length; i++) {
      const n = nations[i]!;
      const s = this.nations[i]!;
      let stock = 0;
      let backorders = 0;
      let received = 0;
      let target = 0;
      for (let j = 0; j < n.stockpileList.length; j++) {
        const x = n.stockpileList[j]!;
        stock += x.level;
        backorders += x.backorderRounds;
        received += x.receivedRounds;
        target += n.targets.get(x.item)!(day);
      }
      s.stock[k] = stock;
      s.backorders[k] = backorders;
      s.received[k] = received;
      s.spent[k] = n.budget.spent.value;
      s.target[k] = target;
    }
    for (let i = 0; i < firms.length; i++) {
      const f = firms[i]!;
      const s = this.firms[i]!;
      s.capacity[k] = f.capacityPerMonth(day);
      s.output[k] = f.cumulativeRounds;
      s.utilisation[k] = f.lastCapacityRounds > 0 ? f.lastOutputRounds / f.lastCapacityRounds : 0;
      s.price[k] = f.quote(day, backlogOf(f));
    }
    for (let i = 0; i < recipients.length; i++) {
      this.recipients[i]!.stock[k] = recipients[i]!.level;
      this.recipients[i]!.unmet[k] = recipients[i]!.unmetRounds;
    }
    for (let i = 0; i < pledges.length; i++) this.pledges[i]![k] = pledges[i]!.deliveredRounds;
    return k;
  }

  /** A copy of `series` cut to the snapshots recorded, for the results. */
  taken(series: Float64Array): Float64Array {
    return series.slice(0, this.count);
  }

  /** Doubles every series' length (a run records as many snapshots as it was built for, unless run again). */
  private grow(): void {
    this.day = longer(this.day);
    this.pooled = longer(this.pooled);
    for (const s of this.nations) growFields(s);
    for (const s of this.firms) growFields(s);
    for (const s of this.recipients) growFields(s);
    this.pledges = mapToArray(this.pledges, longer);
  }
}

/**
 * Makes every field of an entity's series longer. Typed, not cast, so that the compiler checks that every
 * field is a series: a field of another type added to a series interface would be replaced here.
 */
function growFields<K extends string>(series: Record<K, Float64Array>): void {
  for (const key of Object.keys(series) as K[]) series[key] = longer(series[key]);
}

/** A copy of `series` twice as long (and one more), zero past its end. */
function longer(series: Float64Array): Float64Array {
  const copy = new Float64Array(2 * series.length + 1);
  copy.set(series);
  return copy;
}
