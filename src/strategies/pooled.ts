/**
 * PESCO-style pooled procurement: a joint agency aggregates its members' stock needs into framework
 * contracts with member firms (calibration §4.4).
 *
 * - **Set-up**: no pooled order before `setUpDelayDays` after the strategy starts; until then, and for
 *   non-members always, nations buy as under national-only.
 * - **Members**: nations with `'PESCO'` membership, plus nations with `'PESCO-third-state'` once admitted
 *   (`thirdStates.admissionDelayDays` after the agency is set up), if third states take part.
 * - **Eligible firms**: makers of the item based in a member nation whose non-EU/EEA input share is within
 *   the content cap ({@link nonEuInputShare}). A member buys an item no eligible firm makes as under
 *   national-only, ordinary contract length included.
 * - **Framework contracts**: members' needs are computed with `frameworkLengthMonths` of forecast
 *   consumption, so firms see a longer committed backlog (the investment signal). The model makes the
 *   members' current deficits deliverable at once and the rest evenly over that span, as for every stock
 *   order (`procurement.deficitFirstShare`).
 * - **One common standard**: every pooled order uses `commonStandard`, so each firm qualifies once for all
 *   members (paying the scenario's qualification delay and cost once).
 * - **Coordination costs**: each contract adds `extraAwardDelayDays` and an overhead in EUR (a fixed
 *   amount plus a share of the value placed), paid by the payers pro rata.
 * - **Allocation when supply falls short**: if the members' aggregated need exceeds what eligible firms can
 *   make over the framework span (capacity now × span − backlog), a first tranche of that size is
 *   allocated by `allocation` and contracted first, so it is produced before the rest (after pledge
 *   contracts under `procurement.productionOrder: 'pledgesFirst'`); the rest follows.
 * - **Pledges**: the procured part of the members' pledges goes through the agency too: one joint contract
 *   per pledge and firm, shared by the member donors in proportion to what each still has to order, on
 *   the agency's terms (common standard, overheads), delivered to the recipient by the pledge's deadline.
 *   The model books each donor's part of a joint pledge contract. Non-members' pledges stay national.
 * - **Pooled stock** (optional, off by default): a common stockpile fed by the framework contracts that
 *   tops up members below their reorder point; see {@link PooledStockParams} and the `pooled-stock` module.
 *   When a policy switch replaces the strategy, the agency hands the stock, and its contracts still to
 *   deliver, over to the members (`stop`).
 *
 * - **Budgets**: the model cuts a joint contract to what its tightest payer can afford; each member then
 *   buys the rest of its part alone on the same terms, as far as its own budget allows. Members with no
 *   money left in the current budget year wait for the next review.
 *
 * @module
 */
import { group } from 'd3-array';
import { mapToArray } from '../kernel/arrays.js';
import { type ContractPurpose, DAYS_PER_MONTH } from '../model/contract.js';
import {
  type DailyContext,
  deliveryMonths,
  type FirmView,
  type NationView,
  type Need,
  type OrderTerms,
  type ProcurementContext,
  type ProcurementStrategy,
  type StockpileView,
} from '../model/procurement.js';
import type { Scenario } from '../model/scenario.js';
import { allocateCapped, nonEuInputShare } from './allocation.js';
import { placeJointOrder } from './joint-order.js';
import { orderNationally, splitByCapacity } from './national.js';
import {
  type AllocationRule,
  checkPooledParams,
  type PooledParams,
  type ResolvedPooledParams,
  type ResolvedThirdStateParams,
  resolvePooledParams,
  type ThirdStateParams,
} from './pooled-params.js';
import { PooledStockKeeper, pooledOrderParts } from './pooled-stock.js';

export type {
  AllocationRule,
  PooledParams,
  ResolvedPooledParams,
  ResolvedThirdStateParams,
  ThirdStateParams,
};
export { resolvePooledParams };

/**
 * The members of a pooled agency on `dayInPool` days after the strategy's start: PESCO nations once the
 * agency is set up, and third states once admitted. Empty before set-up.
 */
export function poolMembers(
  params: ResolvedPooledParams,
  nations: readonly NationView[],
  dayInPool: number,
): Set<string> {
  if (dayInPool < params.setUpDelayDays) return new Set();
  const admitted =
    params.thirdStates.enabled && dayInPool >= params.setUpDelayDays + params.thirdStates.admissionDelayDays;
  return new Set(
    nations
      .filter(
        (n) => n.memberships.includes('PESCO') || (admitted && n.memberships.includes('PESCO-third-state')),
      )
      .map((n) => n.id),
  );
}

