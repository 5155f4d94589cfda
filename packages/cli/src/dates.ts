// Calendar dates in the person's time zone, and the date phrases `leadtrack log` and
// `leadtrack checkin` understand: today, yesterday, weekday names, ISO dates.
// Pure functions on `YYYY-MM-DD` strings; `now` is a parameter so they are testable.

import { addDays, dayNumberOf, isIsoDate, mondayNumberOf } from '../../core/src/week.js';

// Date arithmetic is core's (compiled in, like its kind tags: see kinds.ts).
export { addDays, isIsoDate, weekStartOf as mondayOf } from '../../core/src/week.js';

/** The calendar date at `at` in an IANA time zone (`Europe/Paris`), as `YYYY-MM-DD`. */
export function localDate(timeZone: string, at: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** 0 for Monday … 6 for Sunday (ISO order). */
function isoWeekday(iso: string): number {
  return dayNumberOf(iso) - mondayNumberOf(iso);
}

const WEEKDAYS: Record<string, number> = {
  monday: 0,
  mon: 0,
  tuesday: 1,
  tue: 1,
  tues: 1,
  wednesday: 2,
  wed: 2,
  thursday: 3,
  thu: 3,
  thur: 3,
  thurs: 3,
  friday: 4,
  fri: 4,
  saturday: 5,
  sat: 5,
  sunday: 6,
  sun: 6,
};

export const DATE_PHRASES_HELP =
  'today, yesterday, a weekday (monday or mon: the most recent one before today), or YYYY-MM-DD';

/**
 * The date a phrase names, seen from `today` (`YYYY-MM-DD` in the person's zone), or
 * undefined when the phrase is not a date. A weekday name is the most recent such day
 * strictly before today ("friday" on a Friday is a week ago; say "today" for today), and
 * "last friday" means the same.
 */
export function resolveDatePhrase(phrase: string, today: string): string | undefined {
  const words = phrase.trim().toLowerCase().replace(/\s+/g, ' ');
  if (words === 'today') return today;
  if (words === 'yesterday') return addDays(today, -1);
  if (isIsoDate(words)) return words;
  const weekday = WEEKDAYS[words.replace(/^last /, '')];
  if (weekday === undefined) return undefined;
  const back = (isoWeekday(today) - weekday + 7) % 7 || 7;
  return addDays(today, -back);
}
