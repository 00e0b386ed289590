/**
 * Human labels, units and number formats for KPI and series keys, derived from the key's shape so that
 * keys added later (new KPIs, per-firm series) still get a sensible label.
 *
 * @module
 */
import type { Scenario } from '../model/scenario.js';

/** How to show one quantity. */
export interface Quantity {
  /** Label without unit, e.g. `Stockpile, Germany`. */
  readonly label: string;
  /** Unit, e.g. `rounds`, `EUR`, `share` (a fraction 0–1 shown as a percentage). */
  readonly unit: string;
  /**
   * d3-format specifier for chart axes without a precision (`,f` with thousands separators, or `%`), so that
   * Vega picks the precision from the tick step and close ticks never share a label.
   */
  readonly format: string;
  /** Factor from the unit to the chart's unit (e.g. 1e-6 to show EUR in millions). */
  readonly chartScale: number;
  /** Unit on chart axes, e.g. `million EUR` or `%`. */
  readonly chartUnit: string;
}

/** Label and unit of the last segment of a key (the measure), before the subject is added. */
const MEASURES: Readonly<Record<string, readonly [string, string]>> = {
  fillRate: ['Fill rate', 'share'],
  unmetDemandRounds: ['Unmet demand, nations and recipients', 'rounds'],
  recipientUnmetRounds: ['Unmet demand, recipients', 'rounds'],
  averageUnitCostEur: ['Average price paid', 'EUR/round'],
  totalSpendEur: ['Total spend', 'EUR'],
  capacityAddedRoundsPerMonth: ['Capacity added', 'rounds/month'],
  capacityUsed: ['Capacity used', 'share'],
  capacityIdleForInputs: ['Capacity idle for want of inputs', 'share'],
  deliveredRounds: ['Rounds delivered', 'rounds'],
  daysOfSupply: ['Days of supply', 'days'],
  backorderRounds: ['Backorders', 'rounds'],
  spentEur: ['Spend', 'EUR'],
  overheadEur: ['Qualification and overhead cost', 'EUR'],
  fulfilmentByDeadline: ['Share delivered by the deadline', 'share'],
  capacityPerMonth: ['Production capacity', 'rounds/month'],
  stockRounds: ['Stockpile', 'rounds'],
  pooledStockRounds: ['Pooled stock (pooling agency)', 'rounds'],
  'timeToTarget.reached': ['Stock target reached', 'share'],
  'timeToTarget.day': ['Days to stock target', 'days'],
  timeToTarget: ['Stock target reached', 'date'],
  'met.reached': ['Pledge met', 'share'],
  'met.day': ['Days to pledge met', 'days'],
  met: ['Pledge met', 'date'],
};

/** Chart format, scale and unit per unit, where they differ from `,f`, 1 and the unit itself. */
const CHART: Readonly<Record<string, { format: string; chartScale: number; chartUnit: string }>> = {
  share: { format: '%', chartScale: 1, chartUnit: '%' },
  EUR: { format: ',f', chartScale: 1e-6, chartUnit: 'million EUR' },
  'EUR/round': { format: ',f', chartScale: 1, chartUnit: 'EUR/round' },
};

/** Unit guessed from a measure's name, for keys not in the table above. */
function unitOf(measure: string): string {
  if (/Eur$/.test(measure)) return 'EUR';
  if (/PerMonth$/.test(measure)) return 'rounds/month';
  if (/Rounds$/.test(measure)) return 'rounds';
  if (/(Days|\.day)$/.test(measure)) return 'days';
  if (/(Rate|Share|\.reached)$/.test(measure)) return 'share';
  return '';
}

/** `camelCase.words` → `Camel case words`. */
function words(measure: string): string {
  const text = measure
    .replace(/\./g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Label, unit and format of a KPI or series key: `fillRate`, `nations.DE.stockRounds`,
 * `pledges.eu-1m.met.day`, `firms.<id>.capacityPerMonth`, … Subjects are named from the scenario.
 */
export function describeKey(key: string, scenario: Scenario): Quantity {
  const m = /^(nations|pledges|firms|recipients|suppliers)\.([^.]+)\.(.+)$/.exec(key);
  const measure = m?.[3] ?? key;
  const known = MEASURES[measure];
  const unit = known?.[1] ?? unitOf(measure);
  let label = known?.[0] ?? words(measure);
  if (m !== null) label = `${label}, ${subjectName(m[1]!, m[2]!, scenario)}`;
  return { label, unit, ...(CHART[unit] ?? { format: ',f', chartScale: 1, chartUnit: unit }) };
}

/**
 * Unit of a difference of two values shown in `unit`: a difference of percentages is in percentage points
 * (`pp`), any other unit stays. One rule for the terminal tables, the report's tables and its charts.
 */
export function differenceUnit(unit: string): string {
  return unit === '%' ? 'pp' : unit;
}

/**
 * How to chart a difference of two values of `q` (paired differences, tornado changes): a difference of
 * percentages on an axis in percentage points ({@link differenceUnit}), plain numbers rather than `%` ticks.
 */
export function differenceOf(q: Quantity): Quantity {
  const chartUnit = differenceUnit(q.chartUnit);
  if (chartUnit === q.chartUnit) return q;
  // The `%` format multiplies by 100 itself; points are that number without the sign.
  return { ...q, format: ',f', chartScale: 100 * q.chartScale, chartUnit };
}

/** Display name of an entity of the scenario, falling back to its id. */
export function subjectName(kind: string, id: string, scenario: Scenario): string {
  const lists: Readonly<Record<string, readonly { id: string; name?: string }[]>> = {
    nations: scenario.nations,
    pledges: scenario.pledges,
    firms: scenario.firms,
    recipients: scenario.recipients,
    suppliers: scenario.suppliers,
  };
  const found = lists[kind]?.find((e) => e.id === id);
  return found?.name ?? (kind === 'pledges' ? pledgeLabel(id) : id);
}

/**
 * A pledge named by its id in running text: `pledge eu-1m`, but `pledge-2024` as it is, so that an id
 * that already says "pledge" is not read "pledge pledge-2024".
 */
export function pledgeLabel(id: string): string {
  return /^pledge(?![a-z])/i.test(id) ? id : `pledge ${id}`;
}

/** Axis title: the label with its chart unit in parentheses. */
export function axisTitle(q: Quantity): string {
  return q.chartUnit === '' ? q.label : `${q.label} (${q.chartUnit})`;
}

/** `1 replication`, `3 replications`: a count with its noun in the right number. */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
