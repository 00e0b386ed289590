/**
 * Cross-field rules on quantities: stock against storage capacity, markups in order, donor shares that
 * add up, and time profiles over the horizon (step dates, expression values).
 *
 * @module
 * @internal
 */

import { max as maxOf } from 'd3-array';
import { dateOf, parseDate } from './dates.js';
import { compileExpression, validateExpression } from './expression.js';
import { formatCap, IMPLAUSIBLE, MAX_DAYS } from './limits.js';
import { SHARE_SUM_TOLERANCE } from './order-request.js';
import { type Bounds, describeBounds, isDistribution, supportOf } from './param-schema.js';
import type { Param, Profile } from './scenario.js';
import { POSITIVE_QUANTITY, QUANTITY, ROUNDS_PER_DAY } from './scenario-schema.js';
import { each, formatPath, type PathSegments, q, type RawIssue, type ScenarioView } from './validate-view.js';

/** The largest value a Param can take, when it is obvious (a number, or a distribution with a finite maximum). */
export function paramMax(param: Param): number | undefined {
  if (typeof param === 'number') return param;
  const value = isDistribution(param) ? param : param.value;
  if (typeof value === 'number') return value;
  const { max } = supportOf(value);
  return Number.isFinite(max) ? max : undefined;
}

/** A plain number, or a sourced plain number; `undefined` for distributions. */
function plainNumber(param: Param): number | undefined {
  if (typeof param === 'number') return param;
  return !isDistribution(param) && typeof param.value === 'number' ? param.value : undefined;
}

/** How a Param's maximum reads in a message: `250000` or `up to 250000 (uniform)`. */
function describeMax(param: Param, max: number): string {
  return plainNumber(param) === undefined ? `up to ${max}` : String(max);
}

/** Evaluates an expression profile on each whole day of the horizon; returns its values, or issues. */
function evaluateDaily(
  source: string,
  path: PathSegments,
  days: number,
  startDate: string,
  bounds: Bounds,
  out: RawIssue[],
): number[] | undefined {
  if (validateExpression(source, '').length > 0) return undefined; // reported by the schema
  const f = compileExpression(source, formatPath(path));
  const values: number[] = [];
  const low = bounds.gt ?? bounds.gte;
  for (let t = 0; t < days; t++) {
    let value: number;
    try {
      value = f(t);
    } catch {
      out.push({
        path,
        message: `expression ${JSON.stringify(source)} gives a non-finite value on day ${t} (${dateOf(startDate, t)})`,
        fix: 'Guard the formula so it is finite on every day, e.g. log(max(t, 1)) or a conditional.',
      });
      return undefined;
    }
    const tooLow = low !== undefined && (bounds.gt !== undefined ? value <= low : value < low);
    if (tooLow) {
      out.push({
        path,
        message: `expression ${JSON.stringify(source)} gives ${value} on day ${t} (${dateOf(startDate, t)}); it must be ${describeBounds(bounds)}`,
        fix: `Bound the formula, e.g. max(…, ${bounds.gt !== undefined ? 'a small positive value' : 0}), so it stays ${describeBounds(bounds)} over the horizon.`,
      });
      return undefined;
    }
    if (bounds.cap !== undefined && value > bounds.cap) {
      out.push({
        path,
        message: `expression ${JSON.stringify(source)} gives ${value} on day ${t} (${dateOf(startDate, t)}): ${IMPLAUSIBLE} (at most ${formatCap(bounds.cap)})`,
        fix: 'Write the formula in the unit of the field (EUR, rounds), bounded over the horizon, e.g. min(…, a ceiling).',
      });
      return undefined;
    }
    values.push(value);
  }
  return values;
}

/**
 * Checks a profile over the horizon (step dates before the end, expression values in range) and
 * returns its candidate maxima with their paths, for comparisons with a capacity.
 */
function checkProfile(
  profile: Profile,
  path: PathSegments,
  view: ScenarioView,
  bounds: Bounds,
  out: RawIssue[],
): { path: PathSegments; param: Param | undefined; max: number }[] {
  if (typeof profile === 'object' && 'steps' in profile) {
    profile.steps.forEach((step, i) => {
      const { startDate, endDate } = view;
      // With no valid horizon (reported elsewhere), a step cannot be placed against it.
      if (startDate === undefined || endDate === undefined || parseDate(endDate) <= parseDate(startDate))
        return;
      if (parseDate(step.from) >= parseDate(endDate)) {
        out.push({
          path: [...path, 'steps', i, 'from'],
          message: `step from ${q(step.from)} starts on or after endDate ${q(endDate)}, so it never applies`,
          fix: 'Remove the step or move it inside the horizon.',
        });
      }
    });
    return profile.steps.flatMap((s, i) => withMax(s.value, [...path, 'steps', i, 'value']));
  }
  if (typeof profile === 'object' && 'points' in profile) {
    return profile.points.flatMap((p, i) => withMax(p.value, [...path, 'points', i, 'value']));
  }
  if (typeof profile === 'object' && 'expression' in profile) {
    const { startDate, endDate } = view;
    if (startDate === undefined || endDate === undefined) return [];
    const days = parseDate(endDate) - parseDate(startDate);
    // A horizon past the limit is the date rule's issue; checking its every day took 1.4 s at 9999-12-31.
    if (days > MAX_DAYS) return [];
    const values = evaluateDaily(profile.expression, [...path, 'expression'], days, startDate, bounds, out);
    if (values === undefined || values.length === 0) return [];
    // d3's max, not Math.max(...values): one value per day of a long horizon overflows the call stack.
    return [{ path: [...path, 'expression'], param: undefined, max: maxOf(values)! }];
  }
  return withMax(profile, path);
}

