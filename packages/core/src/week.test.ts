// Tests ISO-week arithmetic: year boundaries, ISO week 53, leap days and time-zone independence.

import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addDays,
  addWeeks,
  isIsoDate,
  isMonday,
  todayUtc,
  weekRange,
  weekStartOf,
  weeksBetween,
} from './week';

describe('isIsoDate', () => {
  it.each(['2026-01-01', '2024-02-29', '2000-02-29', '2026-12-31', '0001-01-01', '9999-12-31'])(
    'accepts %s',
    (s) => {
      expect(isIsoDate(s)).toBe(true);
    },
  );

  it.each([
    '2026-02-29',
    '2026-02-30',
    '1900-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-1-01',
    '26-01-01',
    '2026-01-01T00:00:00Z',
    ' 2026-01-01',
    '2026/01/01',
    '20260101',
    '',
  ])('rejects %j', (s) => {
    expect(isIsoDate(s)).toBe(false);
  });
});

describe('weekStartOf and isMonday', () => {
  // Each case: days and the Monday each belongs to.
  it.each<[string, [string, string][]]>([
    [
      'keeps a Monday and moves every other day back to its Monday',
      [
        ['2026-01-05', '2026-01-05'],
        ['2026-01-07', '2026-01-05'],
        ['2026-01-11', '2026-01-05'],
        ['2026-01-12', '2026-01-12'],
      ],
    ],
    [
      'crosses year boundaries: ISO week 1 of 2026 starts in 2025',
      [
        ['2026-01-01', '2025-12-29'],
        ['2025-01-01', '2024-12-30'],
      ],
    ],
    [
      'handles ISO week 53 (2020 and 2026 have one)',
      [
        ['2021-01-01', '2020-12-28'],
        ['2021-01-03', '2020-12-28'],
        ['2027-01-03', '2026-12-28'],
        ['2027-01-04', '2027-01-04'],
      ],
    ],
    [
      'handles leap days',
      [
        ['2024-02-29', '2024-02-26'],
        ['2024-03-03', '2024-02-26'],
      ],
    ],
  ])('%s', (_case, days) => {
    for (const [day, monday] of days) expect(weekStartOf(day)).toBe(monday);
  });

  it('isMonday', () => {
    expect(isMonday('2026-12-28')).toBe(true);
    expect(isMonday('2027-01-03')).toBe(false);
    expect(isMonday('2024-02-26')).toBe(true);
  });

  it('throws on something that is not a date', () => {
    expect(() => weekStartOf('2026-02-30')).toThrow(RangeError);
    expect(() => isMonday('tomorrow')).toThrow(RangeError);
  });
});

describe('addDays and addWeeks', () => {
  it('crosses months, years and leap days both ways', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-03-01', 0)).toBe('2026-03-01');
    expect(addDays('2024-01-01', 366)).toBe('2025-01-01');
  });

  it('adds weeks across the end of an ISO year with 53 weeks', () => {
    expect(addWeeks('2026-12-21', 1)).toBe('2026-12-28');
    expect(addWeeks('2026-12-21', 2)).toBe('2027-01-04');
    expect(addWeeks('2027-01-04', -2)).toBe('2026-12-21');
  });

  it('rejects fractional steps', () => {
    expect(() => addDays('2026-01-01', 0.5)).toThrow(RangeError);
    expect(() => addWeeks('2026-01-05', 1.5)).toThrow(RangeError);
  });
});

describe('weeksBetween and weekRange', () => {
  it('counts whole weeks, negative when reversed', () => {
    expect(weeksBetween('2026-12-28', '2027-01-04')).toBe(1);
    expect(weeksBetween('2027-01-04', '2026-12-28')).toBe(-1);
    expect(weeksBetween('2026-01-05', '2026-01-05')).toBe(0);
    // ISO 2026 runs from 2025-12-29 to 2027-01-03: 53 weeks.
    expect(weeksBetween('2025-12-29', '2027-01-04')).toBe(53);
    expect(weeksBetween('2024-12-30', '2025-12-29')).toBe(52);
  });

  it('treats any day as its week, so a Sunday and the next Monday are a week apart', () => {
    expect(weeksBetween('2027-01-03', '2027-01-04')).toBe(1);
    expect(weeksBetween('2027-01-04', '2027-01-10')).toBe(0);
  });

  it('lists Mondays inclusively across the year end', () => {
    expect(weekRange('2026-12-21', '2027-01-11')).toEqual([
      '2026-12-21',
      '2026-12-28',
      '2027-01-04',
      '2027-01-11',
    ]);
    expect(weekRange('2026-01-05', '2026-01-05')).toEqual(['2026-01-05']);
    expect(weekRange('2026-01-12', '2026-01-05')).toEqual([]);
  });
});

describe('todayUtc', () => {
  it('is the UTC calendar date, not the local one', () => {
    expect(todayUtc(new Date('2026-03-29T23:30:00-05:00'))).toBe('2026-03-30');
    expect(todayUtc(new Date('2026-03-30T00:30:00+09:00'))).toBe('2026-03-29');
    expect(todayUtc(new Date('2026-12-31T23:59:59.999Z'))).toBe('2026-12-31');
  });

  it('defaults to now', () => {
    expect(todayUtc()).toBe(new Date().toISOString().slice(0, 10));
  });

  it('rejects an invalid Date', () => {
    expect(() => todayUtc(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('time-zone independence', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = originalTz;
  });

  // Days on which clocks change in these zones; a Date-in-local-time implementation
  // would land on the wrong day for some of them.
  it.each([
    'Europe/London',
    'America/New_York',
    'America/Sao_Paulo',
    'Australia/Lord_Howe',
    'Pacific/Kiritimati',
    'Pacific/Pago_Pago',
  ])('gives the same answers in %s', (tz) => {
    process.env.TZ = tz;
    expect(weekStartOf('2026-03-29')).toBe('2026-03-23');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-11-01', 1)).toBe('2026-11-02');
    expect(addWeeks('2026-10-19', 2)).toBe('2026-11-02');
    expect(weeksBetween('2026-03-23', '2026-11-02')).toBe(32);
    expect(todayUtc(new Date(Date.UTC(2026, 2, 29, 23, 59)))).toBe('2026-03-29');
    expect(todayUtc(new Date(Date.UTC(2026, 2, 29, 0, 1)))).toBe('2026-03-29');
  });
});

describe('properties', () => {
  const date = fc
    .date({
      min: new Date('1600-01-01T00:00:00Z'),
      max: new Date('2600-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));

  it('agrees with UTC Date arithmetic', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -5000, max: 5000 }), (d, n) => {
        const ms = Date.parse(`${d}T00:00:00Z`);
        const expected = new Date(ms + n * 86_400_000).toISOString().slice(0, 10);
        expect(addDays(d, n)).toBe(expected);
        const weekday = (new Date(ms).getUTCDay() + 6) % 7;
        expect(weekStartOf(d)).toBe(new Date(ms - weekday * 86_400_000).toISOString().slice(0, 10));
      }),
    );
  });

  it('round-trips and keeps weeks whole', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -500, max: 500 }), (d, n) => {
        expect(isIsoDate(d)).toBe(true);
        expect(addDays(addDays(d, n), -n)).toBe(d);
        const monday = weekStartOf(d);
        expect(isMonday(monday)).toBe(true);
        expect(weeksBetween(monday, addWeeks(monday, n))).toBe(n);
        expect(weekStartOf(addWeeks(monday, n))).toBe(addWeeks(monday, n));
      }),
    );
  });
});
