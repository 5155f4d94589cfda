// The one SQL statement behind readiness: the people asked for (one readable user, or a
// manager's direct reports) with, per person, the evidence of each ISO week (counts per
// kind, distinct and acknowledged entries), the check-ins and the newest entry date.
//
// One round trip whatever the history's length or the team's size. Each person's weeks
// come back as JSON arrays (parsed with JSON.parse), not as a row per week: at two years
// of history for a team of 30 that is 30 rows instead of ~3,000, which spares the driver
// and Prisma converting ~45,000 values one by one.
import {
  type CheckinInput,
  EVIDENCE_KINDS,
  type IsoDate,
  type WeekAggregate,
} from '@leadtrack/core';
import type { Database, Role } from '@leadtrack/db';
import { Prisma } from '@leadtrack/db';
import type { Caller } from '../plugins/app/authenticate';
import { readableUsersSql, sponsoredByCallerSql } from '../services/access';
import { USER_COLUMNS_SQL } from './user-columns';

/**
 * Whose history to read:
 * - `readable`: one user, only if `caller` may read them (themselves, their direct
 *   manager, an admin, or a sponsor they granted: services/access.ts `readableUsersSql`,
 *   the SQL form of `canReadAsSponsor`, so that a user the caller may not read costs no
 *   aggregation and answers like a missing one);
 * - `reportsOf`: every direct report of a manager.
 */
export type PeopleScope =
  | { readable: string; caller: Pick<Caller, 'id' | 'role'> }
  | { reportsOf: string }
  | { ids: readonly string[] };

export interface Person {
  id: string;
  email: string;
  name: string;
  role: Role;
  managerId: string | null;
  /** Set while the account is deactivated (read by loadPeople; histories leave it out). */
  deactivatedAt?: Date | null;
  /** The caller sponsors this person (only ever true for a `readable` scope). */
  sponsoredByCaller: boolean;
}

export interface UserHistory {
  weeks: WeekAggregate[];
  checkins: CheckinInput[];
  /** The newest `occurredOn` up to `asOf`, or null without evidence. */
  lastEvidenceOn: IsoDate | null;
  /**
   * The day the working agreement with the current manager was confirmed by both (the later
   * of the two confirmations of its current version); null when it is not confirmed, was
   * made with another manager, or there is no manager. The rule of
   * services/agreement/read-agreement.ts `isConfirmed`.
   */
  agreementConfirmedOn: IsoDate | null;
}

export interface PersonHistory {
  person: Person;
  history: UserHistory;
}

// A week of evidence as the statement encodes it: [weekStart, ...counts in EVIDENCE_KINDS
// order, entries, acknowledged]; a check-in: [weekStart, handsOnPercent, deepWorkBlocks,
// onLeave].
type WeekTuple = [string, ...number[]];
type CheckinTuple = [string, number, number, boolean];

const KINDS = EVIDENCE_KINDS.length;

// `kinds` is an enum array: one FILTER per kind counts the entries holding it, so an entry
// with several kinds counts once under each. Column names are fixed identifiers.
const KIND_COUNTS = Prisma.raw(
  EVIDENCE_KINDS.map((k) => `count(*) FILTER (WHERE '${k}' = ANY(e.kinds))::int AS "${k}"`).join(
    ',\n        ',
  ),
);
const KIND_COLUMNS = Prisma.raw(EVIDENCE_KINDS.map((k) => `ev."${k}"`).join(', '));

function peopleFilter(scope: PeopleScope): Prisma.Sql {
  if ('reportsOf' in scope) return Prisma.sql`u.manager_id = ${scope.reportsOf}`;
  if ('ids' in scope) {
    return scope.ids.length > 0
      ? Prisma.sql`u.id IN (${Prisma.join(scope.ids)})`
      : Prisma.sql`false`;
  }
  return Prisma.sql`u.id = ${scope.readable} AND ${readableUsersSql(scope.caller, 'sponsor')}`;
}

/** Whether the caller sponsors each person: only asked for a `readable` scope. */
function sponsoredColumn(scope: PeopleScope): Prisma.Sql {
  return 'readable' in scope ? sponsoredByCallerSql(scope.caller.id) : Prisma.sql`false`;
}

