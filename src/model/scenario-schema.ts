/**
 * The zod schema of a {@link Scenario}, and its JSON Schema for editors.
 *
 * The schema checks shapes, types, field ranges and distribution parameters; objects are strict (an
 * unknown field is an error that suggests the field a typo meant). Rules that span fields or entities
 * (references, dates within the horizon, stock below storage capacity, an acyclic bill of materials, …)
 * are checked by `validateScenario`; JSON Schema cannot express them, so they are written into the
 * descriptions here.
 *
 * @module
 */

import * as z from 'zod';
import {
  MAX_DAYS,
  MAX_MONTHS,
  MAX_QUANTITY,
  MAX_RATE,
  MAX_ROUNDS_PER_DAY,
  MAX_SHOCK_MULTIPLIER,
  MAX_UNITS_PER_UNIT,
  MAX_VARIABILITY,
  MIN_VARIABILITY,
} from './limits.js';
import {
  type Bounds,
  dateSchema,
  describeBounds,
  isDistribution,
  paramSchema,
  profileSchema,
} from './param-schema.js';
import type { Scenario } from './scenario.js';
import { strict } from './strict-object.js';

const SHARE: Bounds = { gte: 0, lte: 1 };
/**
 * Money (EUR) and quantities (rounds, component units), up to the sanity cap 1e15 (see limits.ts): a larger
 * value is a slip of unit or a placeholder for "no limit", which would overflow the model's exact sums or
 * turn stocks NaN deep inside a run. Expressions and the largest values of distributions are held to it too.
 * @internal
 */
export const QUANTITY: Bounds = { gte: 0, cap: MAX_QUANTITY };
/** {@link QUANTITY}, above 0. @internal */
export const POSITIVE_QUANTITY: Bounds = { gt: 0, cap: MAX_QUANTITY };
/**
 * At least one round: a pledge is counted in whole rounds (rounded when the run is built), and 1e-300 rounded
 * to 0 made its fulfilment (rounds delivered / rounds pledged) NaN.
 */
const AT_LEAST_A_ROUND: Bounds = { gte: 1, cap: MAX_QUANTITY };
/**
 * Rounds a day, up to 1e7 (see limits.ts): far lower than the cap of an order, so that the orders demand
 * under a shock asks for stay below it (`roundsPerDay: 1e15` failed placing an order mid-run).
 * @internal
 */
export const ROUNDS_PER_DAY: Bounds = { gte: 0, cap: MAX_ROUNDS_PER_DAY };
/** Delays in days, up to 100 years. */
const DAYS: Bounds = { gte: 0, cap: MAX_DAYS };
/** Mean days of an outage process, up to 100 years: 1e308, for "never", drew infinite delays mid-run. */
const MEAN_DAYS: Bounds = { gt: 0, cap: MAX_DAYS };
/**
 * Mean days between outages: {@link MEAN_DAYS}, and at least a day, since each outage is an event:
 * 1e-9 scheduled outages without end and the run never finished.
 */
const MEAN_DAYS_BETWEEN: Bounds = { gte: 1, cap: MAX_DAYS };
/** Units of an input per unit of output (a bill of materials), up to 1e6 (1e21 ran with no round made). */
const PER_UNIT: Bounds = { gt: 0, cap: MAX_UNITS_PER_UNIT };
/** Rates as fractions (hurdle rate, markups), up to 10 = 1000 % (1e308 made an exact sum NaN mid-run). */
const RATE: Bounds = { gte: 0, cap: MAX_RATE };
/** Shock multipliers, up to 1000 (1e12 failed the run placing an order past any plausible size). */
const MULTIPLIER: Bounds = { gte: 0, cap: MAX_SHOCK_MULTIPLIER };
/** Coefficients of variation of daily consumption, up to 100 (the floor above 0 is checked below). */
const VARIABILITY: Bounds = { gte: 0, cap: MAX_VARIABILITY };
/**
 * At least one month: contract lengths (deliveries come in monthly tranches, as `placeOrder` requires) and
 * the investment horizon (it counts those tranches, at monthly reviews: a shorter one held no tranche).
 */
