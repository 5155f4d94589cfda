// GET /me/agenda: what waits for the caller, oldest first (API.md "What waits for you").
//
// For a manager (anyone with active direct reports): `acknowledge` (a report's entry of the
// last 8 weeks without the caller's current acknowledgement), `confirm-agreement` (a
// report's agreement waiting for the caller's confirmation), `reflection` (a reflection a
// report shared in the last 2 weeks, until the caller has read it), `at-risk` (a report's
// week in progress is pending with a streak to lose, as the digest says), `missing-checkin`
// (a report without a check-in for their last week). For everyone: `endorse` (a pending
// request to the caller), `confirm-agreement` (their own agreement waiting for them), and,
// for people working toward the role (engineers, and anyone who has logged something),
// `log` (this week pending: the missing behaviours) and `checkin` (no check-in for last
// week). Deactivated reports and entries of deactivated owners wait for nobody.
//
// Access: only ever the caller's own agenda, so there is nothing else to authorize; the
// manager items are those of the caller's direct reports (users.manager_id).
//
// Cost, whatever the team's size: the people (two indexed reads), their current readiness
// (the team view's cached computation: 0-3 statements) and the caller's timeline (cached),
// and one statement for every other item, which also counts them (a window over the
// union), so a manager of 30 is the same handful of round trips as a manager of 2.
import type { IsoDate } from '@leadtrack/core';
import type { Database } from '@leadtrack/db';
import {
  AGENDA_ITEMS_MAX,
  AGENDA_TYPES,
  type AgendaDto,
  type AgendaItemDto,
  type AgendaType,
  REFLECTION_DAYS,
} from '@leadtrack/schemas';
import { loadPeople, type VersionedPerson } from '../../data/weekly-aggregates';
import type { Caller } from '../../plugins/app/authenticate';
import { currentReadinessOf, timelinesOf } from '../readiness';
import { NOT_ACKNOWLEDGED_BY_MANAGER, PEOPLE_WINDOWS, windowsParam } from './waiting-entries';
import { type PersonWeeks, weeksOf } from './weeks';

const UTC_INSTANT = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

interface Row {
  type: AgendaType;
  userId: string;
  userName: string;
  entryId: string | null;
  title: string | null;
  occurredOn: IsoDate | null;
  weekStart: IsoDate | null;
  since: string;
  /** Every item of each type the statement found, as JSON (the same on every row). */
  counts: string;
}

const at = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', ${UTC_INSTANT})`;

// $1 the caller, $2 the people's windows (the caller first, then the reports), $3 now.
// Every part yields (type, user, entry, week, since); the window counts each type before
// the list is cut.
const AGENDA_SQL = `
  WITH p AS (${PEOPLE_WINDOWS('$2')}),
  items AS (
    SELECT 'acknowledge' AS type, u.id AS "userId", u.name AS "userName", e.id AS "entryId",
           e.title, e.occurred_on::text AS "occurredOn", NULL AS "weekStart", e.created_at AS since
      FROM p JOIN users u ON u.id = p.id AND u.manager_id = $1 AND u.deactivated_at IS NULL
      JOIN evidence e ON e.user_id = p.id AND e.occurred_on >= p.from_on AND e.deleted_at IS NULL
     WHERE ${NOT_ACKNOWLEDGED_BY_MANAGER}
    UNION ALL
    SELECT 'confirm-agreement', u.id, u.name, NULL, NULL, NULL, NULL, wa.updated_at
      FROM working_agreements wa JOIN users u ON u.id = wa.user_id
     WHERE wa.version > 0 AND wa.manager_id = u.manager_id AND u.deactivated_at IS NULL
       AND ((u.manager_id = $1 AND wa.manager_confirmed_at IS NULL)
         OR (u.id = $1 AND wa.lead_confirmed_at IS NULL))
    UNION ALL
    SELECT 'reflection', u.id, u.name, NULL, NULL, NULL, r.week_start::text, r.shared_at
      FROM users u JOIN reflections r ON r.user_id = u.id
     WHERE u.manager_id = $1 AND u.deactivated_at IS NULL AND r.shared
       AND r.shared_at > $3::timestamptz - interval '${REFLECTION_DAYS} days'
       AND (r.manager_seen_at IS NULL OR r.manager_seen_at < r.shared_at)
    UNION ALL
    SELECT CASE WHEN u.id = $1 THEN 'checkin' ELSE 'missing-checkin' END, u.id, u.name,
           NULL, NULL, NULL, p.last_monday::text, p.week_began
      FROM p JOIN users u ON u.id = p.id AND u.deactivated_at IS NULL
       AND (u.id = $1 OR u.manager_id = $1)
     WHERE u.created_at < p.week_began
       AND (u.id <> $1 OR u.role = 'engineer'
            OR EXISTS (SELECT 1 FROM weekly_aggregates w WHERE w.user_id = u.id))
       AND NOT EXISTS (SELECT 1 FROM checkins c WHERE c.user_id = p.id AND c.week_start = p.last_monday)
    UNION ALL
    SELECT 'endorse', o.id, o.name, e.id, e.title, e.occurred_on::text, NULL, q.created_at
      FROM endorsement_requests q
      JOIN evidence e ON e.id = q.evidence_id AND e.deleted_at IS NULL
      JOIN users o ON o.id = e.user_id AND o.deactivated_at IS NULL
     WHERE q.endorser_id = $1 AND q.status = 'pending'
  )
  SELECT type, "userId", "userName", "entryId", title, "occurredOn", "weekStart",
         ${at('since')} AS since,
         (SELECT json_object_agg(t.type, t.n) FROM (SELECT type, count(*) AS n FROM items GROUP BY type) t)::text
           AS counts
    FROM items
   ORDER BY items.since, type, "userName", "userId", "entryId"
   LIMIT ${AGENDA_ITEMS_MAX}`;

