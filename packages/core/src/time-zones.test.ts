// Tests a person's local calendar: the date line (UTC+13, UTC-11, UTC+14), DST changes and zone names.

import { describe, expect, it } from 'vitest';
import { isValidTimeZone, localDateIn, localTimeIn, todayIn } from './time-zones';
import { weekStartOf } from './week';

const at = (iso: string) => new Date(iso);

describe('localDateIn at the date line', () => {
  it('puts Auckland (UTC+13 in November) a day ahead of UTC from 11:00 UTC', () => {
    // Sunday 22 November 2026, 10:59 UTC = Sunday 23:59 in Auckland; 11:00 UTC = Monday 00:00.
    expect(localDateIn('Pacific/Auckland', at('2026-11-22T10:59:59Z'))).toBe('2026-11-22');
    expect(localDateIn('Pacific/Auckland', at('2026-11-22T11:00:00Z'))).toBe('2026-11-23');
    expect(localTimeIn('Pacific/Auckland', at('2026-11-22T19:30:00Z'))).toEqual({
      date: '2026-11-23',
      weekday: 1,
      hour: 8,
      minute: 30,
    });
    // Their Monday morning starts their new week while UTC is still in the previous one.
    expect(weekStartOf(localDateIn('Pacific/Auckland', at('2026-11-22T19:30:00Z')))).toBe(
      '2026-11-23',
    );
    expect(weekStartOf(localDateIn('UTC', at('2026-11-22T19:30:00Z')))).toBe('2026-11-16');
  });

  it('keeps Pago Pago (UTC-11) a day behind UTC until 11:00 UTC', () => {
    // Monday 23 November 2026, 08:00 UTC = Sunday 21:00 in Pago Pago: still the previous week.
    expect(localTimeIn('Pacific/Pago_Pago', at('2026-11-23T08:00:00Z'))).toEqual({
      date: '2026-11-22',
      weekday: 7,
      hour: 21,
      minute: 0,
    });
    expect(localDateIn('Pacific/Pago_Pago', at('2026-11-23T10:59:00Z'))).toBe('2026-11-22');
    expect(localDateIn('Pacific/Pago_Pago', at('2026-11-23T11:00:00Z'))).toBe('2026-11-23');
  });

  it('handles UTC+14 (Kiritimati) across a year boundary', () => {
    expect(localTimeIn('Pacific/Kiritimati', at('2026-12-31T10:00:00Z'))).toEqual({
      date: '2027-01-01',
      weekday: 5,
      hour: 0,
      minute: 0,
    });
  });

  it('agrees with UTC for UTC and Etc/UTC', () => {
    for (const zone of ['UTC', 'Etc/UTC']) {
      expect(localTimeIn(zone, at('2026-02-28T23:59:00Z'))).toEqual({
        date: '2026-02-28',
        weekday: 6,
        hour: 23,
        minute: 59,
      });
      expect(localTimeIn(zone, at('2028-02-29T00:00:00Z')).date).toBe('2028-02-29');
    }
  });
});

describe('localTimeIn across daylight-saving changes', () => {
  it('follows Paris into summer time (29 March 2026, 01:00 UTC)', () => {
    expect(localTimeIn('Europe/Paris', at('2026-03-29T00:59:00Z'))).toMatchObject({
      hour: 1,
      minute: 59,
    });
    expect(localTimeIn('Europe/Paris', at('2026-03-29T01:00:00Z'))).toMatchObject({
      date: '2026-03-29',
      weekday: 7,
      hour: 3,
      minute: 0,
    });
    // Local midnight moves: 22:00 UTC is already the next day in summer, 23:00 in winter.
    expect(localDateIn('Europe/Paris', at('2026-03-28T22:30:00Z'))).toBe('2026-03-28');
    expect(localDateIn('Europe/Paris', at('2026-03-29T22:30:00Z'))).toBe('2026-03-30');
  });

  it('follows New York out of summer time (1 November 2026, 06:00 UTC), repeating 01:xx', () => {
    expect(localTimeIn('America/New_York', at('2026-11-01T05:30:00Z'))).toMatchObject({
      hour: 1,
      minute: 30,
    });
    expect(localTimeIn('America/New_York', at('2026-11-01T06:30:00Z'))).toMatchObject({
      date: '2026-11-01',
      hour: 1,
      minute: 30,
    });
    expect(localDateIn('America/New_York', at('2026-11-02T04:30:00Z'))).toBe('2026-11-01');
    expect(localDateIn('America/New_York', at('2026-11-02T05:00:00Z'))).toBe('2026-11-02');
  });

  it('follows Auckland out of and into summer time (UTC+13 / UTC+12)', () => {
    // NZDT ends Sunday 5 April 2026 03:00 local (4 April 14:00 UTC): 12:30 UTC is 00:30 on the 5th before,
    expect(localTimeIn('Pacific/Auckland', at('2026-04-04T11:30:00Z'))).toMatchObject({
      date: '2026-04-05',
      hour: 0,
      minute: 30,
    });
    // and after the change midnight is 12:00 UTC.
    expect(localDateIn('Pacific/Auckland', at('2026-04-05T11:59:00Z'))).toBe('2026-04-05');
    expect(localDateIn('Pacific/Auckland', at('2026-04-05T12:00:00Z'))).toBe('2026-04-06');
    // NZDT starts Sunday 27 September 2026 02:00 local (26 September 14:00 UTC).
    expect(localTimeIn('Pacific/Auckland', at('2026-09-26T14:00:00Z'))).toMatchObject({
      date: '2026-09-27',
      hour: 3,
      minute: 0,
    });
  });

  it('does not depend on the host time zone', () => {
    const original = process.env.TZ;
    try {
      for (const tz of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC']) {
        process.env.TZ = tz;
        expect(localDateIn('Pacific/Auckland', at('2026-11-22T11:00:00Z'))).toBe('2026-11-23');
        expect(localDateIn('UTC', at('2026-11-22T23:59:59Z'))).toBe('2026-11-22');
      }
    } finally {
      process.env.TZ = original;
    }
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA names the runtime knows', () => {
    for (const zone of [
      'UTC',
      'Etc/UTC',
      'Europe/Paris',
      'Pacific/Auckland',
      'America/Argentina/Buenos_Aires',
      'Etc/GMT+5',
    ]) {
      expect(isValidTimeZone(zone)).toBe(true);
    }
  });

  it('refuses unknown names, offsets and non-strings', () => {
    for (const zone of [
      '',
      'Mars/Olympus_Mons',
      'Europe/',
      '/UTC',
      '+05:00',
      'UTC+1 ',
      'Europe/Paris\n',
      'x'.repeat(65),
    ]) {
      expect(isValidTimeZone(zone)).toBe(false);
    }
    expect(isValidTimeZone(undefined as unknown as string)).toBe(false);
  });

  it('makes localTimeIn throw on an unknown zone or an invalid instant', () => {
    expect(() => localDateIn('Mars/Olympus_Mons', at('2026-01-01T00:00:00Z'))).toThrow(RangeError);
    expect(() => localDateIn('UTC', new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('todayIn', () => {
  it('is the local date in a known zone and the UTC date otherwise', () => {
    const now = at('2026-11-22T19:30:00Z');
    expect(todayIn('Pacific/Auckland', now)).toBe('2026-11-23');
    expect(todayIn('Pacific/Pago_Pago', now)).toBe('2026-11-22');
    expect(todayIn('Mars/Olympus_Mons', now)).toBe('2026-11-22');
    expect(todayIn('', now)).toBe('2026-11-22');
  });
});