/**
 * Whether the agency may buy from `firm`: it is based in a member nation and, where the cap applies,
 * its non-EU/EEA input share is within `nonEuContentCap`.
 */
export function eligibleForPool(
  params: ResolvedPooledParams,
  firm: FirmView,
  nations: readonly NationView[],
  members: ReadonlySet<string>,
): boolean {
  if (!members.has(firm.nation)) return false;
  const ts = params.thirdStates;
  const home = nations.find((n) => n.id === firm.nation);
  const capped = ts.contentCapScope === 'all' || home?.memberships.includes('PESCO') !== true;
  return !capped || nonEuInputShare(firm, nations, ts.componentWeights) <= ts.nonEuContentCap;
}

/**
 * Terms of a joint order of `rounds` from `firm`: the common standard, the licence regime, the award delay
 * and the agency's overheads. A module function, not a closure per strategy instance, so that the call
 * site sees one function in every run (see `partnerTerms` in the bilateral strategy).
 */
function jointTerms(p: ResolvedPooledParams): OrderTerms {
  return {
    standard: p.commonStandard,
    licence: p.licence,
    extraAwardDelayDays: p.extraAwardDelayDays,
    overheadEur: p.overheadEurPerContract,
    // A share of the value placed, not of the rounds asked for: placeOrder may cut the order to the budget.
    overheadShareOfValue: p.overheadShareOfValue + p.overlapOverheadShare,
  };
}

/** Where a joint order goes and what it is for. */
interface Delivery {
  readonly item: string;
  readonly deliverTo: string;
  readonly purpose: ContractPurpose;
  readonly durationMonths: number;
}

/**
 * Pooled procurement (see the module description), with parameters as plain data.
 *
 * @throws {@link ScenarioError} if `params` is invalid (see {@link resolvePooledParams}); from `check`
 * (which experiments and `runScenario` call before anything runs) if `contributions` names a nation, or
 * `thirdStates.componentWeights` a component, the scenario does not have, or if a pooled stock's `agency`
 * is a nation or recipient id.
 * @example
 * const strategy = createPooled({ allocation: 'urgency', thirdStates: { enabled: false } });
 */
export function createPooled(params: PooledParams = {}): ProcurementStrategy {
  const p = resolvePooledParams(params);
  return p.pooledStock.enabled ? new PooledWithStock(p) : new Pooled(p);
}

/**
 * The pooled strategy of one run. A class, not closures made per instance: every replication makes a new
 * strategy, and V8 keeps optimised code only while a function that uses it is alive, so per-replication
 * closures had their code dropped at each full garbage collection and recompiled. In the calling thread
 * (`workers: 0`), 600 replications of the three strategies on europe-155mm spent 9.8 CPU-s in TurboFan
 * with closures and 3.6 with classes; worker threads, whose heaps see few full collections, compiled
 * about as often either way. Methods on the prototype live as long as the module.
 */
class Pooled implements ProcurementStrategy {
  readonly name = 'pooled';
  protected startDay = 0;
  /** Money each nation had left at the last review, for `'contribution'` weights between reviews. */
  private readonly budgetAtReview = new Map<string, number>();
  /** Items the agency holds a pooled stock of (none without one). */
  protected pooledItems: readonly string[] = [];

  constructor(protected readonly p: ResolvedPooledParams) {}

  check(scenario: Scenario): void {
    checkPooledParams(this.p, scenario);
  }

  start(context: ProcurementContext): void {
    this.startDay = context.day;
  }

