/**
 * The check of an {@link OrderRequest} before `placeOrder` acts on it: every field, so that a request that
 * would break the accounting (shares not summing to 1, a negative or NaN overhead, a delay that activates a
 * contract before its award) or name something the model does not have fails at once, naming the field,
 * and nothing has changed. `placeOrder` is on the hot path of every run: the check allocates nothing for a
 * well-formed request (its loops read the request in place; only a failing check builds its message).
 *
 * @module
 * @internal
 */
import { DibsimError, describeValue } from '../errors.js';
import type { Destinations } from './delivery-plan.js';
import type { Pledge } from './demand.js';
import { checkOptionNames } from './field-suggestions.js';
import type { Firm } from './firm.js';
import { formatCap, IMPLAUSIBLE, MAX_DAYS, MAX_MONTHS, MAX_QUANTITY } from './limits.js';
import type { NationState } from './nation-state.js';
import type { OrderRequest, OrderTerms } from './procurement.js';

/** How far the payers' shares may sum from 1 (rounding of shares such as 1/3). */
export const SHARE_SUM_TOLERANCE = 1e-9;

/** The fields of each part of a request (records, so that the compiler keeps them in step). */
const REQUEST_FIELDS = new Set(
  Object.keys({
    buyer: true,
    payers: true,
    firm: true,
    item: true,
    rounds: true,
    durationMonths: true,
    deliverTo: true,
    purpose: true,
    terms: true,
  } satisfies Record<keyof OrderRequest, true>),
);
const TERMS_FIELDS = new Set(
  Object.keys({
    standard: true,
    licence: true,
    extraAwardDelayDays: true,
    overheadEur: true,
    overheadShareOfValue: true,
  } satisfies Record<keyof OrderTerms, true>),
);
const PAYER_FIELDS = new Set(['payer', 'share']);
const STOCK_PURPOSE_FIELDS = new Set(['kind']);
const PLEDGE_PURPOSE_FIELDS = new Set(['kind', 'pledge']);

/**
 * Throws unless `request` is a well-formed order on this world: `firms`, `nations` and `pledges` by id,
 * `destinations` for the stockpiles an order may deliver to (nations', recipients' and opened pooled stocks).
 *
 * @throws {@link DibsimError} `INVALID_ARGUMENT` naming the first bad field, its value and the fix.
 */
export function checkOrderRequest(
  request: OrderRequest,
  firms: ReadonlyMap<string, Firm>,
  nations: ReadonlyMap<string, NationState>,
  pledges: readonly Pledge[],
  destinations: Destinations,
): void {
  if (typeof request !== 'object' || request === null || Array.isArray(request))
    throw invalid(
      '',
      request,
      'must be an object',
      'Pass { buyer, payers, firm, item, rounds, durationMonths, deliverTo, purpose, terms? }.',
    );
  for (const key in request) if (!REQUEST_FIELDS.has(key)) unknownField(request, REQUEST_FIELDS, 'request');
  const { buyer, firm: firmId, item, rounds, durationMonths, deliverTo } = request;
  if (typeof buyer !== 'string' || buyer === '')
    throw invalid(
      'buyer',
      buyer,
      'must be a non-empty string',
      'Use the id of the nation or group ordering.',
    );
  const firm = typeof firmId === 'string' ? firms.get(firmId) : undefined;
  if (firm === undefined)
    throw invalid(
      'firm',
      firmId,
      'must be the id of a firm of the scenario',
      `Use one of: ${[...firms.keys()].join(', ')}.`,
    );
  if (item !== firm.params.item)
    throw invalid(
      'item',
      item,
      `must be what firm "${firm.id}" makes, ${firm.params.item}`,
      'Order each item from a firm that makes it (context.firms[].item).',
    );
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > MAX_QUANTITY)
    throw invalid(
      'rounds',
      rounds,
      typeof rounds === 'number' && rounds > MAX_QUANTITY
        ? `is ${IMPLAUSIBLE}`
        : 'must be a whole number >= 1',
      `Order whole rounds, at most ${formatCap(MAX_QUANTITY)}; the model cuts the order to what the budgets allow.`,
    );
  checkMonths('placeOrder: request.durationMonths', durationMonths, 1);
  checkPayers(request, nations);
  if (typeof deliverTo !== 'string' || !deliversTo(request, nations, destinations))
    throw invalid(
      'deliverTo',
      deliverTo,
      `must be '@payers' (each payer holding a stockpile of ${item}) or an actor holding a stockpile of ${item}: a nation, a recipient, or a pooled stock opened with openPooledStock`,
      'Use need.deliverTo for a need, or the id of the stock to fill.',
    );
  checkPurpose(request, pledges);
  if (request.terms !== undefined) checkTerms(request.terms);
}

