/**
 * The smallest useful scenario: one nation, one domestic firm, one TNT supplier, five years. Numbers are
 * illustrative except where a fact ID says otherwise.
 */
import { defineScenario, gap, sourced } from 'dibsim';

export const scenario = defineScenario({
  schemaVersion: 1,
  name: 'one-nation',
  startDate: '2024-01-01',
  endDate: '2029-01-01', // exclusive: five simulated years, one time unit = one day
  basePriceYear: 2023,
  items: [{ id: '155mm', name: '155 mm round', billOfMaterials: [{ component: 'tnt', perRound: 10 }] }],
  components: [{ id: 'tnt', name: 'TNT', unit: 'kg' }],
  nations: [
    {
      id: 'AA',
      name: 'Alpha',
      memberships: ['NATO', 'EU', 'PESCO'],
      qualificationStandard: 'AA-155',
      budgetEurPerYear: 300_000_000,
      unspentBudget: 'lapse',
      stockpiles: [
        {
          item: '155mm',
          initialRounds: gap(
            { type: 'pert', min: 20_000, mode: 40_000, max: 80_000 },
            'Stocks are not public.',
          ),
          storageCapacityRounds: 200_000,
          targetRounds: 100_000,
          safetyRounds: 15_000,
        },
      ],
      consumption: [{ item: '155mm', roundsPerDay: 100, variability: 0.3 }],
      exportLicence: { delayDays: 45, denialProbability: 0.02 },
    },
  ],
  firms: [
    {
      id: 'alpha-munitions',
      name: 'Alpha Munitions',
      nation: 'AA',
      ownership: 'private',
      item: '155mm',
      qualifiedStandards: ['AA-155'],
      efficiency: sourced({ type: 'pert', min: 0.33, mode: 0.5, max: 1 }, ['EU-06'], 'M'),
      lines: [{ id: 'line-1', nameplateRoundsPerMonth: 8_000 }],
      rampProfile: [0.07, 0.4, 1], // LT-02 (a plain array cannot carry its source)
      inputs: [{ component: 'tnt', supplier: 'tnt-works' }],
      outages: null,
      unitCostEur: 2_200,
      cumulativeRoundsAtStart: 300_000,
      learningRate: 0.1,
      markupAtZeroUtilisation: 0.1,
      markupAtFullUtilisation: 0.6,
      investment: {
        horizonMonths: 24,
        hurdleRate: 0.15,
        capexEurPerAnnualRound: sourced(1_400, ['FI-05'], 'M'),
        buildLeadTimeDays: sourced({ type: 'triangular', min: 365, mode: 548, max: 1_095 }, ['LT-01'], 'M'),
        moduleRoundsPerMonth: 4_000,
        publicCoFundingShare: 0.35,
      },
    },
  ],
  suppliers: [
    {
      id: 'tnt-works',
      name: 'TNT Works',
      nation: 'AA',
      component: 'tnt',
      capacityPerMonth: 150_000, // kg a month
      initialStock: 100_000,
      outages: { meanDaysBetween: 730, meanDaysToRepair: 30 },
    },
  ],
  recipients: [],
  pledges: [],
  shocks: [],
  procurement: {
    contractLengthMonths: 24,
    awardDelayDays: 90,
    qualificationDelayDays: 365,
    qualificationCostEur: 2_000_000,
    transportDays: 14,
  },
});