const AT_LEAST_A_MONTH: Bounds = { gte: 1, cap: MAX_MONTHS };

/** A Param field: range in the description, after the field's own text. */
function param(bounds: Bounds, text: string) {
  return paramSchema(bounds).describe(
    `${text} A number ${describeBounds(bounds)}, a distribution whose every value is ${describeBounds(bounds)}, or a sourced value { value, facts, confidence }.`,
  );
}

function profile(bounds: Bounds, text: string) {
  return profileSchema(bounds).describe(
    `${text} A constant (number ${describeBounds(bounds)}, distribution or sourced value), { steps: [{ from, value }] }, { points: [{ date, value }] } (dates strictly increasing) or { expression } in t (days since the start).`,
  );
}

const id = (what: string) =>
  z.string().min(1).describe(`Stable id of this ${what}, unique among the ${what}s.`);
const ref = (what: string) =>
  z
    .string()
    .min(1)
    .describe(`Id of ${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what} defined in this scenario.`);
const name = z.string().describe('Display name.');

/** What an outage field's description, and so its fix, adds: how to say "no outages" (not with a huge mean). */
const NO_OUTAGES = 'For no outages, set outages to null instead of giving a huge mean.';

const outageSchema = strict({
  meanDaysBetween: param(
    MEAN_DAYS_BETWEEN,
    `Mean days between the end of one outage and the start of the next. ${NO_OUTAGES}`,
  ),
  meanDaysToRepair: param(MEAN_DAYS, `Mean days an outage lasts. ${NO_OUTAGES}`),
}).describe('A random outage process: up-times and repair times, both exponential with these means.');

/** A munition type and its bill of materials. @internal */
export const itemSchema = strict({
  id: id('item'),
  name,
  billOfMaterials: z
    .array(
      strict({
        component: ref('component'),
        perRound: param(PER_UNIT, 'Component units per complete round.'),
      }),
    )
    .readonly()
    .describe('Components per complete round; each component listed once.'),
}).describe('A munition type and its bill of materials.');

/** An upstream input and its own bill of materials. @internal */
export const componentSchema = strict({
  id: id('component'),
  name,
  unit: z.string().min(1).describe('Unit of quantity, e.g. "kg" or "unit".'),
  billOfMaterials: z
    .array(
      strict({
        component: ref('component'),
        perUnit: param(PER_UNIT, 'Input units per unit of this component.'),
      }),
    )
    .readonly()
    .exactOptional()
    .describe(
      'Inputs per unit of this component; omit for raw inputs. The component graph must be acyclic (no component may need itself, directly or indirectly).',
    ),
}).describe('An upstream input (energetics, fuzes, charges) with its unit.');

const stockpileSchema = strict({
  item: ref('item'),
  initialRounds: param(QUANTITY, 'Rounds held at the start; at most storageCapacityRounds.'),
  storageCapacityRounds: param(POSITIVE_QUANTITY, 'Storage capacity in rounds.'),
  targetRounds: profile(QUANTITY, 'Stock the nation procures towards; never above storageCapacityRounds.'),
  safetyRounds: param(
    QUANTITY,
    'Safety level: below it the nation orders urgently; at most storageCapacityRounds.',
  ),
}).describe('A stockpile of one item; one per item per nation.');

/** What a variability that is neither a coefficient of variation nor "poisson" must be. */
const VARIABILITY_EXPECTED =
  'must be a number >= 0 (coefficient of variation), a distribution or sourced value of one, or "poisson"';

/**
 * A consumption's variability: a coefficient of variation (a Param) or "poisson". "poisson" is a string
 * first, so that a number or a missing value is not reported as `must be "poisson"`, and a wrong string
 * reads {@link VARIABILITY_EXPECTED}. A given coefficient above 0 but below {@link MIN_VARIABILITY} is
 * refused: 1e-300 made the gamma shape 1/cv² Infinity and the stock NaN.
 */