/**
 * Throws unless `months` is a number of months in [`min`, {@link MAX_MONTHS}] (not necessarily whole: a
 * scenario's contract length may be drawn from a distribution); `name` is the field as the caller wrote it.
 * @throws {@link DibsimError} `INVALID_ARGUMENT`.
 */
export function checkMonths(name: string, months: unknown, min: 0 | 1): asserts months is number {
  if (typeof months === 'number' && months >= min && months <= MAX_MONTHS) return;
  throw new DibsimError(
    'INVALID_ARGUMENT',
    `${name} ${typeof months === 'number' && months > MAX_MONTHS ? `is ${IMPLAUSIBLE}` : `must be a number of months in [${min}, ${MAX_MONTHS}]`} (got ${describeValue(months)}). ${min === 1 ? 'Deliveries come in monthly tranches, at least one: use e.g. context.contractLengthMonths.' : 'Leave it out for context.contractLengthMonths, or give the months of a longer contract, e.g. 84.'}`,
  );
}

/** Payers: a non-empty list of distinct nations of the scenario with shares in (0, 1] summing to 1. */
function checkPayers(request: OrderRequest, nations: ReadonlyMap<string, NationState>): void {
  const payers: unknown = request.payers;
  if (!Array.isArray(payers) || payers.length === 0)
    throw invalid(
      'payers',
      payers,
      'must be a non-empty array of { payer, share }',
      `Use e.g. [{ payer: "${request.buyer}", share: 1 }].`,
    );
  let sum = 0;
  for (let i = 0; i < payers.length; i++) {
    const p: unknown = payers[i];
    if (typeof p !== 'object' || p === null)
      throw invalid(
        payerField(i),
        p,
        'must be an object { payer, share }',
        'Use e.g. { payer: "DE", share: 1 }.',
      );
    for (const key in p)
      if (!PAYER_FIELDS.has(key)) unknownField(p, PAYER_FIELDS, `request.${payerField(i)}`);
    const { payer, share } = p as { payer: unknown; share: unknown };
    if (typeof payer !== 'string' || !nations.has(payer))
      throw invalid(
        payerField(i, '.payer'),
        payer,
        'must be the id of a nation of the scenario',
        `Use one of: ${[...nations.keys()].join(', ')}.`,
      );
    for (let j = 0; j < i; j++)
      if ((payers[j] as { payer: unknown }).payer === payer)
        throw invalid(
          payerField(i, '.payer'),
          payer,
          `repeats payers[${j}]`,
          'List each payer once, with its whole share.',
        );
    if (typeof share !== 'number' || !(share > 0 && share <= 1))
      throw invalid(
        payerField(i, '.share'),
        share,
        'must be a number in (0, 1]',
        'Give each payer its share of the rounds and the money; leave out a payer with none.',
      );
    sum += share;
  }
  if (Math.abs(sum - 1) > SHARE_SUM_TOLERANCE)
    throw invalid(
      'payers',
      payers,
      `has shares summing to ${sum}, not 1`,
      `Make the shares add up to 1 (±${SHARE_SUM_TOLERANCE}), e.g. part / total for each payer.`,
    );
}

/** `payers[i]` and what follows, for a message only: a path built at every call would allocate. */
function payerField(i: number, rest = ''): string {
  return `payers[${i}]${rest}`;
}

/** Whether the request's `deliverTo` (a string) names stockpiles of its item. */
function deliversTo(
  request: OrderRequest,
  nations: ReadonlyMap<string, NationState>,
  destinations: Destinations,
): boolean {
  const { deliverTo, item, payers } = request;
  if (deliverTo === '@payers') {
    for (let i = 0; i < payers.length; i++)
      if (nations.get(payers[i]!.payer)?.stockpiles.has(item) !== true) return false;
    return true;
  }
  // A nation's stock without building a key; recipients' and pooled stocks by their `actor/item` key.
  const nation = nations.get(deliverTo);
  if (nation !== undefined) return nation.stockpiles.has(item);
  return destinations.of(deliverTo, item).stock !== undefined;
}

