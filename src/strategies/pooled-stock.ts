/**
 * The optional pooled stock of a pooling agency (risk pooling, Eppen 1979): one common stockpile per item,
 * fed by the agency's framework contracts, that tops up members whose stock falls below their reorder point.
 *
 * - **Ordering (echelon)**: at each review the agency orders for the whole system it serves: every
 *   member's gap (target + backorders + forecast consumption over the framework − stock − rounds on order,
 *   transfers on their way included) plus the pooled stock's own gap (its safety stock, `safetyDays` of the
 *   members' mean demand, − its stock and rounds on order). Contracts deliver into the pooled stock.
 * - **Top-ups (daily, after consumption)**: a member whose stock − backorders + transfers on their way is
 *   below its reorder point (its safety level, or its target with `reorderPoint: 'target'`) is sent enough
 *   to reach its target (or its safety level, if higher), arriving `transferDelayDays` later. When the
 *   pooled stock cannot serve every request, it is shared by the agency's allocation rule.
 * - **Money**: members pay for pooled rounds when they reach the pooled stock, each its part of the
 *   contract; a transfer to a member is not paid again.
 * - **At a policy switch** away from the strategy: the agency hands its stock to the members in
 *   proportion to the rounds each paid for, and its contracts still to deliver go to them, each its share
 *   (`ProcurementContext.handOverPooledStock`); transfers on their way arrive as scheduled, and count in
 *   members' positions for any keeper after the switch.
 *
 * With members' own targets and safety levels at zero, members hold nothing and the pooled stock serves
 * their demand within the day: the centralised system of Eppen's result, which
 * `test/validation/risk-pooling.test.ts` checks against theory.
 *
 * @module
 */
import { mapToArray } from '../kernel/arrays.js';
import { MAX_DAYS } from '../model/limits.js';
import type { DailyContext, PooledStockView, StockpileView } from '../model/procurement.js';
import { allocateCapped } from './allocation.js';
import type { ParamsReader } from './params.js';

/** Parameters of the pooled stock of {@link createPooled}'s agency, plain data. */
export interface PooledStockParams {
  /** Whether the agency holds a common stockpile for its members. @defaultValue false */
  readonly enabled?: boolean | undefined;
  /**
   * Safety stock the agency holds on top of its members' own targets, in days of the members' mean
   * demand (a gap: no public figure for a pooled reserve; 30 days is an assumption for sensitivity runs).
   * @defaultValue 30
   */
  readonly safetyDays?: number | undefined;
  /**
   * Days from the pooled stock to a member's depot (a gap: road or rail within Europe, about a week
   * assumed). Whole days. @defaultValue 7
   */
  readonly transferDelayDays?: number | undefined;
  /**
   * When a member is topped up: once its position falls below its `'safety'` level (the stock between
   * safety and target is then pooled too, and members hold less), or below its `'target'` (members stay
   * at target and the pooled stock holds only its own safety stock). A modelling choice, for sensitivity.
   * @defaultValue 'safety'
   */
  readonly reorderPoint?: 'safety' | 'target' | undefined;
}

/** {@link PooledStockParams} with every default filled in. */
export interface ResolvedPooledStockParams {
  /** Whether the agency holds a common stockpile. */
  readonly enabled: boolean;
  /** Pooled safety stock, days of members' mean demand. */
  readonly safetyDays: number;
  /** Transfer delay, whole days. */
  readonly transferDelayDays: number;
  /** Reorder point of members' top-ups. */
  readonly reorderPoint: 'safety' | 'target';
}

/** Reads the `pooledStock` fields of the pooled strategy's parameters. @internal */
export function readPooledStockParams(r: ParamsReader): ResolvedPooledStockParams {
  return {
    enabled: r.boolean('enabled', false, 'Use true to let the agency hold a common stockpile.'),
    safetyDays: r.number('safetyDays', 30, {
      min: 0,
      cap: MAX_DAYS,
      fix: "Use days of members' mean demand, e.g. 30.",
    }),
    transferDelayDays: r.number('transferDelayDays', 7, {
      min: 0,
      cap: MAX_DAYS,
      integer: true,
      fix: 'Use whole days from the pooled stock to a member, e.g. 7.',
    }),
    reorderPoint: r.oneOf('reorderPoint', ['safety', 'target'] as const, 'safety'),
  };
}

