import { describe, expect, it } from 'vitest';
import { DibsimError } from '../../../src/errors.js';
import type {
  DailyContext,
  ProcurementContext,
  ProcurementStrategy,
} from '../../../src/model/procurement.js';
import { runScenario } from '../../../src/model/run-scenario.js';
import { ITEM, smallScenario, stockOrder } from './small-scenario.js';

const good = stockOrder;

/** What a strategy that keeps contexts throws when `use` calls one of them (it is called on day 400's daily). */
function failure(
  use: (
    kept: { start?: ProcurementContext; review?: ProcurementContext; daily?: DailyContext },
    now: DailyContext,
  ) => void,
): DibsimError {
  const kept: { start?: ProcurementContext; review?: ProcurementContext; daily?: DailyContext } = {};
  const strategy: ProcurementStrategy = {
    name: 'keeper',
    start(ctx) {
      kept.start = ctx;
    },
    review(ctx) {
      kept.review ??= ctx;
    },
    daily(ctx) {
      if (ctx.day === 5) kept.daily = ctx;
      if (ctx.day === 400) use(kept, ctx);
    },
  };
  try {
    runScenario(smallScenario(), { strategy });
  } catch (e) {
    if (e instanceof DibsimError) return e;
    throw e;
  }
  throw new Error('expected a DibsimError');
}

describe('a context is valid only during the call it was passed to', () => {
  it('refuses an order through the start context placed on day 400, which would have been dated day 0', () => {
    const e = failure((kept) => kept.start!.placeOrder(good));
    expect(e.code).toBe('INVALID_STATE');
    expect(e.message).toBe(
      'placeOrder: the context of the start call of day 0 was used after that call returned (now day 400). Use the context passed to the call in progress (start, review or daily): a context is valid only until its call returns.',
    );
  });

  it.each<[string, Parameters<typeof failure>[0], RegExp]>([
    [
      'needs of a review context',
      (k) => k.review!.needs(),
      /^needs: the context of the review call of day 0/,
    ],
    ['stream of a review context', (k) => k.review!.stream('x'), /^stream: the context of the review call/],
    [
      'openPooledStock of the start context',
      (k) => k.start!.openPooledStock('g', ITEM),
      /^openPooledStock: /,
    ],
    ['pooledStock of the start context', (k) => k.start!.pooledStock('g', ITEM), /^pooledStock: /],
  ])('refuses %s', (_what, use, message) => {
    expect(failure(use).message).toMatch(message);
  });

  it('refuses the daily context outside a daily call', () => {
    let daily: DailyContext | undefined;
    const refused: string[] = [];
    const strategy: ProcurementStrategy = {
      name: 'crossed',
      review() {
        if (daily === undefined || refused.length > 0) return;
        for (const use of [
          () => daily!.stockpile('AA', ITEM),
          () => daily!.pooledStock('g', ITEM),
          () => daily!.transfer({ from: 'g', to: 'AA', item: ITEM, rounds: 1, delayDays: 0 }),
        ]) {
          try {
            use();
          } catch (e) {
            refused.push((e as Error).message);
          }
        }
      },
      daily(ctx) {
        daily = ctx;
      },
    };
    runScenario(smallScenario(), { strategy });
    expect(refused).toHaveLength(3);
    expect(refused[0]).toMatch(
      /^stockpile: the context of the daily call of day 30 was used after that call returned \(now day 31\)/,
    );
    expect(refused[1]).toMatch(/^pooledStock: /);
    expect(refused[2]).toMatch(/^transfer: /);
  });
});
