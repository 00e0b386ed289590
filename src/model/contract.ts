/**
 * Contracts: what a buyer ordered from a firm, at what price, delivered on what schedule.
 *
 * @module
 */
import type { YearAmounts } from './budget.js';

/** Average days per month, for monthly schedules on a daily clock. */
export const DAYS_PER_MONTH = 365.25 / 12;

/** Where a contract stands. */
export type ContractStatus = 'pending' | 'active' | 'completed' | 'denied';

/** Why a contract was placed: to fill the buyer's stock, or towards an aid pledge. */
export type ContractPurpose = StockPurpose | PledgePurpose;

/** A contract to fill the buyer's own stock. */
export interface StockPurpose {
  /** Discriminant. */
  readonly kind: 'stock';
}

/** A contract towards an aid pledge. */
export interface PledgePurpose {
  /** Discriminant. */
  readonly kind: 'pledge';
  /** Pledge id. */
  readonly pledge: string;
}

/** A payer's share of a contract (a single nation, or the members of a group). */
export interface PayerShare {
  /** Nation id. */
  readonly payer: string;
  /** Share of the contract's rounds and money, (0, 1]; shares sum to 1. */
  readonly share: number;
}

/**
 * A contract between a buyer and a firm. Rounds become deliverable from `activeFromDay` (after award,
 * qualification and export-licence delays): `upfrontRounds` at once (a buyer's deficit, called off
 * straight away), the rest in equal monthly tranches over `durationMonths`; the firm delivers them as it
 * produces them, in order of activation (pledge contracts first under
 * `procurement.productionOrder: 'pledgesFirst'`).
 */
export class Contract {
  /** Rounds produced against this contract so far. */
  producedRounds = 0;
  /** Rounds that have arrived at their destination. */
  deliveredRounds = 0;
  /** Status. */
  status: ContractStatus = 'pending';
  /** Each payer's obligations by budget year, in the order of `payers`, for release on denial. @internal */
  obligated: readonly YearAmounts[] = [];

  /**
   * @param id - sequence number, unique within a run
   * @param buyer - nation or group id that placed it
   * @param payers - who pays and receives, with shares
   * @param firm - supplier firm id
   * @param item - item id
   * @param quantityRounds - rounds ordered (whole)
   * @param unitPriceEur - price per round, fixed at signature
   * @param signedDay - day the order was decided
   * @param activeFromDay - first day rounds may be delivered
   * @param durationMonths - delivery span
   * @param deliverTo - actor that receives the rounds (the payer itself, a recipient, or a pooled stock)
   * @param purpose - stock or pledge
   * @param upfrontRounds - rounds deliverable from `activeFromDay` on, ahead of the monthly tranches (whole,
   *   at most `quantityRounds`)
   */
  constructor(
    readonly id: number,
    readonly buyer: string,
    readonly payers: readonly PayerShare[],
    readonly firm: string,
    readonly item: string,
    readonly quantityRounds: number,
    readonly unitPriceEur: number,
    readonly signedDay: number,
    readonly activeFromDay: number,
    readonly durationMonths: number,
    readonly deliverTo: string,
    readonly purpose: ContractPurpose,
    readonly upfrontRounds = 0,
  ) {}

  /** Rounds the schedule allows to have been produced by `day`. */
  allowedBy(day: number): number {
    if (day < this.activeFromDay) return 0;
    const months = Math.floor((day - this.activeFromDay) / DAYS_PER_MONTH) + 1;
    if (months >= this.durationMonths) return this.quantityRounds;
    const upfront = this.upfrontRounds;
    return upfront + Math.floor(((this.quantityRounds - upfront) * months) / this.durationMonths);
  }

  /** Rounds not yet produced. */
  get outstandingRounds(): number {
    return this.quantityRounds - this.producedRounds;
  }
}
