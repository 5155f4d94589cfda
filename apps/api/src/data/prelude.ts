// What a read route reads first, read with the caller. A route names the people it reads
// (`config.prelude`: one person by id or `me`, or the caller's team), and authenticate
// reads them, with their data versions, in the statement that reads the session
// (plugins/app/authenticate.ts). An answer cached under those versions (the timeline, the
// evidence page, the team) is then sent after one round trip.
//
// No access rule is applied here: the row is read whoever it is, and the service applies
// the rule to it exactly as to a row it read itself (services/readiness.ts readablePerson:
// canReadAsSponsor), so an unreadable person still answers 404 and is never sent.
import type { Database } from '@leadtrack/db';
import type { Person, VersionedPerson } from './weekly-aggregates';

/** What a route asks authenticate to read with the caller. */
export type PreludeAsk = { person: string } | { team: true };

/** What was read: the person (null when there is no such user), or the caller's team's digest. */
export type Prelude = { person: string; found: VersionedPerson | null } | { team: TeamDigest };

/** Every input of the team's rows that lives in the users table, as two short values. */
export interface TeamDigest {
  /** md5 over each active report's id, data version, role, time zone, email and name. */
  digest: string;
  /** The reports' distinct time zones, sorted (each one's today picks the weeks shown). */
  zones: string[];
}

// An id (or `me`) as the schemas allow it; anything else is not read ahead (the route's
// validation answers it), so no odd text reaches the statement.
const REF = /^[\w-]{1,64}$/;

/** A person prelude for a reference taken from the raw request (params or query). */
export function personPrelude(ref: unknown): PreludeAsk | undefined {
  const value = ref === undefined ? 'me' : ref;
  return typeof value === 'string' && REF.test(value) ? { person: value } : undefined;
}

/** The team prelude: the caller's active direct reports, as GET /reports reads them. */
export const TEAM_PRELUDE: PreludeAsk = { team: true };

/** The caller's active direct reports, as GET /reports reads them. */
const teamOf = (callerId: string) => `u.manager_id = ${callerId} AND u.deactivated_at IS NULL`;

/**
 * The team's digest as JSON text (`[md5, [zones]]`), a scalar subquery. Each free text is
 * written after its length (an id, a number and a role hold no space), so two different
 * teams never give the same text; concat_ws and md5 rather than JSON, as the row functions
 * are what the statement's time goes to.
 */
export function teamDigestSql(callerId: string): string {
  return `(SELECT json_build_array(
      md5(coalesce(string_agg(concat_ws(' ', u.id, u.data_version, u.role,
            length(u.time_zone), u.time_zone, length(u.email), u.email, length(u.name), u.name),
          ' ' ORDER BY u.id), '')),
      coalesce(array_agg(DISTINCT u.time_zone), '{}'))::text
    FROM users u WHERE ${teamOf(callerId)})`;
}

/** teamDigestSql's text read back. */
export function teamDigestOf(text: string): TeamDigest {
  const [digest, zones] = JSON.parse(text) as [string, string[]];
  return { digest, zones };
}

/** One person as JSON, the columns of loadPeople (data/weekly-aggregates.ts). */
function personJson(sponsored: string): string {
  return `json_build_object('id', u.id, 'email', u.email, 'name', u.name, 'role', u.role::text,
    'managerId', u.manager_id, 'timeZone', u.time_zone, 'deactivatedAt', u.deactivated_at,
    'sponsoredByCaller', ${sponsored}, 'dataVersion', u.data_version::text)`;
}

/**
 * The prelude as one column of authenticate's statement, named `prelude` (JSON text).
 * `callerId` is the caller's id in that statement, `param` the placeholder the person's id
 * takes when the prelude needs one (`values`).
 */
export function preludeColumn(
  ask: PreludeAsk,
  callerId: string,
  param: string,
): { sql: string; values: string[] } {
  if ('team' in ask) return { sql: `${teamDigestSql(callerId)} AS prelude`, values: [] };
  const sponsored = `EXISTS (SELECT 1 FROM sponsorships sp
                              WHERE sp.user_id = u.id AND sp.sponsor_id = ${callerId})`;
  const me = ask.person === 'me';
  return {
    sql: `(SELECT ${personJson(sponsored)}::text FROM users u
            WHERE u.id = ${me ? callerId : param}) AS prelude`,
    values: me ? [] : [ask.person],
  };
}

type PersonRow = Omit<Person, 'deactivatedAt'> & {
  deactivatedAt: string | null;
  dataVersion: string;
};

function versioned({ dataVersion, deactivatedAt, ...person }: PersonRow): VersionedPerson {
  return {
    person: { ...person, deactivatedAt: deactivatedAt === null ? null : new Date(deactivatedAt) },
    dataVersion,
  };
}

/** The prelude column read back. */
export function preludeOf(ask: PreludeAsk, text: string | null): Prelude {
  // The team's column is an aggregate: a row, and text, whatever the team.
  if ('team' in ask) return { team: teamDigestOf(text as string) };
  return { person: ask.person, found: text === null ? null : versioned(JSON.parse(text)) };
}

/**
 * The caller's active direct reports (by name) and their digest, in one statement: one
 * snapshot, so an answer made from these people is kept under exactly their digest (the
 * prelude's, read earlier, may be older).
 */
export async function readTeam(
  db: Pick<Database, 'query'>,
  callerId: string,
): Promise<{ digest: TeamDigest; team: VersionedPerson[] }> {
  const [row] = await db.query<{ digest: string; team: string }>(
    `SELECT ${teamDigestSql('$1')} AS digest,
            (SELECT coalesce(json_agg(${personJson('false')} ORDER BY u.name, u.id), '[]'::json)::text
               FROM users u WHERE ${teamOf('$1')}) AS team`,
    [callerId],
  );
  // Two scalar subqueries: always one row.
  const { digest, team } = row as { digest: string; team: string };
  return { digest: teamDigestOf(digest), team: (JSON.parse(team) as PersonRow[]).map(versioned) };
}
