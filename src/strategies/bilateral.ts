/**
 * Bilateral procurement: pairwise agreements, each active after its own negotiation (set-up) delay.
 * Once a pair's agreement is active, each partner may buy from the other's firms with mutual recognition
 * of qualification and an export-licence fast lane, and the pair may place one joint contract for their
 * combined stock needs (calibration §4.3); if the budget cuts a joint contract to what the poorer partner
 * can afford, each partner buys the rest of its part alone. Everything else is bought as under
 * national-only.
 *
 * Which pairs form is data ({@link BilateralParams.agreements}) or a rule: every pair among a group,
 * negotiated a few at a time ({@link BilateralParams.parallelNegotiations}), so coverage of the
 * n(n−1)/2 pairs grows only as fast as agreements are set up.
 *
 * @module
 */
import { group } from 'd3-array';
import { ScenarioError } from '../errors.js';
import { MAX_DAYS } from '../model/limits.js';
import type {
  FirmView,
  Need,
  OrderTerms,
  ProcurementContext,
  ProcurementStrategy,
} from '../model/procurement.js';
import type { Membership, Scenario } from '../model/scenario.js';
import { placeJointOrder } from './joint-order.js';
import { orderFrom, orderNationally, splitByCapacity } from './national.js';
import { ParamsReader, unknownIds } from './params.js';

/** Days in 6.5 months: joint-procurement set-up, arrangement to first orders (calibration LT-12). */
const JOINT_SET_UP_DAYS = 198;
const MEMBERSHIPS: readonly Membership[] = ['NATO', 'EU', 'PESCO', 'PESCO-third-state', 'EEA'];
const LICENCES = ['standard', 'fast-lane', 'waived'] as const;

/** One agreement between two nations, given as data. */
export interface AgreementSpec {
  /** The two nation ids. */
  readonly nations: readonly [string, string];
  /** Days from the strategy's start (the run start, or the switch date) until it is active. */
  readonly setUpDelayDays: number;
}

/**
 * Parameters of {@link createBilateral}, plain data. Every field has a default; the sources are
 * calibration fact IDs with their confidence.
 */
export interface BilateralParams {
  /**
   * Agreements as data: each pair (once) and its set-up delay. When given, `among`, `setUpDelayDays` and
   * `parallelNegotiations` are not used. @defaultValue the rule below
   */
  readonly agreements?: readonly AgreementSpec[] | undefined;
  /**
   * The rule's group, each nation once: every pair of these nations negotiates an agreement, in order
   * (pairs (1,2), (1,3), …, (2,3), …). A membership (e.g. `'NATO'`) means the nations holding it, in scenario order.
   * @defaultValue every nation of the scenario
   */
  readonly among?: Membership | readonly string[] | undefined;
  /**
   * Negotiation (set-up) delay of one agreement, days. LT-12: joint-procurement arrangement to first
   * orders ≈ 6.5 months (H for EDA joint procurement; applied to bilateral agreements by analogy, §4.5).
   * @defaultValue 198
   */
  readonly setUpDelayDays?: number | undefined;
  /**
   * Agreements negotiated at the same time (the negotiation capacity of the group). Agreement k (0-based)
   * is active after (⌊k / parallelNegotiations⌋ + 1) × setUpDelayDays. A gap in public data (FI-06 shows
   * three partners joining one framework): an assumption.
   * @defaultValue 4
   */
  readonly parallelNegotiations?: number | undefined;
  /**
   * Whether an active pair places one joint contract for both partners' stock needs of an item (calibration
   * §4.3, FI-06: the German framework opened to NL, EE, DK). @defaultValue true
   */
  readonly aggregate?: boolean | undefined;
  /**
   * Whether partners accept each other's qualification: an order from a partner's firm uses a standard
   * the seller is already qualified to, so no new qualification (§4.3). @defaultValue true
   */
  readonly mutualRecognition?: boolean | undefined;
  /**
   * Export licence for sales within an active pair: `'fast-lane'` skips the delay but may still be denied
   * (§4.3; delays LT-15, weak–moderate). @defaultValue 'fast-lane'
   */
  readonly licence?: 'standard' | 'fast-lane' | 'waived' | undefined;
}

