/**
 * Parameters of the pooled strategy ({@link createPooled}): plain data with sourced defaults, checked and
 * resolved in one place.
 *
 * @module
 */
import { ScenarioError, type ScenarioIssue } from '../errors.js';
import { MAX_DAYS, MAX_MONTHS, MAX_QUANTITY } from '../model/limits.js';
import type { Scenario } from '../model/scenario.js';
import { ParamsReader, unknownIds } from './params.js';
import {
  type PooledStockParams,
  type ResolvedPooledStockParams,
  readPooledStockParams,
} from './pooled-stock.js';
/** How a pooled buy shares rounds among members when supply falls short. */
export type AllocationRule = 'pro-rata' | 'urgency' | 'contribution';

/** Third-state participation in a pooled agency. */
export interface ThirdStateParams {
  /** Whether nations with `'PESCO-third-state'` membership may join (§4.4). @defaultValue true */
  readonly enabled?: boolean | undefined;
  /**
   * Days from the agency's set-up to a third state's admission. LT-14: Council approval ≈ 4 months after
   * application (H), then an administrative arrangement (its length a gap): 4 + 2 months assumed.
   * @defaultValue 183
   */
  readonly admissionDelayDays?: number | undefined;
  /** Largest share of a firm's inputs from outside the EU/EEA (FU-04: EDIP, 35 %, H). @defaultValue 0.35 */
  readonly nonEuContentCap?: number | undefined;
  /**
   * Which firms the cap applies to: `'all'` eligible firms (FU-04 is a product rule) or only
   * `'third-state-firms'`. @defaultValue 'all'
   */
  readonly contentCapScope?: 'all' | 'third-state-firms' | undefined;
  /** Cost weight per component id for the content share; missing components weigh 1 (a gap). */
  readonly componentWeights?: Readonly<Record<string, number>> | undefined;
}

/**
 * Parameters of {@link createPooled}, plain data. Every field has a default; the sources are calibration
 * fact IDs with their confidence.
 */
export interface PooledParams {
  /** Buyer id the agency's contracts carry (for reporting). @defaultValue 'pesco-agency' */
  readonly agency?: string | undefined;
  /**
   * Days from the strategy's start to the first pooled orders. LT-12: EDA arrangement 20 Mar 2023 → first
   * orders 2 Oct 2023 ≈ 6.5 months (H); range 4–8 months (§2.14). @defaultValue 198
   */
  readonly setUpDelayDays?: number | undefined;
  /**
   * Delivery span of a framework contract and months of forecast consumption it commits, months.
   * PL-02: EDA 7-year multi-type framework (H); the 2-year fast-track (24) is the short end.
   * @defaultValue 84
   */
  readonly frameworkLengthMonths?: number | undefined;
  /** Standard every pooled order uses: one qualification per firm for all members (§4.4). @defaultValue 'PESCO-common' */
  readonly commonStandard?: string | undefined;
  /**
   * Extra days before each pooled contract's award (coordinating members' call-offs). A gap: no public
   * per-contract figure; set-up is in `setUpDelayDays`. @defaultValue 0
   */
  readonly extraAwardDelayDays?: number | undefined;
  /** Administrative cost per pooled contract, EUR (a gap; see `overheadShareOfValue`). @defaultValue 0 */
  readonly overheadEurPerContract?: number | undefined;
  /**
   * Administrative cost as a share of each contract's value placed, from 0 to 1 (with
   * `overlapOverheadShare`, at most 1). FU-02/FU-03: EDIRPA paid €300M towards the extra administrative
   * cost of common procurement that leveraged > €11bn (≈ 2.7 %; derived, L).
   * @defaultValue 0.027
   */
  readonly overheadShareOfValue?: number | undefined;
  /**
   * Extra overhead share from overlapping initiatives run in parallel (EDA, NSPA, EDIRPA, coalitions:
   * NA-05, FU-02, CZ-02): duplicated coordination, added to `overheadShareOfValue` (the two at most 1). A
   * gap, for sensitivity analysis. @defaultValue 0
   */
  readonly overlapOverheadShare?: number | undefined;
  /**
   * Allocation when supply falls short: `'pro-rata'` to needs; `'urgency'`: weights need × (backorders +
   * shortfall below safety) / target, so members short now are served first; `'contribution'`: weights
   * from `contributions` (§4.4, configurable; no source prefers one). @defaultValue 'pro-rata'
   */
  readonly allocation?: AllocationRule | undefined;
  /**
   * Weights per nation for `'contribution'` (e.g. shares of the pooled budget); a member not listed weighs
   * 0. When absent, each member weighs the money it has left this budget year, EUR.
   */
  readonly contributions?: Readonly<Record<string, number>> | undefined;
  /**
   * Export licence for pooled contracts crossing borders. No source shows pooled buys waiving licences,
   * so the scenario's licence delay applies (LT-15, weak–moderate). @defaultValue 'standard'
   */
  readonly licence?: 'standard' | 'fast-lane' | 'waived' | undefined;
  /** Third-state participation. */
  readonly thirdStates?: ThirdStateParams | undefined;
  /** Optional pooled stock (off by default). */
  readonly pooledStock?: PooledStockParams | undefined;
}

