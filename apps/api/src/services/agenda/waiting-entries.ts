// Entries waiting for a manager's acknowledgement: a direct report's live entries of the
// last ACKNOWLEDGE_WEEKS weeks (of the report's own calendar) that the manager has not
// acknowledged in their current version. The one copy of the rule, shared by the agenda
// (the entries themselves) and the team view (their count per report).
import type { Database } from '@leadtrack/db';
import { currentAcknowledgementByText } from '../../data/acknowledgements';
import type { PersonWeeks } from './weeks';

/**
 * "Not acknowledged by the manager `$1`" for the entry aliased `e`: no current
 * acknowledgement of theirs (one given on an earlier version of what the entry says waits
 * again: data/acknowledgements.ts).
 */
export const NOT_ACKNOWLEDGED_BY_MANAGER = `NOT ${currentAcknowledgementByText('$1')}`;

/**
 * The window of each person as a statement reads it (`people` aliased p: id, from_on,
 * last_monday, week_began), from a JSON parameter (the embedded driver does not take arrays).
 */
export const PEOPLE_WINDOWS = (param: string) => `SELECT x.id, x.from::date AS from_on,
    x."lastMonday"::date AS last_monday, x."weekBegan"::timestamptz AS week_began
  FROM json_to_recordset(${param}::json) AS x(id text, "from" text, "lastMonday" text, "weekBegan" text)`;

export const windowsParam = (weeks: readonly PersonWeeks[]) =>
  JSON.stringify(
    weeks.map(({ id, from, lastMonday, weekBegan }) => ({ id, from, lastMonday, weekBegan })),
  );

/** How many entries of each of `reports` wait for `managerId`: one statement. */
export async function countWaitingEntries(
  db: Pick<Database, 'query'>,
  managerId: string,
  reports: readonly PersonWeeks[],
): Promise<Map<string, number>> {
  if (reports.length === 0) return new Map();
  const rows = await db.query<{ id: string; waiting: number }>(
    `WITH p AS (${PEOPLE_WINDOWS('$2')})
     SELECT p.id, (SELECT count(*)::int FROM evidence e
                    WHERE e.user_id = p.id AND e.occurred_on >= p.from_on
                      AND e.deleted_at IS NULL AND ${NOT_ACKNOWLEDGED_BY_MANAGER}) AS waiting
       FROM p`,
    [managerId, windowsParam(reports)],
  );
  return new Map(rows.map((r) => [r.id, r.waiting]));
}