/** The statement itself (exported so the benchmark can EXPLAIN exactly what runs). */
export function historiesSql(scope: PeopleScope, asOf: IsoDate): Prisma.Sql {
  // Evidence is aggregated per (user, ISO week); check-ins are already one per week. The
  // model takes the two lists separately, so they are not joined here: each person gets
  // one JSON array of weeks and one of check-ins.
  // date_trunc('week', …) gives the ISO Monday; the cast to timestamp (not timestamptz)
  // keeps the session time zone out of it. Dates leave inside JSON, which always writes
  // them as YYYY-MM-DD whatever DateStyle, or through to_char, so no Date conversion can
  // shift them. The evidence index (user_id, occurred_on DESC, id DESC) serves the user
  // and date bounds, checkins(user_id, week_start) the check-ins, and
  // acknowledgements(evidence_id) the EXISTS (which the planner may also hash).
  return Prisma.sql`
    WITH people AS MATERIALIZED (
      SELECT u.id, u.email, u.name, u.role::text AS role, u.manager_id,
        ${sponsoredColumn(scope)} AS sponsored_by_caller
      FROM users u
      WHERE ${peopleFilter(scope)}
    ), ev AS (
      SELECT e.user_id,
        date_trunc('week', e.occurred_on::timestamp)::date AS week_start,
        ${KIND_COUNTS},
        count(*)::int AS entries,
        -- Visible entries (rule 7): acknowledged by the manager or endorsed by a colleague.
        count(*) FILTER (
          WHERE EXISTS (SELECT 1 FROM acknowledgements a WHERE a.evidence_id = e.id)
             OR EXISTS (SELECT 1 FROM endorsements en WHERE en.evidence_id = e.id)
        )::int AS acknowledged,
        max(e.occurred_on) AS last_on
      FROM evidence e
      WHERE e.user_id IN (SELECT id FROM people)
        AND e.occurred_on <= ${asOf}::date
        AND e.deleted_at IS NULL
      GROUP BY 1, 2
    ), weeks AS (
      SELECT ev.user_id,
        json_agg(json_build_array(ev.week_start, ${KIND_COLUMNS}, ev.entries, ev.acknowledged))
          AS weeks,
        max(ev.last_on) AS last_on
      FROM ev
      GROUP BY 1
    ), checkins AS (
      SELECT c.user_id,
        json_agg(json_build_array(
          c.week_start, c.hands_on_percent, c.deep_work_blocks, c.on_leave
        )) AS checkins
      FROM checkins c
      WHERE c.user_id IN (SELECT id FROM people) AND c.week_start <= ${asOf}::date
      GROUP BY 1
    )
    SELECT p.id, p.email, p.name, p.role, p.manager_id AS "managerId",
      p.sponsored_by_caller AS "sponsoredByCaller",
      w.weeks::text AS weeks,
      to_char(w.last_on, 'YYYY-MM-DD') AS "lastEvidenceOn",
      c.checkins::text AS checkins,
      -- Confirmed: both confirmed the current version (an edit clears both) with the
      -- current manager. The day is the later confirmation's, in UTC.
      CASE WHEN p.manager_id IS NOT NULL AND wa.manager_id = p.manager_id
             AND wa.lead_confirmed_at IS NOT NULL AND wa.manager_confirmed_at IS NOT NULL
        THEN to_char(greatest(wa.lead_confirmed_at, wa.manager_confirmed_at) AT TIME ZONE 'UTC',
                     'YYYY-MM-DD')
      END AS "agreementConfirmedOn"
    FROM people p
    LEFT JOIN weeks w ON w.user_id = p.id
    LEFT JOIN checkins c ON c.user_id = p.id
    LEFT JOIN working_agreements wa ON wa.user_id = p.id
    ORDER BY p.name, p.id`;
}

interface Row extends Person {
  weeks: string | null;
  lastEvidenceOn: string | null;
  checkins: string | null;
  agreementConfirmedOn: string | null;
}

function historyOf(row: Row): UserHistory {
  const weeks: WeekAggregate[] = [];
  if (row.weeks !== null) {
    for (const t of JSON.parse(row.weeks) as WeekTuple[]) {
      const counts: WeekAggregate['counts'] = {};
      for (let k = 0; k < KINDS; k++) {
        const n = t[k + 1] as number;
        if (n > 0) counts[EVIDENCE_KINDS[k] as (typeof EVIDENCE_KINDS)[number]] = n;
      }
      weeks.push({
        weekStart: t[0],
        counts,
        entries: t[KINDS + 1] as number,
        acknowledgedEntries: t[KINDS + 2] as number,
      });
    }
  }
  const checkins: CheckinInput[] = [];
  if (row.checkins !== null) {
    for (const [weekStart, handsOnPercent, deepWorkBlocks, onLeave] of JSON.parse(
      row.checkins,
    ) as CheckinTuple[]) {
      checkins.push({ weekStart, handsOnPercent, deepWorkBlocks, onLeave });
    }
  }
  return {
    weeks,
    checkins,
    lastEvidenceOn: row.lastEvidenceOn,
    agreementConfirmedOn: row.agreementConfirmedOn,
  };
}

/**
 * The people in `scope` (ordered by name, then id) with every week up to `asOf` that holds
 * evidence or a check-in. Soft-deleted entries never count; entries after `asOf` are not
 * read. For a `readable` scope the list is empty when the user is missing or unreadable.
 */
export async function loadHistories(
  db: Pick<Database, 'query'>,
  scope: PeopleScope,
  asOf: IsoDate,
): Promise<PersonHistory[]> {
  // Straight through the driver: every column is text, and Prisma's $queryRaw would spend
  // ~3 ms of CPU converting the JSON columns of a two-year history (bench/profile.ts).
  const sql = historiesSql(scope, asOf);
  const rows = await db.query<Row>(sql.text, sql.values);
  return rows.map((row) => ({
    person: {
      id: row.id,
      email: row.email,
      name: row.name,
      role: row.role,
      managerId: row.managerId,
      sponsoredByCaller: row.sponsoredByCaller,
    },
    history: historyOf(row),
  }));
}

export interface VersionedPerson {
  person: Person;
  /** users.data_version: bumped by triggers whenever what readiness reads changes. */
  dataVersion: string;
}

/**
 * The people in `scope` (ordered by name, then id) with their data versions: one indexed
 * read, no aggregation. Readiness uses it to serve cached answers that are still current.
 */
export async function loadPeople(
  db: Pick<Database, 'query'>,
  scope: PeopleScope,
): Promise<VersionedPerson[]> {
  const sql = Prisma.sql`
    SELECT ${USER_COLUMNS_SQL}, u.deactivated_at AS "deactivatedAt",
      ${sponsoredColumn(scope)} AS "sponsoredByCaller", u.data_version::text AS "dataVersion"
    FROM users u
    WHERE ${peopleFilter(scope)}
    ORDER BY u.name, u.id`;
  const rows = await db.query<Person & { dataVersion: string }>(sql.text, sql.values);
  return rows.map(({ dataVersion, ...person }) => ({ person, dataVersion }));
}
