/**
 * Calendar dates for scenarios: `YYYY-MM-DD` strings in UTC, converted to and from whole days since a
 * scenario's start (the simulation clock's unit). There are no time zones and no daylight saving: every
 * day is 24 hours.
 *
 * The arithmetic is Howard Hinnant's proleptic-Gregorian `days_from_civil` / `civil_from_days`, in plain
 * integers, so no `Date` object (and no host time zone) is involved.
 *
 * @module
 */

import { DibsimError, describeValue } from '../errors.js';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a proleptic-Gregorian civil date (month 1–12). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400; // [0, 399]
  const monthFromMarch = (month + 9) % 12; // March = 0
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1; // [0, 365]
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The civil date of a day count since 1970-01-01. */
function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097; // [0, 146096]
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function formatCivil(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/**
 * Parses a `YYYY-MM-DD` date (UTC) into days since 1970-01-01.
 *
 * The format is strict (four-digit year, two-digit month and day, nothing else) and the date must exist:
 * `2023-02-30` and `2023-13-01` are rejected, `2024-02-29` is accepted.
 *
 * @param text - the date, e.g. `"2025-01-01"`
 * @returns whole days since 1970-01-01 (negative before it)
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if `text` is not a real date in that format.
 * @example
 * parseDate('1970-01-02'); // 1
 */
export function parseDate(text: string): number {
  const match = typeof text === 'string' ? DATE_PATTERN.exec(text) : null;
  if (match === null) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `date must be a string YYYY-MM-DD (got ${describeValue(text)}). Write dates like "2025-01-31".`,
    );
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `date must be a real calendar date (got ${describeValue(text)}). Check the month (01–12) and the day of the month.`,
    );
  }
  return daysFromCivil(year, month, day);
}

/**
 * Returns `true` if `text` is a real calendar date in strict `YYYY-MM-DD` form (see {@link parseDate}).
 *
 * @param text - the value to check
 */
export function isDate(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  try {
    parseDate(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whole days from `startDate` to `date` (negative if `date` is earlier): the simulation time, in days,
 * of `date`'s midnight.
 *
 * @param startDate - the scenario's first day, `YYYY-MM-DD`
 * @param date - another day, `YYYY-MM-DD`
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if either date is invalid.
 * @example
 * dayOf('2025-01-01', '2025-02-01'); // 31
 */
export function dayOf(startDate: string, date: string): number {
  return parseDate(date) - parseDate(startDate);
}

/**
 * The date (`YYYY-MM-DD`) of simulation day `day`; a fractional day gives the day it falls in.
 *
 * @param startDate - the scenario's first day, `YYYY-MM-DD`
 * @param day - days since the start (finite; may be negative)
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if `startDate` is invalid or `day` is not finite.
 * @example
 * dateOf('2025-01-01', 31.75); // '2025-02-01'
 */
export function dateOf(startDate: string, day: number): string {
  const { year, month, day: dayOfMonth } = civilAt(startDate, day);
  return formatCivil(year, month, dayOfMonth);
}

/** The civil date of simulation day `day` (floored). */
function civilAt(startDate: string, day: number): { year: number; month: number; day: number } {
  const start = parseDate(startDate);
  if (typeof day !== 'number' || !Number.isFinite(day)) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `day must be a finite number of days since the start (got ${describeValue(day)}). Pass the simulation time.`,
    );
  }
  return civilFromDays(start + Math.floor(day));
}

/** Day offsets (from `start`) of the 1st of each month in `months` (1–12) in (start, end). */
function firstsOfMonths(startDate: string, endDate: string, months: ReadonlySet<number>): number[] {
  const start = parseDate(startDate);
  const end = parseDate(endDate);
  const offsets: number[] = [];
  let { year, month } = civilFromDays(start);
  // The first candidate is the 1st of the month after the start's month.
  for (;;) {
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
    const days = daysFromCivil(year, month, 1);
    if (days >= end) return offsets;
    if (months.has(month)) offsets.push(days - start);
  }
}

const ALL_MONTHS: ReadonlySet<number> = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);

/**
 * Day offsets of the first day of each calendar month strictly after `startDate` and before `endDate`.
 * Day 0 is never included, even when the start is the 1st of a month: the caller already knows a
 * period begins at the start.
 *
 * @param startDate - the scenario's first day, `YYYY-MM-DD`
 * @param endDate - the day after the last simulated day, `YYYY-MM-DD`
 * @returns increasing day offsets, e.g. monthly review times
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if either date is invalid.
 * @example
 * monthStarts('2025-01-15', '2025-04-01'); // [17, 45] (Feb 1, Mar 1)
 */
export function monthStarts(startDate: string, endDate: string): number[] {
  return firstsOfMonths(startDate, endDate, ALL_MONTHS);
}

/**
 * Day offsets of the first day of each (fiscal) year strictly after `startDate` and before `endDate`: the
 * 1st of `fiscalStartMonth` in each year. Day 0 is never included (see {@link monthStarts}).
 *
 * @param startDate - the scenario's first day, `YYYY-MM-DD`
 * @param endDate - the day after the last simulated day, `YYYY-MM-DD`
 * @param fiscalStartMonth - first month of the budget year, an integer 1–12
 * @defaultValue `fiscalStartMonth` = 1 (calendar years)
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if a date is invalid or `fiscalStartMonth` is not an integer 1–12.
 * @example
 * yearStarts('2025-01-01', '2027-01-01', 4); // [90, 455] (2025-04-01, 2026-04-01)
 */
export function yearStarts(startDate: string, endDate: string, fiscalStartMonth = 1): number[] {
  if (!Number.isInteger(fiscalStartMonth) || fiscalStartMonth < 1 || fiscalStartMonth > 12) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `fiscalStartMonth must be an integer 1–12 (got ${describeValue(fiscalStartMonth)}). Use 1 for calendar years, e.g. 4 for April–March.`,
    );
  }
  return firstsOfMonths(startDate, endDate, new Set([fiscalStartMonth]));
}

/**
 * Number of days (28–31) in the calendar month that contains simulation day `day`, e.g. to turn a
 * monthly rate into a daily one.
 *
 * @param startDate - the scenario's first day, `YYYY-MM-DD`
 * @param day - days since the start (finite; a fractional day counts as the day it falls in)
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if `startDate` is invalid or `day` is not finite.
 * @example
 * daysInMonthAt('2024-02-01', 10); // 29
 */
export function daysInMonthAt(startDate: string, day: number): number {
  const { year, month } = civilAt(startDate, day);
  return daysInMonth(year, month);
}
