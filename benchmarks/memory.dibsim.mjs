/**
 * (f) Memory of an experiment as replications grow: a small scenario (one nation, one firm, two years)
 * under national-only in the calling thread, 100 / 1,000 / 10,000 replications in separate processes.
 * Records are folded into fixed-size accumulators as they arrive, so peak RSS should stay flat. With
 * `resume`, a child process writes a complete results file and this process resumes from it (every
 * record read back from disk, the path where records used to be held in memory), as a run resumed after
 * a kill starts afresh: the peak is that of the resume alone, not of the writing run before it (whose
 * time, though, is in the model's seconds and rate).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

/** The experiment of `replications` replications. */
function experiment(replications, seed) {
  return {
    scenario: SCENARIO,
    strategies: [{ name: 'national-only', create: () => nationalOnly }],
    replications,
    seed,
  };
}

/** @param {{ replications: number, seed: number, resume?: boolean }} params */
export async function run({ replications, seed, resume = false }) {
  const options = experiment(replications, seed);
  let result;
  if (resume) {
    const dir = mkdtempSync(join(tmpdir(), 'dibsim-bench-f-'));
    const resultsFile = join(dir, 'results.jsonl');
    try {
      const writer = spawnSync(
        process.execPath,
        [fileURLToPath(import.meta.url), 'write', resultsFile, String(replications), String(seed)],
        { stdio: 'inherit' },
      );
      if (writer.status !== 0) throw new Error(`writing ${resultsFile} failed (exit ${writer.status})`);
      let resumed = 0;
      result = await runExperiment({
        ...options,
        resultsFile,
        onProgress: (p) => {
          resumed = p.resumed;
        },
      });
      // Every replication read back, none run again: what the model claims to measure.
      if (resumed !== replications) throw new Error(`read back ${resumed} of ${replications} replications`);
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

// `node memory.dibsim.mjs write <file> <replications> <seed>`: the child that writes the results file.
if (process.argv[2] === 'write' && process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, replications, seed] = process.argv.slice(3);
  await runExperiment({ ...experiment(Number(replications), Number(seed)), resultsFile: file });
}
