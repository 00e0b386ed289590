/**
 * The built-in default scenario: 155 mm artillery ammunition in Europe and North America, from
 * Russia's full-scale invasion of Ukraine on 2022-02-24, over ten years.
 *
 * Every parameter taken from the calibration dataset (public facts with IDs such as `FI-05`) is a
 * {@link Sourced} value carrying its fact IDs and confidence; every pure assumption has confidence
 * `'gap'` and a note. Where the dataset gives a range, the parameter is a distribution drawn once per
 * replication. The parameter-by-parameter table is `docs/model/europe-155mm.md`.
 *
 * @module
 */
import type { DistributionSpec } from '../../random/spec.js';
import { deepFreeze, gap, sourced, yearlySteps } from '../builders.js';
import type {
  Confidence,
  FirmSpec,
  InvestmentSpec,
  LineSpec,
  Membership,
  NationSpec,
  OutageSpec,
  Param,
  PledgeSpec,
  Profile,
  Scenario,
  Sourced,
  StockpileSpec,
} from '../scenario.js';

// ---------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------

const START = '2022-02-24';
const END = '2032-02-24';
const ITEM = '155mm';

/** PERT three-point distribution. */
function pert(min: number, mode: number, max: number): DistributionSpec {
  return { type: 'pert', min, mode, max };
}

/** Triangular three-point distribution. */
function tri(min: number, mode: number, max: number): DistributionSpec {
  return { type: 'triangular', min, mode, max };
}

/** Rounds per month from rounds per year (whole rounds). */
function monthly(perYear: number): number {
  return Math.round(perYear / 12);
}

/** Yearly budget steps starting on the first of `fiscalYearStartMonth`. */
function years(fiscalYearStartMonth: number, values: readonly (readonly [number, Param])[]): Profile {
  return yearlySteps(START, fiscalYearStartMonth, values);
}

const BN = 1e9;

// ---------------------------------------------------------------------------------------------------
// Shared parameters
// ---------------------------------------------------------------------------------------------------

/** LT-02: Unterlüß plan, ≈7% → 40% → 100% of nameplate in years 1/2/3 after opening (greenfield). */
const RAMP_GREENFIELD = [0.07, 0.4, 1] as const;
/**
 * Brownfield expansion of running plants: US output doubled from 14k to 28k/month within about a year
 * (US-01, US-02), which the greenfield ramp cannot reproduce. Derived; a ramp cannot carry facts.
 */
const RAMP_BROWNFIELD = [0.5, 1] as const;

/** EU-06: independent check found output ≈ ⅓–½ of claimed capacity; §2.14 default 0.5, range 0.33–1.0. */
const EFFICIENCY_EUROPE = sourced(
  pert(0.33, 0.5, 1.0),
  ['EU-06'],
  'M',
  'Effective/nameplate; nameplates are claimed capacities (or pre-war output ÷ 0.5), so output ≈ ½ of claims.',
);

/** US figures are measured output: US-08 40k/month actual vs US-09 plant rates (36k + Mesquite ramping). */
const EFFICIENCY_US = sourced(
  pert(0.6, 0.8, 1.0),
  ['US-01', 'US-08', 'US-09'],
  'L',
  'US-08 actual 40k/month ÷ (US-09 36k Scranton/Wilkes-Barre + Mesquite at 40% ramp ≈ 48k) ≈ 0.83.',
);

/** §4.1 item 5: Wright's-law literature range 5–30% per doubling, default 10%; not ammunition-specific. */
const LEARNING_RATE = gap(
  pert(0.05, 0.1, 0.3),
  'Generic learning-curve literature (calibration §4.1 item 5), not ammunition-specific; default 10%.',
);

const MARKUP_IDLE = gap(
  tri(0.05, 0.1, 0.15),
  'Markup when idle: a normal defence-industry margin; no public figure.',
);

const MARKUP_FULL = sourced(
  tri(0.4, 0.6, 1.0),
  ['PR-01', 'PR-02', 'PR-03', 'PR-05'],
  'L',
  'Contract prices €3,200–4,000 over a unit cost ≈ €2,200 imply 0.45–0.8; €8,000 spot quotes (PR-01) lie outside.',
);

/** Random plant stoppages (fire, explosion, maintenance): no public data. */
const FIRM_OUTAGES: OutageSpec = {
  meanDaysBetween: gap(
    pert(365, 1095, 2190),
    'No public outage statistics for shell plants; about one stoppage in three years.',
  ),
  meanDaysToRepair: gap(pert(3, 14, 60), 'No public data; days to weeks.'),
};

/** Energetics plants: single-source risk (calibration §4.1 item 4, EN-01..08); frequencies are gaps. */
function energeticsOutages(meanDaysBetween: number): OutageSpec {
  return {
    meanDaysBetween: gap(
      pert(meanDaysBetween / 2, meanDaysBetween, meanDaysBetween * 2),
      'Single-source energetics risk (EN-01..08); no public outage frequency.',
      ['EN-01'],
    ),
    meanDaysToRepair: gap(
      pert(7, 30, 120),
      'No public data; an explosion or fire at an energetics plant can take months.',
    ),
  };
}

const CAPEX = sourced(
  tri(1000, 1400, 3700),
  ['FI-05', 'FI-17'],
  'M',
  'Unterlüß €500M / 350k rounds/yr ≈ €1,400 (FI-05); PGZ PLN 2.4bn / 150k ≈ €3,700 (FI-17, derived).',
);

const BUILD_LEAD_TIME_DAYS = sourced(
  tri(365, 548, 1095),
  ['LT-01', 'LT-04', 'LT-05'],
  'M',
  'Unterlüß groundbreaking → opening ≈ 18.5 months (LT-01); Glascoed ≥ 2.5 years (LT-04); Pori ~3 years (LT-05).',
);

const HORIZON_MONTHS = gap(
  pert(12, 24, 48),
  'Firms invest on committed orders (FI-11, EU-06) but the look-ahead is not public.',
  ['FI-11', 'EU-06'],
);

const HURDLE_RATE = gap(
  pert(0.1, 0.15, 0.2),
  'Required return over capex; no public figure (range 0.1–0.2).',
);

/** ASAP: €500M EU money in ~€1.4bn of projects ≈ 0.35 (FU-01); EU and EEA (Norway) firms only. */
const COFUNDING_ASAP = sourced(
  0.35,
  ['FU-01'],
  'H',
  'ASAP €500M (EU) + Norway in ≈ €1.4bn total project cost ≈ 0.35.',
);
const COFUNDING_NONE = gap(
  0,
  'No ASAP-style grant outside the EU/EEA; US-05 funds US capacity publicly — a sensitivity lever.',
  ['US-05'],
);

function investment(
  moduleRoundsPerYear: Sourced,
  publicCoFundingShare: Param,
  capexEurPerAnnualRound: Param = CAPEX,
): InvestmentSpec {
  return {
    horizonMonths: HORIZON_MONTHS,
    hurdleRate: HURDLE_RATE,
    capexEurPerAnnualRound,
    buildLeadTimeDays: BUILD_LEAD_TIME_DAYS,
    moduleRoundsPerMonth: moduleRoundsPerYear,
    publicCoFundingShare,
  };
}

/** A module of `perYear` rounds a year, stated per month. */
function capacityModule(
  perYear: number,
  facts: readonly string[],
  confidence: Confidence,
  note: string,
): Sourced {
  return sourced(monthly(perYear), facts, confidence, note);
}

/** A production line of `perYear` rounds a year at nameplate (a number or a [min, mode, max] range). */
function line(
  id: string,
  perYear: number | readonly [number, number, number],
  facts: readonly string[],
  confidence: Confidence,
  note: string,
  commissionedDate?: string,
): LineSpec {
  const value =
    typeof perYear === 'number'
      ? monthly(perYear)
      : pert(...(perYear.map(monthly) as [number, number, number]));
  const nameplateRoundsPerMonth =
    confidence === 'gap' ? gap(value, note, facts) : sourced(value, facts, confidence, note);
  return commissionedDate === undefined
    ? { id, nameplateRoundsPerMonth }
    : { id, nameplateRoundsPerMonth, commissionedDate };
}