/** Parameters of {@link createBilateral} with every default filled in. */
export interface ResolvedBilateralParams {
  /** Explicit agreements, or `undefined` to use the rule. */
  readonly agreements: readonly AgreementSpec[] | undefined;
  /** The rule's group. */
  readonly among: Membership | readonly string[] | undefined;
  /** Set-up delay of one agreement under the rule, days. */
  readonly setUpDelayDays: number;
  /** Agreements negotiated at once under the rule. */
  readonly parallelNegotiations: number;
  /** Whether active pairs place joint contracts. */
  readonly aggregate: boolean;
  /** Whether partners recognise each other's qualification. */
  readonly mutualRecognition: boolean;
  /** Export licence within an active pair. */
  readonly licence: 'standard' | 'fast-lane' | 'waived';
}

/** An agreement and the day (since the strategy's start) it becomes active. */
export interface ScheduledAgreement {
  /** The two nation ids. */
  readonly nations: readonly [string, string];
  /** Days after the strategy's start at which it is active. */
  readonly activeAfterDays: number;
}

/**
 * Checks `params` and fills in defaults.
 *
 * @throws {@link ScenarioError} listing every bad field, with a fix.
 */
export function resolveBilateralParams(params?: unknown): ResolvedBilateralParams {
  const r = new ParamsReader('bilateral strategy params', params, [
    'agreements',
    'among',
    'setUpDelayDays',
    'parallelNegotiations',
    'aggregate',
    'mutualRecognition',
    'licence',
  ]);
  const setUpDelayDays = r.number('setUpDelayDays', JOINT_SET_UP_DAYS, {
    min: 0,
    cap: MAX_DAYS,
    fix: 'Use days from the start of negotiations to an active agreement, e.g. 198 (LT-12).',
  });
  const parallelNegotiations = r.number('parallelNegotiations', 4, {
    min: 1,
    integer: true,
    fix: 'Use a whole number of agreements negotiated at once, e.g. 4.',
  });
  const aggregate = r.boolean('aggregate', true, 'Use true to let active pairs buy jointly.');
  const mutualRecognition = r.boolean('mutualRecognition', true, 'Use true to skip re-qualification.');
  const licence = r.oneOf('licence', LICENCES, 'fast-lane');
  let among: Membership | readonly string[] | undefined;
  const rawAmong = r.raw('among');
  if (typeof rawAmong === 'string') {
    if ((MEMBERSHIPS as readonly string[]).includes(rawAmong)) among = rawAmong as Membership;
    else
      r.issue(
        'among',
        `unknown membership "${rawAmong}"`,
        `Use one of ${MEMBERSHIPS.join(', ')}, or a list of nation ids.`,
      );
  } else among = r.strings('among', 'Use a membership such as "NATO", or a list of nation ids.');
  // A nation listed twice would make a pair with itself, which no order can have (distinct payers).
  const repeated = Array.isArray(among) ? among.find((id, i) => among!.indexOf(id) !== i) : undefined;
  if (repeated !== undefined)
    r.issue('among', `lists "${repeated}" more than once`, 'List each nation once.');
  let agreements: AgreementSpec[] | undefined;
  const rawAgreements = r.raw('agreements');
  if (rawAgreements !== undefined) {
    if (!Array.isArray(rawAgreements)) {
      r.issue('agreements', 'must be a list', 'Use [{ nations: ["DE", "NL"], setUpDelayDays: 198 }, …].');
    } else {
      agreements = [];
      // A pair listed twice would be active after the shorter of its delays, the other silently unused.
      const pairs = new Map<string, number>();
      rawAgreements.forEach((raw: unknown, i) => {
        const a = new ParamsReader(
          r.source,
          raw,
          ['nations', 'setUpDelayDays'],
          `agreements[${i}]`,
          r.issues,
        );
        const nations = a.strings('nations', 'Use two different nation ids, e.g. ["DE", "NL"].');
        const delay = a.number('setUpDelayDays', Number.NaN, {
          min: 0,
          cap: MAX_DAYS,
          fix: 'Use days from the start to an active agreement, e.g. 198 (LT-12).',
        });
        if (raw !== null && typeof raw === 'object' && !('setUpDelayDays' in raw))
          a.issue('setUpDelayDays', 'is missing', 'Give each agreement its set-up delay in days.');
        if (nations !== undefined && (nations.length !== 2 || nations[0] === nations[1]))
          a.issue(
            'nations',
            `must be two different nation ids (got ${JSON.stringify(nations)})`,
            'Use e.g. ["DE", "NL"].',
          );
        else if (nations !== undefined) {
          // JSON, not a join: nation ids may hold any character, so ["A+B", "C"] is not ["A", "B+C"].
          const pair = JSON.stringify([...nations].sort());
          const earlier = pairs.get(pair);
          if (earlier !== undefined) {
            a.issue(
              'nations',
              `${nations[0]} and ${nations[1]} already have an agreement (agreements[${earlier}])`,
              'List each pair once, with the one set-up delay it has.',
            );
          } else {
            pairs.set(pair, i);
            if (Number.isFinite(delay))
              agreements!.push({ nations: [nations[0]!, nations[1]!], setUpDelayDays: delay });
          }
        }
      });
    }
  }
  r.done();
  return { agreements, among, setUpDelayDays, parallelNegotiations, aggregate, mutualRecognition, licence };
}