const variabilitySchema = z
  .union(
    [
      paramSchema(VARIABILITY),
      z
        .string()
        .refine((v) => v === 'poisson', { error: VARIABILITY_EXPECTED })
        .pipe(z.literal('poisson')),
    ],
    { error: (issue) => (issue.code === 'invalid_union' ? VARIABILITY_EXPECTED : undefined) },
  )
  .check((ctx) => {
    const value = ctx.value;
    if (value === 'poisson' || isDistribution(value)) return;
    // A number, or a sourced value { value, … }: a distribution's draws below the floor count as 0 (demand.ts).
    const cv = typeof value === 'number' ? value : value.value;
    const path = typeof value === 'number' ? [] : ['value'];
    if (typeof cv === 'number' && cv > 0 && cv < MIN_VARIABILITY) {
      ctx.issues.push({
        code: 'custom',
        message: `must be 0 or at least ${MIN_VARIABILITY} (got ${cv}): a coefficient of variation this small is no variability`,
        path,
        params: { fix: 'Use 0 for deterministic consumption.' },
        input: cv,
        continue: true,
      });
    }
  });

const consumptionSchema = strict({
  item: ref('item'),
  roundsPerDay: profile(ROUNDS_PER_DAY, 'Mean rounds consumed per day over time.'),
  variability: variabilitySchema.describe(
    `Coefficient of variation of daily consumption (0 = deterministic, else at least ${MIN_VARIABILITY}; a smaller value drawn from a distribution counts as 0), or "poisson".`,
  ),
}).describe(
  'Daily consumption of one item; one per item per actor. A nation must hold a stockpile of the item.',
);

/** A nation: buyer, stockholder and home of firms. @internal */
export const nationSchema = strict({
  id: id('nation').describe(
    'Stable id, ISO 3166 alpha-2 by convention (e.g. "DE"); unique among nations and recipients.',
  ),
  name,
  memberships: z
    .array(z.enum(['NATO', 'EU', 'PESCO', 'PESCO-third-state', 'EEA']))
    .readonly()
    .describe('Alliance and framework memberships.'),
  qualificationStandard: z.string().min(1).describe('Qualification standard its forces use, e.g. "DE-155".'),
  budgetEurPerYear: profile(QUANTITY, 'Annual procurement appropriation, EUR at base-year prices.'),
  fiscalYearStartMonth: z
    .number()
    .int()
    .gte(1)
    .lte(12)
    .exactOptional()
    .describe('First month (integer 1–12) of the budget year; 1 (the default) means the calendar year.'),
  unspentBudget: z.enum(['rollover', 'lapse']).describe('What happens to money not committed by year end.'),
  stockpiles: z.array(stockpileSchema).readonly().describe('Stockpiles, one per item.'),
  consumption: z.array(consumptionSchema).readonly().describe('Own consumption, one entry per item.'),
  exportLicence: strict({
    delayDays: param(DAYS, 'Days to grant an export licence.'),
    denialProbability: param(SHARE, 'Probability that a licence is denied.'),
  }).describe('Export-licence policy applied when its firms sell abroad.'),
}).describe('A nation: buyer, stockholder and home of firms.');

const lineSchema = strict({
  id: z.string().min(1).describe('Stable id, unique within the firm.'),
  nameplateRoundsPerMonth: param(
    POSITIVE_QUANTITY,
    'Nameplate output in complete rounds per month at full ramp.',
  ),
  commissionedDate: dateSchema
    .exactOptional()
    .describe(
      'Date the line was commissioned (starts its ramp-up), YYYY-MM-DD before the scenario endDate (it may precede the startDate); omit for a line at full rate from the start.',
    ),
}).describe('A production line within a firm.');

const inputSchema = strict({
  component: ref('component'),
  supplier: ref('supplier').describe('Id of a supplier of exactly this component.'),
});

