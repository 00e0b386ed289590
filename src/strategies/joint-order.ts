/**
 * Joint orders with several payers, and what each payer does when the budget cuts one.
 *
 * @module
 */
import type { OrderRequest, OrderTerms, ProcurementContext } from '../model/procurement.js';

/** Who places a payer's own order for its part of a cut joint order, and on what terms. */
export interface AloneOrder {
  /** Nation or group id placing the order (for reporting). */
  readonly buyer: string;
  /** Friction terms; the model's defaults when `undefined`. */
  readonly terms: OrderTerms | undefined;
}

/**
 * Places `request` as one joint order. The model cuts a joint order to what its tightest payer can
 * afford, which would hold every other payer to that payer's budget; so each payer then orders the
 * rest of its share alone, as `alone(payer)` says, as far as its own budget allows. Shared by the
 * strategies that buy jointly, so that a poor partner holds back a joint order alike under each.
 *
 * @remarks A payer's part of the rest is rounded down to whole rounds.
 */
export function placeJointOrder(
  ctx: ProcurementContext,
  request: OrderRequest,
  alone: (payer: string) => AloneOrder,
): void {
  const short = request.rounds - ctx.placeOrder(request).rounds;
  if (short <= 0 || request.payers.length === 1) return;
  for (const payer of request.payers) {
    const rounds = Math.floor(short * payer.share);
    if (rounds <= 0) continue;
    const { buyer, terms } = alone(payer.payer);
    // Written out field by field, in the order strategies write requests: an object rest and spread here
    // made requests of other shapes, and placeOrder's hot checks slow (pooled runs took 20 % longer, with
    // 30 % more memory at their peak).
    const payers = [{ payer: payer.payer, share: 1 }];
    const { firm, item, durationMonths, deliverTo, purpose } = request;
    ctx.placeOrder(
      terms === undefined
        ? { buyer, payers, firm, item, rounds, durationMonths, deliverTo, purpose }
        : { buyer, payers, firm, item, rounds, durationMonths, deliverTo, purpose, terms },
    );
  }
}