/** Unit cost of a complete round, EUR at 2023 prices. */
function unitCost(
  min: number,
  mode: number,
  max: number,
  facts: readonly string[],
  confidence: Confidence,
  note: string,
): Sourced {
  return confidence === 'gap'
    ? gap(pert(min, mode, max), note, facts)
    : sourced(pert(min, mode, max), facts, confidence, note);
}

/** Rounds made before 2022 ≈ `years` of pre-war output (a gap). */
function priorOutput(
  annualPrewarRounds: number,
  note = 'About 15 years of pre-war output; no public figure.',
): Sourced {
  return gap(annualPrewarRounds * 15, note);
}

type Input = { readonly component: string; readonly supplier: string };
function inputs(tnt: string, charges: string, fuzes: string, primers: string): readonly Input[] {
  return [
    { component: 'tnt', supplier: tnt },
    { component: 'propellant-charge', supplier: charges },
    { component: 'fuze', supplier: fuzes },
    { component: 'primer', supplier: primers },
  ];
}
const EUROPEAN_INPUTS_NITROCHEM = inputs('nitro-chem', 'nitrochemie', 'junghans', 'eu-primers');
const EUROPEAN_INPUTS_NORDIC = inputs('chemring-nobel', 'eurenco', 'junghans', 'eu-primers');
const US_INPUTS = inputs('us-energetics', 'gd-ots-valleyfield', 'us-fuzes', 'us-primers');

/** Defaults every firm shares; a firm's own fields override them. */
function firm(
  spec: Omit<
    FirmSpec,
    | 'item'
    | 'rampProfile'
    | 'efficiency'
    | 'learningRate'
    | 'markupAtZeroUtilisation'
    | 'markupAtFullUtilisation'
    | 'outages'
  > &
    Partial<Pick<FirmSpec, 'rampProfile' | 'efficiency' | 'outages'>>,
): FirmSpec {
  return {
    item: ITEM,
    rampProfile: RAMP_GREENFIELD,
    efficiency: EFFICIENCY_EUROPE,
    learningRate: LEARNING_RATE,
    markupAtZeroUtilisation: MARKUP_IDLE,
    markupAtFullUtilisation: MARKUP_FULL,
    outages: FIRM_OUTAGES,
    ...spec,
  };
}

// ---------------------------------------------------------------------------------------------------
// Nations
// ---------------------------------------------------------------------------------------------------

const STOCK_GAP = 'National 155 mm stock levels are not public (calibration §5); a wide range stands in.';

/**
 * A nation's 155 mm stockpile. All levels are public-data gaps. Targets rise from the 2023 Vilnius
 * summit (NA-05: Defence Production Action Plan).
 */
function stockpile(
  initial: readonly [number, number, number],
  storage: number,
  targetBefore: number,
  targetAfter: number,
  safety: number,
  facts: readonly string[] = [],
): StockpileSpec {
  return {
    item: ITEM,
    initialRounds: gap(pert(...initial), STOCK_GAP, facts),
    storageCapacityRounds: gap(
      storage,
      'Storage capacity: not public; set at twice the raised target.',
      facts,
    ),
    targetRounds: {
      steps: [
        { from: START, value: gap(targetBefore, 'Pre-war stock objective: not public.', facts) },
        {
          from: '2023-07-11',
          value: gap(targetAfter, 'Raised stock objective after Vilnius (NA-05); the level is not public.', [
            ...facts,
            'NA-05',
          ]),
        },
      ],
    },
    safetyRounds: gap(safety, 'Safety level below which orders are urgent: not public.', facts),
  };
}

/** Training fire, rounds/day, scaled from US-11 (100k/yr) by the size of each artillery force (a gap). */
function training(roundsPerDay: number): NationSpec['consumption'] {
  return [
    {
      item: ITEM,
      roundsPerDay: gap(
        roundsPerDay,
        'Peacetime training fire: only the US figure is public (US-11, 100k/yr); scaled by artillery force size.',
        ['US-11'],
      ),
      variability: gap(1, 'Training fire is lumpy (exercises); CV 1 is an assumption.'),
    },
  ];
}

const LICENCE_EUROPE: NationSpec['exportLicence'] = {
  delayDays: gap(
    pert(14, 45, 120),
    'European export-licence times are not public; assumed shorter than US FMS (LT-15).',
    ['LT-15'],
  ),
  denialProbability: gap(0.02, 'Denials of ammunition exports to allies are rare; no public rate.'),
};

const LICENCE_US: NationSpec['exportLicence'] = {
  delayDays: sourced(
    tri(85, 150, 365),
    ['LT-15', 'LT-16'],
    'L',
    'FMS LOA standard 150 days (LT-15); some munitions took up to two years to arrive (LT-16).',
  ),
  denialProbability: gap(0.02, 'No public denial rate for allied 155 mm sales.'),
};

/** A budget step with its derivation: the 155 mm share of defence budgets is not public. */
function eur(bn: number, facts: readonly string[], note: string): Sourced {
  return gap(bn * BN, note, facts);
}

/** Budget profile in EUR bn for consecutive budget years from `firstYear` (the last value holds). */
function budget(
  values: readonly number[],
  facts: readonly string[],
  note: string,
  fiscalYearStartMonth = 1,
  firstYear = 2022,
): Profile {
  const all = [...facts, 'JP-03'];
  return years(
    fiscalYearStartMonth,
    values.map((v, i) => [firstYear + i, eur(v, all, note)] as const),
  );
}

const EU_PESCO_NATO: readonly Membership[] = ['NATO', 'EU', 'PESCO'];
const THIRD_STATE: readonly Membership[] = ['NATO', 'PESCO-third-state'];

