/**
 * Upstream suppliers of components (TNT, propellant charges, fuzes…), whose shortages throttle every
 * firm downstream.
 *
 * @module
 */
import { DAYS_PER_MONTH } from './contract.js';
import type { ProfileFn } from './params.js';

/** Months of output a supplier keeps in its warehouse at most: it stops producing beyond that. */
export const SUPPLIER_BUFFER_MONTHS = 3;

/**
 * A supplier of one component. It produces into its warehouse at its monthly capacity (zero during an
 * outage, limited by its own inputs), up to a buffer of {@link SUPPLIER_BUFFER_MONTHS} months of output;
 * firms draw from the warehouse. When requests exceed the stock, each requester gets the same share of
 * what it asked for (pro rata), so no firm is favoured by its position in a list.
 */
export class Supplier {
  /** Component units in the warehouse. */
  stock: number;
  /** Whether the plant is working. */
  up = true;
  /** Units produced since the start. */
  producedUnits = 0;
  /** Units requested in the current step. @internal */
  requested = 0;
  /** {@link Supplier.grantRatio} fixed for the current step, once every firm has asked. @internal */
  granted = 1;
  /** Inputs per unit of this component and who supplies them. */
  readonly inputs: { readonly supplier: Supplier; readonly perUnit: number }[] = [];

  /**
   * @param id - supplier id
   * @param component - component id
   * @param capacityPerMonth - output per month as a function of day
   * @param initialStock - units in the warehouse at the start
   */
  constructor(
    readonly id: string,
    readonly component: string,
    readonly capacityPerMonth: ProfileFn,
    initialStock: number,
  ) {
    this.stock = initialStock;
  }

  /** Produces for `days` starting at `day`, drawing its own inputs from their suppliers' stock. */
  produce(day: number, days: number): void {
    if (!this.up) return;
    const perMonth = this.capacityPerMonth(day);
    const room = Math.max(0, perMonth * SUPPLIER_BUFFER_MONTHS - this.stock);
    let units = Math.min((perMonth * days) / DAYS_PER_MONTH, room);
    for (const input of this.inputs) units = Math.min(units, input.supplier.stock / input.perUnit);
    if (!(units > 0)) return;
    // At most what the input holds: (stock / perUnit) × perUnit can exceed stock by a rounding error, which
    // left the input's stock at −1e-12 and its grant ratio at −Infinity (0 requested, below −0 stock).
    for (const input of this.inputs) input.supplier.take(units * input.perUnit);
    this.stock += units;
    this.producedUnits += units;
  }

  /** Takes `units` from stock, never more than it holds (`units` may exceed it by a rounding error). */
  take(units: number): void {
    this.stock = units < this.stock ? this.stock - units : 0;
  }

  /** Share of each request that can be granted this step, in [0, 1]. */
  grantRatio(): number {
    return this.requested <= this.stock ? 1 : this.stock / this.requested;
  }
}
