/**
 * (f) Memory of an experiment as replications grow: a small scenario (one nation, one firm, two years)
 * under national-only in the calling thread, 100 / 1,000 / 10,000 replications in separate processes.
 * Records are folded into fixed-size accumulators as they arrive, so peak RSS should stay flat. With
 * `resume`, the run writes a results file and then resumes from it (every record read back from disk),
 * the path where records used to be held in memory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { nationalOnly, runExperiment } from '../dist/index.js';

const SCENARIO = {
  schemaVersion: 1,
  name: 'memory-probe',
  startDate: '2025-01-01',
  endDate: '2027-01-01',
  basePriceYear: 2025,
  items: [{ id: '155mm', name: '155 mm', billOfMaterials: [{ component: 'tnt', perRound: 10 }] }],
  components: [{ id: 'tnt', name: 'TNT', unit: 'kg' }],
  nations: [
    {
      id: 'AA',
      name: 'Alpha',
      memberships: ['NATO', 'EU', 'PESCO'],
      qualificationStandard: 'AA-155',
      budgetEurPerYear: 300e6,
      unspentBudget: 'rollover',
      stockpiles: [
        {
          item: '155mm',
          initialRounds: 60000,
          storageCapacityRounds: 300000,
          targetRounds: 110000,
          safetyRounds: 10000,
        },
      ],
      consumption: [{ item: '155mm', roundsPerDay: 150, variability: 0.3 }],
      exportLicence: { delayDays: 90, denialProbability: 0 },
    },
  ],
  firms: [
    {
      id: 'firm-AA',
      name: 'Firm',
      nation: 'AA',
      ownership: 'private',
      item: '155mm',
      qualifiedStandards: ['AA-155'],
      efficiency: 0.8,
      lines: [{ id: 'l1', nameplateRoundsPerMonth: 8000 }],
      rampProfile: [0.07, 0.4, 1],
      inputs: [{ component: 'tnt', supplier: 'tnt' }],
      outages: { meanDaysBetween: 90, meanDaysToRepair: 20 },
      unitCostEur: 3000,
      cumulativeRoundsAtStart: 100000,
      learningRate: 0.1,
      markupAtZeroUtilisation: 0.1,
      markupAtFullUtilisation: 0.5,
      investment: {
        horizonMonths: 24,
        hurdleRate: 0.15,
        capexEurPerAnnualRound: 1400,
        buildLeadTimeDays: 540,
        moduleRoundsPerMonth: 4000,
        publicCoFundingShare: 0,
      },
    },
  ],
  suppliers: [
    {
      id: 'tnt',
      name: 'TNT',
      nation: 'AA',
      component: 'tnt',
      capacityPerMonth: 500000,
      initialStock: 100000,
      outages: null,
    },
  ],
  recipients: [],
  pledges: [],
  shocks: [],
  procurement: {
    contractLengthMonths: 24,
    awardDelayDays: 60,
    qualificationDelayDays: 365,
    qualificationCostEur: 1e6,
    transportDays: 14,
  },
};

/** @param {{ replications: number, seed: number, resume?: boolean }} params */
export async function run({ replications, seed, resume = false }) {
  const options = {
    scenario: SCENARIO,
    strategies: [{ name: 'national-only', create: () => nationalOnly }],
    replications,
    seed,
  };
  let result;
  if (resume) {
    const dir = mkdtempSync(join(tmpdir(), 'dibsim-bench-f-'));
    const resultsFile = join(dir, 'results.jsonl');
    try {
      await runExperiment({ ...options, resultsFile });
      result = await runExperiment({ ...options, resultsFile });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } else {
    result = await runExperiment(options);
  }
  return {
    work: replications,
    unit: 'replications',
    result: {
      replications: result.replications,
      fillRate: result.strategies[0]?.kpis.fillRate?.mean,
      heapAfterGcMb: heapAfterGcMb(),
    },
  };
}

/** Heap still in use after a full collection: what the run retains, free of the collector's headroom. */
function heapAfterGcMb() {
  setFlagsFromString('--expose-gc');
  runInNewContext('gc')();
  return Math.round(process.memoryUsage().heapUsed / 1e5) / 10;
}