const nations: readonly NationSpec[] = [
  {
    id: 'DE',
    name: 'Germany',
    memberships: EU_PESCO_NATO,
    qualificationStandard: 'DE-155',
    budgetEurPerYear: budget(
      [0.3, 1.2, 2.0, 2.5, 1.5],
      ['FI-06', 'PR-05'],
      '155 mm share of the German budget: FI-06 €8.5bn framework over 6 years ≈ €1.4bn/yr from 2024, plus pledges (PR-05 €576M).',
    ),
    fiscalYearStartMonth: 1,
    unspentBudget: 'lapse',
    stockpiles: [stockpile([20_000, 50_000, 150_000], 600_000, 100_000, 300_000, 30_000)],
    consumption: training(30),
    exportLicence: LICENCE_EUROPE,
  },
  {
    id: 'FR',
    name: 'France',
    memberships: EU_PESCO_NATO,
    qualificationStandard: 'FR-155',
    budgetEurPerYear: budget(
      [0.15, 0.6, 0.7, 1.0, 0.6],
      ['FI-07', 'FI-08', 'FI-09', 'PR-03'],
      'KNDS France output 30–100k/yr at ≈ €4,000 (FI-07..09, PR-03) plus pledge shares; the 155 mm share is not public.',
    ),
    fiscalYearStartMonth: 1,
    unspentBudget: 'lapse',
    stockpiles: [stockpile([10_000, 30_000, 100_000], 300_000, 60_000, 150_000, 20_000)],
    consumption: training(25),
    exportLicence: LICENCE_EUROPE,
  },
  {
    id: 'NL',
    name: 'Netherlands',
    memberships: EU_PESCO_NATO,
    qualificationStandard: 'NL-155',
    budgetEurPerYear: budget(
      [0.05, 0.25, 0.5, 0.6, 0.3],
      ['FI-06', 'FU-03'],
      'Joins the German framework (FI-06) and both EDIRPA 155 mm projects (FU-03); amounts not public.',
    ),
    fiscalYearStartMonth: 1,
    unspentBudget: 'lapse',
    stockpiles: [stockpile([5_000, 15_000, 50_000], 120_000, 30_000, 60_000, 8_000)],
    consumption: training(8),
    exportLicence: LICENCE_EUROPE,
  },
  {
    id: 'PL',
    name: 'Poland',
    memberships: EU_PESCO_NATO,
    qualificationStandard: 'PL-155',
    budgetEurPerYear: budget(
      [0.2, 0.5, 0.8, 1.0, 1.0],
      ['NA-02', 'FI-17'],
      'Highest NATO spender (NA-02, 4.48% GDP) building three plants (FI-17); 155 mm share not public.',
    ),
    fiscalYearStartMonth: 1,
    unspentBudget: 'lapse',
    stockpiles: [stockpile([20_000, 60_000, 200_000], 600_000, 100_000, 300_000, 30_000)],
    consumption: training(40),
    exportLicence: LICENCE_EUROPE,
  },
  {
    id: 'CZ',
    name: 'Czechia',
    memberships: EU_PESCO_NATO,
    qualificationStandard: 'CZ-155',
    budgetEurPerYear: budget(
      [0.03, 0.1, 0.2, 0.3, 0.15],
      ['CZ-02'],
      'Leads the ammunition initiative (CZ-01..03) largely with partners’ money; own 155 mm spend not public.',
    ),
    fiscalYearStartMonth: 1,
    unspentBudget: 'lapse',
    stockpiles: [stockpile([5_000, 15_000, 50_000], 100_000, 25_000, 50_000, 8_000)],
    consumption: training(8),
    exportLicence: LICENCE_EUROPE,
  },
  {
    id: 'SE',
    name: 'Sweden',
    // NATO member from March 2024: memberships are static, so listed for the whole horizon.
    memberships: EU_PESCO_NATO,
    qualificationStandard: 'SE-155',
    budgetEurPerYear: budget(
      [0.05, 0.2, 0.3, 0.4, 0.3],
      ['FI-13'],
      'Home of Nammo Karlskoga (FI-13); 155 mm spend not public.',
    ),
    fiscalYearStartMonth: 1,
    unspentBudget: 'lapse',
    stockpiles: [stockpile([5_000, 20_000, 60_000], 150_000, 40_000, 80_000, 10_000)],
    consumption: training(10),
    exportLicence: LICENCE_EUROPE,
  },
  {
    id: 'FI',
    name: 'Finland',
    // NATO member from April 2023: memberships are static, so listed for the whole horizon.
    memberships: EU_PESCO_NATO,
    qualificationStandard: 'FI-155',
    budgetEurPerYear: budget(
      [0.05, 0.15, 0.2, 0.3, 0.25],
      ['FI-14'],
      'Home of Nammo Lapua (FI-14); large artillery force; 155 mm spend not public.',
    ),
    fiscalYearStartMonth: 1,
    unspentBudget: 'lapse',
    stockpiles: [stockpile([30_000, 100_000, 250_000], 500_000, 150_000, 250_000, 50_000)],
    consumption: training(25),
    exportLicence: LICENCE_EUROPE,
  },
  {
    id: 'DK',
    name: 'Denmark',
    // Joined PESCO on 2023-05-24 (PE-02): memberships are static, so listed for the whole horizon.
    memberships: EU_PESCO_NATO,
    qualificationStandard: 'NATO-JBMoU',
    budgetEurPerYear: budget(
      [0.03, 0.15, 0.3, 0.4, 0.2],
      ['FI-06', 'FU-03'],
      'Joins the German framework (FI-06) and both EDIRPA 155 mm projects (FU-03); amounts not public.',
    ),
    fiscalYearStartMonth: 1,
    unspentBudget: 'lapse',
    stockpiles: [stockpile([2_000, 5_000, 20_000], 80_000, 15_000, 40_000, 5_000)],
    consumption: training(5),
    exportLicence: LICENCE_EUROPE,
  },
  {
    id: 'UK',
    name: 'United Kingdom',
    // PESCO third state (Military Mobility) from 2022-11-15 (PE-05).
    memberships: THIRD_STATE,
    qualificationStandard: 'UK-155',
    budgetEurPerYear: budget(
      [0.05, 0.1, 0.3, 0.35, 0.35],
      ['FI-15'],
      'FI-15 £190M order (Jul 2023) ≈ €220M; 155 mm share otherwise not public. Budget years start in April.',
      4,
      2021,
    ),
    fiscalYearStartMonth: 4,
    unspentBudget: 'lapse',
    stockpiles: [stockpile([5_000, 20_000, 60_000], 200_000, 40_000, 100_000, 10_000)],
    consumption: training(20),
    exportLicence: LICENCE_EUROPE,
  },
  {
    id: 'NO',
    name: 'Norway',
    // EEA, and PESCO third state (Military Mobility) from 2021-05-06 (PE-05).
    memberships: ['NATO', 'EEA', 'PESCO-third-state'],
    qualificationStandard: 'NATO-JBMoU',
    budgetEurPerYear: budget(
      [0.05, 0.25, 0.35, 0.35, 0.3],
      ['FI-11'],
      'FI-11 NOK 2.6bn Nammo order ≈ €230M; 155 mm share otherwise not public.',
    ),
    fiscalYearStartMonth: 1,
    unspentBudget: 'lapse',
    stockpiles: [stockpile([5_000, 15_000, 50_000], 100_000, 25_000, 50_000, 8_000)],
    consumption: training(8),
    exportLicence: LICENCE_EUROPE,
  },
  {
    id: 'US',
    name: 'United States',
    memberships: THIRD_STATE,
    qualificationStandard: 'US-155',
    budgetEurPerYear: budget(
      [0.3, 1.4, 2.4, 2.5, 2.5],
      ['US-04', 'US-05', 'US-10'],
      'FY22 ≈ pre-war 173k rounds × ≈ €1,800 (US-10); FY23 $1.5bn awards (US-04); FY24 supplemental $850M + $700M (US-05). Years start in October.',
      10,
      2021,
    ),
    fiscalYearStartMonth: 10,
    // Procurement appropriations stay available for three years.
    unspentBudget: 'rollover',
    stockpiles: [
      {
        item: ITEM,
        initialRounds: sourced(
          pert(3_000_000, 4_000_000, 5_000_000),
          ['US-11'],
          'L',
          '~2M in inventory (2023) after >2M sent to Ukraine (US-11) ⇒ ~4M before the war.',
        ),
        storageCapacityRounds: gap(
          5_000_000,
          'Storage capacity: not public; above the largest initial draw.',
        ),
        targetRounds: sourced(
          2_500_000,
          ['US-11'],
          'gap',
          'The US stock objective is not public; set slightly above the ~2M held in 2023 (US-11).',
        ),
        safetyRounds: gap(1_000_000, 'Safety level: not public.', ['US-11']),
      },
    ],
    consumption: [
      {
        item: ITEM,
        roundsPerDay: sourced(274, ['US-11'], 'L', '~100,000 rounds a year used in training (US-11).'),
        variability: gap(1, 'Training fire is lumpy (exercises); CV 1 is an assumption.'),
      },
    ],
    exportLicence: LICENCE_US,
  },
  {
    id: 'CA',
    name: 'Canada',
    // PESCO third state (Military Mobility) from 2021-05-06 (PE-05).
    memberships: THIRD_STATE,
    qualificationStandard: 'NATO-JBMoU',
    budgetEurPerYear: budget(
      [0.02, 0.05, 0.08, 0.15, 0.15, 0.08],
      ['CZ-02'],
      'Contributes to the Czech initiative (CZ-02); 155 mm spend not public. Budget years start in April.',
      4,
      2021,
    ),
    fiscalYearStartMonth: 4,
    unspentBudget: 'lapse',
    stockpiles: [stockpile([5_000, 10_000, 40_000], 80_000, 20_000, 40_000, 5_000)],
    consumption: training(10),
    exportLicence: LICENCE_EUROPE,
  },
];