function withMax(param: Param, path: PathSegments): { path: PathSegments; param: Param; max: number }[] {
  const max = paramMax(param);
  return max === undefined ? [] : [{ path, param, max }];
}

function stockpileRules(view: ScenarioView, out: RawIssue[]): void {
  each(view.nations, (n, i) => {
    n.stockpiles.forEach((s, j) => {
      const base: PathSegments = ['nations', i, 'stockpiles', j];
      const capacity = paramMax(s.storageCapacityRounds);
      const targets = checkProfile(s.targetRounds, [...base, 'targetRounds'], view, QUANTITY, out);
      if (capacity === undefined) return;
      const cap = describeMax(s.storageCapacityRounds, capacity);
      const check = (what: string, path: PathSegments, param: Param | undefined, max: number) => {
        if (max > capacity) {
          out.push({
            path,
            message: `${what} ${param === undefined ? `reaches ${max}` : describeMax(param, max)} exceeds storageCapacityRounds (${cap}) of the ${q(s.item)} stockpile of nation ${q(n.id)}`,
            fix: `Lower ${what} or raise storageCapacityRounds: stock can never exceed storage.`,
          });
        }
      };
      const initial = paramMax(s.initialRounds);
      if (initial !== undefined) check('initialRounds', [...base, 'initialRounds'], s.initialRounds, initial);
      const safety = paramMax(s.safetyRounds);
      if (safety !== undefined) check('safetyRounds', [...base, 'safetyRounds'], s.safetyRounds, safety);
      for (const t of targets) check('targetRounds', t.path, t.param, t.max);
    });
  });
}

function otherProfileRules(view: ScenarioView, out: RawIssue[]): void {
  each(view.nations, (n, i) => {
    checkProfile(n.budgetEurPerYear, ['nations', i, 'budgetEurPerYear'], view, QUANTITY, out);
    n.consumption.forEach((c, j) => {
      checkProfile(
        c.roundsPerDay,
        ['nations', i, 'consumption', j, 'roundsPerDay'],
        view,
        ROUNDS_PER_DAY,
        out,
      );
    });
  });
  each(view.recipients, (r, i) =>
    r.consumption.forEach((c, j) => {
      checkProfile(
        c.roundsPerDay,
        ['recipients', i, 'consumption', j, 'roundsPerDay'],
        view,
        ROUNDS_PER_DAY,
        out,
      );
    }),
  );
  each(view.suppliers, (s, i) =>
    checkProfile(s.capacityPerMonth, ['suppliers', i, 'capacityPerMonth'], view, POSITIVE_QUANTITY, out),
  );
}

function firmRules(view: ScenarioView, out: RawIssue[]): void {
  each(view.firms, (f, i) => {
    const idle = plainNumber(f.markupAtZeroUtilisation);
    const full = plainNumber(f.markupAtFullUtilisation);
    if (idle !== undefined && full !== undefined && idle > full) {
      out.push({
        path: ['firms', i, 'markupAtFullUtilisation'],
        message: `markupAtFullUtilisation ${full} is below markupAtZeroUtilisation ${idle}`,
        fix: 'Prices rise with utilisation: make the full-utilisation markup at least the idle one.',
      });
    }
  });
}

function pledgeRules(view: ScenarioView, out: RawIssue[]): void {
  each(view.pledges, (p, i) => {
    const sum = p.donors.reduce((acc, d) => acc + d.share, 0);
    if (Math.abs(sum - 1) > SHARE_SUM_TOLERANCE) {
      out.push({
        path: ['pledges', i, 'donors'],
        // 12 significant digits: enough to see the error, without 0.8999999999999999 noise.
        message: `donor shares sum to ${Number(sum.toPrecision(12))} (${p.donors.map((d) => `${d.nation} ${d.share}`).join(' + ')}); they must sum to 1`,
        fix: `Scale the shares so they add up to 1 (±${SHARE_SUM_TOLERANCE}).`,
      });
    }
  });
}

/** Stock-versus-capacity, markup, pledge-share and profile-over-horizon rules. */
export function quantityIssues(view: ScenarioView): RawIssue[] {
  const out: RawIssue[] = [];
  stockpileRules(view, out);
  otherProfileRules(view, out);
  firmRules(view, out);
  pledgeRules(view, out);
  return out;
}
