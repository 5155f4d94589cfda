// The one SQL statement behind readiness: the people asked for (one readable user, or a
// set of people) with, per person, their ISO weeks as the `weekly_aggregates` table keeps
// them (counts per kind, distinct and acknowledged-or-endorsed entries, the check-in) and
// the newest entry date.
//
// The table is maintained by database triggers in the same transaction as every write
// (prisma/migrations/*_weekly_aggregates), so a read costs one indexed row per week of
// history, never a pass over the entries. One round trip whatever the history's length or
// the team's size. Each person's weeks come back as one JSON array (parsed with
// JSON.parse), not as a row per week: at two years of history for a team of 30 that is 30
// rows instead of ~3,000 for the driver to convert.
import {
  type CheckinInput,
  EVIDENCE_KINDS,
  type IsoDate,
  type WeekAggregate,
  weekStartOf,
} from '@leadtrack/core';
import type { Database } from '@leadtrack/db';
import { Prisma } from '@leadtrack/db';
import type { Caller } from '../plugins/app/authenticate';
import { readableUsersSql, sponsoredByCallerSql } from '../services/access';
import { CALLER_COLUMNS_SQL } from './user-columns';

/**
 * Whose history to read:
 * - `readable`: one user, only if `caller` may read them (themselves, their direct
 *   manager, an admin, or a sponsor they granted: services/access.ts `readableUsersSql`,
 *   the SQL form of `canReadAsSponsor`, so that a user the caller may not read costs no
 *   aggregation and answers like a missing one);
 * - `reportsOf`: every active direct report of a manager (a deactivated one has left the team).
 */
export type PeopleScope =
  | { readable: string; caller: Pick<Caller, 'id' | 'role'> }
  | { reportsOf: string }
  | { ids: readonly string[] }
  /** Every active person with a manager. */
  | { managed: true };