const investmentSchema = strict({
  horizonMonths: param(
    AT_LEAST_A_MONTH,
    'Months of committed backlog the firm looks ahead when deciding to invest; at least one, since the backlog comes due in monthly tranches.',
  ),
  hurdleRate: param(RATE, 'Required return over capex, e.g. 0.15.'),
  capexEurPerAnnualRound: param(QUANTITY, 'Capital cost per round of annual capacity, EUR.'),
  buildLeadTimeDays: param(DAYS, 'Days from decision to commissioning.'),
  moduleRoundsPerMonth: param(
    POSITIVE_QUANTITY,
    'Size of one investment step, rounds per month at nameplate.',
  ),
  publicCoFundingShare: param(SHARE, 'Share of capex paid by public co-funding.'),
}).describe('Capacity-investment rule of a firm.');

/** A producer of complete rounds. @internal */
export const firmSchema = strict({
  id: id('firm'),
  name,
  nation: ref('nation').describe('Id of its home nation (decides export licences).'),
  ownership: z.enum(['state', 'private']).describe('State-run or private.'),
  item: ref('item').describe('Id of the item it produces; some nation must hold a stockpile of it.'),
  qualifiedStandards: z
    .array(z.string().min(1))
    .readonly()
    .describe('Standards its rounds are qualified to.'),
  efficiency: param({ gt: 0, lte: 1 }, 'Effective output as a share of nameplate.'),
  lines: z.array(lineSchema).min(1).readonly().describe('Production lines at the start (ids unique).'),
  rampProfile: z
    .array(z.number().gt(0).lte(1))
    .min(1)
    .readonly()
    .check((ctx) => {
      const ramp = ctx.value;
      for (let i = 1; i < ramp.length; i++) {
        if (ramp[i]! < ramp[i - 1]!) {
          ctx.issues.push({
            code: 'custom',
            message: `ramp profile must not decrease (${ramp[i]} follows ${ramp[i - 1]})`,
            path: [i],
            params: { fix: 'List the share of nameplate reached in years 1, 2, 3… in non-decreasing order.' },
            input: ramp[i],
            continue: true,
          });
        }
      }
      const last = ramp[ramp.length - 1];
      if (last !== undefined && last !== 1) {
        ctx.issues.push({
          code: 'custom',
          message: `ramp profile must end at 1, full nameplate (got ${last})`,
          path: [ramp.length - 1],
          params: { fix: 'End the profile with 1; the last value holds for later years.' },
          input: last,
          continue: true,
        });
      }
    })
    .describe(
      'Share of nameplate reached in years 1, 2, 3… after commissioning, each in (0, 1], non-decreasing, ending at 1 (the last value holds).',
    ),
  inputs: z
    .array(inputSchema)
    .readonly()
    .describe(
      "Suppliers of each component of the item's bill of materials: every BOM component needs at least one input, and each supplier must supply that component.",
    ),
  outages: outageSchema.nullable().describe('Random plant outages, or null.'),
  unitCostEur: param(
    POSITIVE_QUANTITY,
    'Unit cost of the first round after cumulativeRoundsAtStart, EUR at base-year prices.',
  ),
  cumulativeRoundsAtStart: param(
    QUANTITY,
    'Rounds produced before the start (position on the learning curve).',
  ),
  learningRate: param(
    { gte: 0, lt: 1 },
    "Cost reduction per doubling of cumulative output (Wright's law), e.g. 0.1.",
  ),
  markupAtZeroUtilisation: param(RATE, 'Price markup over unit cost when idle, e.g. 0.1.'),
  markupAtFullUtilisation: param(
    RATE,
    'Price markup over unit cost at full utilisation, e.g. 0.6; not below markupAtZeroUtilisation.',
  ),
  investment: investmentSchema,
}).describe('A producer of complete rounds.');

/** An upstream supplier of one component. @internal */
export const supplierSchema = strict({
  id: id('supplier'),
  name,
  nation: ref('nation'),
  component: ref('component').describe('Id of the component it supplies.'),
  capacityPerMonth: profile(POSITIVE_QUANTITY, 'Output in component units per month.'),
  initialStock: param(QUANTITY, 'Component units in its warehouse at the start.'),
  inputs: z
    .array(inputSchema)
    .readonly()
    .exactOptional()
    .describe(
      "Suppliers of the inputs in this component's own bill of materials; required exactly when it has one.",
    ),
  outages: outageSchema.nullable().describe('Random outages (single-source risk), or null.'),
}).describe('An upstream supplier of one component.');

