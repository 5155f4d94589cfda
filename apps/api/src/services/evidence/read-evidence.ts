// Reading evidence: a user's list in pages, and their deleted entries (one entry is
// evidence-entry.ts's findReadableEvidence). A list is readable by its owner, the owner's
// direct manager, admins and the owner's sponsors (services/access.ts, sponsor reach); to
// anyone else the user is missing (404). Soft-deleted entries never appear in the list.
import { isIsoDate } from '@leadtrack/core';
import { type Database, Prisma } from '@leadtrack/db';
import {
  type DeletedEvidenceList,
  type Evidence,
  EvidenceListSchema,
  type ListDeletedEvidenceQuery,
  type ListEvidenceQuery,
} from '@leadtrack/schemas';
import type { Prelude } from '../../data/prelude';
import { freshnessKey } from '../../freshness/keys';
import { allowListSerializer } from '../../lib/allow-list-serializer';
import { bodyCacheOf, type CachedBody } from '../../lib/body-cache';
import { invalidField } from '../../lib/problem';
import type { Caller } from '../../plugins/app/authenticate';
import { readablePerson } from '../readiness';
import { RESTORE_WINDOW_MS } from './evidence-entry';

// The cursor names the last entry of a page by its sort key, `occurredOn|id`, in base64url:
// opaque to clients, and the next page starts strictly after it (keyset, not offset, so
// entries added or deleted meanwhile neither repeat nor vanish from the pages).
interface Position {
  occurredOn: string;
  id: string;
}