/** A person as the statements read them: a caller's columns (CALLER_COLUMNS), and more. */
export interface Person extends Caller {
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

// A week as both statements encode it: [weekStart, ...counts in EVIDENCE_KINDS order,
// entries, acknowledged, lastOn, handsOnPercent, deepWorkBlocks, onLeave]; the last three
// are null without a check-in, and the counts are zero for a week without live entries.
type WeekTuple = [string, ...(number | string | boolean | null)[]];

const KINDS = EVIDENCE_KINDS.length;

// The week holding `asOf` counted again from the entries, for the rare row holding entries
// dated after `asOf` (a past `asOf`, or an entry dated today in a zone ahead of UTC): one
// FILTER per kind, so an entry with several kinds counts once under each.
const KIND_COUNTS = Prisma.raw(
  EVIDENCE_KINDS.map((k) => `count(*) FILTER (WHERE '${k}' = ANY(e.kinds))::int AS "${k}"`).join(
    ',\n        ',
  ),
);

// A week's evidence columns (fixed identifiers): the table's, or the recount's when the row
// is cut at asOf.
const WEEK_COLUMNS = Prisma.raw(
  [...EVIDENCE_KINDS.map((k) => `"${k}"`), 'entries', 'acknowledged']
    .map((c) => `CASE WHEN w.cut THEN coalesce(p.${c}, 0) ELSE w.${c} END`)
    .join(', '),
);

function peopleFilter(scope: PeopleScope): Prisma.Sql {
  if ('reportsOf' in scope) {
    return Prisma.sql`u.manager_id = ${scope.reportsOf} AND u.deactivated_at IS NULL`;
  }
  if ('managed' in scope) return Prisma.sql`u.manager_id IS NOT NULL AND u.deactivated_at IS NULL`;
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
  // weekly_aggregates' primary key (user_id, week_start) serves the people and the week
  // bound. Dates leave inside JSON, which always writes them as YYYY-MM-DD whatever
  // DateStyle, or through to_char, so no Date conversion can shift them. Only the week
  // holding asOf may need the entries themselves (see KIND_COUNTS): the evidence index
  // (user_id, occurred_on DESC, id DESC) serves that recount of a few entries.
  const monday = weekStartOf(asOf);
  return Prisma.sql`
    WITH people AS MATERIALIZED (
      SELECT u.id, u.email, u.name, u.role::text AS role, u.manager_id, u.time_zone,
        ${sponsoredColumn(scope)} AS sponsored_by_caller
      FROM users u
      WHERE ${peopleFilter(scope)}
    ), w AS (
      SELECT w.*, (w.week_start = ${monday}::date AND w.last_on > ${asOf}::date) AS cut
      FROM weekly_aggregates w
      WHERE w.user_id IN (SELECT id FROM people) AND w.week_start <= ${monday}::date
    ), p AS (
      SELECT e.user_id,
        ${KIND_COUNTS},
        count(*)::int AS entries,
        -- Visible entries (rule 7): acknowledged by the manager or endorsed by a colleague.
        count(*) FILTER (
          WHERE EXISTS (SELECT 1 FROM acknowledgements a WHERE a.evidence_id = e.id)
             OR EXISTS (SELECT 1 FROM endorsements en WHERE en.evidence_id = e.id)
        )::int AS acknowledged,
        max(e.occurred_on) AS last_on
      FROM evidence e
      WHERE e.user_id IN (SELECT w.user_id FROM w WHERE w.cut)
        AND e.occurred_on >= ${monday}::date AND e.occurred_on <= ${asOf}::date
        AND e.deleted_at IS NULL
      GROUP BY 1
    ), weeks AS (
      SELECT w.user_id,
        json_agg(json_build_array(w.week_start, ${WEEK_COLUMNS},
          CASE WHEN w.cut THEN p.last_on ELSE w.last_on END,
          w.hands_on_percent, w.deep_work_blocks, w.on_leave)) AS weeks
      FROM w
      LEFT JOIN p ON w.cut AND p.user_id = w.user_id
      GROUP BY 1
    )
    SELECT p.id, p.email, p.name, p.role, p.manager_id AS "managerId", p.time_zone AS "timeZone",
      p.sponsored_by_caller AS "sponsoredByCaller",
      w.weeks::text AS weeks,
      -- Confirmed: both confirmed the current version (an edit clears both) with the
      -- current manager. The day is the later confirmation's, in UTC.
      CASE WHEN p.manager_id IS NOT NULL AND wa.manager_id = p.manager_id
             AND wa.lead_confirmed_at IS NOT NULL AND wa.manager_confirmed_at IS NOT NULL
        THEN to_char(greatest(wa.lead_confirmed_at, wa.manager_confirmed_at) AT TIME ZONE 'UTC',
                     'YYYY-MM-DD')
      END AS "agreementConfirmedOn"
    FROM people p
    LEFT JOIN weeks w ON w.user_id = p.id
    LEFT JOIN working_agreements wa ON wa.user_id = p.id
    ORDER BY p.name, p.id`;
}

interface Row extends Person {
  weeks: string | null;
  agreementConfirmedOn: string | null;
}

function historyOf(row: Row): UserHistory {
  const weeks = row.weeks === null ? [] : (JSON.parse(row.weeks) as WeekTuple[]);
  return historyFromWeeks(weeks.map(weekOf), row.agreementConfirmedOn);
}

/** A week as the model reads it: its evidence (null without live entries) and check-in. */
interface Week {
  aggregate: WeekAggregate | null;
  checkin: CheckinInput | null;
  lastOn: IsoDate | null;
}

function weekOf(t: WeekTuple): Week {
  const weekStart = t[0];
  const entries = t[KINDS + 1] as number;
  let aggregate: WeekAggregate | null = null;
  if (entries > 0) {
    const counts: WeekAggregate['counts'] = {};
    for (let k = 0; k < KINDS; k++) {
      const n = t[k + 1] as number;
      if (n > 0) counts[EVIDENCE_KINDS[k] as (typeof EVIDENCE_KINDS)[number]] = n;
    }
    aggregate = { weekStart, counts, entries, acknowledgedEntries: t[KINDS + 2] as number };
  }
  const onLeave = t[KINDS + 6] as boolean | null;
  const checkin =
    onLeave === null
      ? null
      : {
          weekStart,
          handsOnPercent: t[KINDS + 4] as number,
          deepWorkBlocks: t[KINDS + 5] as number,
          onLeave,
        };
  return { aggregate, checkin, lastOn: aggregate ? (t[KINDS + 3] as IsoDate) : null };
}

/**
 * The model's input from the weeks: evidence weeks, check-ins, the newest entry date. The
 * weeks are built once per row (weekOf), so a history held in memory is assembled again
 * from them without rebuilding each week's objects.
 */
function historyFromWeeks(
  weeks: Iterable<Week>,
  agreementConfirmedOn: IsoDate | null,
): UserHistory {
  const aggregates: WeekAggregate[] = [];
  const checkins: CheckinInput[] = [];
  let lastEvidenceOn: IsoDate | null = null;
  for (const { aggregate, checkin, lastOn } of weeks) {
    if (aggregate) aggregates.push(aggregate);
    if (checkin) checkins.push(checkin);
    if (lastOn !== null && (lastEvidenceOn === null || lastOn > lastEvidenceOn)) {
      lastEvidenceOn = lastOn;
    }
  }
  return { weeks: aggregates, checkins, lastEvidenceOn, agreementConfirmedOn };
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
      timeZone: row.timeZone,
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
    SELECT ${CALLER_COLUMNS_SQL}, u.deactivated_at AS "deactivatedAt",
      ${sponsoredColumn(scope)} AS "sponsoredByCaller", u.data_version::text AS "dataVersion"
    FROM users u
    WHERE ${peopleFilter(scope)}
    ORDER BY u.name, u.id`;
  const rows = await db.query<Person & { dataVersion: string }>(sql.text, sql.values);
  return rows.map(({ dataVersion, ...person }) => ({ person, dataVersion }));
}

// ---- the weeks held in memory, refreshed by what changed -----------------------------------

const DELTA_COLUMNS = Prisma.raw(
  [
    'w.week_start',
    ...EVIDENCE_KINDS.map((k) => `w."${k}"`),
    'w.entries',
    'w.acknowledged',
    'w.last_on',
    'w.hands_on_percent',
    'w.deep_work_blocks',
    'w.on_leave',
  ].join(', '),
);

/**
 * For each person, the rows of weekly_aggregates that changed after the version the
 * caller holds (`since`; -1 for every row), the person's current data version and their
 * agreement fact, in one statement: one snapshot, so the rows are exactly those of that
 * version. The (user_id, changed_version) index makes each person one short index range.
 * The pairs travel as JSON (the embedded PGlite driver does not serialise JS arrays).
 */
export function weekChangesSql(ids: readonly string[], since: readonly string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT s.id, u.data_version::text AS version, u.manager_id AS "managerId",
      (SELECT json_agg(json_build_array(${DELTA_COLUMNS}))
         FROM weekly_aggregates w
        WHERE w.user_id = s.id AND w.changed_version > s.since)::text AS weeks,
      CASE WHEN u.manager_id IS NOT NULL AND wa.manager_id = u.manager_id
             AND wa.lead_confirmed_at IS NOT NULL AND wa.manager_confirmed_at IS NOT NULL
        THEN to_char(greatest(wa.lead_confirmed_at, wa.manager_confirmed_at) AT TIME ZONE 'UTC',
                     'YYYY-MM-DD')
      END AS "agreementConfirmedOn"
    FROM json_to_recordset(${JSON.stringify(ids.map((id, i) => ({ id, since: since[i] })))}::json)
      AS s(id text, since bigint)
    JOIN users u ON u.id = s.id
    LEFT JOIN working_agreements wa ON wa.user_id = u.id`;
}

/** A history with the data version it is at least as new as (read before it). */
export interface VersionedHistory extends UserHistory {
  dataVersion: string;
}

interface HeldWeeks {
  version: bigint;
  weeks: Map<string, Week>;
  /** The manager the agreement fact was read with (it holds only with them). */
  managerId: string | null;
  history: UserHistory;
}

/** What the caller already read of a person: their data version and manager. */
export interface KnownVersion {
  dataVersion: string;
  managerId: string | null;
}

/**
 * People's weeks kept in memory per database, each as of a data version: a read asks only
 * for the rows that changed since (after one entry was logged, one row per person), merges
 * them, and builds the model's input. A person the caller already read at the version held
 * (and with the same manager, whom the agreement fact depends on) costs no read at all.
 * Bounded by people, least recently used first out. A person whose newest entry is dated
 * after `asOf` (a past `asOf`) is read by `loadHistories` instead, which cuts the week
 * holding `asOf` at that day.
 */
export class WeekStore {
  readonly #held = new Map<string, HeldWeeks>();

