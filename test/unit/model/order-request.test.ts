import { describe, expect, it } from 'vitest';
import { DibsimError } from '../../../src/errors.js';
import type {
  OrderRequest,
  ProcurementContext,
  ProcurementStrategy,
} from '../../../src/model/procurement.js';
import { World } from '../../../src/model/world.js';
import {
  firm,
  ITEM,
  nation,
  pledge,
  recipient,
  smallScenario,
  stockOrder,
  suppliersFor,
} from './small-scenario.js';

/** Two nations with a firm each, a recipient UA and a pledge p1 of AA to UA. */
const scenario = smallScenario({
  nations: [nation('AA'), nation('BB')],
  firms: [firm('firm-AA', 'AA'), firm('firm-BB', 'BB')],
  suppliers: [...suppliersFor('AA'), ...suppliersFor('BB')],
  recipients: [recipient('UA')],
  pledges: [pledge('p1', 'UA', 'AA')],
});

const good = stockOrder;

/** A world whose strategy calls `act` with the start context; the world is returned unrun past the start. */
function atStart(act: (ctx: ProcurementContext) => void): World {
  const strategy: ProcurementStrategy = { name: 'probe', start: act, review() {} };
  const world = new World(scenario, { strategy });
  world.run();
  return world;
}

/** What `placeOrder({...good, ...change})` throws at the start, and the world's contracts and budgets after. */
function rejected(change: Record<string, unknown>): { error: DibsimError; world: World } {
  let error: unknown;
  const world = atStart((ctx) => {
    try {
      ctx.placeOrder({ ...good, ...change } as OrderRequest);
    } catch (e) {
      error = e;
    }
  });
  expect(error).toBeInstanceOf(DibsimError);
  return { error: error as DibsimError, world };
}

