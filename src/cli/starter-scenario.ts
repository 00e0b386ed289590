/**
 * The commented starter scenario `dibsim init` writes: two allies in PESCO, one firm each, shared
 * suppliers, an aid pledge and a demand shock, with every field explained. Illustrative numbers only.
 *
 * @module
 */

import { shellQuote } from './command-line.js';

/**
 * YAML text of the starter scenario written to `file` (validated by the CLI tests): its header's commands
 * name the file as the user named it.
 */
export function starterScenario(file: string): string {
  const name = shellQuote(file);
  return STARTER_SCENARIO.replaceAll('FILE', name.padEnd(FILE_COLUMN));
}

/** Width of the header's file names, so that their comments line up. */
const FILE_COLUMN = 'scenario.yaml     '.length;

/** The starter scenario with FILE for the file's name. */
const STARTER_SCENARIO = `# dibsim starter scenario: edit the numbers, then run
#   dibsim validate FILE every problem at once, with the field and the fix
#   dibsim compare FILE  national-only vs bilateral vs pooled procurement
#
# For completion and checks in your editor: dibsim schema > scenario.schema.json
# yaml-language-server: $schema=./scenario.schema.json
#
# Units are in every field name (Rounds, Eur, Days, PerMonth). Dates are UTC days, "YYYY-MM-DD".
# Any numeric parameter may also be a distribution, drawn once per replication from its own stream:
#   initialRounds: { type: pert, min: 40000, mode: 60000, max: 90000 }
# or a sourced value that carries calibration facts and a confidence (H, M, L or gap) into results:
#   efficiency: { value: 0.5, facts: [EU-06], confidence: M, note: Why this value. }
# The numbers below are illustrative, not estimates of any real nation or firm.

schemaVersion: 1
name: starter
description: Two allies rebuild 155 mm stocks while meeting an aid pledge (illustrative numbers).
startDate: "2024-01-01"   # day 0
endDate: "2030-01-01"     # exclusive: six simulated years
basePriceYear: 2024       # all money is in EUR at this year's prices

# Munition types and what one complete round needs.
items:
  - id: 155mm
    name: 155 mm artillery round
    billOfMaterials:
      - { component: tnt, perRound: 10 }   # kg of explosive per round
      - { component: fuze, perRound: 1 }

# Upstream inputs (units as named here).
components:
  - { id: tnt, name: TNT, unit: kg }
  - { id: fuze, name: Fuze, unit: unit }

nations:
  - id: AA                        # ISO-style code; referenced by firms, suppliers, pledges
    name: Alpha
    memberships: [NATO, EU, PESCO] # decides eligibility under bilateral and pooled procurement
    qualificationStandard: AA-155  # rounds must be qualified to it (or pay qualificationCost/Delay)
    budgetEurPerYear: 400000000    # yearly money for these items; may be a profile (see BB below)
    unspentBudget: rollover        # or lapse: money not committed by year end is lost
    stockpiles:
      - item: 155mm
        initialRounds: { type: pert, min: 40000, mode: 60000, max: 90000 }  # stocks are not public
        storageCapacityRounds: 300000
        targetRounds: 150000      # the nation buys towards this stock (≤ storage capacity)
        safetyRounds: 20000       # below it, orders are urgent
    consumption:
      - { item: 155mm, roundsPerDay: 120, variability: 0.3 }  # variability: coefficient of variation of daily use
    exportLicence: { delayDays: 90, denialProbability: 0.02 } # applied when Alpha's firms sell abroad

  - id: BB
    name: Bravo
    memberships: [NATO, EU, PESCO]
    qualificationStandard: BB-155
    budgetEurPerYear:              # a step profile: the latest step whose date has passed
      steps:
        - { from: "2024-01-01", value: 250000000 }
        - { from: "2026-01-01", value: 350000000 }
    unspentBudget: lapse
    stockpiles:
      - item: 155mm
        initialRounds: 30000
        storageCapacityRounds: 200000
        targetRounds: 100000
        safetyRounds: 10000
    consumption:
      - { item: 155mm, roundsPerDay: 80, variability: 0.3 }
    exportLicence: { delayDays: 120, denialProbability: 0.05 }

# Producers of complete rounds.
firms:
  - id: alpha-munitions
    name: Alpha Munitions
    nation: AA                      # home country: its export licences apply
    ownership: private              # or state
    item: 155mm
    qualifiedStandards: [AA-155]    # standards it is qualified to at the start
    efficiency: 0.5                 # effective output as a share of nameplate
    lines:
      - { id: line-1, nameplateRoundsPerMonth: 12000 }
    rampProfile: [0.07, 0.4, 1]     # share of nameplate in years 1, 2, 3… after a line is commissioned
    inputs:                         # which supplier provides each component of the bill of materials
      - { component: tnt, supplier: tnt-works }
      - { component: fuze, supplier: fuze-works }
    outages: { meanDaysBetween: 365, meanDaysToRepair: 14 }  # or null for none
    unitCostEur: 3200               # cost of the next round, before learning
    cumulativeRoundsAtStart: 500000 # position on the learning curve
    learningRate: 0.1               # cost falls 10 % per doubling of cumulative output
    markupAtZeroUtilisation: 0.1    # price = cost × (1 + markup), the markup rising with utilisation
    markupAtFullUtilisation: 0.5
    investment:                     # when committed orders justify a new module of capacity
      horizonMonths: 24             # backlog the firm looks ahead
      hurdleRate: 0.15
      capexEurPerAnnualRound: 1400
      buildLeadTimeDays: 548        # decision to commissioning
      moduleRoundsPerMonth: 5000
      publicCoFundingShare: 0.35    # share of capex paid by public co-funding

  - id: bravo-arsenal
    name: Bravo State Arsenal
    nation: BB
    ownership: state
    item: 155mm
    qualifiedStandards: [BB-155]
    efficiency: 0.4
    lines:
      - { id: line-1, nameplateRoundsPerMonth: 5000 }
    rampProfile: [0.07, 0.4, 1]
    inputs:
      - { component: tnt, supplier: tnt-works }
      - { component: fuze, supplier: fuze-works }
    outages: null
    unitCostEur: 3600
    cumulativeRoundsAtStart: 200000
    learningRate: 0.1
    markupAtZeroUtilisation: 0.05
    markupAtFullUtilisation: 0.3
    investment:
      horizonMonths: 24
      hurdleRate: 0.1
      capexEurPerAnnualRound: 2000
      buildLeadTimeDays: 730
      moduleRoundsPerMonth: 3000
      publicCoFundingShare: 0

# Upstream suppliers of components (single sources are a bottleneck risk).
suppliers:
  - id: tnt-works
    name: TNT Works
    nation: AA
    component: tnt
    capacityPerMonth: 200000        # component units per month; may be a profile
    initialStock: 100000
    outages: { meanDaysBetween: 500, meanDaysToRepair: 30 }
  - id: fuze-works
    name: Fuze Works
    nation: BB
    component: fuze
    capacityPerMonth: 30000
    initialStock: 20000
    outages: null

# Aid recipients with their own consumption.
recipients:
  - id: UA
    name: Recipient
    initialRounds: [{ item: 155mm, rounds: 20000 }]
    consumption:
      - item: 155mm
        roundsPerDay: { expression: "t < 365 ? 1500 : 1000" }  # an expression in t, days since startDate
        variability: 0.5

# Aid pledges: a quantity by a deadline, split among donors.
pledges:
  - id: pledge-2024
    recipient: UA
    item: 155mm
    quantityRounds: 150000
    startDate: "2024-03-01"
    deadlineDate: "2025-03-31"
    donors: [{ nation: AA, share: 0.6 }, { nation: BB, share: 0.4 }]  # shares sum to 1
    fromStockShare: 0.3             # share that may come from stock above the safety level

# Demand shocks: consumption multiplied over a period.
shocks:
  - id: exercise-2026
    actors: [AA, BB]
    item: 155mm
    startDate: "2026-05-01"
    endDate: "2026-08-31"           # inclusive; omit for the rest of the horizon
    multiplier: 2

# Procurement parameters shared by every strategy (the usual sweep levers).
procurement:
  contractLengthMonths: 24          # the investment signal firms see
  awardDelayDays: 90                # decision to signed contract
  qualificationDelayDays: { type: pert, min: 180, mode: 365, max: 730 }  # qualifying a firm new to a standard
  qualificationCostEur: 2000000
  transportDays: 14
`;