  review(context: ProcurementContext): void {
    const p = this.p;
    for (const n of context.nations) this.budgetAtReview.set(n.id, n.availableBudgetEur);
    const members = poolMembers(p, context.nations, context.day - this.startDay);
    const isMember = (n: Need) => members.has(n.nation);
    const pooled = members.size === 0 ? [] : context.needs(p.frameworkLengthMonths).filter(isMember);
    const stock = pooled.filter((n) => n.purpose.kind === 'stock');
    // The same views all review long: worked out once per item (stock needs, then each pledge of the item).
    const eligibleByItem = new Map<string, FirmView[]>();
    const eligible = (item: string) => {
      let firms = eligibleByItem.get(item);
      if (firms === undefined) {
        firms = context.firms.filter(
          (f) => f.item === item && eligibleForPool(p, f, context.nations, members),
        );
        eligibleByItem.set(item, firms);
      }
      return firms;
    };
    // Pooled items first, then the other items of members' stock needs, each once.
    const items = new Set<string>(members.size === 0 ? undefined : this.pooledItems);
    for (const n of stock) items.add(n.item);
    for (const item of items) {
      const firms = eligible(item);
      const ownNeeds = stock.filter((n) => n.item === item);
      if (firms.length === 0) {
        // No firm the agency may buy from: members buy as under national-only, with its need (forecast
        // over the ordinary contract length), not the framework's, which they would receive in that time.
        for (const need of context.needs())
          if (need.item === item && need.purpose.kind === 'stock' && isMember(need))
            orderNationally(context, need);
        continue;
      }
      const intoPool = this.pooledItems.includes(item);
      const needs = funded(context, intoPool ? this.pooledNeeds(context, members, item) : ownNeeds);
      if (needs.length === 0) continue;
      this.orderStock(context, needs, firms, {
        item,
        deliverTo: intoPool ? p.agency : '@payers',
        purpose: { kind: 'stock' },
        durationMonths: p.frameworkLengthMonths,
      });
    }
    // Pledges: one joint contract per pledge and firm, shared by the member donors.
    const pledgeNeeds = pooled.filter((n) => n.purpose.kind === 'pledge');
    for (const donors of group(pledgeNeeds, pledgeOf).values()) {
      const first = donors[0]!;
      const firms = eligible(first.item);
      if (firms.length === 0) {
        for (const need of donors) orderNationally(context, need);
        continue;
      }
      // Not filtered by this year's money: pledge deliveries may fall in later budget years, and a donor
      // that cannot pay makes the joint order fall back to single-donor orders (see orderTranche).
      orderTranche(
        p,
        context,
        donors,
        mapToArray(donors, (n) => n.rounds),
        firms,
        {
          item: first.item,
          deliverTo: first.deliverTo,
          purpose: first.purpose,
          durationMonths: deliveryMonths(first, context.day, p.frameworkLengthMonths),
        },
      );
    }
    for (const need of context.needs()) if (!isMember(need)) orderNationally(context, need);
  }

  /** Allocation weight of `rounds` asked by `nation` (stock `s`) under the configured rule. */
  protected weight(nation: string, s: StockpileView | undefined, rounds: number): number {
    const p = this.p;
    if (p.allocation === 'contribution')
      return Object.keys(p.contributions).length > 0
        ? (p.contributions[nation] ?? 0)
        : (this.budgetAtReview.get(nation) ?? 0);
    if (p.allocation === 'pro-rata') return rounds;
    if (s === undefined) return 0;
    const short = s.backorderRounds + Math.max(0, s.safetyRounds - s.levelRounds);
    return (rounds * short) / Math.max(1, s.targetRounds);
  }

  private weightOf(ctx: ProcurementContext, need: Need): number {
    const nation = ctx.nations.find((n) => n.id === need.nation)!;
    return this.weight(
      need.nation,
      nation.stockpiles.find((x) => x.item === need.item),
      need.rounds,
    );
  }

  /**
   * Members' stock needs for a pooled item, as needs whose rounds are each member's part of the echelon
   * gap (see `pooledOrderParts`), delivered to the pooled stock.
   */
  private pooledNeeds(ctx: ProcurementContext, members: ReadonlySet<string>, item: string): Need[] {
    const p = this.p;
    const pool = ctx.pooledStock(p.agency, item);
    if (pool === undefined) return [];
    const stocks = ctx.nations.flatMap((n) => {
      const stock = members.has(n.id) ? n.stockpiles.find((s) => s.item === item) : undefined;
      return stock === undefined ? [] : [{ nation: n.id, stock }];
    });
    const parts = pooledOrderParts(
      stocks,
      pool,
      p.pooledStock.safetyDays,
      p.frameworkLengthMonths * DAYS_PER_MONTH,
    );
    return stocks.flatMap((m, i) =>
      parts[i]! > 0
        ? [{ nation: m.nation, item, rounds: parts[i]!, deliverTo: p.agency, purpose: { kind: 'stock' } }]
        : [],
    );
  }

