// Owns calendar-date and ISO-week arithmetic on `YYYY-MM-DD` strings.

// Dates are converted to a day number (days since 1970-01-01) with integer civil-calendar
// arithmetic instead of `Date`, so the host time zone and DST can never shift a date.

/** A calendar date, `YYYY-MM-DD`. Week starts are the Monday of their ISO week. */
export type IsoDate = string;

const MS_PER_DAY = 86_400_000;

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

// Two ASCII digits at s[i], s[i + 1] as a number, or -1. Read by char code rather than a
// regular expression: the readiness model parses every week of a history (bench: about a
// third of its time went to the regex and Number()).
function digits2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

// Strictly `YYYY-MM-DD` (ASCII digits, nothing before or after) naming a real date.
function parts(s: string): [number, number, number] | null {
  if (typeof s !== 'string' || s.length !== 10 || s[4] !== '-' || s[7] !== '-') return null;
  const hi = digits2(s, 0);
  const lo = digits2(s, 2);
  const m = digits2(s, 5);
  const d = digits2(s, 8);
  if (hi < 0 || lo < 0 || m < 1 || m > 12 || d < 1) return null;
  const y = hi * 100 + lo;
  if (d > daysInMonth(y, m)) return null;
  return [y, m, d];
}

// Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar.
/** Days since 1970-01-01 (negative before); throws on anything but a real `YYYY-MM-DD`. */
export function dayNumberOf(date: IsoDate): number {
  const p = parts(date);
  if (!p) throw new RangeError(`Not a YYYY-MM-DD calendar date: ${JSON.stringify(date)}`);
  const [year, m, d] = p;
  const y = m <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The inverse of dayNumberOf (civil_from_days). */
export function dateOfDayNumber(n: number): IsoDate {
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  // Outside 0000-9999 the result would not be a valid `YYYY-MM-DD` string.
  if (y < 0 || y > 9999) throw new RangeError(`Date out of range (year ${y})`);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

// 0 = Monday ... 6 = Sunday; day 0 (1970-01-01) was a Thursday.
function isoWeekdayIndex(dayNumber: number): number {
  return (((dayNumber + 3) % 7) + 7) % 7;
}

/** The day number (see dayNumberOf) of the Monday of the ISO week holding `date`. */
export function mondayNumberOf(date: IsoDate): number {
  const n = dayNumberOf(date);
  return n - isoWeekdayIndex(n);
}

/** True for a strict `YYYY-MM-DD` string naming a real calendar date. */
export function isIsoDate(s: string): boolean {
  return typeof s === 'string' && parts(s) !== null;
}

/** The Monday of the ISO week holding `date`. */
export function weekStartOf(date: IsoDate): IsoDate {
  const n = dayNumberOf(date);
  return dateOfDayNumber(n - isoWeekdayIndex(n));
}

export function isMonday(date: IsoDate): boolean {
  return isoWeekdayIndex(dayNumberOf(date)) === 0;
}

export function addDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`Not a whole number of days: ${n}`);
  return dateOfDayNumber(dayNumberOf(date) + n);
}

export function addWeeks(weekStart: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`Not a whole number of weeks: ${n}`);
  return dateOfDayNumber(dayNumberOf(weekStart) + 7 * n);
}

/**
 * Whole weeks from one week to another (negative when `to` is earlier). Any day of a
 * week stands for that week, so non-Mondays never yield fractions.
 */
export function weeksBetween(fromWeekStart: IsoDate, toWeekStart: IsoDate): number {
  const from = dayNumberOf(fromWeekStart);
  const to = dayNumberOf(toWeekStart);
  return (to - isoWeekdayIndex(to) - (from - isoWeekdayIndex(from))) / 7;
}

/** The UTC calendar date of `now`: the server's notion of "today" must not depend on its zone. */
export function todayUtc(now: Date = new Date()): IsoDate {
  const ms = now.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
  return dateOfDayNumber(Math.floor(ms / MS_PER_DAY));
}

/** The Mondays from the week of `fromWeekStart` to the week of `toWeekStart`, inclusive; empty when reversed. */
export function weekRange(fromWeekStart: IsoDate, toWeekStart: IsoDate): IsoDate[] {
  const first = weekStartOf(fromWeekStart);
  const count = weeksBetween(first, toWeekStart) + 1;
  const out: IsoDate[] = [];
  for (let i = 0; i < count; i++) out.push(addWeeks(first, i));
  return out;
}

/** Weekdays by name, Monday first: index + 1 is the ISO weekday (Monday = 1). */
export const WEEKDAYS = Object.freeze([
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const);
export type Weekday = (typeof WEEKDAYS)[number];