/** {@link ThirdStateParams} with every default filled in. */
export type ResolvedThirdStateParams = {
  readonly [K in keyof ThirdStateParams]-?: NonNullable<ThirdStateParams[K]>;
};

/** {@link PooledParams} with every default filled in. */
export interface ResolvedPooledParams {
  /** Buyer id of the agency's contracts. */
  readonly agency: string;
  /** Days from the strategy's start to the first pooled orders. */
  readonly setUpDelayDays: number;
  /** Framework span, months. */
  readonly frameworkLengthMonths: number;
  /** Common qualification standard. */
  readonly commonStandard: string;
  /** Extra award delay per contract, days. */
  readonly extraAwardDelayDays: number;
  /** Fixed overhead per contract, EUR. */
  readonly overheadEurPerContract: number;
  /** Overhead as a share of contract value. */
  readonly overheadShareOfValue: number;
  /** Extra overhead share from overlapping initiatives. */
  readonly overlapOverheadShare: number;
  /** Allocation rule. */
  readonly allocation: AllocationRule;
  /** Contribution weights by nation. */
  readonly contributions: Readonly<Record<string, number>>;
  /** Export licence of pooled contracts. */
  readonly licence: 'standard' | 'fast-lane' | 'waived';
  /** Third-state participation. */
  readonly thirdStates: ResolvedThirdStateParams;
  /** Pooled stock. */
  readonly pooledStock: ResolvedPooledStockParams;
}

/**
 * Checks `params` and fills in defaults.
 *
 * @throws {@link ScenarioError} listing every bad field, with a fix.
 */