// ---------------------------------------------------------------------------------------------------
// Firms (complete-round producers)
// ---------------------------------------------------------------------------------------------------

const firms: readonly FirmSpec[] = [
  firm({
    id: 'rheinmetall',
    name: 'Rheinmetall (group: Unterlüß, Expal and other plants)',
    nation: 'DE',
    ownership: 'private',
    qualifiedStandards: ['DE-155', 'NL-155', 'NATO-JBMoU'],
    lines: [
      line('legacy', 140_000, ['FI-01', 'EU-06'], 'M', '~70k produced in 2022 (FI-01) ÷ efficiency 0.5.'),
      line(
        'group-expansion',
        560_000,
        ['FI-01', 'FI-03'],
        'M',
        'Group capacity ~700k by Mar 2024 incl. Expal (FI-03) less the legacy line; brownfield, from mid-2022 orders.',
        '2022-09-01',
      ),
      line(
        'unterluss',
        350_000,
        ['FI-05', 'LT-01', 'LT-02'],
        'H',
        'New Unterlüß plant opened 2025-08-27: 25k (2025) → 140k (2026) → 350k/yr (2027) (FI-05).',
        '2025-08-27',
      ),
      line(
        'group-2027',
        [50_000, 250_000, 450_000],
        ['FI-04'],
        'L',
        'Group targets of 1.1–1.5M/yr by 2027 (FI-04, conflicting) less the lines above.',
        '2025-06-01',
      ),
    ],
    inputs: EUROPEAN_INPUTS_NITROCHEM,
    unitCostEur: unitCost(
      1900,
      2200,
      2600,
      ['PR-01', 'PR-02'],
      'M',
      'Pre-war price €2,000 (PR-01) ≈ €2,300 at 2023 prices less an idle markup; contracts ≥ €3,600 (PR-02) include the markup.',
    ),
    cumulativeRoundsAtStart: priorOutput(70_000),
    investment: investment(
      capacityModule(350_000, ['FI-05'], 'H', 'One Unterlüß-size plant (350k rounds/yr, FI-05).'),
      COFUNDING_ASAP,
    ),
  }),
  firm({
    id: 'knds-france',
    name: 'KNDS France (Nexter), La Chapelle-Saint-Ursin',
    nation: 'FR',
    ownership: 'private',
    qualifiedStandards: ['FR-155', 'NATO-JBMoU'],
    lines: [
      line(
        'prewar',
        60_000,
        ['FI-08', 'FI-07'],
        'M',
        '60k/yr pre-war capacity (FI-08); ~30k/yr actual in Mar 2023 (FI-07).',
      ),
      line(
        'expansion',
        80_000,
        ['FI-08', 'FI-09'],
        'M',
        'Output doubled in 2024, target 100k/yr in 2025 (FI-08, FI-09) ⇒ nameplate ≈ 140k at efficiency 0.5–0.7.',
        '2023-01-01',
      ),
    ],
    // TNT from Nitro-Chem; propellant from Sweden (EN-06); fuzes from Junghans (FU-06, with Nexter).
    inputs: inputs('nitro-chem', 'eurenco', 'junghans', 'eu-primers'),
    unitCostEur: unitCost(
      2000,
      2400,
      2900,
      ['PR-03', 'PR-01'],
      'M',
      '€4,000 per shell in Mar 2023 (PR-03) at full utilisation; smaller scale than Rheinmetall.',
    ),
    cumulativeRoundsAtStart: priorOutput(30_000),
    investment: investment(
      capacityModule(50_000, [], 'gap', 'Module size: no public figure; 50k rounds/yr.'),
      COFUNDING_ASAP,
    ),
  }),
  firm({
    id: 'nammo-karlskoga',
    name: 'Nammo Sweden, Karlskoga',
    nation: 'SE',
    ownership: 'state',
    qualifiedStandards: ['SE-155', 'FI-155', 'NATO-JBMoU'],
    lines: [
      line(
        'prewar',
        10_000,
        ['FI-12'],
        'L',
        'Nammo pre-war ≈ 1/20 of its 200k/yr 2028 target (FI-12); Karlskoga half of it, ÷ 0.5.',
      ),
      line(
        '24-7',
        10_000,
        ['FI-13'],
        'M',
        'Round-the-clock, five shifts: ~2× early-2022 output by end-2024 (FI-13).',
        '2023-01-01',
      ),
      line('triple', 40_000, ['FI-13'], 'M', '"Triple in two years from 2024" (FI-13).', '2024-06-01'),
    ],
    inputs: EUROPEAN_INPUTS_NORDIC,
    unitCostEur: unitCost(
      2000,
      2400,
      3000,
      ['PR-04'],
      'gap',
      'No Nammo price is public; Western average ≈ $4,000 in 2024 (PR-04) is the upper end.',
    ),
    cumulativeRoundsAtStart: priorOutput(5_000),
    investment: investment(
      capacityModule(20_000, [], 'gap', 'Module size: no public figure; 20k rounds/yr.'),
      COFUNDING_ASAP,
    ),
  }),
  firm({
    id: 'nammo-raufoss',
    name: 'Nammo Raufoss',
    nation: 'NO',
    ownership: 'state',
    qualifiedStandards: ['NATO-JBMoU', 'SE-155'],
    lines: [
      line(
        'prewar',
        4_000,
        ['FI-12'],
        'L',
        'Nammo pre-war ≈ 1/20 of 200k/yr (FI-12); Raufoss a fifth of it, ÷ 0.5.',
      ),
      line(
        '155mm-machinery',
        [6_000, 16_000, 22_000],
        ['FI-11', 'FI-05', 'FI-17'],
        'M',
        'NOK 260M machinery after the NOK 2.6bn order (FI-11) ≈ €22M ÷ €1,000–3,700 per round/yr (FI-05, FI-17).',
        '2023-09-01',
      ),
    ],
    inputs: EUROPEAN_INPUTS_NORDIC,
    unitCostEur: unitCost(
      2000,
      2400,
      3000,
      ['PR-04'],
      'gap',
      'No Nammo price is public; Western average ≈ $4,000 in 2024 (PR-04) is the upper end.',
    ),
    cumulativeRoundsAtStart: priorOutput(2_000),
    // Norway co-funds through ASAP as an EEA state (FU-01).
    investment: investment(
      capacityModule(20_000, [], 'gap', 'Module size: no public figure; 20k rounds/yr.'),
      COFUNDING_ASAP,
    ),
  }),
  firm({
    id: 'nammo-lapua',
    name: 'Nammo Lapua, Sastamala',
    nation: 'FI',
    ownership: 'state',
    qualifiedStandards: ['FI-155', 'SE-155'],
    lines: [
      line(
        'prewar',
        6_000,
        ['FI-12'],
        'L',
        'Nammo pre-war ≈ 1/20 of 200k/yr (FI-12); Sastamala the rest, ÷ 0.5.',
      ),
      line('x5', 24_000, ['FI-14'], 'M', 'Shell-body output ×5 in 2024 (FI-14).', '2023-06-01'),
    ],
    inputs: EUROPEAN_INPUTS_NORDIC,
    unitCostEur: unitCost(
      2000,
      2400,
      3000,
      ['PR-04'],
      'gap',
      'No Nammo price is public; Western average ≈ $4,000 in 2024 (PR-04) is the upper end.',
    ),
    cumulativeRoundsAtStart: priorOutput(3_000),
    investment: investment(
      capacityModule(20_000, [], 'gap', 'Module size: no public figure; 20k rounds/yr.'),
      COFUNDING_ASAP,
    ),
  }),
  firm({
    id: 'bae-systems-uk',
    name: 'BAE Systems UK (Glascoed, Washington)',
    nation: 'UK',
    ownership: 'private',
    qualifiedStandards: ['UK-155'],
    lines: [
      line('prewar', 8_000, ['FI-16'], 'L', 'Prior output 3,000–5,000/yr (FI-16) ÷ 0.5.'),
      line(
        'eightfold',
        56_000,
        ['FI-15'],
        'H',
        '£190M order for an eight-fold capacity increase, Jul 2023 (FI-15).',
        '2023-07-11',
      ),
      line(
        'glascoed-filling',
        64_000,
        ['FI-16', 'LT-04'],
        'M',
        'New filling plant: 16-fold capacity; planned summer 2025, ≥ 6 months late (FI-16, LT-04).',
        '2026-02-01',
      ),
    ],
    inputs: EUROPEAN_INPUTS_NORDIC,
    unitCostEur: unitCost(
      2200,
      2700,
      3500,
      ['PR-04'],
      'gap',
      'No UK price is public; small volumes; PR-04 Western average as the upper end.',
    ),
    cumulativeRoundsAtStart: priorOutput(4_000),
    investment: investment(
      capacityModule(30_000, [], 'gap', 'Module size: no public figure; 30k rounds/yr.'),
      COFUNDING_NONE,
    ),
  }),
  firm({
    id: 'pgz',
    name: 'PGZ (Polska Grupa Zbrojeniowa)',
    nation: 'PL',
    ownership: 'state',
    qualifiedStandards: ['PL-155'],
    lines: [
      line('prewar', [10_000, 20_000, 40_000], [], 'gap', 'Pre-war PGZ 155 mm output is not public.'),
      line(
        'three-plants',
        150_000,
        ['FI-17', 'LT-01'],
        'L',
        'Three new plants, +150k rounds/yr announced Jul 2025 (FI-17); opening after ~18 months (LT-01).',
        '2027-01-01',
      ),
    ],
    inputs: EUROPEAN_INPUTS_NITROCHEM,
    unitCostEur: unitCost(
      1700,
      2100,
      2600,
      ['PR-06'],
      'gap',
      'No PGZ price is public; Kallas-plan average €2,500 (PR-06) as a reference.',
    ),
    cumulativeRoundsAtStart: priorOutput(10_000),
    investment: investment(
      capacityModule(50_000, ['FI-17'], 'L', 'One of three plants adding 150k/yr (FI-17).'),
      COFUNDING_ASAP,
      sourced(
        pert(1400, 3700, 4000),
        ['FI-17'],
        'L',
        'PLN 2.4bn / 150k rounds/yr ≈ €3,700 (FI-17, derived).',
      ),
    ),
  }),
  firm({
    id: 'csg',
    name: 'CSG / MSM Group (Czech-owned, plants in CZ and SK)',
    nation: 'CZ',
    ownership: 'private',
    qualifiedStandards: ['CZ-155'],
    lines: [
      line(
        'prewar',
        [20_000, 50_000, 100_000],
        ['EU-12'],
        'gap',
        'No public CSG/MSM 155 mm capacity; one of the ~11 European shell plants (EU-12).',
      ),
      line(
        'expansion',
        [20_000, 50_000, 100_000],
        [],
        'gap',
        'Expansion during the war: not public.',
        '2024-06-01',
      ),
    ],
    inputs: EUROPEAN_INPUTS_NITROCHEM,
    unitCostEur: unitCost(
      1700,
      2000,
      2500,
      ['PR-05'],
      'gap',
      'No CSG price is public; Czech-initiative price ≈ €3,200 (PR-05) includes the markup.',
    ),
    cumulativeRoundsAtStart: priorOutput(25_000),
    investment: investment(
      capacityModule(50_000, [], 'gap', 'Module size: no public figure; 50k rounds/yr.'),
      COFUNDING_ASAP,
    ),
  }),
  firm({
    id: 'us-army-scranton-wilkes-barre',
    name: 'US Army Scranton and Wilkes-Barre plants (GOCO)',
    nation: 'US',
    ownership: 'state',
    qualifiedStandards: ['US-155'],
    efficiency: EFFICIENCY_US,
    rampProfile: RAMP_BROWNFIELD,
    lines: [
      line('prewar', 216_000, ['US-01'], 'H', 'US output 14,400/month pre-war (US-01) ÷ efficiency 0.8.'),
      line(
        'expansion',
        216_000,
        ['US-02', 'US-09'],
        'M',
        'Scranton + Wilkes-Barre ≈ 36k/month (US-09): 28k/month actual by Sep 2023 (US-02).',
        '2022-09-01',
      ),
    ],
    inputs: US_INPUTS,
    unitCostEur: unitCost(
      1400,
      1900,
      3700,
      ['US-10', 'PR-08', 'PR-04'],
      'L',
      'Projectile ≈ $820 (US-10) + charge ≈ $350 (PR-08) + fuze, primer, fill; Western average ≈ $4,000 (PR-04) as upper end.',
    ),
    cumulativeRoundsAtStart: priorOutput(173_000),
    investment: investment(
      capacityModule(144_000, ['US-09'], 'M', 'About 12k rounds/month (a third of US-09 36k).'),
      COFUNDING_NONE,
    ),
  }),
  firm({
    id: 'gd-ots-mesquite',
    name: 'General Dynamics OTS, Mesquite (Texas)',
    nation: 'US',
    ownership: 'private',
    qualifiedStandards: ['US-155'],
    efficiency: EFFICIENCY_US,
    lines: [
      line(
        'mesquite',
        360_000,
        ['US-09', 'LT-03'],
        'M',
        'New metal-parts plant, ~30k/month at full rate (US-09); a dirt field in 2023, producing in 2024 (LT-03).',
        '2024-01-01',
      ),
    ],
    inputs: US_INPUTS,
    unitCostEur: unitCost(
      1400,
      1900,
      3700,
      ['US-10', 'PR-08', 'PR-04'],
      'L',
      'As Scranton: ≈ $820 projectile (US-10) + ≈ $350 charge (PR-08) + fuze, primer, fill.',
    ),
    cumulativeRoundsAtStart: gap(
      100_000,
      'New plant; the operator’s experience (GD-OTS runs other US lines) sets the learning-curve start.',
    ),
    investment: investment(
      capacityModule(360_000, ['US-09'], 'M', 'One Mesquite-size plant (~30k/month, US-09).'),
      COFUNDING_NONE,
    ),
  }),
];

