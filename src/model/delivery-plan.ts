/**
 * What the world needs to deliver a contract's rounds, resolved once when the contract is placed: the
 * firm, each payer's budget and ledger account, the destination stockpiles, the rounds-on-order records
 * and the pledge. Deliveries happen tens of thousands of times a run; looking these up by id each time
 * (and building `owner/item` keys) cost more than the delivery itself.
 *
 * @internal
 * @module
 */
import { mapToArray } from '../kernel/arrays.js';
import { AS_DOUBLE } from '../kernel/doubles.js';
import { ExactSum } from '../stats/exact-sum.js';
import type { Budget } from './budget.js';
import type { Contract } from './contract.js';
import type { Pledge } from './demand.js';
import type { Firm } from './firm.js';
import type { Ledger, PaymentAccount, StockAccount } from './ledger.js';
import type { NationState } from './nation-state.js';
import type { Stockpile } from './stockpile.js';

/** A stockpile that receives rounds, or the actor and item it was looked up by when there is none. @internal */
export interface Destination {
  readonly actor: string;
  readonly item: string;
  readonly stock: Stockpile | undefined;
  readonly account: StockAccount | undefined;
  /** Whether the stockpile is a pooled stock (a group's, see `World.pooledStock`). */
  readonly pooled: boolean;
}

/** One payer of a contract, resolved. @internal */
export interface PayerPlan {
  readonly share: number;
  readonly budget: Budget;
  readonly payment: PaymentAccount;
  /**
   * Where its share of the rounds goes when the contract delivers to `@payers` (or, once a pooled stock it
   * delivered to was handed over, see {@link deliverToPayers}).
   */
  destination: Destination | undefined;
  /**
   * Rounds paid for out of its budget but not yet credited to the firm and the ledger (see
   * `World.settlePayments`), when its share is 1: whole rounds, summed exactly.
   */
  unpaidRounds: number;
  /** The same when its share is below 1: its parts of deliveries (`rounds × share`) are not whole. */
  readonly unpaidParts: ExactSum | undefined;
}

/** A contract's deliveries, resolved. @internal */
export interface DeliveryPlan {
  readonly contract: Contract;
  readonly firm: Firm;
  readonly payers: readonly PayerPlan[];
  /** The receiving stockpile when the contract does not deliver to `@payers`. */
  destination: Destination | undefined;
  /** Stockpiles whose rounds on order the contract counts in, with the payer's share (stock contracts). */
  onOrder: readonly { readonly stock: Stockpile; readonly share: number }[];
  readonly pledge: Pledge | undefined;
  /** Whether it has deliveries not yet credited to the firm and the ledger. */
  unpaid: boolean;
}

/** An entry of {@link DeliveryPlan.onOrder}, its share a double from the start (see kernel/doubles.ts). */
function onOrderEntry(stock: Stockpile, share: number): { stock: Stockpile; share: number } {
  const entry = { stock, share: AS_DOUBLE };
  entry.share = share;
  return entry;
}

/** Finds stockpiles by actor and item, once per pair, with their ledger accounts. @internal */
export class Destinations {
  /** By actor, then item: found without building an `actor/item` key (orders look them up on the hot path). */
  private readonly byActor = new Map<string, Map<string, Destination>>();

  constructor(
    private readonly nations: ReadonlyMap<string, NationState>,
    private readonly recipientStock: ReadonlyMap<string, Stockpile>,
    private readonly ledger: Ledger,
    private readonly pooledStock: ReadonlyMap<string, Stockpile> = new Map(),
  ) {}

  /** The stockpile of `item` held by `actor` (a nation, a recipient or a pooled stock's owner). */
  of(actor: string, item: string): Destination {
    const found = this.byActor.get(actor)?.get(item);
    if (found !== undefined) return found;
    const key = `${actor}/${item}`;
    const pooled = this.pooledStock.get(key);
    const stock = this.nations.get(actor)?.stockpiles.get(item) ?? this.recipientStock.get(key) ?? pooled;
    const d = {
      actor,
      item,
      stock,
      account: stock === undefined ? undefined : this.ledger.account(stock.key),
      pooled: pooled !== undefined && stock === pooled,
    };
    // A miss is not kept: a pooled stock opened later must be found.
    if (stock === undefined) return d;
    const items = this.byActor.get(actor) ?? new Map<string, Destination>();
    this.byActor.set(actor, items.set(item, d));
    return d;
  }
}

