/**
 * An independent ledger of flows (rounds and money), written where the model moves them and checked
 * against the entities' own state at the end of a run.
 *
 * The ledger never reads entity counters while recording, so a flow that skips it (or a counter that
 * drifts) shows up as a mismatch and a {@link ModelError}.
 *
 * @module
 */
import { ModelError } from '../errors.js';
import { ExactSum } from '../stats/exact-sum.js';
import { SHARE_SUM_TOLERANCE } from './order-request.js';

/**
 * Round flows of one stockpile (`owner/item`) recorded by the ledger: a handle that hot loops keep,
 * so that they record without a lookup by key. Only the ledger's methods write it. @internal
 */
export interface StockAccount {
  received: number;
  servedFromStock: number;
  transferredOut: number;
}

/** Rounds sent by one sender (a firm, or `stock:<nation>`), or made by one firm, as a handle for hot loops. @internal */
export interface SenderAccount {
  rounds: number;
}

/** Money paid by one payer to one firm, as a handle for hot loops. @internal */
export interface PaymentAccount {
  readonly payer: string;
  readonly firm: string;
  /** Everything paid, exactly. */
  readonly paid: ExactSum;
}

/** The ledger of one run. @internal */
export class Ledger {
  private readonly producedByFirm = new Map<string, SenderAccount>();
  private readonly shippedByFirm = new Map<string, SenderAccount>();
  private readonly actors = new Map<string, StockAccount>();
  private shippedTotal = 0;
  private arrivedTotal = 0;
  /**
   * Money by (payer, firm) pair, in the order the pairs were opened. One exact sum per pair, not one per
   * payer and one per firm: each payment is added once, and the totals by payer and by firm are exact
   * merges at the check (exact sums do not depend on the order of additions).
   */
  private readonly payments: PaymentAccount[] = [];
  /** The same accounts by payer, then firm: every contract looks its payers' up, without building a key. */
  private readonly paymentsByPayer = new Map<string, Map<string, PaymentAccount>>();

  /** A firm finished `rounds`. */
  produced(firm: string, rounds: number): void {
    this.producedAt(this.producer(firm), rounds);
  }

  /** The account of the rounds `firm` finished, for {@link Ledger.producedAt}. */
  producer(firm: string): SenderAccount {
    return accountIn(this.producedByFirm, firm, newSenderAccount);
  }

  /** The firm of `account` (see {@link Ledger.producer}) finished `rounds`. */
  producedAt(account: SenderAccount, rounds: number): void {
    account.rounds += rounds;
  }

  /** A firm, or a stock transfer from `from`, sent `rounds` on their way. */
  shipped(from: string, rounds: number): void {
    this.shippedBy(this.sender(from), rounds);
  }

  /** The account of sender `from` (a firm id, or `stock:<nation>`), for {@link Ledger.shippedBy}. */
  sender(from: string): SenderAccount {
    return accountIn(this.shippedByFirm, from, newSenderAccount);
  }

  /** The sender of `account` sent `rounds` on their way. */
  shippedBy(account: SenderAccount, rounds: number): void {
    account.rounds += rounds;
    this.shippedTotal += rounds;
  }

  /** `rounds` arrived at `stockpile` (`owner/item`). */
  arrived(stockpile: string, rounds: number): void {
    this.arrivedAt(this.account(stockpile), rounds);
  }

  /** `rounds` arrived at the stockpile of `account`. */
  arrivedAt(account: StockAccount, rounds: number): void {
    account.received += rounds;
    this.arrivedTotal += rounds;
  }

  /** `stockpile` (`owner/item`) met `rounds` of demand from stock. */
  served(stockpile: string, rounds: number): void {
    this.account(stockpile).servedFromStock += rounds;
  }

  /** The stockpile of `account` met `rounds` of demand from stock. */
  servedAt(account: StockAccount, rounds: number): void {
    account.servedFromStock += rounds;
  }

  /** `stockpile` (`owner/item`) gave `rounds` out of stock (aid). */
  transferred(stockpile: string, rounds: number): void {
    this.account(stockpile).transferredOut += rounds;
  }

  /** `payer` paid `firm` `amountEur`, exactly. */
  paid(payer: string, firm: string, quantity: number, unitPriceEur: number): void {
    this.paidVia(this.payment(payer, firm), quantity, unitPriceEur);
  }

  /** The account of payments from `payer` to `firm`, for {@link Ledger.paidVia}. */
  payment(payer: string, firm: string): PaymentAccount {
    let byFirm = this.paymentsByPayer.get(payer);
    if (byFirm === undefined) {
      byFirm = new Map();
      this.paymentsByPayer.set(payer, byFirm);
    }
    let account = byFirm.get(firm);
    if (account === undefined) {
      account = { payer, firm, paid: new ExactSum() };
      byFirm.set(firm, account);
      this.payments.push(account);
    }
    return account;
  }

  /** The payer of `account` paid its firm `quantity × unitPriceEur`, exactly. */
  paidVia(account: PaymentAccount, quantity: number, unitPriceEur: number): void {
    account.paid.addProduct(quantity, unitPriceEur);
  }

  /** Rounds shipped but not yet arrived. */
  get inTransit(): number {
    return this.shippedTotal - this.arrivedTotal;
  }