export function encodeCursor(position: Position): string {
  return Buffer.from(`${position.occurredOn}|${position.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): Position {
  const invalid = () => invalidField('cursor', 'Not a cursor from this list: pass nextCursor back');
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  const match = /^(\d{4}-\d{2}-\d{2})\|([^|]{1,64})$/.exec(
    Buffer.from(cursor, 'base64url').toString('utf8'),
  );
  if (!match?.[1] || !match[2] || !isIsoDate(match[1])) throw invalid();
  return { occurredOn: match[1], id: match[2] };
}

// An entry as the contract shapes it, built by Postgres: acknowledgements and endorsements
// are aggregated per entry in the same statement (two correlated subqueries on indexed
// evidence_id, no extra round trip per entry). Instants are formatted in UTC explicitly, so the
// session's TimeZone cannot change them; JSON writes dates as YYYY-MM-DD.
const UTC_INSTANT = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
// An entry's acknowledgements or endorsements (one shape: a remark by someone on a version
// of the entry), oldest first; `r` aliases the table.
const remarks = (table: string, r: string) => `COALESCE((
      SELECT json_agg(json_build_object(
          'id', ${r}.id, 'by', json_build_object('id', b.id, 'name', b.name),
          'comment', ${r}.comment, 'entryVersion', ${r}.entry_version,
          'current', ${r}.entry_version >= e.content_version,
          'createdAt', to_char(${r}.created_at AT TIME ZONE 'UTC', ${UTC_INSTANT})
        ) ORDER BY ${r}.created_at, ${r}.id)
      FROM ${table} ${r} JOIN users b ON b.id = ${r}.by_id
      WHERE ${r}.evidence_id = e.id), '[]'::json)`;
export const ENTRY_JSON = Prisma.raw(`json_build_object(
    'id', e.id, 'userId', e.user_id, 'kinds', e.kinds::text[], 'title', e.title,
    'description', e.description, 'occurredOn', e.occurred_on, 'links', e.links,
    'audience', e.audience, 'source', e.source,
    'acknowledgements', ${remarks('acknowledgements', 'a')},
    'endorsements', ${remarks('endorsements', 'n')},
    'version', e.version,
    'createdAt', to_char(e.created_at AT TIME ZONE 'UTC', ${UTC_INSTANT}),
    'updatedAt', to_char(e.updated_at AT TIME ZONE 'UTC', ${UTC_INSTANT})
  )::text`);

/**
 * A page of a user's entries, newest `occurredOn` first, ties by id (descending), and how
 * many entries match the filters in all (`total`, the cursor aside). Reading someone else's
 * list needs the rights of GET /users/:id or a sponsorship (listEvidenceBody checks them
 * first: 404 otherwise; a colleague asked to endorse one entry does not get the list).
 * One statement per page: the where clause and order follow the
 * (user_id, occurred_on DESC, id DESC) index, the keyset condition is a row comparison
 * the index can seek to, and each entry arrives whole, acknowledgements included. The
 * count is a scalar subquery over the same filters, joined to the page so an empty page
 * (past the end, or nothing logged) still returns one row carrying it.
 */
async function pageOf(db: Database, ownerId: string, query: ListEvidenceQuery) {
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor);

  const filters = [Prisma.sql`e.user_id = ${ownerId}`, Prisma.sql`e.deleted_at IS NULL`];
  if (query.kind) filters.push(Prisma.sql`${query.kind}::"EvidenceKind" = ANY(e.kinds)`);
  if (query.from) filters.push(Prisma.sql`e.occurred_on >= ${query.from}::date`);
  if (query.to) filters.push(Prisma.sql`e.occurred_on <= ${query.to}::date`);
  const pageConditions = after
    ? [...filters, Prisma.sql`(e.occurred_on, e.id) < (${after.occurredOn}::date, ${after.id})`]
    : filters;
  // Through the driver, not $queryRaw: the rows are JSON text, which Prisma would spend
  // milliseconds converting (bench/profile.ts).
  const statement = Prisma.sql`
    SELECT t.total, p.entry
      FROM (SELECT count(*)::int AS total FROM evidence e
             WHERE ${Prisma.join(filters, ' AND ')}) t
      LEFT JOIN LATERAL (
        SELECT ${ENTRY_JSON} AS entry, e.occurred_on, e.id
          FROM evidence e
         WHERE ${Prisma.join(pageConditions, ' AND ')}
         ORDER BY e.occurred_on DESC, e.id DESC
         LIMIT ${query.limit + 1}) p ON true
     ORDER BY p.occurred_on DESC, p.id DESC`;
  const rows = await db.query<{ total: number; entry: string | null }>(
    statement.text,
    statement.values,
  );
  const entries = rows.flatMap((row) => (row.entry === null ? [] : [row.entry]));
  const page = entries.slice(0, query.limit).map((entry) => JSON.parse(entry) as Evidence);
  const last = page.at(-1);
  return {
    items: page,
    nextCursor:
      entries.length > query.limit && last
        ? encodeCursor({ occurredOn: last.occurredOn, id: last.id })
        : null,
    total: rows[0]?.total ?? 0,
  };
}

const serializePage = allowListSerializer(EvidenceListSchema)();

/**
 * listEvidence serialised, kept per process under the owner's data version and the query.
 * Every change to what a page shows bumps the owner's users.data_version in the same
 * transaction (database triggers: their entries, the entries' acknowledgements and
 * endorsements, and the name of whoever acknowledged or endorsed one), so a warm page is
 * one indexed read of the owner (also the access check) and a string.
 */
export async function listEvidenceBody(
  db: Database,
  caller: Caller,
  query: ListEvidenceQuery,
  prelude?: Prelude,
): Promise<CachedBody> {
  if (query.cursor !== undefined) decodeCursor(query.cursor);
  const { person, dataVersion } = await readablePerson(db, caller, query.userId ?? 'me', prelude);
  const { kind, from, to, cursor, limit } = query;
  const key = freshnessKey('evidence', person.id, dataVersion, kind, from, to, cursor, limit);
  return bodyCacheOf(db).getOrMake(key, async () =>
    serializePage(await pageOf(db, person.id, query)),
  );
}

/**
 * The trash: the caller's own deleted entries that can still be restored (deleted within
 * RESTORE_WINDOW_MS), newest deletion first, each with when it was deleted and until when
 * it can be restored. Only ever the caller's: a deleted entry is visible to nobody else,
 * so there is no userId to ask for someone else's trash.
 */
export async function listDeletedEvidence(
  db: Database,
  caller: Caller,
  query: ListDeletedEvidenceQuery,
): Promise<DeletedEvidenceList> {
  // The same cutoff, from the same clock, as restoreEvidence: listed means restorable.
  const cutoff = new Date(Date.now() - RESTORE_WINDOW_MS).toISOString();
  const restorable = Prisma.sql`e.user_id = ${caller.id}
       AND e.deleted_at IS NOT NULL
       AND e.deleted_at > ${cutoff}::timestamptz`;
  const statement = Prisma.sql`
    SELECT t.total, p.entry, p.deleted_at AS "deletedAt"
      FROM (SELECT count(*)::int AS total FROM evidence e WHERE ${restorable}) t
      LEFT JOIN LATERAL (
        SELECT ${ENTRY_JSON} AS entry, e.deleted_at, e.id
          FROM evidence e
         WHERE ${restorable}
         ORDER BY e.deleted_at DESC, e.id DESC
         LIMIT ${query.limit}) p ON true
     ORDER BY p.deleted_at DESC, p.id DESC`;
  const rows = await db.query<{ total: number; entry: string | null; deletedAt: Date | null }>(
    statement.text,
    statement.values,
  );
  const items = rows.flatMap((row) => {
    if (row.entry === null || row.deletedAt === null) return [];
    const deletedAt = new Date(row.deletedAt);
    return [
      {
        ...(JSON.parse(row.entry) as Evidence),
        deletedAt: deletedAt.toISOString(),
        restorableUntil: new Date(deletedAt.getTime() + RESTORE_WINDOW_MS).toISOString(),
      },
    ];
  });
  return { items, total: rows[0]?.total ?? 0 };
}