/** An aid recipient. @internal */
export const recipientSchema = strict({
  id: id('recipient').describe('Stable id, e.g. "UA"; unique among nations and recipients.'),
  name,
  initialRounds: z
    .array(strict({ item: ref('item'), rounds: param(QUANTITY, 'Rounds held at the start.') }))
    .readonly()
    .describe('Rounds it holds at the start, one entry per item.'),
  consumption: z.array(consumptionSchema).readonly().describe('Consumption, one entry per item.'),
}).describe('A recipient of aid with its own consumption.');

/** An aid pledge. @internal */
export const pledgeSchema = strict({
  id: id('pledge'),
  recipient: ref('recipient'),
  item: ref('item'),
  quantityRounds: param(AT_LEAST_A_ROUND, 'Rounds pledged in total, at least one.'),
  startDate: dateSchema.describe('Date the pledge is made, within [scenario startDate, endDate).'),
  deadlineDate: dateSchema.describe(
    'Date by which it should be met: after startDate and before the scenario endDate.',
  ),
  donors: z
    .array(
      strict({
        nation: ref('nation'),
        share: z.number().gte(0).lte(1).describe('Share of the pledge this donor provides, in [0, 1].'),
      }),
    )
    .min(1)
    .readonly()
    .describe('Donor nations (each once) and their shares; shares sum to 1 (±1e-9).'),
  fromStockShare: param(SHARE, "Share of each donor's part that may come from stock above its safety level."),
}).describe('An aid pledge: a quantity to a recipient by a deadline, split among donors.');

/** A demand shock. @internal */
export const shockSchema = strict({
  id: id('shock'),
  actors: z.array(ref('nation or recipient')).min(1).readonly().describe('Nation or recipient ids affected.'),
  item: ref('item'),
  startDate: dateSchema.describe('First day of the shock, within [scenario startDate, endDate).'),
  endDate: dateSchema
    .exactOptional()
    .describe(
      'Last day of the shock (inclusive), not before its startDate and before the scenario endDate; omit for the rest of the horizon.',
    ),
  multiplier: param(MULTIPLIER, 'Factor applied to consumption during the shock.'),
}).describe('A demand shock: consumption of an item multiplied over a period.');

/** Procurement parameters shared by all strategies. @internal */
export const procurementSchema = strict({
  contractLengthMonths: param(AT_LEAST_A_MONTH, 'Length of contracts placed at a review, months.'),
  awardDelayDays: param(DAYS, 'Days from the decision to buy to a signed contract.'),
  qualificationDelayDays: param(DAYS, "Days to qualify a supplier new to a buyer's standard."),
  qualificationCostEur: param(QUANTITY, 'One-off cost of qualifying a supplier to a standard, EUR.'),
  transportDays: param(DAYS, "Days from a firm's shipment to arrival in the buyer's depot."),
  minOrderShare: param(
    SHARE,
    "Smallest order worth a contract, as a share of the nation's stock target: a smaller need waits for a later review. Omit for 0.005.",
  ).exactOptional(),
  deficitFirstShare: param(
    SHARE,
    "Share of a stock order's deficit (target + backorders - stock on hand) deliverable at once, the rest in monthly tranches over the contract; 0 spreads every round evenly. Omit for 1.",
  ).exactOptional(),
  productionOrder: z
    .enum(['activation', 'pledgesFirst'])
    .exactOptional()
    .describe(
      "Order in which a firm serves its active contracts: 'activation' (first activated, first served) or 'pledgesFirst' (contracts for pledges first, each group by activation). Omit for 'activation'.",
    ),
}).describe('Procurement parameters shared by all strategies.');