/** A member's stockpile of one item, as the agency plans with it. */
export interface MemberStock {
  /** Nation id. */
  readonly nation: string;
  /** Its stockpile now. */
  readonly stock: StockpileView;
}

/**
 * Each member's part of the agency's next order for a pooled item (whole rounds ≥ 0): its own gap plus its
 * share (by mean demand; equal when there is none) of the pooled stock's gap. Parts add up to the echelon
 * gap of the system, except that a member above its target pays nothing rather than a negative part.
 *
 * @param lengthDays - days of forecast consumption the order commits (the framework length)
 */
export function pooledOrderParts(
  members: readonly MemberStock[],
  pool: PooledStockView,
  safetyDays: number,
  lengthDays: number,
): number[] {
  const demand = members.reduce((s, m) => s + m.stock.demandRoundsPerDay, 0);
  const poolGap = safetyDays * demand - pool.levelRounds - pool.onOrderRounds;
  return mapToArray(members, ({ stock: s }) => {
    const own =
      s.targetRounds +
      s.backorderRounds +
      s.demandRoundsPerDay * lengthDays -
      s.levelRounds -
      s.onOrderRounds;
    const share = demand > 0 ? s.demandRoundsPerDay / demand : 1 / members.length;
    return Math.max(0, Math.floor(own + share * poolGap));
  });
}

/** A top-up a member asks the pooled stock for. */
export interface TopUpRequest {
  /** Nation id. */
  readonly nation: string;
  /** Its stockpile now. */
  readonly stock: StockpileView;
  /** Rounds it needs to reach its target (whole, > 0). */
  readonly rounds: number;
}

/**
 * Ships pooled stock to members below their reorder point, once a day. A member's position counts every
 * transfer on its way to it, which the model keeps (see {@link StockpileView.incomingTransferRounds}), so a
 * member is not topped up twice for the same shortfall, even by the keeper of a strategy switched to.
 */
export class PooledStockKeeper {
  /**
   * @param owner - the agency id that holds the pooled stock
   * @param transferDelayDays - whole days from the pooled stock to a member
   * @param reorderPoint - top up members below their `'safety'` level or below their `'target'`
   */
  constructor(
    readonly owner: string,
    readonly transferDelayDays: number,
    readonly reorderPoint: 'safety' | 'target' = 'safety',
  ) {}

  /** Members (in the order given) whose position is below their reorder point, with what they need. */
  requests(ctx: DailyContext, members: readonly string[], item: string): TopUpRequest[] {
    const out: TopUpRequest[] = [];
    for (const nation of members) {
      const stock = ctx.stockpile(nation, item);
      if (stock === undefined) continue;
      const position = stock.levelRounds - stock.backorderRounds + stock.incomingTransferRounds;
      const upTo = Math.max(stock.targetRounds, stock.safetyRounds);
      if (position >= (this.reorderPoint === 'target' ? upTo : stock.safetyRounds)) continue;
      const rounds = Math.floor(upTo - position);
      if (rounds > 0) out.push({ nation, stock, rounds });
    }
    return out;
  }

  /**
   * Tops up `members` from the pooled stock of `item`; when it holds less than they ask, it is shared by
   * `weightOf` (see {@link allocateCapped}). Returns the rounds sent.
   */
  topUp(
    ctx: DailyContext,
    members: readonly string[],
    item: string,
    weightOf: (request: TopUpRequest) => number,
  ): number {
    const pool = ctx.pooledStock(this.owner, item);
    if (pool === undefined || pool.levelRounds <= 0) return 0;
    const requests = this.requests(ctx, members, item);
    if (requests.length === 0) return 0;
    const asked = requests.reduce((s, r) => s + r.rounds, 0);
    const grants =
      asked <= pool.levelRounds
        ? mapToArray(requests, (r) => r.rounds)
        : allocateCapped(
            pool.levelRounds,
            mapToArray(requests, (r) => r.rounds),
            mapToArray(requests, weightOf),
          );
    let sent = 0;
    requests.forEach((r, i) => {
      const rounds = grants[i]!;
      if (rounds <= 0) return;
      sent += ctx.transfer({
        from: this.owner,
        to: r.nation,
        item,
        rounds,
        delayDays: this.transferDelayDays,
      });
    });
    return sent;
  }
}
