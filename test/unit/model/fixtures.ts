/**
 * A minimal valid scenario for model tests: 2 nations (DE, FR), 1 item (155mm) with a 2-component bill
 * of materials (TNT, charges), 2 suppliers, 2 firms, 1 recipient (UA), 1 pledge and 1 shock.
 *
 * {@link minimalScenario} returns a fresh, deeply mutable copy each call, so a test can break one field
 * and validate: `const s = minimalScenario(); s.firms[0]!.efficiency = 0;`.
 */
import type { Scenario } from '../../../src/model/scenario.js';

/** `T` with `readonly` removed at every level, for tests that edit a scenario in place. */
export type DeepMutable<T> = T extends readonly (infer U)[]
  ? DeepMutable<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: DeepMutable<T[K]> }
    : T;

/** A fresh minimal valid scenario (horizon 2025-01-01 to 2027-01-01, 730 days). */
export function minimalScenario(): DeepMutable<Scenario> {
  const nation = (id: string, name: string, budgetEurPerYear: number) => ({
    id,
    name,
    memberships: ['NATO' as const, 'EU' as const],
    qualificationStandard: `${id}-155`,
    budgetEurPerYear,
    unspentBudget: 'rollover' as const,
    stockpiles: [
      {
        item: '155mm',
        initialRounds: 50_000,
        storageCapacityRounds: 200_000,
        targetRounds: 120_000,
        safetyRounds: 20_000,
      },
    ],
    consumption: [{ item: '155mm', roundsPerDay: 40, variability: 0.3 }],
    exportLicence: { delayDays: 30, denialProbability: 0.05 },
  });
  const firm = (id: string, nationId: string) => ({
    id,
    name: `Firm ${id}`,
    nation: nationId,
    ownership: 'private' as const,
    item: '155mm',
    qualifiedStandards: [`${nationId}-155`],
    efficiency: 0.85,
    lines: [{ id: 'line-1', nameplateRoundsPerMonth: 10_000 }],
    rampProfile: [0.4, 0.8, 1],
    inputs: [
      { component: 'tnt', supplier: 'nitrochem' },
      { component: 'charge', supplier: 'eurenco' },
    ],
    outages: { meanDaysBetween: 180, meanDaysToRepair: 7 },
    unitCostEur: 3_000,
    cumulativeRoundsAtStart: 1_000_000,
    learningRate: 0.1,
    markupAtZeroUtilisation: 0.1,
    markupAtFullUtilisation: 0.6,
    investment: {
      horizonMonths: 36,
      hurdleRate: 0.15,
      capexEurPerAnnualRound: 1_500,
      buildLeadTimeDays: { type: 'triangular' as const, min: 365, mode: 548, max: 1_095 },
      moduleRoundsPerMonth: 2_000,
      publicCoFundingShare: 0.3,
    },
  });
  return {
    schemaVersion: 1,
    name: 'Minimal two-nation scenario',
    startDate: '2025-01-01',
    endDate: '2027-01-01',
    basePriceYear: 2024,
    items: [
      {
        id: '155mm',
        name: '155 mm artillery shell',
        billOfMaterials: [
          { component: 'tnt', perRound: 10.5 },
          { component: 'charge', perRound: 1 },
        ],
      },
    ],
    components: [
      { id: 'tnt', name: 'TNT', unit: 'kg' },
      { id: 'charge', name: 'Propellant charge set', unit: 'unit' },
    ],
    nations: [nation('DE', 'Germany', 1.2e9), nation('FR', 'France', 0.9e9)],
    firms: [firm('rheinmetall', 'DE'), firm('knds', 'FR')],
    suppliers: [
      {
        id: 'nitrochem',
        name: 'Nitrochemie',
        nation: 'DE',
        component: 'tnt',
        capacityPerMonth: 400_000,
        initialStock: 100_000,
        outages: null,
      },
      {
        id: 'eurenco',
        name: 'Eurenco',
        nation: 'FR',
        component: 'charge',
        capacityPerMonth: {
          steps: [
            { from: '2025-01-01', value: 30_000 },
            { from: '2026-01-01', value: 45_000 },
          ],
        },
        initialStock: 10_000,
        outages: null,
      },
    ],
    recipients: [
      {
        id: 'UA',
        name: 'Ukraine',
        initialRounds: [{ item: '155mm', rounds: 100_000 }],
        consumption: [
          {
            item: '155mm',
            roundsPerDay: { expression: '2000 + 500 * sin(2 * pi * t / 365)' },
            variability: 'poisson',
          },
        ],
      },
    ],
    pledges: [
      {
        id: 'eu-1m',
        recipient: 'UA',
        item: '155mm',
        quantityRounds: 1_000_000,
        startDate: '2025-03-01',
        deadlineDate: '2026-03-01',
        donors: [
          { nation: 'DE', share: 0.6 },
          { nation: 'FR', share: 0.4 },
        ],
        fromStockShare: 0.25,
      },
    ],
    shocks: [
      {
        id: 'offensive',
        actors: ['UA'],
        item: '155mm',
        startDate: '2025-06-01',
        endDate: '2025-08-31',
        multiplier: 1.5,
      },
    ],
    procurement: {
      contractLengthMonths: 24,
      awardDelayDays: 90,
      qualificationDelayDays: { value: 365, facts: ['LT-17'], confidence: 'gap', note: 'Assumed.' },
      qualificationCostEur: 2e6,
      transportDays: 14,
    },
  };
}