  /** Rounds produced by `firm`. */
  producedBy(firm: string): number {
    return this.producedByFirm.get(firm)?.rounds ?? 0;
  }

  /** Money paid by `payer`, EUR. */
  paidByPayer(payer: string): number {
    return this.totalPaid((a) => a.payer === payer);
  }

  /**
   * Checks the entities' state against the ledger.
   * @throws {@link ModelError} naming the entity and the numbers on the first mismatch.
   */
  check(state: LedgerState, time: number): void {
    for (const firm of state.firms) {
      const produced = this.producedByFirm.get(firm.id)?.rounds ?? 0;
      const shipped = this.shippedByFirm.get(firm.id)?.rounds ?? 0;
      if (firm.cumulativeRounds !== produced) {
        throw new ModelError(
          `firm counts ${firm.cumulativeRounds} rounds produced, ledger ${produced}`,
          time,
          `firm:${firm.id}`,
        );
      }
      if (produced !== shipped + firm.heldRounds) {
        throw new ModelError(
          `rounds not conserved: produced ${produced} ≠ shipped ${shipped} + held ${firm.heldRounds}`,
          time,
          `firm:${firm.id}`,
        );
      }
      const revenue = this.totalPaid((a) => a.firm === firm.id);
      if (firm.revenueEur !== revenue) {
        throw new ModelError(
          `money not conserved: firm revenue ${firm.revenueEur} EUR, ledger ${revenue} EUR`,
          time,
          `firm:${firm.id}`,
        );
      }
      // Payers pay their shares of each delivery: what they paid is what was delivered, up to the shares'
      // own tolerance (placeOrder accepts sums within SHARE_SUM_TOLERANCE of 1) and rounding, unless the
      // shares of a contract do not sum to 1.
      if (Math.abs(revenue - firm.deliveredEur) > 2 * SHARE_SUM_TOLERANCE * firm.deliveredEur) {
        throw new ModelError(
          `money not conserved: payers paid ${revenue} EUR for deliveries worth ${firm.deliveredEur} EUR (rounds delivered × unit price; do a contract's payer shares sum to 1?)`,
          time,
          `firm:${firm.id}`,
        );
      }
    }
    if (state.inTransitRounds !== this.inTransit) {
      throw new ModelError(
        `in-transit rounds ${state.inTransitRounds}, ledger ${this.inTransit}`,
        time,
        'shipments',
      );
    }
    for (const s of state.stockpiles) {
      // Keyed per stockpile, not per owner: a nation holding two items has two balances.
      const key = `${s.owner}/${s.item}`;
      const f = this.actors.get(key) ?? { received: 0, servedFromStock: 0, transferredOut: 0 };
      if (s.level < 0 || !Number.isFinite(s.level)) {
        throw new ModelError(`negative or non-finite stock ${s.level}`, time, `stockpile:${key}`);
      }
      const expected = s.initialRounds + f.received - f.servedFromStock - f.transferredOut;
      if (expected !== s.level) {
        throw new ModelError(
          `rounds not conserved: initial ${s.initialRounds} + received ${f.received} − consumed ${f.servedFromStock} − transferred ${f.transferredOut} = ${expected} ≠ stock ${s.level}`,
          time,
          `stockpile:${key}`,
        );
      }
    }
    for (const payer of state.payers) {
      const paid = this.totalPaid((a) => a.payer === payer.id);
      if (payer.spentEur !== paid) {
        throw new ModelError(
          `money not conserved: spent ${payer.spentEur} EUR, ledger ${paid} EUR`,
          time,
          `budget:${payer.id}`,
        );
      }
    }
  }

  /** The exact total of the payment accounts that `pick` selects. */
  private totalPaid(pick: (account: PaymentAccount) => boolean): number {
    const total = new ExactSum();
    for (const account of this.payments) if (pick(account)) total.merge(account.paid);
    return total.value;
  }

  /** The account of `stockpile` (`owner/item`), for the handle methods ({@link Ledger.arrivedAt}, …). */
  account(stockpile: string): StockAccount {
    return accountIn(this.actors, stockpile, newStockAccount);
  }
}

/** What the ledger is checked against: the entities' own state. @internal */
export interface LedgerState {
  readonly firms: readonly {
    id: string;
    cumulativeRounds: number;
    heldRounds: number;
    revenueEur: number;
    /** Rounds delivered under its contracts times their unit prices, EUR. */
    deliveredEur: number;
  }[];
  readonly stockpiles: readonly { owner: string; item: string; initialRounds: number; level: number }[];
  readonly payers: readonly { id: string; spentEur: number }[];
  readonly inTransitRounds: number;
}

/**
 * The account of `key` in `accounts`, opened with `open()` on first use. (`open` is a module function, not
 * an arrow at the call: firms look their sender account up every production step.)
 */
function accountIn<K, A>(accounts: Map<K, A>, key: K, open: () => A): A {
  let account = accounts.get(key);
  if (account === undefined) {
    account = open();
    accounts.set(key, account);
  }
  return account;
}

/** A new sender or producer account. */
function newSenderAccount(): SenderAccount {
  return { rounds: 0 };
}

/** A new stockpile account. */
function newStockAccount(): StockAccount {
  return { received: 0, servedFromStock: 0, transferredOut: 0 };
}
