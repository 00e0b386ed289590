/**
 * Scenario data: everything a run needs, as plain JSON-safe data, so that a scenario crosses worker
 * threads and files unchanged. Units are in every field name; time is in days since `startDate`.
 *
 * Any numeric parameter typed {@link Param} may be a number, a distribution (drawn once per replication
 * from its own stream, so results can include input uncertainty), or a {@link Sourced} value carrying
 * the calibration fact IDs and confidence that travel into results.
 *
 * @module
 */
import type { DistributionSpec } from '../random/spec.js';

/** Confidence in a calibration fact: high, medium, low, or a gap in public data (an assumption). */
export type Confidence = 'H' | 'M' | 'L' | 'gap';

/**
 * A parameter with its provenance: `facts` are IDs from the calibration dataset (e.g. `FI-05`),
 * `confidence` the weakest confidence among them.
 *
 * @example
 * const buildLeadTimeDays: Sourced = { value: { type: 'triangular', min: 365, mode: 548, max: 1095 }, facts: ['LT-01', 'LT-04'], confidence: 'H' };
 */
export interface Sourced {
  /** The value, or a distribution to draw it from once per replication. */
  readonly value: number | DistributionSpec;
  /** Calibration fact IDs the value comes from. */
  readonly facts?: readonly string[];
  /** Confidence in the value. */
  readonly confidence?: Confidence;
  /** Why this value, in one sentence (derivations, ranges, caveats). */
  readonly note?: string;
}

/** A numeric scenario parameter: a number, a distribution drawn once per replication, or a sourced value. */
export type Param = number | DistributionSpec | Sourced;

/**
 * A quantity that changes over simulated time:
 * - a constant {@link Param};
 * - `{ steps }`: the value of the latest step whose `from` date has passed (before the first step: 0);
 * - `{ points }`: piecewise-linear between dated points, constant outside them;
 * - `{ expression }`: a mathjs expression in `t` (days since the scenario start), evaluated in a sandbox
 *   (only arithmetic, comparisons, conditionals and a whitelist of functions such as `min`, `max`, `exp`).
 */
export type Profile = Param | StepProfile | PointsProfile | ExpressionProfile;

/** A profile of dated steps: the value of the latest step whose `from` date has passed (0 before the first). */
export interface StepProfile {
  /** Steps in ascending date order. */
  readonly steps: readonly ProfileStep[];
}

/** One step of a {@link StepProfile}. */
export interface ProfileStep {
  /** First day of the step, `YYYY-MM-DD`. */
  readonly from: string;
  /** Value from that day on. */
  readonly value: Param;
}

/** A piecewise-linear profile between dated points, constant outside them. */
export interface PointsProfile {
  /** Points in ascending date order. */
  readonly points: readonly ProfilePoint[];
}

/** One point of a {@link PointsProfile}. */
export interface ProfilePoint {
  /** Date of the point, `YYYY-MM-DD`. */
  readonly date: string;
  /** Value at that date. */
  readonly value: Param;
}

/** A profile given as a sandboxed mathjs expression in `t`, days since the scenario start. */
export interface ExpressionProfile {
  /** The expression, e.g. `"5000 * (t < 365 ? 1 : 0.6)"`. */
  readonly expression: string;
}

/** Alliance and framework memberships that decide eligibility in the strategies. */
export type Membership = 'NATO' | 'EU' | 'PESCO' | 'PESCO-third-state' | 'EEA';

/** A munition type and its bill of materials. */
export interface ItemSpec {
  /** Stable id, e.g. `"155mm"`. */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  /** Components needed per complete round (e.g. 10.5 kg of TNT, 1 charge set, 1 fuze). */
  readonly billOfMaterials: readonly RoundInput[];
}

/** One line of an item's bill of materials. */
export interface RoundInput {
  /** Component id. */
  readonly component: string;
  /** Component units per complete round. */
  readonly perRound: Param;
}

/** One line of a component's own bill of materials. */
export interface ComponentInput {
  /** Component id of the input. */
  readonly component: string;
  /** Input units per unit of the component. */
  readonly perUnit: Param;
}

