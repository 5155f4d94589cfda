// Each person's weeks as the agenda and the team view read them: their own today (their
// zone at the request's instant), the Monday of their week in progress, the first Monday of
// the acknowledgement window, last week's Monday, and the instant their week began.
import { addDays, type IsoDate, localTimeIn, todayIn, weekStartOf } from '@leadtrack/core';
import { ACKNOWLEDGE_WEEKS } from '@leadtrack/schemas';

/** Midnight UTC of a calendar date, in milliseconds. */
const utcMs = (date: IsoDate) => Date.parse(`${date}T00:00:00Z`);

/**
 * The instant a local calendar day begins in `timeZone` (a zone's offset found by asking it
 * twice: once for a guess, once for the corrected guess, which settles across a change of
 * offset; a midnight skipped by a clock change answers the first instant after it).
 */
export function startOfDayIn(timeZone: string, date: IsoDate): Date {
  const target = utcMs(date);
  let guess = target;
  for (let i = 0; i < 3; i++) {
    const local = localTimeIn(timeZone, new Date(guess));
    const localMs = utcMs(local.date) + local.hour * 3_600_000 + local.minute * 60_000;
    if (localMs === target) break;
    guess += target - localMs;
  }
  return new Date(guess);
}

export interface PersonWeeks {
  id: string;
  /** The Monday of the person's week in progress. */
  monday: IsoDate;
  /** The first day of the acknowledgement window (ACKNOWLEDGE_WEEKS weeks, this one included). */
  from: IsoDate;
  /** The Monday of the week before. */
  lastMonday: IsoDate;
  /** The instant this week began in their zone (= when last week ended). */
  weekBegan: string;
}

/** Each person's weeks at `now`, each zone's computed once. */
export function weeksOf(
  people: readonly { id: string; timeZone: string }[],
  now: Date,
): PersonWeeks[] {
  const byZone = new Map<string, Omit<PersonWeeks, 'id'>>();
  return people.map(({ id, timeZone }) => {
    let weeks = byZone.get(timeZone);
    if (!weeks) {
      const monday = weekStartOf(todayIn(timeZone, now));
      let began: Date;
      try {
        began = startOfDayIn(timeZone, monday);
      } catch {
        began = new Date(utcMs(monday)); // a zone the runtime no longer knows: UTC
      }
      weeks = {
        monday,
        from: addDays(monday, -7 * (ACKNOWLEDGE_WEEKS - 1)),
        lastMonday: addDays(monday, -7),
        weekBegan: began.toISOString(),
      };
      byZone.set(timeZone, weeks);
    }
    return { id, ...weeks };
  });
}