// ---------------------------------------------------------------------------------------------------
// Suppliers (upstream inputs)
// ---------------------------------------------------------------------------------------------------

/** `t` tonnes a year as kg a month. */
function tonnesPerYear(t: number): number {
  return Math.round((t * 1000) / 12);
}

const suppliers: Scenario['suppliers'] = [
  {
    id: 'nitro-chem',
    name: 'Nitro-Chem, Bydgoszcz (TNT)',
    nation: 'PL',
    component: 'tnt',
    capacityPerMonth: {
      steps: [
        {
          from: START,
          value: sourced(tonnesPerYear(10_000), ['EN-01'], 'M', '~10,000 t TNT/yr pre-war (EN-01).'),
        },
        {
          from: '2025-01-01',
          value: sourced(
            tonnesPerYear(14_300),
            ['EN-01', 'FU-01', 'EN-08'],
            'L',
            'Plus ASAP’s +4,300 t/yr explosives (FU-01), all assumed to land at Nitro-Chem.',
          ),
        },
        {
          from: '2027-01-01',
          value: sourced(
            tonnesPerYear(8_300),
            ['EN-02'],
            'L',
            'Less 6,000 t/yr sold to the US for 2027–29 (EN-02: 18,000 t), not modelled as a US input.',
          ),
        },
        {
          from: '2030-01-01',
          value: sourced(tonnesPerYear(14_300), ['EN-02', 'FU-01'], 'L', 'US contract ends.'),
        },
      ],
    },
    initialStock: gap(tonnesPerYear(10_000), 'Warehouse at the start: one month of output (assumption).'),
    outages: energeticsOutages(730),
  },
  {
    id: 'chemring-nobel',
    name: 'Chemring Nobel, Sætre (RDX/HMX/NTO HE fill, TNT-equivalent)',
    nation: 'NO',
    component: 'tnt',
    capacityPerMonth: {
      steps: [
        {
          from: START,
          value: gap(
            pert(50_000, 100_000, 200_000),
            'Chemring Nobel capacity is not public; kg TNT-equivalent a month.',
            ['EN-03'],
          ),
        },
        {
          from: '2027-01-01',
          value: gap(
            pert(100_000, 220_000, 400_000),
            '“More than double” with £32M Norway/EU co-funding (EN-03); date and base not public.',
            ['EN-03'],
          ),
        },
      ],
    },
    initialStock: gap(100_000, 'Warehouse at the start: about one month of output (assumption).'),
    outages: energeticsOutages(1095),
  },
  {
    id: 'us-energetics',
    name: 'US HE-fill supply (Holston AAP and imports)',
    nation: 'US',
    component: 'tnt',
    capacityPerMonth: {
      points: [
        {
          date: START,
          value: gap(
            pert(150_000, 200_000, 300_000),
            'Pre-war US HE fill sized to pre-war output (US-01 × ~10 kg).',
            ['US-01', 'US-09'],
          ),
        },
        {
          date: '2023-10-01',
          value: sourced(
            tonnesPerYear(6_440),
            ['US-04'],
            'M',
            'FY23 awards of 14.2M lb (6,440 t) bulk energetics (TNT, IMX-104) taken as a year’s capacity (US-04).',
          ),
        },
        {
          date: '2026-01-01',
          value: gap(tonnesPerYear(12_000), 'Sized to the 100k/month goal (US-03, US-06); not public.', [
            'US-03',
            'US-06',
          ]),
        },
      ],
    },
    initialStock: gap(200_000, 'Warehouse at the start: one month (assumption).'),
    outages: energeticsOutages(1095),
  },
  {
    id: 'nc-europe',
    name: 'European nitrocellulose makers (aggregate)',
    nation: 'DE',
    component: 'nitrocellulose',
    capacityPerMonth: {
      steps: [
        {
          from: START,
          value: gap(
            pert(100_000, 200_000, 400_000),
            'Only “a handful” of European NC makers (EN-04); capacity not public.',
            ['EN-04'],
          ),
        },
        {
          from: '2025-01-01',
          value: gap(
            pert(250_000, 400_000, 700_000),
            'ASAP +10,000 t/yr powder (FU-01) partly as NC; EN-04 says it “won’t be enough”.',
            ['EN-04', 'FU-01', 'EN-08'],
          ),
        },
      ],
    },
    initialStock: gap(200_000, 'Warehouse at the start: one month (assumption).'),
    outages: energeticsOutages(1095),
  },
  {
    id: 'radford-aap',
    name: 'Radford Army Ammunition Plant (nitrocellulose, propellant)',
    nation: 'US',
    component: 'nitrocellulose',
    capacityPerMonth: {
      points: [
        {
          date: START,
          value: gap(
            pert(100_000, 150_000, 250_000),
            'Radford makes US propellant (US-09 note); capacity not public.',
            ['US-09'],
          ),
        },
        {
          date: '2026-01-01',
          value: gap(
            pert(200_000, 400_000, 600_000),
            'Sized to the charge ramp funded by US-05; not public.',
            ['US-05'],
          ),
        },
      ],
    },
    initialStock: gap(150_000, 'Warehouse at the start: one month (assumption).'),
    outages: energeticsOutages(1095),
  },
  {
    id: 'nitrochemie',
    name: 'Nitrochemie (Rheinmetall), propellant charges',
    nation: 'DE',
    component: 'propellant-charge',
    capacityPerMonth: {
      steps: [
        {
          from: START,
          value: gap(
            pert(8_000, 12_000, 20_000),
            'Charge-set capacity is not public; sized to pre-war output of its customers.',
            ['EN-04'],
          ),
        },
        {
          from: '2024-01-01',
          value: gap(
            pert(15_000, 25_000, 40_000),
            'Powder shortage limited 2024 output (EU-06); level not public.',
            ['EU-06', 'EN-04'],
          ),
        },
        {
          from: '2026-01-01',
          value: gap(
            pert(25_000, 40_000, 60_000),
            'ASAP +10,000 t/yr powder EU-wide (FU-01); share not public.',
            ['FU-01'],
          ),
        },
        {
          from: '2028-01-01',
          value: gap(
            pert(35_000, 60_000, 80_000),
            'Rheinmetall +50% powder by 2028, “won’t be enough” (EN-04).',
            ['EN-04'],
          ),
        },
      ],
    },
    initialStock: gap(10_000, 'Warehouse at the start: about one month (assumption).'),
    inputs: [{ component: 'nitrocellulose', supplier: 'nc-europe' }],
    outages: energeticsOutages(1095),
  },
  {
    id: 'eurenco',
    name: 'Eurenco (Karlskoga SE; Bergerac FR from 2024), propellant charges',
    nation: 'SE',
    component: 'propellant-charge',
    capacityPerMonth: {
      steps: [
        {
          from: START,
          value: gap(
            pert(3_000, 6_000, 10_000),
            'France took 155 mm propellant from Sweden for 15 years (EN-06); capacity not public.',
            ['EN-06'],
          ),
        },
        {
          from: '2024-01-01',
          value: gap(
            pert(8_000, 12_000, 20_000),
            'French domestic (Dordogne) production from 2024 (EN-06); level not public.',
            ['EN-06'],
          ),
        },
        {
          from: '2026-01-01',
          value: gap(pert(12_000, 20_000, 30_000), 'ASAP powder expansion (FU-01); share not public.', [
            'FU-01',
          ]),
        },
      ],
    },
    initialStock: gap(6_000, 'Warehouse at the start: about one month (assumption).'),
    inputs: [{ component: 'nitrocellulose', supplier: 'nc-europe' }],
    outages: energeticsOutages(1095),
  },
  {
    id: 'gd-ots-valleyfield',
    name: 'General Dynamics OTS Canada, Valleyfield (charges for US rounds)',
    nation: 'CA',
    component: 'propellant-charge',
    capacityPerMonth: {
      points: [
        {
          date: START,
          value: gap(15_000, 'Pre-war charge output sized to US pre-war rounds (US-01).', ['US-01']),
        },
        {
          date: '2024-09-01',
          value: sourced(
            18_000,
            ['US-07', 'EN-07'],
            'L',
            '~18,000 complete charge sets a month vs 40k projectiles (US-07): the bottleneck.',
          ),
        },
        {
          date: '2026-01-01',
          value: gap(
            pert(30_000, 45_000, 70_000),
            'US-05 supplemental $700M for 2M charges (PR-08); the resulting rate is not public.',
            ['US-05', 'PR-08'],
          ),
        },
      ],
    },
    initialStock: gap(15_000, 'Warehouse at the start: one month (assumption).'),
    inputs: [{ component: 'nitrocellulose', supplier: 'radford-aap' }],
    outages: energeticsOutages(1095),
  },
  {
    id: 'junghans',
    name: 'Junghans Microtec (and other European fuze makers)',
    nation: 'DE',
    component: 'fuze',
    capacityPerMonth: {
      steps: [
        {
          from: START,
          value: gap(
            pert(15_000, 25_000, 40_000),
            'Fuze capacity is not public; Junghans holds NSPA 155 mm fuze contracts (FU-06).',
            ['FU-06'],
          ),
        },
        {
          from: '2024-01-01',
          value: gap(
            pert(40_000, 60_000, 90_000),
            'NSPA €1.1bn rounds-and-fuzes contracts, Jan 2024 (FU-06).',
            ['FU-06'],
          ),
        },
        {
          from: '2026-01-01',
          value: gap(
            pert(70_000, 110_000, 160_000),
            'Sized to European round capacity (EU-07, 2M/yr target); not public.',
            ['EU-07'],
          ),
        },
      ],
    },
    initialStock: gap(25_000, 'Warehouse at the start: one month (assumption).'),
    outages: energeticsOutages(1460),
  },
  {
    id: 'us-fuzes',
    name: 'US fuze makers (aggregate)',
    nation: 'US',
    component: 'fuze',
    capacityPerMonth: {
      points: [
        { date: START, value: gap(20_000, 'Sized to pre-war US output (US-01).', ['US-01']) },
        {
          date: '2023-10-01',
          value: sourced(
            56_500,
            ['US-04'],
            'M',
            'FY23 awards of 678k fuzes (US-04) taken as a year’s capacity.',
          ),
        },
      ],
    },
    initialStock: gap(20_000, 'Warehouse at the start: one month (assumption).'),
    outages: energeticsOutages(1460),
  },
  {
    id: 'eu-primers',
    name: 'European primer makers (aggregate)',
    nation: 'DE',
    component: 'primer',
    capacityPerMonth: {
      steps: [
        {
          from: START,
          value: gap(
            pert(15_000, 25_000, 40_000),
            'Primer capacity in Europe is not public (EN-09 lists the primer as one of four parts).',
            ['EN-09'],
          ),
        },
        {
          from: '2024-01-01',
          value: gap(pert(50_000, 80_000, 120_000), 'Sized to European round capacity; not public.', [
            'EU-04',
          ]),
        },
        {
          from: '2026-01-01',
          value: gap(pert(100_000, 150_000, 200_000), 'Sized to the 2M/yr target (EU-07); not public.', [
            'EU-07',
          ]),
        },
      ],
    },
    initialStock: gap(25_000, 'Warehouse at the start: one month (assumption).'),
    outages: energeticsOutages(1460),
  },
  {
    id: 'us-primers',
    name: 'US primer makers (aggregate)',
    nation: 'US',
    component: 'primer',
    capacityPerMonth: {
      points: [
        { date: START, value: gap(20_000, 'Sized to pre-war US output (US-01).', ['US-01']) },
        {
          date: '2024-01-01',
          value: gap(
            pert(30_000, 60_000, 100_000),
            'FY23 awards included 270k primers (US-04), a single award rather than capacity; rate not public.',
            ['US-04'],
          ),
        },
      ],
    },
    initialStock: gap(20_000, 'Warehouse at the start: one month (assumption).'),
    outages: energeticsOutages(1460),
  },
];

