import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DibsimError } from '../../../src/errors.js';
import {
  dateOf,
  dayOf,
  daysInMonthAt,
  isDate,
  monthStarts,
  parseDate,
  yearStarts,
} from '../../../src/model/dates.js';

// Dates between 1900 and 2200 as strings, built from a day count so every one is real.
const epochDay = fc.integer({ min: parseDate('1900-01-01'), max: parseDate('2199-12-31') });
const dateText = epochDay.map((d) => dateOf('1970-01-01', d));

describe('parseDate', () => {
  it('parseDate(text) counts days since 1970-01-01 in UTC', () => {
    expect(parseDate('1970-01-01')).toBe(0);
    expect(parseDate('1970-01-02')).toBe(1);
    expect(parseDate('1969-12-31')).toBe(-1);
    expect(parseDate('2000-03-01') - parseDate('2000-02-28')).toBe(2); // 2000 is a leap year
    expect(parseDate('1900-03-01') - parseDate('1900-02-28')).toBe(1); // 1900 is not
    // Agrees with the platform's UTC calendar.
    expect(parseDate('2025-06-15')).toBe(Date.UTC(2025, 5, 15) / 86_400_000);
  });

  it.each([
    '2023-02-30',
    '2023-02-29',
    '2025-13-01',
    '2025-00-10',
    '2025-04-31',
    '2025-01-00',
    '2025-1-01',
    '25-01-01',
    '2025/01/01',
    '2025-01-01T00:00:00Z',
    ' 2025-01-01',
    '',
  ])('parseDate(%j) throws INVALID_ARGUMENT naming the text', (text) => {
    expect(() => parseDate(text)).toThrow(DibsimError);
    expect(() => parseDate(text)).toThrow(JSON.stringify(text));
    expect(isDate(text)).toBe(false);
  });

  it('parseDate accepts 29 February only in leap years', () => {
    expect(isDate('2024-02-29')).toBe(true);
    expect(isDate('2100-02-29')).toBe(false);
    expect(isDate('2000-02-29')).toBe(true);
  });

  it('parseDate agrees with Date.UTC on every day of 1900–2199', () => {
    fc.assert(
      fc.property(epochDay, (d) => {
        const text = new Date(d * 86_400_000).toISOString().slice(0, 10);
        expect(parseDate(text)).toBe(d);
      }),
    );
  });
});

describe('dayOf and dateOf', () => {
  it('dayOf(start, date) is the whole number of days between them', () => {
    expect(dayOf('2025-01-01', '2025-02-01')).toBe(31);
    expect(dayOf('2025-01-01', '2024-12-31')).toBe(-1);
    expect(dayOf('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('dateOf(start, day) gives the date of a (fractional) simulation day', () => {
    expect(dateOf('2025-01-01', 0)).toBe('2025-01-01');
    expect(dateOf('2025-01-01', 31.75)).toBe('2025-02-01');
    expect(dateOf('2025-01-01', 30.999)).toBe('2025-01-31');
    expect(dateOf('2025-01-01', -0.5)).toBe('2024-12-31');
  });

  it('dateOf rejects a non-finite day', () => {
    expect(() => dateOf('2025-01-01', Number.NaN)).toThrow(/finite.*NaN/);
    expect(() => dateOf('2025-01-01', Number.POSITIVE_INFINITY)).toThrow(DibsimError);
  });

  it('dateOf(start, dayOf(start, date)) === date', () => {
    fc.assert(fc.property(dateText, dateText, (start, date) => dateOf(start, dayOf(start, date)) === date));
  });

  it('dayOf(start, dateOf(start, day)) === floor(day)', () => {
    fc.assert(
      fc.property(
        dateText,
        fc.double({ min: -40_000, max: 40_000, noNaN: true }),
        (start, day) => dayOf(start, dateOf(start, day)) === Math.floor(day),
      ),
    );
  });
});

describe('monthStarts, yearStarts and daysInMonthAt', () => {
  it('monthStarts(start, end) lists the 1st of each month after the start and before the end', () => {
    expect(monthStarts('2025-01-15', '2025-04-01')).toEqual([17, 45]);
    expect(monthStarts('2025-01-01', '2025-04-02')).toEqual([31, 59, 90]);
    expect(monthStarts('2025-01-01', '2025-01-20')).toEqual([]);
  });

  it('monthStarts gives firsts of months whose gaps are the month lengths', () => {
    fc.assert(
      fc.property(dateText, fc.integer({ min: 0, max: 2_000 }), (start, length) => {
        const end = dateOf(start, length);
        const starts = monthStarts(start, end);
        for (const day of starts) {
          expect(day).toBeGreaterThan(0);
          expect(day).toBeLessThan(length);
          expect(dateOf(start, day).endsWith('-01')).toBe(true);
        }
        starts.slice(1).forEach((day, i) => {
          expect(day - starts[i]!).toBe(daysInMonthAt(start, starts[i]!));
        });
        // No month start is missed: the day before the first is in the start's month.
        const expected = Array.from({ length }, (_, d) => d).filter(
          (d) => d > 0 && dateOf(start, d).endsWith('-01'),
        );
        expect(starts).toEqual(expected);
      }),
      { numRuns: 50 },
    );
  });

  it('yearStarts(start, end, fiscalStartMonth) lists the first day of each budget year', () => {
    expect(yearStarts('2025-01-01', '2027-01-01')).toEqual([365]);
    expect(yearStarts('2025-01-01', '2027-01-02')).toEqual([365, 730]);
    expect(yearStarts('2025-01-01', '2027-01-01', 4)).toEqual([90, 455]);
    expect(yearStarts('2025-10-01', '2026-12-31', 10)).toEqual([365]);
  });

  it('yearStarts rejects a fiscal start month outside 1–12', () => {
    for (const month of [0, 13, 1.5, Number.NaN]) {
      expect(() => yearStarts('2025-01-01', '2026-01-01', month)).toThrow(/fiscalStartMonth.*1–12/);
    }
  });

  it('daysInMonthAt(start, day) gives the length of the month containing day', () => {
    expect(daysInMonthAt('2024-02-01', 10)).toBe(29);
    expect(daysInMonthAt('2025-02-01', 10)).toBe(28);
    expect(daysInMonthAt('2025-01-01', 30.9)).toBe(31);
    expect(daysInMonthAt('2025-01-01', 31)).toBe(28);
    expect(daysInMonthAt('2025-04-10', 0)).toBe(30);
  });
});