describe('placeOrder: the whole request is checked before anything changes', () => {
  it.each<[string, Record<string, unknown>, RegExp]>([
    [
      'shares summing to 0.5',
      { payers: [{ payer: 'AA', share: 0.5 }] },
      /request\.payers has shares summing to 0\.5, not 1 \(got .*\)\. Make the shares/,
    ],
    [
      'shares -1 and 2',
      {
        payers: [
          { payer: 'AA', share: -1 },
          { payer: 'BB', share: 2 },
        ],
      },
      /request\.payers\[0\]\.share must be a number in \(0, 1\] \(got -1\)/,
    ],
    [
      'a payer listed twice',
      {
        payers: [
          { payer: 'AA', share: 0.5 },
          { payer: 'AA', share: 0.5 },
        ],
      },
      /request\.payers\[1\]\.payer repeats payers\[0\] \(got "AA"\)/,
    ],
    [
      'an unknown payer',
      { payers: [{ payer: 'ZZ', share: 1 }] },
      /payers\[0\]\.payer must be the id of a nation .*Use one of: AA, BB\./,
    ],
    [
      'no payers',
      { payers: [] },
      /request\.payers must be a non-empty array of \{ payer, share \} \(got \[\]\)/,
    ],
    ['null payers', { payers: null }, /request\.payers must be a non-empty array .*\(got null\)/],
    [
      'a NaN overhead',
      { terms: { overheadEur: Number.NaN } },
      /terms\.overheadEur must be EUR >= 0 \(got NaN\)/,
    ],
    [
      'a negative overhead',
      { terms: { overheadEur: -1e9 } },
      /terms\.overheadEur must be EUR >= 0 \(got -1000000000\)/,
    ],
    [
      'an overhead of 1e308',
      { terms: { overheadEur: 1e308 } },
      /terms\.overheadEur is larger than any plausible value; check the unit/,
    ],
    [
      'an overhead share of value above 1',
      { terms: { overheadShareOfValue: 1.5 } },
      /terms\.overheadShareOfValue must be a share of the value from 0 to 1 \(got 1\.5\)/,
    ],
    [
      'a NaN overhead share of value',
      { terms: { overheadShareOfValue: Number.NaN } },
      /terms\.overheadShareOfValue must be a share of the value from 0 to 1 \(got NaN\)/,
    ],
    [
      'a negative extra award delay',
      { terms: { extraAwardDelayDays: -1 } },
      /terms\.extraAwardDelayDays must be a number of days >= 0 \(got -1\)/,
    ],
    [
      'durationMonths -1',
      { durationMonths: -1 },
      /request\.durationMonths must be a number of months in \[1, 1200\] \(got -1\)\. Deliveries/,
    ],
    ['durationMonths 0', { durationMonths: 0 }, /durationMonths must be .* \(got 0\)/],
    ['durationMonths 0.01', { durationMonths: 0.01 }, /durationMonths must be .* \(got 0\.01\)/],
    ['durationMonths 1e308', { durationMonths: 1e308 }, /durationMonths is larger than any plausible value/],
    ['an unknown purpose', { purpose: 'x' }, /request\.purpose must be \{ kind: 'stock' \} or .*\(got "x"\)/],
    [
      'an unknown pledge',
      { purpose: { kind: 'pledge', pledge: 'p9' } },
      /purpose\.pledge must be the id of a pledge .*Use one of: p1\./,
    ],
    [
      'an unknown licence',
      { terms: { licence: 'x' } },
      /terms\.licence must be 'standard', 'fast-lane' or 'waived' \(got "x"\)/,
    ],
    [
      'an empty standard',
      { terms: { standard: '' } },
      /terms\.standard must be a non-empty string \(got ""\)/,
    ],
    [
      'the US spelling of licence',
      { terms: { license: 'waived' } },
      /placeOrder: request\.terms\.license is not an option \(got "waived"\)\. Did you mean 'licence'\?/,
    ],
    [
      'an unknown field of the request',
      { round: 5 },
      /request\.round is not an option .*Did you mean 'rounds'\?/,
    ],
    [
      'an unknown field of a payer',
      { payers: [{ payer: 'AA', shares: 1 }] },
      /request\.payers\[0\]\.shares is not an option/,
    ],
    [
      'an unknown deliverTo',
      { deliverTo: 'ZZ' },
      /placeOrder: request\.deliverTo must be '@payers' .* \(got "ZZ"\)\. Use need\.deliverTo/,
    ],
    [
      'rounds given as a string',
      { rounds: '1000' },
      /request\.rounds must be a whole number >= 1 \(got "1000"\)/,
    ],
    ['rounds of 1e20', { rounds: 1e20 }, /request\.rounds is larger than any plausible value/],
    [
      'an unknown firm',
      { firm: 'nobody' },
      /request\.firm must be the id of a firm .*Use one of: firm-AA, firm-BB\./,
    ],
    ['an empty buyer', { buyer: '' }, /request\.buyer must be a non-empty string/],
  ])('refuses %s, naming the field, and leaves no contract or obligation', (_what, change, message) => {
    const { error, world } = rejected(change);
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/^placeOrder: /);
    expect(world.contracts).toHaveLength(0);
  });

  it('accepts a well-formed request, a joint one with shares of 1/3, and one for a pledge or to @payers', () => {
    const world = atStart((ctx) => {
      expect(ctx.placeOrder(good).status).toBe('placed');
      const third = 1 / 3;
      expect(
        ctx.placeOrder({
          ...good,
          buyer: 'AA+BB',
          payers: [
            { payer: 'AA', share: third },
            { payer: 'BB', share: 1 - third },
          ],
          deliverTo: '@payers',
        }).status,
      ).toBe('placed');
      expect(
        ctx.placeOrder({ ...good, deliverTo: 'UA', purpose: { kind: 'pledge', pledge: 'p1' } }).status,
      ).toBe('placed');
    });
    expect(world.contracts).toHaveLength(3);
    expect(() => world.checkInvariants()).not.toThrow();
  });
});

describe('needs(contractLengthMonths)', () => {
  it.each([Number.NaN, -1, 1e308, '24'])('refuses %s', (months) => {
    atStart((ctx) => {
      expect(() => ctx.needs(months as number)).toThrow(
        /^needs: contractLengthMonths (must be a number of months in \[0, 1200\]|is larger than any plausible value; check the unit) \(got .*\)\. Leave it out/,
      );
    });
  });

  it('accepts 0 to 1200 months, and leaves a default', () => {
    atStart((ctx) => {
      expect(ctx.needs(0)).toBeInstanceOf(Array);
      expect(ctx.needs(1200).length).toBeGreaterThanOrEqual(ctx.needs().length);
    });
  });
});

describe('placeOrder to a pooled stock', () => {
  it('is refused before the stock is opened and accepted once it is', () => {
    atStart((ctx) => {
      const toPool = { ...good, buyer: 'agency', deliverTo: 'agency' };
      expect(() => ctx.placeOrder(toPool)).toThrow(/request\.deliverTo must be '@payers'.*\(got "agency"\)/);
      ctx.openPooledStock('agency', ITEM);
      expect(ctx.placeOrder(toPool).status).toBe('placed');
    });
  });
});