/** Which supplier provides a component to a firm or supplier. */
export interface InputSource {
  /** Component id. */
  readonly component: string;
  /** Supplier id. */
  readonly supplier: string;
}

/** An upstream input (energetics, fuzes, charges) with its unit. */
export interface ComponentSpec {
  /** Stable id, e.g. `"tnt"`. */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  /** Unit of quantity, e.g. `"kg"` or `"unit"`. */
  readonly unit: string;
  /** Inputs needed per unit of this component (e.g. nitrocellulose per charge); omit for raw inputs. */
  readonly billOfMaterials?: readonly ComponentInput[];
}

/** A random outage process: up-times and repair times, both exponential with these means. */
export interface OutageSpec {
  /** Mean days between the end of one outage and the start of the next. */
  readonly meanDaysBetween: Param;
  /** Mean days an outage lasts. */
  readonly meanDaysToRepair: Param;
}

/** A nation: buyer, stockholder and home of firms. */
export interface NationSpec {
  /** Stable id, ISO 3166 alpha-2 code by convention (e.g. `"DE"`). */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  /** Memberships deciding eligibility under the strategies. */
  readonly memberships: readonly Membership[];
  /** Qualification standard its forces use (rounds must be qualified to it), e.g. `"DE-155"`. */
  readonly qualificationStandard: string;
  /** Annual procurement appropriation for the modelled items, EUR at base-year prices, by budget year. */
  readonly budgetEurPerYear: Profile;
  /** First month (1–12) of the budget year; 1 means the calendar year. */
  readonly fiscalYearStartMonth?: number;
  /** What happens to money not committed by the end of a budget year. */
  readonly unspentBudget: 'rollover' | 'lapse';
  /** Stockpiles per item. */
  readonly stockpiles: readonly StockpileSpec[];
  /** Own consumption (training, operations) per item. */
  readonly consumption: readonly ConsumptionSpec[];
  /** Export-licence policy applied when its firms sell abroad. */
  readonly exportLicence: ExportLicenceSpec;
}

/** A nation's export-licence policy for sales abroad by its firms. */
export interface ExportLicenceSpec {
  /** Days from award to the licence decision. */
  readonly delayDays: Param;
  /** Probability that a licence is denied, 0–1. */
  readonly denialProbability: Param;
}

/** A nation's stockpile of one item. */
export interface StockpileSpec {
  /** Item id. */
  readonly item: string;
  /** Rounds held at the start. */
  readonly initialRounds: Param;
  /** Storage capacity in rounds. */
  readonly storageCapacityRounds: Param;
  /** Stock the nation procures towards. Must not exceed storage capacity. */
  readonly targetRounds: Profile;
  /** Safety level: below it, the nation orders urgently (and counts days below it). */
  readonly safetyRounds: Param;
}

/** Daily consumption of one item, with day-to-day variability. */
export interface ConsumptionSpec {
  /** Item id. */
  readonly item: string;
  /** Mean rounds per day over time. */
  readonly roundsPerDay: Profile;
  /**
   * Coefficient of variation of daily consumption (0 = deterministic). Daily draws are gamma-distributed
   * with this CV, or Poisson when the CV is `"poisson"`.
   */
  readonly variability: Param | 'poisson';
}

/** A production line within a firm. */
export interface LineSpec {
  /** Stable id, unique within the firm. */
  readonly id: string;
  /** Nameplate output in complete rounds per month at full ramp. */
  readonly nameplateRoundsPerMonth: Param;
  /** Date the line was commissioned (starts its ramp-up); omit for a line at full rate from the start. */
  readonly commissionedDate?: string;
}

/** Capacity-investment rule of a firm (calibration §4.1 item 3). */
export interface InvestmentSpec {
  /** Months of committed backlog the firm looks ahead when deciding to invest. */
  readonly horizonMonths: Param;
  /** Required return over capex, e.g. 0.15. */
  readonly hurdleRate: Param;
  /** Capital cost per round of annual capacity, EUR. */
  readonly capexEurPerAnnualRound: Param;
  /** Days from decision to commissioning. */
  readonly buildLeadTimeDays: Param;
  /** Size of one investment step, rounds per month at nameplate. */
  readonly moduleRoundsPerMonth: Param;
  /** Share of capex paid by public co-funding (ASAP-style), 0–1. */
  readonly publicCoFundingShare: Param;
}