/**
 * The agreements and when each becomes active: the explicit list as given, or every pair of the group
 * in order, `parallelNegotiations` at a time, each taking `setUpDelayDays`. With n nations the rule needs
 * n(n−1)/2 agreements, so full coverage takes ⌈n(n−1)/2 / parallelNegotiations⌉ × setUpDelayDays.
 *
 * @param nations - the scenario's nations in order (ids and memberships)
 * @example
 * agreementSchedule(resolveBilateralParams({ parallelNegotiations: 1, setUpDelayDays: 100 }), nations);
 * // 3 nations → active after 100, 200 and 300 days
 */
export function agreementSchedule(
  params: ResolvedBilateralParams,
  nations: readonly { readonly id: string; readonly memberships: readonly Membership[] }[],
): ScheduledAgreement[] {
  if (params.agreements !== undefined)
    return params.agreements.map((a) => ({ nations: a.nations, activeAfterDays: a.setUpDelayDays }));
  const among = params.among;
  const group =
    among === undefined
      ? nations.map((n) => n.id)
      : typeof among === 'string'
        ? nations.filter((n) => n.memberships.includes(among)).map((n) => n.id)
        : among;
  const out: ScheduledAgreement[] = [];
  for (let i = 0; i < group.length; i++) {
    for (let j = i + 1; j < group.length; j++) {
      const k = out.length;
      out.push({
        nations: [group[i]!, group[j]!],
        activeAfterDays: (Math.floor(k / params.parallelNegotiations) + 1) * params.setUpDelayDays,
      });
    }
  }
  return out;
}

/**
 * The standard an order from `firm` uses under mutual recognition: the seller nation's own standard if
 * the firm is qualified to it, else the first standard it is qualified to; `undefined` (the buyer's
 * standard, with qualification) if it is qualified to none.
 */
export function sellerStandard(context: ProcurementContext, firm: FirmView): string | undefined {
  const own = context.nations.find((n) => n.id === firm.nation)?.qualificationStandard;
  if (own !== undefined && firm.qualifiedStandards.has(own)) return own;
  for (const s of firm.qualifiedStandards) return s;
  return undefined;
}

/**
 * Terms of an order from `firm` by `buyers`: partner terms across an active agreement, `undefined` (national
 * terms) for a domestic order. A module function rather than a closure per strategy instance, so that the
 * call sites see one function in every run (a new closure each run made V8 discard and recompile them).
 */
function partnerTerms(
  p: ResolvedBilateralParams,
  ctx: ProcurementContext,
  firm: FirmView,
  buyers: readonly string[],
): OrderTerms | undefined {
  if (buyers.every((b) => b === firm.nation)) return undefined;
  const standard = p.mutualRecognition ? sellerStandard(ctx, firm) : undefined;
  return standard === undefined ? { licence: p.licence } : { standard, licence: p.licence };
}

/** Each nation's partners under `active` agreements, in the agreements' order. */
function partnersUnder(active: readonly ScheduledAgreement[]): Map<string, string[]> {
  const partners = new Map<string, string[]>();
  const ally = (x: string, y: string) => {
    const list = partners.get(x);
    if (list === undefined) partners.set(x, [y]);
    else list.push(y);
  };
  for (const a of active) {
    ally(a.nations[0], a.nations[1]);
    ally(a.nations[1], a.nations[0]);
  }
  return partners;
}

/**
 * Throws unless every nation id the agreements or the group name is one of `nations` (the scenario's).
 *
 * @throws {@link ScenarioError} naming each unknown id and where it is, with the scenario's ids.
 */
function checkNations(p: ResolvedBilateralParams, nations: readonly { readonly id: string }[]): void {
  const named = [
    ...(p.agreements ?? []).flatMap((a, i) =>
      a.nations.map((id) => ({ id, path: `agreements[${i}].nations` })),
    ),
    ...(Array.isArray(p.among) ? p.among.map((id) => ({ id, path: 'among' })) : []),
  ];
  const issues = unknownIds(named, 'nation', nations);
  if (issues.length > 0) throw new ScenarioError(issues, 'bilateral strategy params');
}