/** Rules `validateScenario` checks beyond the JSON Schema (which cannot express them). */
export const crossFieldRules: readonly string[] = Object.freeze([
  'schemaVersion is 1.',
  `endDate is after startDate, by at most ${MAX_DAYS} days (100 years); every other date lies within [startDate, endDate) (a line may be commissioned before startDate; a pledge deadline follows its startDate; a shock ends on or after its start).`,
  'Ids are unique within each collection (nations and recipients share one namespace; line ids within a firm).',
  'Every reference resolves: firm nation/item/inputs, supplier nation/component/inputs, bill-of-materials components, stockpile/consumption/initial-rounds items, pledge recipient/item/donors, shock actors/item.',
  "A firm's inputs cover its item's bill of materials and name suppliers of that very component; a supplier's inputs cover its component's bill of materials.",
  'The component bill-of-materials graph is acyclic.',
  'Per nation, at most one stockpile and one consumption entry per item; a nation consumes only items it stocks; an item a firm makes is stocked by some nation.',
  'initialRounds, safetyRounds and the largest targetRounds are at most storageCapacityRounds (compared by their largest values where a distribution has an obvious maximum).',
  'markupAtZeroUtilisation is not above markupAtFullUtilisation.',
  'Pledge donors are distinct and their shares sum to 1 (±1e-9).',
  "Profile step dates lie before endDate; expressions give finite values in the field's range on every day of the horizon.",
]);

/**
 * The scenario schema with its full inferred type (checked against {@link Scenario} in the tests).
 *
 * @internal
 */
export const scenarioObjectSchema = strict({
  schemaVersion: z.literal(1).describe('Version of this data format; this dibsim reads version 1.'),
  name: z.string().min(1).describe('Display name.'),
  description: z.string().exactOptional().describe('What the scenario represents, with its main sources.'),
  startDate: dateSchema.describe('First simulated day (UTC), YYYY-MM-DD; time 0 is its midnight.'),
  endDate: dateSchema.describe(
    `Last simulated day (exclusive), YYYY-MM-DD, after startDate and at most ${MAX_DAYS} days (100 years) after it.`,
  ),
  basePriceYear: z
    .number()
    .int()
    .gte(1900)
    .lte(2200)
    .describe('Year whose prices all money is expressed in.'),
  exchangeRatesToEur: z
    .record(
      z.string().regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 code such as "USD"' }),
      z.number().gt(0),
    )
    .exactOptional()
    .describe(
      'Exchange rates to EUR (EUR per unit, > 0), keyed by ISO 4217 code, e.g. { "USD": 0.92 }: the rates used to convert the sources\' amounts, recorded for readers; the model does not apply them (every amount is in EUR).',
    ),
  items: z.array(itemSchema).min(1).readonly().describe('A list of munition types (at least one).'),
  components: z
    .array(componentSchema)
    .readonly()
    .describe('A list of upstream inputs (explosives, propellant charges, fuzes).'),
  nations: z
    .array(nationSchema)
    .min(1)
    .readonly()
    .describe('A list of the nations that buy, stock and consume munitions (at least one).'),
  firms: z.array(firmSchema).readonly().describe('A list of the producers of complete rounds.'),
  suppliers: z.array(supplierSchema).readonly().describe('A list of the upstream suppliers of components.'),
  recipients: z.array(recipientSchema).readonly().describe('A list of aid recipients.'),
  pledges: z.array(pledgeSchema).readonly().describe('A list of aid pledges.'),
  shocks: z.array(shockSchema).readonly().describe('A list of demand shocks.'),
  procurement: procurementSchema,
}).describe(
  `A dibsim scenario (schemaVersion 1): plain data, units in field names, time in days since startDate. Besides this schema, validateScenario checks: ${crossFieldRules.join(' ')}`,
);

/**
 * Schema of a complete {@link Scenario}, for zod users: `scenarioSchema.safeParse(data)` checks shapes,
 * types, ranges and distribution parameters, but not the cross-field rules; use `validateScenario` for
 * every rule, with paths, messages and fixes.
 */
export const scenarioSchema: z.ZodType<Scenario> = scenarioObjectSchema;

/**
 * Where fixes send readers for the shape of a scenario: users of the command line and of the library
 * read the same messages. @internal
 */
export const SCHEMA_REFERENCE = 'the JSON Schema (`dibsim schema`, or scenarioJsonSchema() in code)';