/** A producer of complete rounds. */
export interface FirmSpec {
  /** Stable id, e.g. `"rheinmetall-unterluss"`. */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  /** Nation id of its home country (decides export licences). */
  readonly nation: string;
  /** State-run or private. */
  readonly ownership: 'state' | 'private';
  /** Item id it produces. */
  readonly item: string;
  /** Qualification standards its rounds are qualified to at the start. */
  readonly qualifiedStandards: readonly string[];
  /** Effective output as a share of nameplate (0–1]. */
  readonly efficiency: Param;
  /** Production lines at the start. */
  readonly lines: readonly LineSpec[];
  /** Share of nameplate reached in years 1, 2, 3… after commissioning (the last value holds). */
  readonly rampProfile: readonly number[];
  /** Suppliers of each component of the item's bill of materials. */
  readonly inputs: readonly InputSource[];
  /** Random plant outages, or `null`. */
  readonly outages: OutageSpec | null;
  /** Unit cost of the first round after `cumulativeRoundsAtStart`, EUR at base-year prices. */
  readonly unitCostEur: Param;
  /** Rounds produced before the start (position on the learning curve). */
  readonly cumulativeRoundsAtStart: Param;
  /** Cost reduction per doubling of cumulative output (Wright's law), e.g. 0.1. */
  readonly learningRate: Param;
  /** Price markup over unit cost when idle, e.g. 0.1. */
  readonly markupAtZeroUtilisation: Param;
  /** Price markup over unit cost at full utilisation, e.g. 0.6. */
  readonly markupAtFullUtilisation: Param;
  /** Capacity-investment rule. */
  readonly investment: InvestmentSpec;
}

/** An upstream supplier of one component. */
export interface SupplierSpec {
  /** Stable id, e.g. `"nitrochem"`. */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  /** Nation id. */
  readonly nation: string;
  /** Component id it supplies. */
  readonly component: string;
  /** Output in component units per month. */
  readonly capacityPerMonth: Profile;
  /** Component units in its warehouse at the start. */
  readonly initialStock: Param;
  /** Suppliers of the inputs in this component's own bill of materials. */
  readonly inputs?: readonly InputSource[];
  /** Random outages (single-source risk), or `null`. */
  readonly outages: OutageSpec | null;
}

/** A recipient of aid (e.g. Ukraine) with its own consumption. */
export interface RecipientSpec {
  /** Stable id, e.g. `"UA"`. */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  /** Rounds it holds at the start, per item. */
  readonly initialRounds: readonly RecipientStock[];
  /** Consumption per item. */
  readonly consumption: readonly ConsumptionSpec[];
}

/** Rounds of one item a recipient holds at the start. */
export interface RecipientStock {
  /** Item id. */
  readonly item: string;
  /** Rounds held. */
  readonly rounds: Param;
}

/** A donor nation's share of a pledge. */
export interface DonorShare {
  /** Nation id. */
  readonly nation: string;
  /** Share of the pledged quantity, in [0, 1] (the donors' shares sum to 1). */
  readonly share: number;
}

/** An aid pledge: a quantity to a recipient by a deadline, split among donors. */
export interface PledgeSpec {
  /** Stable id. */
  readonly id: string;
  /** Recipient id. */
  readonly recipient: string;
  /** Item id. */
  readonly item: string;
  /** Rounds pledged in total. */
  readonly quantityRounds: Param;
  /** Date the pledge is made. */
  readonly startDate: string;
  /** Date by which it should be met. */
  readonly deadlineDate: string;
  /** Share of the pledge each donor nation provides (shares sum to 1). */
  readonly donors: readonly DonorShare[];
  /** Share of each donor's part that may come from existing stock above its safety level (0–1). */
  readonly fromStockShare: Param;
}