/**
 * Bilateral procurement (see the module description), with parameters as plain data.
 *
 * @throws {@link ScenarioError} if `params` is invalid (see {@link resolveBilateralParams}); from `check`
 * (which experiments and `runScenario` call before anything runs) and again at the start of a run, if an
 * agreement or the group names a nation the scenario does not have.
 * @example
 * const strategy = createBilateral({ among: 'EU', parallelNegotiations: 2 });
 */
export function createBilateral(params: BilateralParams = {}): ProcurementStrategy {
  return new Bilateral(resolveBilateralParams(params));
}

/**
 * The bilateral strategy of one run: a class rather than closures made per instance, so that its methods
 * keep their optimised code from run to run (see the pooled strategy's class).
 */
class Bilateral implements ProcurementStrategy {
  readonly name = 'bilateral';
  private startDay = 0;
  private schedule: ScheduledAgreement[] | undefined = undefined;
  /** Each nation's partners under the agreements active at the last review, and how many those were. */
  private partners = new Map<string, string[]>();
  private partnersActive = 0;

  constructor(private readonly p: ResolvedBilateralParams) {}

  check(scenario: Scenario): void {
    checkNations(this.p, scenario.nations);
  }

  start(context: ProcurementContext): void {
    this.startDay = context.day;
    // Checked again for a World built directly, which calls no `check`.
    checkNations(this.p, context.nations);
    this.schedule = agreementSchedule(this.p, context.nations);
    this.partners = new Map();
    this.partnersActive = 0;
  }

  review(context: ProcurementContext): void {
    const p = this.p;
    this.schedule ??= agreementSchedule(p, context.nations);
    const startDay = this.startDay;
    const active = this.schedule.filter((a) => context.day >= startDay + a.activeAfterDays);
    // Agreements only become active as days pass, so for one schedule the same number active means the same
    // agreements: the partner lists are remade only when that number changes (remaking them every review
    // allocated about a tenth of a bilateral run's bytes).
    if (active.length !== this.partnersActive) {
      this.partners = partnersUnder(active);
      this.partnersActive = active.length;
    }
    const partners = this.partners;
    const needs = context.needs();
    // Each nation's needs in the order of `needs`: pairing scans only the two partners' lists.
    const needsOf = group(needs, (n) => n.nation);
    const done = new Set<Need>();
    if (p.aggregate) {
      for (const { nations } of active) {
        // Most pairs' first nation needs nothing this month: skip them without starting a loop.
        const firstNeeds = needsOf.get(nations[0]);
        if (firstNeeds === undefined) continue;
        for (const a of firstNeeds) {
          if (done.has(a) || a.purpose.kind !== 'stock') continue;
          const b = needsOf
            .get(nations[1])
            ?.find((n) => !done.has(n) && n.item === a.item && n.purpose.kind === 'stock');
          if (b === undefined) continue;
          const firms = context.firms.filter((f) => f.item === a.item && nations.includes(f.nation));
          if (firms.length === 0) continue;
          done.add(a).add(b);
          const total = a.rounds + b.rounds;
          for (const part of splitByCapacity(total, firms)) {
            const terms = partnerTerms(p, context, part.firm, nations);
            // Cut to the poorer partner's budget, the joint order leaves each partner to buy the rest of
            // its part alone, from the same firm on the terms it would have on its own.
            placeJointOrder(
              context,
              {
                buyer: `${nations[0]}+${nations[1]}`,
                payers: [
                  { payer: a.nation, share: a.rounds / total },
                  { payer: b.nation, share: b.rounds / total },
                ],
                firm: part.firm.id,
                item: a.item,
                rounds: part.rounds,
                durationMonths: context.contractLengthMonths,
                deliverTo: '@payers',
                purpose: a.purpose,
                ...(terms === undefined ? {} : { terms }),
              },
              (payer) => ({ buyer: payer, terms: partnerTerms(p, context, part.firm, [payer]) }),
            );
          }
        }
      }
    }
    for (const need of needs) {
      if (done.has(need)) continue;
      const allies = partners.get(need.nation) ?? [];
      const firms = context.firms.filter(
        (f) => f.item === need.item && (f.nation === need.nation || allies.includes(f.nation)),
      );
      if (allies.length === 0 || firms.length === 0) {
        orderNationally(context, need);
        continue;
      }
      // Domestic firms get national terms (partnerTerms returns undefined for them).
      orderFrom(context, need, firms, (firm) => partnerTerms(p, context, firm, [need.nation]));
    }
  }
}