/**
 * Resolves the deliveries of `contract`, whose payers are `payers` (same order as `contract.payers`).
 * Lookups that may fail (a destination without a stockpile) fail at delivery, as they always did.
 */
export function planDelivery(
  contract: Contract,
  firm: Firm,
  payers: readonly NationState[],
  destinations: Destinations,
  ledger: Ledger,
  pledges: readonly Pledge[],
): DeliveryPlan {
  const toPayers = contract.deliverTo === '@payers';
  const purpose = contract.purpose;
  const onOrder: { stock: Stockpile; share: number }[] = [];
  const payerPlans = mapToArray(contract.payers, (p, i): PayerPlan => {
    const nation = payers[i]!;
    if (purpose.kind === 'stock' && (toPayers || contract.deliverTo === p.payer)) {
      const stock = nation.stockpiles.get(contract.item);
      if (stock !== undefined) onOrder.push(onOrderEntry(stock, p.share));
    }
    const plan = {
      share: AS_DOUBLE, // a double from the start: shares are 1 under some strategies only
      budget: nation.budget,
      payment: ledger.payment(p.payer, contract.firm),
      destination: toPayers ? destinations.of(p.payer, contract.item) : undefined,
      unpaidRounds: 0,
      unpaidParts: p.share === 1 ? undefined : new ExactSum(),
    };
    plan.share = p.share;
    return plan;
  });
  const destination = toPayers ? undefined : destinations.of(contract.deliverTo, contract.item);
  // Rounds for a pooled stock are on order for it, not for the payers.
  if (purpose.kind === 'stock' && destination?.pooled === true && destination.stock !== undefined)
    onOrder.push(onOrderEntry(destination.stock, 1));
  return {
    contract,
    firm,
    payers: payerPlans,
    destination,
    onOrder,
    pledge: purpose.kind === 'pledge' ? pledges.find((p) => p.id === purpose.pledge) : undefined,
    unpaid: false,
  };
}

/**
 * Makes `plan`, a stock contract delivering to a pooled stock, deliver to its payers instead, each its share
 * (as a contract to `@payers` does), with its rounds on order counted for their stocks: when the pooled
 * stock is handed over. The caller moves the rounds still on order (see `World.trackOnOrder`) around it;
 * the contract's record (`deliverTo`) stays as signed. Changes nothing if a payer (`payers`, in the
 * contract's order) holds no stockpile of the item.
 */
export function deliverToPayers(
  plan: DeliveryPlan,
  payers: readonly NationState[],
  destinations: Destinations,
): void {
  const item = plan.contract.item;
  if (payers.some((n) => !n.stockpiles.has(item))) return;
  plan.destination = undefined;
  plan.onOrder = mapToArray(plan.payers, (p, i) => onOrderEntry(payers[i]!.stockpiles.get(item)!, p.share));
  plan.payers.forEach((p, i) => {
    p.destination = destinations.of(payers[i]!.spec.id, item);
  });
}

/**
 * Rounds each nation paid for among the deliveries of `plans`, by nation id: per contract, its delivered
 * rounds less those in `before` (rounds of its deliveries already counted, e.g. by an earlier hand-over of
 * the same pooled stock) × the payer's share.
 */
export function roundsPaidFor(
  plans: readonly DeliveryPlan[],
  before: ReadonlyMap<DeliveryPlan, number>,
): Map<string, number> {
  const paid = new Map<string, number>();
  for (const plan of plans) {
    const { contract } = plan;
    const rounds = contract.deliveredRounds - (before.get(plan) ?? 0);
    for (const p of contract.payers) paid.set(p.payer, (paid.get(p.payer) ?? 0) + rounds * p.share);
  }
  return paid;
}