/** `{ kind: 'stock' }`, or `{ kind: 'pledge', pledge }` for a pledge of the scenario of the order's item. */
function checkPurpose(request: OrderRequest, pledges: readonly Pledge[]): void {
  const purpose: unknown = request.purpose;
  const kind = (purpose as { kind?: unknown } | null | undefined)?.kind;
  if (typeof purpose !== 'object' || purpose === null || (kind !== 'stock' && kind !== 'pledge'))
    throw invalid(
      'purpose',
      purpose,
      "must be { kind: 'stock' } or { kind: 'pledge', pledge }",
      'Use need.purpose for a need.',
    );
  const fields = kind === 'stock' ? STOCK_PURPOSE_FIELDS : PLEDGE_PURPOSE_FIELDS;
  for (const key in purpose) if (!fields.has(key)) unknownField(purpose, fields, 'request.purpose');
  if (kind === 'stock') return;
  const id = (purpose as { pledge?: unknown }).pledge;
  for (const p of pledges) {
    if (p.id !== id) continue;
    if (p.item === request.item) return;
    throw invalid(
      'purpose.pledge',
      id,
      `is a pledge of ${p.item}, not of ${request.item}`,
      'Order the pledged item towards a pledge.',
    );
  }
  throw invalid(
    'purpose.pledge',
    id,
    'must be the id of a pledge of the scenario',
    pledges.length === 0
      ? 'The scenario has no pledges: use { kind: "stock" }.'
      : `Use one of: ${pledges.map((p) => p.id).join(', ')}.`,
  );
}

/**
 * Terms: known fields; a non-empty standard; a licence of the three; delays and overhead finite and ≥ 0;
 * the overhead's share of value from 0 to 1.
 */
function checkTerms(terms: OrderTerms): void {
  if (typeof terms !== 'object' || terms === null)
    throw invalid('terms', terms, 'must be an object', 'Leave it out for the default terms.');
  for (const key in terms) if (!TERMS_FIELDS.has(key)) unknownField(terms, TERMS_FIELDS, 'request.terms');
  const {
    standard,
    licence,
    extraAwardDelayDays: delay,
    overheadEur: overhead,
    overheadShareOfValue: share,
  } = terms;
  if (standard !== undefined && (typeof standard !== 'string' || standard === ''))
    throw invalid(
      'terms.standard',
      standard,
      'must be a non-empty string',
      "Use a qualification standard id, or leave it out for the first payer's.",
    );
  if (licence !== undefined && licence !== 'standard' && licence !== 'fast-lane' && licence !== 'waived')
    throw invalid(
      'terms.licence',
      licence,
      "must be 'standard', 'fast-lane' or 'waived'",
      "Leave it out for 'standard'.",
    );
  if (delay !== undefined && !(typeof delay === 'number' && delay >= 0 && delay <= MAX_DAYS))
    throw invalid(
      'terms.extraAwardDelayDays',
      delay,
      typeof delay === 'number' && delay > MAX_DAYS ? `is ${IMPLAUSIBLE}` : 'must be a number of days >= 0',
      `Give the days added to the award delay, at most ${MAX_DAYS}, or leave it out for 0.`,
    );
  if (overhead !== undefined && !(typeof overhead === 'number' && overhead >= 0 && overhead <= MAX_QUANTITY))
    throw invalid(
      'terms.overheadEur',
      overhead,
      typeof overhead === 'number' && overhead > MAX_QUANTITY ? `is ${IMPLAUSIBLE}` : 'must be EUR >= 0',
      `Give the order's administrative cost in EUR, at most ${formatCap(MAX_QUANTITY)}, or leave it out for 0.`,
    );
  if (share !== undefined && !(typeof share === 'number' && share >= 0 && share <= 1))
    throw invalid(
      'terms.overheadShareOfValue',
      share,
      'must be a share of the value from 0 to 1',
      'Give the administrative cost as a share of the value placed, e.g. 0.027, or leave it out for 0.',
    );
}

/**
 * Throws for the field of `object` not in `names` (a misspelt field would be ignored and its default used),
 * with the field it likely meant. Each caller finds it with a `for … in` loop of its own: one loop over
 * objects of every shape would take V8's generic path, which allocates the list of keys at every call.
 */
function unknownField(object: object, names: ReadonlySet<string>, where: string): void {
  checkOptionNames(object, [...names], `placeOrder: ${where}`);
}

/** `placeOrder: request.<field> <rule> (got <value>). <fix>`; the whole request for `field` ''. */
function invalid(field: string, value: unknown, rule: string, fix: string): DibsimError {
  return new DibsimError(
    'INVALID_ARGUMENT',
    `placeOrder: request${field === '' ? '' : `.${field}`} ${rule} (got ${describeValue(value)}). ${fix}`,
  );
}