  /** Orders members' stock needs of one item jointly, allocating a first tranche when supply is short. */
  private orderStock(
    ctx: ProcurementContext,
    needs: readonly Need[],
    firms: readonly FirmView[],
    to: Delivery,
  ): void {
    const p = this.p;
    const wanted = mapToArray(needs, (n) => n.rounds);
    const total = wanted.reduce((s, x) => s + x, 0);
    const supply = firms.reduce(
      (s, f) => s + Math.max(0, Math.floor(f.capacityPerMonth * p.frameworkLengthMonths - f.backlogRounds)),
      0,
    );
    if (p.allocation === 'pro-rata' || total <= supply) {
      orderTranche(p, ctx, needs, wanted, firms, to);
      return;
    }
    const first = allocateCapped(
      supply,
      wanted,
      mapToArray(needs, (n) => this.weightOf(ctx, n)),
    );
    orderTranche(p, ctx, needs, first, firms, to);
    orderTranche(
      p,
      ctx,
      needs,
      mapToArray(wanted, (x, i) => x - first[i]!),
      firms,
      to,
    );
  }
}

/** The pooled strategy with a pooled stock: the agency tops members up daily. */
class PooledWithStock extends Pooled {
  private readonly keeper: PooledStockKeeper;
  /** Nations as seen at the start (memberships do not change), for the daily top-ups. */
  private nationsAtStart: readonly NationView[] = [];

  constructor(p: ResolvedPooledParams) {
    super(p);
    const { agency, pooledStock } = p;
    this.keeper = new PooledStockKeeper(agency, pooledStock.transferDelayDays, pooledStock.reorderPoint);
  }

  override start(context: ProcurementContext): void {
    super.start(context);
    this.nationsAtStart = context.nations;
    // A pooled stock for every item a possible member holds.
    const possible = context.nations.filter(
      (n) => n.memberships.includes('PESCO') || n.memberships.includes('PESCO-third-state'),
    );
    this.pooledItems = [...new Set(possible.flatMap((n) => n.stockpiles.map((s) => s.item)))];
    for (const item of this.pooledItems) context.openPooledStock(this.p.agency, item);
  }

  /** At a switch away from it: the agency hands its stock over to the members who paid for it. */
  stop(context: ProcurementContext): void {
    const { agency, pooledStock } = this.p;
    for (const item of this.pooledItems)
      context.handOverPooledStock(agency, item, pooledStock.transferDelayDays);
  }

  daily(context: DailyContext): void {
    const members = poolMembers(this.p, this.nationsAtStart, context.day - this.startDay);
    if (members.size === 0) return;
    const ordered = this.nationsAtStart.filter((n) => members.has(n.id)).map((n) => n.id);
    for (const item of this.pooledItems)
      this.keeper.topUp(context, ordered, item, (r) => this.weight(r.nation, r.stock, r.rounds));
  }
}

/** The pledge a pledge need is for (the key joint pledge contracts are grouped by). */
function pledgeOf(need: Need): string {
  return need.purpose.kind === 'pledge' ? need.purpose.pledge : '';
}

/** One joint contract per firm for `parts` (rounds per member need), split by capacity. */
function orderTranche(
  p: ResolvedPooledParams,
  ctx: ProcurementContext,
  needs: readonly Need[],
  parts: readonly number[],
  firms: readonly FirmView[],
  to: Delivery,
): void {
  const total = parts.reduce((s, x) => s + x, 0);
  if (total <= 0) return;
  const payers = needs.flatMap((n, i) =>
    parts[i]! > 0 ? [{ payer: n.nation, share: parts[i]! / total }] : [],
  );
  for (const part of splitByCapacity(total, firms)) {
    // Each member buys the rest of its part alone on the same terms if the budget cuts the joint order.
    placeJointOrder(
      ctx,
      {
        buyer: p.agency,
        payers,
        firm: part.firm.id,
        item: to.item,
        rounds: part.rounds,
        durationMonths: to.durationMonths,
        deliverTo: to.deliverTo,
        purpose: to.purpose,
        terms: jointTerms(p),
      },
      () => ({ buyer: p.agency, terms: jointTerms(p) }),
    );
  }
}

/** A member with nothing left this budget year would make a whole joint order unaffordable. */
function funded(ctx: ProcurementContext, needs: readonly Need[]): Need[] {
  return needs.filter((n) => ctx.nations.find((x) => x.id === n.nation)!.availableBudgetEur > 0);
}