/** A demand shock: consumption of an item multiplied over a period. */
export interface DemandShockSpec {
  /** Stable id. */
  readonly id: string;
  /** Nation or recipient ids affected. */
  readonly actors: readonly string[];
  /** Item id. */
  readonly item: string;
  /** First day of the shock. */
  readonly startDate: string;
  /** Last day of the shock (inclusive); omit for the rest of the horizon. */
  readonly endDate?: string;
  /** Factor applied to consumption during the shock. */
  readonly multiplier: Param;
}

/** Procurement parameters shared by all strategies (the brief's levers). */
export interface ProcurementSpec {
  /** Length of contracts placed at a review, months: the investment signal firms see. */
  readonly contractLengthMonths: Param;
  /** Days from the decision to buy to a signed contract. */
  readonly awardDelayDays: Param;
  /** Days to qualify a supplier new to a buyer's standard (a public-data gap, calibration LT-17). */
  readonly qualificationDelayDays: Param;
  /** One-off cost of qualifying a supplier to a standard, EUR. */
  readonly qualificationCostEur: Param;
  /** Days from a firm's shipment to arrival in the buyer's depot. */
  readonly transportDays: Param;
  /**
   * Smallest order worth a contract, as a share of the nation's stock target (0–1): a stock need smaller
   * than this waits for a later review, so top-ups come in lots instead of a new contract every month.
   * Pledge needs are not held back. @defaultValue 0.005
   */
  readonly minOrderShare?: Param;
  /**
   * Share (0–1) of a stock order's deficit that its contract makes deliverable at once, as a call-off
   * would: the deficit is what the buyers lack now (stock target + backorders − stock on hand, less what
   * their other orders of the day already cover), counted up to each buyer's part of the order, so a need
   * split among firms calls off the same share as one order; the rest of the order comes in equal monthly
   * tranches over the contract's length, and the firm's capacity limits both. 0 spreads every round evenly
   * over the contract, so a deficit takes the whole contract length to refill. Pledge orders, and orders
   * for a pooled stock or for any stock but a payer's own, keep the even schedule. @defaultValue 1
   */
  readonly deficitFirstShare?: Param;
  /**
   * The order in which a firm serves its active contracts: `'activation'`, first activated, first served
   * (a nation's called-off deficit signed before a pledge contract goes before it); or `'pledgesFirst'`,
   * contracts for pledges before all others, each group in order of activation, as priority ratings for
   * aid orders would (in the US, DPAS ratings put rated orders first). @defaultValue 'activation'
   */
  readonly productionOrder?: 'activation' | 'pledgesFirst';
}

/** A complete scenario. */
export interface Scenario {
  /** Version of this data format; currently 1. */
  readonly schemaVersion: 1;
  /** Display name. */
  readonly name: string;
  /** What the scenario represents, with its main sources. */
  readonly description?: string;
  /** First simulated day (UTC), `YYYY-MM-DD`; time 0 is its midnight. */
  readonly startDate: string;
  /** Last simulated day (exclusive), `YYYY-MM-DD`. */
  readonly endDate: string;
  /** Year whose prices all money is expressed in. */
  readonly basePriceYear: number;
  /**
   * Exchange rates to EUR (EUR per unit) used to convert the sources' amounts when the scenario was written:
   * a record for readers, not applied by the model, in which every amount is in EUR.
   */
  readonly exchangeRatesToEur?: Readonly<Record<string, number>>;
  /** Munition types. */
  readonly items: readonly ItemSpec[];
  /** Upstream inputs. */
  readonly components: readonly ComponentSpec[];
  /** Nations. */
  readonly nations: readonly NationSpec[];
  /** Producers of complete rounds. */
  readonly firms: readonly FirmSpec[];
  /** Upstream suppliers. */
  readonly suppliers: readonly SupplierSpec[];
  /** Aid recipients. */
  readonly recipients: readonly RecipientSpec[];
  /** Aid pledges. */
  readonly pledges: readonly PledgeSpec[];
  /** Demand shocks. */
  readonly shocks: readonly DemandShockSpec[];
  /** Shared procurement parameters. */
  readonly procurement: ProcurementSpec;
}
