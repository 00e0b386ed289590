/**
 * A policy switch: one strategy until a date, another from then on.
 *
 * @module
 */
import { DibsimError, issuesUnder, ScenarioError, type ScenarioIssue } from '../errors.js';
import { dateOf, daysInMonthAt, isDate, monthStarts } from '../model/dates.js';
import {
  checkProcurementStrategy,
  type DailyContext,
  type ProcurementContext,
  type ProcurementStrategy,
} from '../model/procurement.js';
import type { Scenario } from '../model/scenario.js';

/**
 * A strategy that behaves exactly as `before` until `date` and as `after` from the first monthly review on
 * or after `date`. `after.start` is called at that review (not at the run start), so a strategy with a
 * set-up delay (bilateral agreements, a pooled agency) starts its clock at the switch. Before the switch
 * nothing of `after` runs, so a replication is identical to one of `before` alone up to the switch.
 *
 * At the switch, `before.stop` is called first, so that it hands over what it holds: a pooled agency with a
 * pooled stock gives its stock to the members in proportion to what each paid for, and its contracts still
 * to deliver go to the members, each its share (see {@link ProcurementContext.handOverPooledStock}); its
 * transfers on their way arrive as scheduled. Members have paid for these rounds, and whatever `after`
 * is, they count in their positions, so nothing is bought twice. This holds when `after` is pooled with a
 * pooled stock too: it is a new agency (its set-up delay counts from the switch) and builds its own stock.
 *
 * Reviews fall on the first day of each month: a mid-month `date` takes effect at the next month start.
 * A date after the scenario's last review would never take effect, so `check` (which experiments and
 * `runScenario` call before anything runs) rejects it, and passes the scenario on to `before.check` and
 * `after.check`.
 *
 * @param date - switch date, `YYYY-MM-DD`
 * @throws {@link DibsimError} (`INVALID_ARGUMENT`) if `date` is not a real calendar date `YYYY-MM-DD`; from `check`, a
 *   {@link ScenarioError} if `date` is after the last monthly review of the scenario, or if `before` or
 *   `after` does not fit the scenario (their paths prefixed `before.` / `after.`).
 * @example
 * const strategy = switchAt('2025-01-01', nationalOnly, createPooled());
 */
export function switchAt(
  date: string,
  before: ProcurementStrategy,
  after: ProcurementStrategy,
): ProcurementStrategy {
  // isDate, not Date.parse, which takes 2025-02-30 for 2 March.
  if (!isDate(date))
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `switchAt: date must be a calendar date YYYY-MM-DD (got ${JSON.stringify(date)}). Use e.g. "2025-01-01".`,
    );
  checkProcurementStrategy(before, 'switchAt: before', 'Pass e.g. createNationalOnly().');
  checkProcurementStrategy(after, 'switchAt: after', 'Pass e.g. createNationalOnly().');
  return before.daily === undefined && after.daily === undefined
    ? new Switch(date, before, after)
    : new SwitchWithDaily(date, before, after);
}

/**
 * The switch of one run: a class rather than closures made per instance, so that its methods keep their
 * optimised code from run to run (see the pooled strategy's class).
 */
class Switch implements ProcurementStrategy {
  readonly name: string;
  protected switched = false;

  constructor(
    private readonly date: string,
    protected readonly before: ProcurementStrategy,
    protected readonly after: ProcurementStrategy,
  ) {
    this.name = `${before.name}->${after.name}@${date}`;
  }

  check(scenario: Scenario): void {
    const issues = [...dateIssues(this.date, this.before.name, scenario)];
    for (const [path, strategy] of [
      ['before', this.before],
      ['after', this.after],
    ] as const) {
      try {
        strategy.check?.(scenario);
      } catch (error) {
        issues.push(...issuesUnder(path, error));
      }
    }
    if (issues.length > 0) throw new ScenarioError(issues, 'switch strategy params');
  }

  /** The strategy in force. */
  protected get current(): ProcurementStrategy {
    return this.switched ? this.after : this.before;
  }

  start(context: ProcurementContext): void {
    this.switched = context.date >= this.date;
    this.current.start?.(context);
  }

  review(context: ProcurementContext): void {
    if (!this.switched && context.date >= this.date) {
      this.switched = true;
      this.before.stop?.(context);
      this.after.start?.(context);
    }
    this.current.review(context);
  }

  /** A switch that is itself switched away from stops the strategy in force. */
  stop(context: ProcurementContext): void {
    this.current.stop?.(context);
  }
}

/** A switch where `before` or `after` has a daily hook: it goes to whichever strategy is in force. */
class SwitchWithDaily extends Switch {
  daily(context: DailyContext): void {
    this.current.daily?.(context);
  }
}

/**
 * A problem if `date` falls after the last monthly review of `scenario`: the switch would never happen and
 * the results would be those of `before` alone, which a comparison would silently report as the switch's.
 */
function dateIssues(date: string, before: string, scenario: Scenario): ScenarioIssue[] {
  const { startDate, endDate } = scenario;
  const lastReview = dateOf(startDate, monthStarts(startDate, endDate).at(-1) ?? 0);
  if (date <= lastReview) return [];
  // The review the switch waits for: the first month start on or after `date`.
  const day = Number(date.slice(8));
  const effective = day === 1 ? date : dateOf(date, daysInMonthAt(date, 0) - day + 1);
  return [
    {
      path: 'date',
      message: `${date} is after the last monthly review (${lastReview}) of the scenario's horizon ${startDate} to ${endDate}, so the switch would never happen and the results would be those of "${before}" alone`,
      fix: `Use a date on or before ${lastReview}, or an endDate after ${effective} (the switch takes effect at the first month start on or after its date).`,
    },
  ];
}
