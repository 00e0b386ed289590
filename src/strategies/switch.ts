/**
 * A policy switch: one strategy until a date, another from then on.
 *
 * @module
 */
import { DibsimError } from '../errors.js';
import { checkProcurementStrategy, type ProcurementStrategy } from '../model/procurement.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A strategy that behaves exactly as `before` until `date` and as `after` from the first monthly review on
 * or after `date`. `after.start` is called at that review (not at the run start), so a strategy with a
 * set-up delay (bilateral agreements, a pooled agency) starts its clock at the switch. Before the switch
 * nothing of `after` runs, so a replication is identical to one of `before` alone up to the switch.
 *
 * Reviews fall on the first day of each month: a mid-month `date` takes effect at the next month start.
 *
 * @param date - switch date, `YYYY-MM-DD`
 * @throws {@link DibsimError} (`INVALID_ARGUMENT`) if `date` is not `YYYY-MM-DD`.
 * @example
 * const strategy = switchAt('2025-01-01', nationalOnly, createPooled());
 */
export function switchAt(
  date: string,
  before: ProcurementStrategy,
  after: ProcurementStrategy,
): ProcurementStrategy {
  if (typeof date !== 'string' || !DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)))
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `switchAt: date must be a calendar date YYYY-MM-DD (got ${JSON.stringify(date)}). Use e.g. "2025-01-01".`,
    );
  checkProcurementStrategy(before, 'switchAt: before', 'Pass e.g. createNationalOnly().');
  checkProcurementStrategy(after, 'switchAt: after', 'Pass e.g. createNationalOnly().');
  let switched = false;
  // The daily hook (e.g. a pooled stock's top-ups) goes to whichever strategy is in force, if either has one.
  const daily: Pick<ProcurementStrategy, 'daily'> =
    before.daily === undefined && after.daily === undefined
      ? {}
      : { daily: (context) => (switched ? after : before).daily?.(context) };
  return {
    ...daily,
    name: `${before.name}->${after.name}@${date}`,
    start(context) {
      switched = context.date >= date;
      (switched ? after : before).start?.(context);
    },
    review(context) {
      if (!switched && context.date >= date) {
        switched = true;
        after.start?.(context);
      }
      (switched ? after : before).review(context);
    },
  };
}