export function resolvePooledParams(params?: unknown): ResolvedPooledParams {
  const r = new ParamsReader('pooled strategy params', params, [
    'agency',
    'setUpDelayDays',
    'frameworkLengthMonths',
    'commonStandard',
    'extraAwardDelayDays',
    'overheadEurPerContract',
    'overheadShareOfValue',
    'overlapOverheadShare',
    'allocation',
    'contributions',
    'licence',
    'thirdStates',
    'pooledStock',
  ]);
  const days = (key: string, fallback: number, fix: string) =>
    r.number(key, fallback, { min: 0, cap: MAX_DAYS, fix });
  const share = (reader: ParamsReader, key: string, fallback: number, fix: string) =>
    reader.number(key, fallback, { min: 0, max: 1, fix });
  const t = r.nested('thirdStates', [
    'enabled',
    'admissionDelayDays',
    'nonEuContentCap',
    'contentCapScope',
    'componentWeights',
  ]);
  const resolved: ResolvedPooledParams = {
    agency: r.string('agency', 'pesco-agency', 'Use a short id, e.g. "pesco-agency".'),
    setUpDelayDays: days('setUpDelayDays', 198, 'Use days to first orders, e.g. 198 (LT-12).'),
    frameworkLengthMonths: r.number('frameworkLengthMonths', 84, {
      min: 1,
      cap: MAX_MONTHS,
      fix: 'Use months of a framework contract, e.g. 24 (fast-track) to 84 (PL-02).',
    }),
    commonStandard: r.string('commonStandard', 'PESCO-common', 'Use a standard id, e.g. "PESCO-common".'),
    extraAwardDelayDays: days('extraAwardDelayDays', 0, 'Use extra days per contract award, e.g. 30.'),
    overheadEurPerContract: r.number('overheadEurPerContract', 0, {
      min: 0,
      cap: MAX_QUANTITY,
      fix: 'Use EUR per contract, e.g. 100000.',
    }),
    overheadShareOfValue: share(r, 'overheadShareOfValue', 0.027, 'Use a share of value, e.g. 0.027.'),
    overlapOverheadShare: share(r, 'overlapOverheadShare', 0, 'Use a share of value, e.g. 0.01.'),
    allocation: r.oneOf('allocation', ['pro-rata', 'urgency', 'contribution'] as const, 'pro-rata'),
    contributions: r.weights('contributions', 'Use e.g. { "DE": 0.4, "FR": 0.3 }.') ?? {},
    licence: r.oneOf('licence', ['standard', 'fast-lane', 'waived'] as const, 'standard'),
    thirdStates: {
      enabled: t.boolean('enabled', true, 'Use false to keep third states out.'),
      admissionDelayDays: t.number('admissionDelayDays', 183, {
        min: 0,
        cap: MAX_DAYS,
        fix: 'Use days from set-up to admission, e.g. 183 (LT-14).',
      }),
      nonEuContentCap: share(t, 'nonEuContentCap', 0.35, 'Use a share, e.g. 0.35 (FU-04).'),
      contentCapScope: t.oneOf('contentCapScope', ['all', 'third-state-firms'] as const, 'all'),
      componentWeights: t.weights('componentWeights', 'Use e.g. { "tnt": 2, "fuze": 1 }.') ?? {},
    },
    pooledStock: readPooledStockParams(
      r.nested('pooledStock', ['enabled', 'safetyDays', 'transferDelayDays', 'reorderPoint']),
    ),
  };
  // Charged together as one share of each order's value, which placeOrder takes from 0 to 1. Judged only
  // when both shares were accepted: a refused one reads as its default, which the user never wrote.
  const refused = (key: string) => r.issues.some((i) => i.path === key);
  if (
    !refused('overheadShareOfValue') &&
    !refused('overlapOverheadShare') &&
    resolved.overheadShareOfValue + resolved.overlapOverheadShare > 1
  )
    r.issue(
      'overlapOverheadShare',
      `plus overheadShareOfValue (${resolved.overheadShareOfValue}) must be at most 1, an overhead as large as the order's value (got ${resolved.overlapOverheadShare})`,
      'Lower one of the two shares so that they add up to 1 or less.',
    );
  r.done();
  return resolved;
}

/**
 * Checks the parameters that name scenario entities against `scenario`: each `contributions` key must be a
 * nation (a typo would silently weigh every real member 0), each `thirdStates.componentWeights` key a
 * component, and with a pooled stock the `agency` id must not be a nation's or recipient's.
 *
 * @throws {@link ScenarioError} listing every such parameter, with the ids the scenario has.
 */
export function checkPooledParams(p: ResolvedPooledParams, scenario: Scenario): void {
  const keys = (path: string, record: Readonly<Record<string, number>>) =>
    Object.keys(record).map((id) => ({ id, path: `${path}.${id}` }));
  const issues: ScenarioIssue[] = [
    ...unknownIds(keys('contributions', p.contributions), 'nation', scenario.nations),
    ...unknownIds(
      keys('thirdStates.componentWeights', p.thirdStates.componentWeights),
      'component',
      scenario.components,
    ),
  ];
  const taken = [...scenario.nations, ...scenario.recipients].some((x) => x.id === p.agency);
  if (p.pooledStock.enabled && taken)
    issues.push({
      path: 'agency',
      message: `"${p.agency}" is a nation or recipient id of the scenario, so it cannot hold the pooled stock`,
      fix: 'Use an id of its own, e.g. "pesco-agency".',
    });
  if (issues.length > 0) throw new ScenarioError(issues, 'pooled strategy params');
}
