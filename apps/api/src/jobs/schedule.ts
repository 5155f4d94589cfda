// Whose local day and hour has come: every scheduled message goes out at a local time of
// its recipient (users.time_zone), once in their local ISO week. An hourly tick sends to
// whoever's moment has come this week and has not been sent to yet, so a tick missed
// (a restart, a slow deploy) is caught up by the next one in the same week.
import {
  addDays,
  type IsoDate,
  type IsoWeekday,
  type LocalTime,
  localTimeIn,
  todayUtc,
  weekStartOf,
} from '@leadtrack/core';

export interface LocalWeek {
  local: LocalTime;
  /** The Monday of the person's local ISO week: the delivery key's week. */
  weekStart: IsoDate;
}

export function localWeekOf(timeZone: string, asOf: Date): LocalWeek {
  let local: LocalTime;
  try {
    local = localTimeIn(timeZone, asOf);
  } catch {
    // A zone this runtime no longer knows: UTC rather than nobody's reminder.
    local = localTimeIn('UTC', asOf);
  }
  return { local, weekStart: weekStartOf(local.date) };
}

/** True once the local weekday and hour have reached `day` at `hour` in this week. */
export function hasCome(local: LocalTime, day: IsoWeekday | number, hour: number): boolean {
  return local.weekday > day || (local.weekday === day && local.hour >= hour);
}

/**
 * The oldest local week start any zone can have at `asOf` (UTC-12 is a day behind UTC):
 * deliveries from then on are all a run needs to know about.
 */
export function oldestWeekStart(asOf: Date): IsoDate {
  return weekStartOf(addDays(todayUtc(asOf), -1));
}

/** Groups items by a key, keeping their order. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** "Friday 27 November 2026": a calendar date in words (UTC, so the date never shifts). */
export function longDate(date: IsoDate): string {
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}