// ---------------------------------------------------------------------------------------------------
// Pledges
// ---------------------------------------------------------------------------------------------------

/**
 * Donor shares by 2023 GDP (an assumption: the real split is not public). GDP in EUR bn, rounded:
 * DE 4,120, FR 2,800, NL 1,030, PL 750, SE 540, DK 380, CZ 310, FI 280 (sum 10,210); shares rounded to
 * three decimals, FI taking the rounding remainder.
 */
const EU_DONORS_BY_GDP: PledgeSpec['donors'] = [
  { nation: 'DE', share: 0.404 },
  { nation: 'FR', share: 0.274 },
  { nation: 'NL', share: 0.101 },
  { nation: 'PL', share: 0.073 },
  { nation: 'SE', share: 0.053 },
  { nation: 'DK', share: 0.037 },
  { nation: 'CZ', share: 0.03 },
  { nation: 'FI', share: 0.028 },
];

/** Czech-initiative coalition: Germany's €576M for 180k of 500k (PR-05, CZ-02); other shares are gaps. */
const CZECH_INITIATIVE_DONORS: PledgeSpec['donors'] = [
  { nation: 'DE', share: 0.36 },
  { nation: 'NL', share: 0.15 },
  { nation: 'DK', share: 0.12 },
  { nation: 'CZ', share: 0.1 },
  { nation: 'CA', share: 0.08 },
  { nation: 'NO', share: 0.08 },
  { nation: 'SE', share: 0.06 },
  { nation: 'FI', share: 0.05 },
];

