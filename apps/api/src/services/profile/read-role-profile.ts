// The role profile (GET /users/:id/profile): the seed's senior-IC-versus-tech-lead table
// held against the last `weeks` non-leave weeks up to the current one. One SQL statement
// aggregates those weeks (averages of the check-ins, weeks holding each kind);
// @leadtrack/core's compareRoleProfile turns the numbers into a verdict per dimension.
//
// Access: the rights of readiness (self, direct manager, admin, a sponsor the user granted:
// access.ts findSponsorReadableUser), else 404.
import {
  compareRoleProfile,
  EVIDENCE_KINDS,
  type EvidenceKind,
  HANDS_ON_BAND,
  type ProfileSummary,
  todayIn,
  weekStartOf,
} from '@leadtrack/core';
import { type Database, Prisma } from '@leadtrack/db';
import type { RoleProfileDto } from '@leadtrack/schemas';
import type { Caller } from '../../plugins/app/authenticate';
import { findSponsorReadableUser } from '../access';

const KIND_WEEKS = Prisma.raw(
  EVIDENCE_KINDS.map(
    (k) => `count(*) FILTER (WHERE ev."${k}")::int AS "${k}"`, // fixed identifiers
  ).join(',\n      '),
);
const KIND_FLAGS = Prisma.raw(
  EVIDENCE_KINDS.map((k) => `bool_or('${k}' = ANY(e.kinds)) AS "${k}"`).join(',\n        '),
);

interface ProfileRow extends Record<EvidenceKind, number> {
  weeks: number;
  from: string | null;
  to: string | null;
  checkins: number;
  handsOn: string | null;
  deepWork: string | null;
}

/**
 * The statement. The timeline starts at the week of the first entry or check-in (as
 * readiness's does) and ends with the current week; leave weeks are skipped (their
 * evidence counts nowhere, rule 3), so the last `weeks` of the others are looked at, each
 * week with or without a check-in. Evidence is read per ISO week, only within those weeks.
 */
export function roleProfileSql(userId: string, currentWeek: string, weeks: number): Prisma.Sql {
  return Prisma.sql`
    WITH first_week AS (
      SELECT date_trunc('week', least(
        (SELECT min(e.occurred_on) FROM evidence e
          WHERE e.user_id = ${userId} AND e.deleted_at IS NULL),
        (SELECT min(c.week_start) FROM checkins c WHERE c.user_id = ${userId})
      )::timestamp)::date AS week_start
    ), counted AS (
      SELECT w::date AS week_start, c.hands_on_percent, c.deep_work_blocks
        FROM first_week f,
             generate_series(f.week_start::timestamp, ${currentWeek}::date::timestamp,
                             interval '1 week') w
        LEFT JOIN checkins c ON c.user_id = ${userId} AND c.week_start = w::date
       WHERE f.week_start IS NOT NULL AND c.on_leave IS NOT TRUE
       ORDER BY w DESC
       LIMIT ${weeks}
    ), ev AS (
      SELECT date_trunc('week', e.occurred_on::timestamp)::date AS week_start,
        ${KIND_FLAGS}
        FROM evidence e
       WHERE e.user_id = ${userId} AND e.deleted_at IS NULL
         AND e.occurred_on >= (SELECT min(week_start) FROM counted)
         AND e.occurred_on < ${currentWeek}::date + 7
       GROUP BY 1
    )
    SELECT count(*)::int AS weeks,
      to_char(min(counted.week_start), 'YYYY-MM-DD') AS "from",
      to_char(max(counted.week_start), 'YYYY-MM-DD') AS "to",
      count(counted.hands_on_percent)::int AS checkins,
      avg(counted.hands_on_percent)::text AS "handsOn",
      avg(counted.deep_work_blocks)::text AS "deepWork",
      ${KIND_WEEKS}
    FROM counted LEFT JOIN ev ON ev.week_start = counted.week_start`;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export async function readRoleProfile(
  db: Database,
  caller: Caller,
  ref: string,
  weeks: number,
  now: Date,
): Promise<RoleProfileDto> {
  const user = await findSponsorReadableUser(db.prisma, caller, ref);
  // The person's current week, in their time zone.
  const sql = roleProfileSql(user.id, weekStartOf(todayIn(user.timeZone, now)), weeks);
  const [row] = await db.query<ProfileRow>(sql.text, sql.values);
  if (!row) throw new Error('the profile statement returned no row');

  const handsOn = row.handsOn === null ? null : Number(row.handsOn);
  const deepWork = row.deepWork === null ? null : Number(row.deepWork);
  const weeksWithKind = Object.fromEntries(EVIDENCE_KINDS.map((k) => [k, row[k] ?? 0])) as Record<
    EvidenceKind,
    number
  >;
  const summary: ProfileSummary = {
    weeks: row.weeks,
    checkins: row.checkins,
    handsOnPercent: handsOn,
    deepWorkBlocks: deepWork,
    weeksWithKind,
  };
  return {
    userId: user.id,
    weeks: row.weeks,
    from: row.from,
    to: row.to,
    handsOn: {
      averagePercent: handsOn === null ? null : round1(handsOn),
      band: { ...HANDS_ON_BAND },
      inBand:
        handsOn === null ? null : handsOn >= HANDS_ON_BAND.min && handsOn <= HANDS_ON_BAND.max,
      checkins: row.checkins,
    },
    deepWork: {
      averageBlocks: deepWork === null ? null : round1(deepWork),
      checkins: row.checkins,
    },
    weeksWithKind: EVIDENCE_KINDS.map((kind) => ({ kind, weeks: weeksWithKind[kind] })),
    comparison: compareRoleProfile(summary),
  };
}
