/**
 * National-only procurement: each nation buys from its own firms; a nation without one buys abroad,
 * paying the export-licence and qualification delays like anyone else.
 *
 * @module
 */
import {
  deliveryMonths,
  type FirmView,
  type Need,
  type OrderTerms,
  type ProcurementContext,
  type ProcurementStrategy,
} from '../model/procurement.js';
import { ParamsReader } from './params.js';

/** One firm's part of a split order. */
export interface OrderPart {
  /** The firm. */
  readonly firm: FirmView;
  /** Rounds to order from it (whole, > 0). */
  readonly rounds: number;
}

/**
 * Splits `need` across `firms` in proportion to their current capacity (equally if none has capacity
 * now), in whole rounds, the remainder to the largest. Shared by strategies that spread orders.
 */
export function splitByCapacity(rounds: number, firms: readonly FirmView[]): OrderPart[] {
  if (firms.length === 0) return [];
  const total = firms.reduce((s, f) => s + f.capacityPerMonth, 0);
  const weight = (f: FirmView) => (total > 0 ? f.capacityPerMonth / total : 1 / firms.length);
  // Weights are worked out again rather than kept: one list built instead of four (a split is made for
  // every order a national or bilateral review places).
  let largest = 0;
  let given = 0;
  for (let i = 0; i < firms.length; i++) {
    given += Math.floor(rounds * weight(firms[i]!));
    if (weight(firms[i]!) > weight(firms[largest]!)) largest = i;
  }
  const parts: OrderPart[] = [];
  for (let i = 0; i < firms.length; i++) {
    const part = Math.floor(rounds * weight(firms[i]!)) + (i === largest ? rounds - given : 0);
    if (part > 0) parts.push({ firm: firms[i]!, rounds: part });
  }
  return parts;
}

/**
 * The foreign firm a nation without domestic production turns to: the shortest queue (backlog over
 * capacity), then the lowest quote, then the id, so the choice is deterministic.
 */
export function bestForeignFirm(firms: readonly FirmView[]): FirmView | undefined {
  const queue = (f: FirmView) =>
    f.capacityPerMonth > 0 ? f.backlogRounds / f.capacityPerMonth : Number.POSITIVE_INFINITY;
  const before = (a: FirmView, b: FirmView) =>
    (queue(a) - queue(b) || a.quoteEur - b.quoteEur || (a.id < b.id ? -1 : 1)) < 0;
  // The order is total (ids break ties), so the first after sorting is the minimum: one pass, no copy.
  let best = firms[0];
  for (let i = 1; i < firms.length; i++) if (before(firms[i]!, best!)) best = firms[i];
  return best;
}

/**
 * Orders `need` from `firms` split by capacity, as the nation's own single-payer contracts; `termsFor`
 * gives each firm's order terms (default terms when it returns `undefined` or is omitted).
 */
export function orderFrom(
  context: ProcurementContext,
  need: Need,
  firms: readonly FirmView[],
  termsFor?: (firm: FirmView) => OrderTerms | undefined,
): void {
  for (const part of splitByCapacity(need.rounds, firms)) {
    const terms = termsFor?.(part.firm);
    context.placeOrder({
      buyer: need.nation,
      payers: [{ payer: need.nation, share: 1 }],
      firm: part.firm.id,
      item: need.item,
      rounds: part.rounds,
      durationMonths: deliveryMonths(need, context.day, context.contractLengthMonths),
      deliverTo: need.deliverTo,
      purpose: need.purpose,
      ...(terms === undefined ? {} : { terms }),
    });
  }
}

/**
 * Orders `need` as national-only procurement does: from the nation's own makers of the item, split by
 * capacity; a nation without one buys from {@link bestForeignFirm}, with the default terms (its own
 * standard, a standard export licence). Other strategies use it for the needs their rules do not cover.
 */
export function orderNationally(context: ProcurementContext, need: Need): void {
  const makers = context.firms.filter((f) => f.item === need.item);
  const domestic = makers.filter((f) => f.nation === need.nation);
  if (domestic.length > 0) {
    orderFrom(context, need, domestic);
    return;
  }
  const foreign = bestForeignFirm(makers);
  orderFrom(context, need, foreign === undefined ? [] : [foreign]);
}

/** National-only procurement (see the module description). */
export const nationalOnly: ProcurementStrategy = {
  name: 'national-only',
  review(context) {
    for (const need of context.needs()) orderNationally(context, need);
  },
};

/**
 * Registry factory for {@link nationalOnly}: it has no parameters, so `params` must be absent or `{}`.
 *
 * @throws {@link ScenarioError} if `params` has any field.
 */
export function createNationalOnly(params?: unknown): ProcurementStrategy {
  new ParamsReader('national-only strategy params', params, []).done();
  return nationalOnly;
}
