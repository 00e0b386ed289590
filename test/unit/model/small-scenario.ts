/**
 * Small, typed scenarios for the model's tests: one item (155 mm) with a two-component bill of
 * materials (TNT and fuzes), nations, firms, suppliers and optional recipients and pledges, built as
 * plain `Scenario` data with overrides. Defaults are chosen so that nothing binds unless a test makes
 * it bind: suppliers with ample stock and capacity, no outages, no shocks.
 *
 * Use {@link smallScenario} for the whole scenario and the entity builders ({@link nation},
 * {@link firm}, {@link supplier}, {@link recipient}, {@link pledge}) for its parts.
 */

import type { OrderRequest } from '../../../src/model/procurement.js';
import type {
  ConsumptionSpec,
  FirmSpec,
  NationSpec,
  PledgeSpec,
  RecipientSpec,
  Scenario,
  StockpileSpec,
  SupplierSpec,
} from '../../../src/model/scenario.js';

/** The item every small scenario makes. */
export const ITEM = '155mm';
/** kg of TNT per round. */
export const TNT_KG_PER_ROUND = 10;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Overrides of {@link nation}: the nation's fields, and its one stockpile and consumption in part. */
export type NationOverrides = Partial<Mutable<Omit<NationSpec, 'stockpiles' | 'consumption'>>> & {
  /** Fields of the stockpile of {@link ITEM}. */
  stockpile?: Partial<StockpileSpec>;
  /** Fields of the consumption of {@link ITEM}. */
  consumption?: Partial<ConsumptionSpec>;
};

/** A nation with one stockpile of {@link ITEM} and steady consumption. */
export function nation(id: string, overrides: NationOverrides = {}): NationSpec {
  const { stockpile, consumption, ...rest } = overrides;
  return {
    id,
    name: `Nation ${id}`,
    memberships: ['NATO', 'EU'],
    qualificationStandard: `${id}-155`,
    budgetEurPerYear: 500e6,
    unspentBudget: 'rollover',
    stockpiles: [
      {
        item: ITEM,
        initialRounds: 100_000,
        storageCapacityRounds: 1_000_000,
        targetRounds: 150_000,
        safetyRounds: 20_000,
        ...stockpile,
      },
    ],
    consumption: [{ item: ITEM, roundsPerDay: 100, variability: 0, ...consumption }],
    exportLicence: { delayDays: 60, denialProbability: 0 },
    ...rest,
  };
}

/** A private firm making {@link ITEM} on one line at full rate, supplied by `tnt-<nation>` and `fuze-<nation>`. */
export function firm(id: string, home: string, overrides: Partial<Mutable<FirmSpec>> = {}): FirmSpec {
  return {
    id,
    name: `Firm ${id}`,
    nation: home,
    ownership: 'private',
    item: ITEM,
    qualifiedStandards: [`${home}-155`],
    efficiency: 0.8,
    lines: [{ id: 'line-1', nameplateRoundsPerMonth: 10_000 }],
    rampProfile: [0.3, 0.7, 1],
    inputs: [
      { component: 'tnt', supplier: `tnt-${home}` },
      { component: 'fuze', supplier: `fuze-${home}` },
    ],
    outages: null,
    unitCostEur: 4_000,
    cumulativeRoundsAtStart: 100_000,
    learningRate: 0.1,
    markupAtZeroUtilisation: 0.1,
    markupAtFullUtilisation: 0.5,
    investment: {
      horizonMonths: 24,
      hurdleRate: 0.15,
      capexEurPerAnnualRound: 600,
      buildLeadTimeDays: 540,
      moduleRoundsPerMonth: 5_000,
      publicCoFundingShare: 0,
    },
    ...overrides,
  };
}

/** A supplier of `component` with ample capacity and stock. */
export function supplier(
  id: string,
  home: string,
  component: 'tnt' | 'fuze',
  overrides: Partial<Mutable<SupplierSpec>> = {},
): SupplierSpec {
  const perRound = component === 'tnt' ? TNT_KG_PER_ROUND : 1;
  return {
    id,
    name: `Supplier ${id}`,
    nation: home,
    component,
    capacityPerMonth: 1_000_000 * perRound,
    initialStock: 1_000_000 * perRound,
    outages: null,
    ...overrides,
  };
}

/** The TNT and fuze suppliers {@link firm} expects for a firm based in `home`. */
export function suppliersFor(home: string): SupplierSpec[] {
  return [supplier(`tnt-${home}`, home, 'tnt'), supplier(`fuze-${home}`, home, 'fuze')];
}

/** A recipient of aid with its own consumption of {@link ITEM}. */
export function recipient(id: string, overrides: Partial<Mutable<RecipientSpec>> = {}): RecipientSpec {
  return {
    id,
    name: `Recipient ${id}`,
    initialRounds: [{ item: ITEM, rounds: 10_000 }],
    consumption: [{ item: ITEM, roundsPerDay: 50, variability: 0 }],
    ...overrides,
  };
}

/** A pledge of {@link ITEM} to `to`, all from `donor`. */
export function pledge(
  id: string,
  to: string,
  donor: string,
  overrides: Partial<Mutable<PledgeSpec>> = {},
): PledgeSpec {
  return {
    id,
    recipient: to,
    item: ITEM,
    quantityRounds: 20_000,
    startDate: '2025-01-01',
    deadlineDate: '2025-12-31',
    donors: [{ nation: donor, share: 1 }],
    fromStockShare: 0.5,
    ...overrides,
  };
}

/**
 * A complete scenario: by default one nation `AA` with one firm `firm-AA` and its two suppliers, over
 * two years from 2025-01-01. Top-level fields in `overrides` replace the defaults.
 */
export function smallScenario(overrides: Partial<Mutable<Scenario>> = {}): Scenario {
  return {
    schemaVersion: 1,
    name: 'small',
    startDate: '2025-01-01',
    endDate: '2027-01-01',
    basePriceYear: 2025,
    items: [
      {
        id: ITEM,
        name: '155 mm shell',
        billOfMaterials: [
          { component: 'tnt', perRound: TNT_KG_PER_ROUND },
          { component: 'fuze', perRound: 1 },
        ],
      },
    ],
    components: [
      { id: 'tnt', name: 'TNT', unit: 'kg' },
      { id: 'fuze', name: 'Fuze', unit: 'unit' },
    ],
    nations: [nation('AA')],
    firms: [firm('firm-AA', 'AA')],
    suppliers: suppliersFor('AA'),
    recipients: [],
    pledges: [],
    shocks: [],
    procurement: {
      contractLengthMonths: 24,
      awardDelayDays: 30,
      qualificationDelayDays: 180,
      qualificationCostEur: 1e6,
      transportDays: 14,
    },
    ...overrides,
  };
}

/** A well-formed order of 1,000 rounds of {@link ITEM} from `firm-AA` for `AA`'s own stock. */
export const stockOrder: OrderRequest = {
  buyer: 'AA',
  payers: [{ payer: 'AA', share: 1 }],
  firm: 'firm-AA',
  item: ITEM,
  rounds: 1000,
  durationMonths: 12,
  deliverTo: 'AA',
  purpose: { kind: 'stock' },
};