function itemOf(row: Row): AgendaItemDto {
  return {
    type: row.type,
    user: { id: row.userId, name: row.userName },
    ...(row.entryId !== null && {
      entry: { id: row.entryId, title: row.title ?? '', occurredOn: row.occurredOn ?? '' },
    }),
    ...(row.weekStart !== null && { weekStart: row.weekStart }),
    since: row.since,
  };
}

/** The caller and their active direct reports, with data versions: two indexed reads. */
async function peopleOf(db: Database, caller: Caller) {
  const [self, reports] = await Promise.all([
    loadPeople(db, { ids: [caller.id] }),
    loadPeople(db, { reportsOf: caller.id }),
  ]);
  return { self: self[0], reports };
}

/** `at-risk` items: the reports whose week in progress is pending with a streak to lose. */
async function atRiskItems(
  db: Database,
  reports: VersionedPerson[],
  weeks: Map<string, PersonWeeks>,
  now: Date,
): Promise<AgendaItemDto[]> {
  if (reports.length === 0) return [];
  const current = await currentReadinessOf(db, reports, now);
  return reports.flatMap(({ person }) => {
    const status = current.get(person.id)?.readiness.current;
    const week = weeks.get(person.id);
    if (!status || !week || !(status.pending && status.streak > 0 && !status.ready)) return [];
    return {
      type: 'at-risk' as const,
      user: { id: person.id, name: person.name },
      weekStart: week.monday,
      streak: status.streak,
      since: week.weekBegan,
    };
  });
}

/**
 * The caller's `log` item (their week in progress pending), only for someone working toward
 * the role (an engineer, or someone who has logged something; the statement's checkin item
 * asks the same).
 */
async function ownWeek(
  db: Database,
  caller: Caller,
  self: VersionedPerson | undefined,
  week: PersonWeeks,
  now: Date,
): Promise<AgendaItemDto | null> {
  if (!self) return null;
  const { policy, timelines } = await timelinesOf(db, [self], now);
  const weeks = timelines.get(caller.id)?.readiness.weeks ?? [];
  const working = caller.role === 'engineer' || weeks.length > 0;
  const row = weeks.find((w) => w.weekStart === week.monday);
  // Without a row this week nothing counts yet: pending unless the person never logged
  // (then the window is empty too) or is on leave.
  const missingKinds = row ? (row.pending ? row.missingKinds : null) : policy.requiredKinds;
  if (!working || !missingKinds || missingKinds.length === 0 || row?.onLeave) return null;
  return {
    type: 'log',
    user: { id: caller.id, name: caller.name },
    weekStart: week.monday,
    missingKinds: [...missingKinds],
    since: week.weekBegan,
  };
}

export async function readAgenda(db: Database, caller: Caller, now: Date): Promise<AgendaDto> {
  const { self, reports } = await peopleOf(db, caller);
  const active = reports.filter((r) => !r.person.deactivatedAt);
  const windows = weeksOf(
    [caller, ...active.map((r) => r.person)].map(({ id, timeZone }) => ({ id, timeZone })),
    now,
  );
  const byId = new Map(windows.map((w) => [w.id, w]));
  const ownWindow = windows[0] as PersonWeeks;
  const [rows, atRisk, own] = await Promise.all([
    db.query<Row>(AGENDA_SQL, [caller.id, windowsParam(windows), now.toISOString()]),
    atRiskItems(db, active, byId, now),
    ownWeek(db, caller, self, ownWindow, now),
  ]);

  const counts = Object.fromEntries(AGENDA_TYPES.map((t) => [t, 0])) as Record<AgendaType, number>;
  Object.assign(counts, rows[0] ? (JSON.parse(rows[0].counts) as Partial<typeof counts>) : {});
  const items = rows.map(itemOf);
  for (const extra of [...atRisk, ...(own ? [own] : [])]) {
    counts[extra.type] += 1;
    items.push(extra);
  }
  items.sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : 0));
  return { items: items.slice(0, AGENDA_ITEMS_MAX), counts };
}