const pledges: readonly PledgeSpec[] = [
  {
    id: 'us-drawdowns-2022-2023',
    recipient: 'UA',
    item: ITEM,
    quantityRounds: sourced(
      2_000_000,
      ['US-11'],
      'L',
      '>2M 155 mm rounds sent to Ukraine by Sep 2023 (US-11).',
    ),
    startDate: START,
    deadlineDate: '2023-09-30',
    donors: [{ nation: 'US', share: 1 }],
    fromStockShare: gap(
      pert(0.7, 0.9, 1.0),
      'Presidential drawdowns came mostly from stock; the split is not public.',
      ['US-11'],
    ),
  },
  {
    id: 'eu-1m-rounds',
    recipient: 'UA',
    item: ITEM,
    quantityRounds: sourced(1_000_000, ['PL-01'], 'H', 'One million rounds in 12 months (PL-01).'),
    startDate: '2023-03-20',
    deadlineDate: '2024-03-31',
    donors: EU_DONORS_BY_GDP,
    fromStockShare: sourced(
      pert(0.2, 0.3, 0.5),
      ['PL-01', 'PL-06'],
      'M',
      'Track 1 (deliveries from stocks) vs track 2 (joint procurement); ~330k delivered by Jan 2024 (PL-06).',
    ),
  },
  {
    id: 'czech-initiative-2024',
    recipient: 'UA',
    item: ITEM,
    quantityRounds: sourced(
      500_000,
      ['CZ-01', 'CZ-03'],
      'H',
      '500,000 155 mm rounds in 2024 (CZ-01, CZ-03).',
    ),
    startDate: '2024-03-01',
    deadlineDate: '2024-12-31',
    donors: CZECH_INITIATIVE_DONORS,
    fromStockShare: gap(
      0,
      'Bought on markets outside the EU (CZ-01), which are not modelled: the modelled firms fill it instead.',
      ['CZ-01'],
    ),
  },
  {
    id: 'czech-initiative-2025',
    recipient: 'UA',
    item: ITEM,
    quantityRounds: sourced(500_000, ['CZ-03'], 'H', '2025 "at least the same" as 2024 (CZ-03).'),
    startDate: '2025-01-01',
    deadlineDate: '2025-12-31',
    donors: CZECH_INITIATIVE_DONORS,
    fromStockShare: gap(0, 'Bought on markets outside the EU (CZ-01), not modelled.', ['CZ-01']),
  },
  {
    id: 'kallas-plan-2025',
    recipient: 'UA',
    item: ITEM,
    quantityRounds: sourced(
      pert(500_000, 1_000_000, 2_000_000),
      ['PL-08'],
      'L',
      '2M large-calibre rounds of mixed calibres (PL-08); the 155 mm share is not public.',
    ),
    startDate: '2025-03-19',
    deadlineDate: '2025-12-31',
    donors: EU_DONORS_BY_GDP,
    fromStockShare: gap(
      pert(0, 0.1, 0.3),
      'European stocks were largely drawn down by 2025; share not public.',
    ),
  },
];

// ---------------------------------------------------------------------------------------------------
// The scenario
// ---------------------------------------------------------------------------------------------------