  constructor(readonly maxPeople = 2_000) {}

  async histories(
    db: Pick<Database, 'query'>,
    ids: readonly string[],
    asOf: IsoDate,
    known?: ReadonlyMap<string, KnownVersion>,
  ): Promise<Map<string, VersionedHistory>> {
    const found = new Map<string, VersionedHistory>();
    const cut = new Map<string, string>();
    const take = (id: string, version: string, history: UserHistory) => {
      if (history.lastEvidenceOn !== null && history.lastEvidenceOn > asOf) cut.set(id, version);
      else found.set(id, { ...history, dataVersion: version });
    };
    const asked: string[] = [];
    const bases = new Map<string, HeldWeeks | undefined>();
    for (const id of ids) {
      const held = this.#held.get(id);
      const k = known?.get(id);
      if (
        held &&
        k &&
        held.version.toString() === k.dataVersion &&
        held.managerId === k.managerId
      ) {
        take(id, k.dataVersion, held.history);
      } else {
        asked.push(id);
        bases.set(id, held);
      }
    }
    if (asked.length > 0) {
      const sql = weekChangesSql(
        asked,
        asked.map((id) => bases.get(id)?.version.toString() ?? '-1'),
      );
      const rows = await db.query<{
        id: string;
        version: string;
        managerId: string | null;
        weeks: string | null;
        agreementConfirmedOn: IsoDate | null;
      }>(sql.text, sql.values);
      for (const row of rows) {
        const base = bases.get(row.id);
        const version = BigInt(row.version);
        let weeks = base?.weeks ?? new Map<string, Week>();
        if (row.weeks !== null) {
          // A copy: a request still reading an older version may hold the base.
          weeks = new Map(weeks);
          for (const t of JSON.parse(row.weeks) as WeekTuple[]) weeks.set(t[0], weekOf(t));
        }
        const history = historyFromWeeks(weeks.values(), row.agreementConfirmedOn);
        const held = this.#held.get(row.id);
        // Kept unless another request stored a newer version meanwhile.
        if (!held || held.version <= version) {
          this.#keep(row.id, { version, weeks, managerId: row.managerId, history });
        }
        take(row.id, row.version, history);
      }
    }
    if (cut.size > 0) {
      for (const { person, history } of await loadHistories(db, { ids: [...cut.keys()] }, asOf)) {
        found.set(person.id, { ...history, dataVersion: cut.get(person.id) as string });
      }
    }
    return found;
  }

  #keep(id: string, held: HeldWeeks) {
    this.#held.delete(id);
    this.#held.set(id, held);
    while (this.#held.size > this.maxPeople) {
      const oldest = this.#held.keys().next().value;
      if (oldest === undefined) break;
      this.#held.delete(oldest);
    }
  }

  get size(): number {
    return this.#held.size;
  }
}
