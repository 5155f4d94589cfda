// Owns a person's local calendar: the date, weekday and time of an instant in an IANA time zone.

// Each person's "today" and "this week" follow their own zone (users.time_zone); the server's
// zone never matters. Built on Intl.DateTimeFormat (the runtime's ICU data), no dependency.

import { dateOfDayNumber, dayNumberOf, type IsoDate, todayUtc } from './week';

/** An ISO weekday: 1 = Monday ... 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface LocalTime {
  /** The calendar date in the zone, `YYYY-MM-DD`. */
  date: IsoDate;
  weekday: IsoWeekday;
  /** 0-23 */
  hour: number;
  /** 0-59 */
  minute: number;
}

// Letters first, then IANA name characters: rules out the offset forms (`+05:00`) that newer
// runtimes accept as zones but that are not names a person lives in.
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

// Creating a formatter is the costly part (ICU lookup); a zone's formatter is reused.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    if (!isValidTimeZone(timeZone))
      throw new RangeError(`Not an IANA time zone: ${JSON.stringify(timeZone)}`);
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True for a time zone name this runtime knows, such as `Europe/Paris`, `UTC` or `Pacific/Auckland`. */
export function isValidTimeZone(name: string): boolean {
  if (typeof name !== 'string' || name.length === 0 || name.length > 64 || !ZONE_NAME.test(name)) {
    return false;
  }
  if (formatters.has(name)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

// Each zone's last answer, by UTC minute: every zone's offset has been whole minutes since
// 1972 (Liberia's -0:44:30 was the last other), so within one UTC minute a zone's local
// time is one. A request asks for "today" in a zone several times (the caller's, each
// report's): formatToParts once a minute per zone instead.
const WHOLE_MINUTE_OFFSETS_FROM = Date.UTC(1973, 0, 1);
const lastMinute = new Map<string, { minute: number; local: LocalTime }>();

/** The local date, ISO weekday, hour and minute of the instant `at` in `timeZone`; throws on an unknown zone. */
export function localTimeIn(timeZone: string, at: Date): LocalTime {
  const ms = at.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
  if (ms < WHOLE_MINUTE_OFFSETS_FROM) return formatLocalTime(timeZone, at);
  const minute = Math.floor(ms / 60_000);
  const last = lastMinute.get(timeZone);
  if (last?.minute === minute) return last.local;
  const local = Object.freeze(formatLocalTime(timeZone, at));
  lastMinute.set(timeZone, { minute, local });
  return local;
}

function formatLocalTime(timeZone: string, at: Date): LocalTime {
  const fields: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(at)) {
    if (p.type !== 'literal') fields[p.type] = Number(p.value);
  }
  const { year, month, day } = fields as Record<'year' | 'month' | 'day', number>;
  const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  // Weekday from the date itself rather than from a localised name; day 0 (1970-01-01) was a Thursday.
  const n = dayNumberOf(date);
  const weekday = ((((n + 3) % 7) + 7) % 7) + 1;
  return {
    date: dateOfDayNumber(n),
    weekday: weekday as IsoWeekday,
    // Some ICU versions write midnight as 24 even with h23.
    hour: (fields.hour ?? 0) % 24,
    minute: fields.minute ?? 0,
  };
}

/** The calendar date (`YYYY-MM-DD`) of the instant `at` in `timeZone`; throws on an unknown zone. */
export function localDateIn(timeZone: string, at: Date): IsoDate {
  return localTimeIn(timeZone, at).date;
}

/**
 * A person's today: their date at `now` in their zone. A zone the runtime does not know (a
 * stored name an ICU update dropped, an empty value) reads as UTC instead of failing.
 */
export function todayIn(timeZone: string, now: Date = new Date()): IsoDate {
  return isValidTimeZone(timeZone) ? localDateIn(timeZone, now) : todayUtc(now);
}

/**
 * Zones IANA renamed whose old name Node's ICU still gives as the canonical one (Node 20
 * answers `Asia/Calcutta` for `Asia/Kolkata` and lists only the old names): old → current.
 * prisma/migrations/20261207120000_sso_and_setup_links renames stored zones by this table.
 */
export const ZONE_RENAMES: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

const currentNames = new Map<string, string>();

/**
 * The current IANA name of a zone this runtime knows: an alias (`Asia/Calcutta`,
 * `US/Pacific`, `Europe/Uzhgorod`) becomes the zone's current name (`Asia/Kolkata`,
 * `America/Los_Angeles`, `Europe/Kyiv`); a name it does not know comes back unchanged.
 */
export function currentZoneName(name: string): string {
  if (!isValidTimeZone(name)) return name;
  let current = currentNames.get(name);
  if (current === undefined) {
    const canonical = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions()
      .timeZone;
    current = ZONE_RENAMES[canonical] ?? canonical;
    // A runtime newer than the table may already answer the current name.
    if (!isValidTimeZone(current)) current = canonical;
    if (currentNames.size < 1000) currentNames.set(name, current);
  }
  return current;
}

let zoneList: string[] | undefined;

/** Every zone a person can choose, by current name, UTC first, the rest sorted. */
export function timeZoneNames(): string[] {
  zoneList ??= [
    'UTC',
    ...[...new Set(Intl.supportedValuesOf('timeZone').map(currentZoneName))]
      .filter((z) => z !== 'UTC')
      .sort(),
  ];
  return [...zoneList];
}