/**
 * **europe-155mm** — the default scenario: 155 mm ammunition for 12 NATO/EU nations and Ukraine,
 * 2022-02-24 to 2032-02-24, prices in 2023 EUR.
 *
 * - **Nations** (12): DE, FR, NL, PL, CZ, SE, FI, DK (EU, PESCO, NATO); UK, US, CA (PESCO third states);
 *   NO (EEA, PESCO third state). Ten qualification standards (of the 14 variants, JP-06); DK, NO
 *   and CA share `NATO-JBMoU`. Budgets, stocks and training fire are public-data gaps (ranges).
 * - **Firms** (10): Rheinmetall (DE; Unterlüß opens 2025-08-27, FI-05), KNDS France, Nammo Karlskoga
 *   (SE), Raufoss (NO) and Lapua (FI), BAE Systems UK, PGZ (PL), CSG/MSM (CZ, a gap), the US Army
 *   Scranton/Wilkes-Barre plants and GD-OTS Mesquite (US-01..09). Nameplates follow the claimed
 *   European capacity (claims of ≈0.3M rounds/yr in 2022, 1.0M in 2024 and 2.0M by the end of 2025,
 *   §2.14): the lines give 0.30M, 1.13M, then 1.73M by the end of 2025 and 1.95M by the end of 2027;
 *   ramp (LT-02) and efficiency 0.5 (EU-06) give effective output of about a third to a half of it.
 * - **Bill of materials**: ~10 kg HE fill (a gap, EN-10), one propellant charge (with ~7 kg
 *   nitrocellulose), one fuze, one primer per round (EN-09).
 * - **Suppliers** (12): Nitro-Chem TNT (PL, single source, EN-01/02), Chemring Nobel (NO, EN-03),
 *   US energetics, nitrocellulose (Europe aggregate, Radford), charges (Nitrochemie DE, Eurenco SE,
 *   GD-OTS Valleyfield CA — the US bottleneck, US-07), fuzes (Junghans DE, FU-06; US) and primers.
 * - **Ukraine**: 5,000 rounds/day (§2.14) scaled by a war-intensity multiplier drawn from 0.4–2.92
 *   (2,000–14,600/day, CO-01..08). Pledges: US drawdowns 2M (US-11), EU 1M rounds (PL-01), Czech
 *   initiative 2024 and 2025 (CZ-01..03), Kallas plan 2025 (PL-08).
 *
 * Lines opened during the horizon are exogenous (they happen in every strategy); strategies differ
 * through the extra capacity firms add under the investment rule.
 */
export const europe155mm: Scenario = deepFreeze({
  schemaVersion: 1,
  name: 'europe-155mm',
  description:
    'European and North American 155 mm ammunition from the 2022 invasion of Ukraine, ten years: 12 nations, ' +
    '10 round producers, 12 energetics and component suppliers, Ukraine with five aid pledges. Calibrated to ' +
    'public facts (calibration.md; IDs on every parameter); gaps (stocks, budgets per item, qualification time, ' +
    'TNT per round, supplier capacities) are ranges with confidence "gap". See docs/model/europe-155mm.md.',
  startDate: START,
  endDate: END,
  basePriceYear: 2023,
  // Assumptions (confidence L): approximate 2023 annual-average reference rates, EUR per unit.
  exchangeRatesToEur: {
    USD: 0.925,
    GBP: 1.15,
    NOK: 0.0876,
    SEK: 0.0871,
    PLN: 0.22,
    CZK: 0.0417,
  },
  items: [
    {
      id: ITEM,
      name: '155 mm HE artillery round (complete)',
      billOfMaterials: [
        {
          component: 'tnt',
          perRound: gap(
            pert(9, 10, 11),
            'TNT per HE projectile was not verified (EN-10); ~10–11 kg commonly cited for the M795.',
            ['EN-10'],
          ),
        },
        {
          component: 'propellant-charge',
          perRound: sourced(
            1,
            ['EN-09', 'US-07'],
            'H',
            'One charge set per round (EN-09); charges were the US bottleneck (US-07).',
          ),
        },
        { component: 'fuze', perRound: sourced(1, ['EN-09'], 'H', 'One fuze per round (EN-09).') },
        { component: 'primer', perRound: sourced(1, ['EN-09'], 'H', 'One primer per round (EN-09).') },
      ],
    },
  ],
  components: [
    { id: 'tnt', name: 'HE fill (TNT, or TNT-equivalent RDX/HMX/NTO/IMX)', unit: 'kg' },
    {
      id: 'propellant-charge',
      name: 'Propellant charge set (modular charges for one round)',
      unit: 'set',
      billOfMaterials: [
        {
          component: 'nitrocellulose',
          perUnit: gap(
            pert(4, 7, 12),
            'NC per charge set is not public: ~10 kg propellant per set, single/double-base ≈ 60–90% NC, triple-base less.',
            ['EN-04'],
          ),
        },
      ],
    },
    { id: 'fuze', name: 'Fuze', unit: 'unit' },
    { id: 'primer', name: 'Primer', unit: 'unit' },
    { id: 'nitrocellulose', name: 'Nitrocellulose', unit: 'kg' },
  ],
  nations,
  firms,
  suppliers,
  recipients: [
    {
      id: 'UA',
      name: 'Ukraine',
      initialRounds: [
        {
          item: ITEM,
          rounds: gap(
            pert(100_000, 300_000, 1_000_000),
            'Ukraine’s pre-war stock in 155 mm-equivalent (mostly 152 mm) is not public.',
          ),
        },
      ],
      consumption: [
        {
          item: ITEM,
          roundsPerDay: sourced(
            5000,
            ['CO-01', 'CO-02', 'CO-03', 'CO-05', 'CO-06', 'CO-07', 'CO-08'],
            'M',
            'Baseline 5,000/day 155 mm-equivalent (§2.14); the war-onset shock scales it to 2,000–14,600/day.',
          ),
          variability: gap(
            0.5,
            'Fire varies 5–7-fold within a year (calibration §5, CO-05); daily CV 0.5 assumed.',
            ['CO-05'],
          ),
        },
      ],
    },
  ],
  pledges,
  shocks: [
    {
      id: 'war-onset-ua',
      actors: ['UA'],
      item: ITEM,
      startDate: START,
      multiplier: sourced(
        pert(0.4, 1, 2.92),
        ['CO-01', 'CO-05', 'CO-06', 'CO-07'],
        'M',
        'War intensity relative to the 5,000/day baseline, drawn once per replication: 2,000–14,600/day (§2.14).',
      ),
    },
  ],
  procurement: {
    contractLengthMonths: sourced(
      tri(6, 24, 84),
      ['FI-06', 'PL-02'],
      'M',
      'Mode 24 months (EDA 2-year fast-track, PL-02); up to the 7-year EDA framework (PL-02) and 6-year FI-06.',
    ),
    awardDelayDays: gap(
      tri(30, 90, 200),
      'National award ~90 days is a gap; joint-procurement set-up ≈ 200 days (LT-12) is the upper end.',
      ['LT-12'],
    ),
    qualificationDelayDays: gap(
      pert(180, 365, 730),
      'No public qualification duration (LT-17); §2.14 suggests 12 months, range 6–24.',
      ['LT-17', 'JP-06'],
    ),
    qualificationCostEur: gap(
      pert(500_000, 2_000_000, 10_000_000),
      'Cost of qualifying a round to a national standard: not public.',
      ['LT-17'],
    ),
    transportDays: gap(tri(7, 14, 21), 'Depot-to-depot transport within Europe/North America: not public.'),
    minOrderShare: gap(
      0.05,
      'No public rule for top-up lots. 5 % of the target is 750–7,500 rounds for the European nations before the Vilnius targets of 2023-07-11, 3–10 months of their training use, and 2,000–15,000 rounds after, 7–16 months (US: 15 months): a few buys a year, not a new multi-year contract every month.',
      ['FI-06', 'PL-03'],
    ),
    deficitFirstShare: gap(
      1,
      "No public delivery schedules. Framework contracts are drawn down by call-offs (FI-06, PL-03), so a nation short of stock calls off its deficit at once and the firm's capacity, not an even schedule, paces the refill; 0 spreads every round over the contract, for sensitivity.",
      ['FI-06', 'PL-03'],
    ),
  },
});
