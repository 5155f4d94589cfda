// Tests a person's local calendar: the date line (UTC+13, UTC-11, UTC+14), DST changes and zone names.

import { describe, expect, it } from 'vitest';
// Through the package's entry point, as the API and the dashboard import them.
import {
  currentZoneName,
  isValidTimeZone,
  localDateIn,
  localTimeIn,
  timeZoneNames,
  todayIn,
  weekStartOf,
  ZONE_RENAMES,
} from './index';

const at = (iso: string) => new Date(iso);

/** A local time as one readable string: "2026-11-23 Mon(1) 08:30". */
function local(zone: string, iso: string): string {
  const t = localTimeIn(zone, at(iso));
  const hhmm = `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
  return `${t.date} ${t.weekday} ${hhmm}`;
}

describe('localTimeIn: date, ISO weekday (1 = Monday) and time', () => {
  it.each([
    // The date line. Sunday 22 November 2026, 10:59 UTC = Sunday 23:59 in Auckland (UTC+13);
    // 11:00 UTC = Monday 00:00.
    ['Pacific/Auckland', '2026-11-22T10:59:59Z', '2026-11-22 7 23:59'],
    ['Pacific/Auckland', '2026-11-22T11:00:00Z', '2026-11-23 1 00:00'],
    ['Pacific/Auckland', '2026-11-22T19:30:00Z', '2026-11-23 1 08:30'],
    // Pago Pago (UTC-11) is a day behind until 11:00 UTC.
    ['Pacific/Pago_Pago', '2026-11-23T08:00:00Z', '2026-11-22 7 21:00'],
    ['Pacific/Pago_Pago', '2026-11-23T10:59:00Z', '2026-11-22 7 23:59'],
    ['Pacific/Pago_Pago', '2026-11-23T11:00:00Z', '2026-11-23 1 00:00'],
    // UTC+14 (Kiritimati) across a year boundary.
    ['Pacific/Kiritimati', '2026-12-31T10:00:00Z', '2027-01-01 5 00:00'],
    ['UTC', '2026-02-28T23:59:00Z', '2026-02-28 6 23:59'],
    ['Etc/UTC', '2026-02-28T23:59:00Z', '2026-02-28 6 23:59'],
    ['Etc/UTC', '2028-02-29T00:00:00Z', '2028-02-29 2 00:00'],
    // Paris into summer time (29 March 2026, 01:00 UTC): 01:59 is followed by 03:00, and
    // local midnight moves (22:00 UTC is already the next day in summer, 23:00 in winter).
    ['Europe/Paris', '2026-03-29T00:59:00Z', '2026-03-29 7 01:59'],
    ['Europe/Paris', '2026-03-29T01:00:00Z', '2026-03-29 7 03:00'],
    ['Europe/Paris', '2026-03-28T22:30:00Z', '2026-03-28 6 23:30'],
    ['Europe/Paris', '2026-03-29T22:30:00Z', '2026-03-30 1 00:30'],
    // New York out of summer time (1 November 2026, 06:00 UTC): 01:xx comes twice.
    ['America/New_York', '2026-11-01T05:30:00Z', '2026-11-01 7 01:30'],
    ['America/New_York', '2026-11-01T06:30:00Z', '2026-11-01 7 01:30'],
    ['America/New_York', '2026-11-02T04:30:00Z', '2026-11-01 7 23:30'],
    ['America/New_York', '2026-11-02T05:00:00Z', '2026-11-02 1 00:00'],
    // Auckland: NZDT ends Sunday 5 April 2026 03:00 local (4 April 14:00 UTC), so midnight
    // moves from 11:00 to 12:00 UTC; it starts again Sunday 27 September 02:00 local.
    ['Pacific/Auckland', '2026-04-04T11:30:00Z', '2026-04-05 7 00:30'],
    ['Pacific/Auckland', '2026-04-05T11:59:00Z', '2026-04-05 7 23:59'],
    ['Pacific/Auckland', '2026-04-05T12:00:00Z', '2026-04-06 1 00:00'],
    ['Pacific/Auckland', '2026-09-26T14:00:00Z', '2026-09-27 7 03:00'],
  ])('%s at %s is %s', (zone, iso, expected) => {
    expect(local(zone, iso)).toBe(expected);
    expect(localDateIn(zone, at(iso))).toBe(expected.slice(0, 10));
  });

  it("starts Auckland's Monday-morning week while UTC is still in the previous one", () => {
    expect(weekStartOf(localDateIn('Pacific/Auckland', at('2026-11-22T19:30:00Z')))).toBe(
      '2026-11-23',
    );
    expect(weekStartOf(localDateIn('UTC', at('2026-11-22T19:30:00Z')))).toBe('2026-11-16');
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

describe('current zone names', () => {
  it('answers the current IANA name for old aliases and keeps current names', () => {
    for (const [name, current] of [
      ['Asia/Calcutta', 'Asia/Kolkata'],
      ['Asia/Kolkata', 'Asia/Kolkata'],
      ['Europe/Kiev', 'Europe/Kyiv'],
      ['Europe/Kyiv', 'Europe/Kyiv'],
      ['America/Godthab', 'America/Nuuk'],
      ['America/Nuuk', 'America/Nuuk'],
      ['US/Pacific', 'America/Los_Angeles'],
      ['Europe/Paris', 'Europe/Paris'],
      ['Not/AZone', 'Not/AZone'],
    ] as const) {
      expect(currentZoneName(name)).toBe(current);
    }
  });

  it('maps every table entry to a zone this runtime knows', () => {
    for (const [old, current] of Object.entries(ZONE_RENAMES)) {
      expect(isValidTimeZone(old), old).toBe(true);
      expect(isValidTimeZone(current), current).toBe(true);
      expect(localTimeIn(current, new Date('2026-07-01T12:00:00Z'))).toEqual(
        localTimeIn(old, new Date('2026-07-01T12:00:00Z')),
      );
    }
  });

  it('lists current names only, UTC first, each once', () => {
    const zones = timeZoneNames();
    expect(zones[0]).toBe('UTC');
    expect(zones).toContain('Asia/Kolkata');
    expect(zones).toContain('Europe/Kyiv');
    expect(zones).toContain('America/Nuuk');
    expect(zones).not.toContain('Asia/Calcutta');
    expect(zones).not.toContain('Europe/Kiev');
    expect(new Set(zones).size).toBe(zones.length);
  });
});
