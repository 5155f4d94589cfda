// Reading evidence: one entry, or a user's list in pages. An entry is readable by its
// owner, the owner's direct manager and admins (services/access.ts); to anyone else it is
// missing (404), as is any soft-deleted entry, so neither existence nor deletion leaks.

import { isIsoDate } from '@leadtrack/core';
import { type Database, Prisma, type PrismaClient } from '@leadtrack/db';
import type { Evidence, ListEvidenceQuery } from '@leadtrack/schemas';
import { toIsoDate } from '../lib/dates';
import { forbidden, invalidField, notFound } from '../lib/problem';
import type { Caller } from '../plugins/app/authenticate';
import { canRead, findReadableUser } from './access';

/** What every entry response carries: its acknowledgements, oldest first, with who gave them. */
export const evidenceInclude = {
  acknowledgements: {
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    include: { by: { select: { id: true, name: true } } },
  },
} as const satisfies Prisma.EvidenceInclude;

/** One entry plus its owner's reporting line, which the access decisions need. */
export const entryInclude = {
  ...evidenceInclude,
  user: { select: { id: true, managerId: true } },
} as const satisfies Prisma.EvidenceInclude;

type EvidenceRow = Prisma.EvidenceGetPayload<{ include: typeof evidenceInclude }>;
type AcknowledgementRow = EvidenceRow['acknowledgements'][number];

export function toAcknowledgementDto(ack: AcknowledgementRow) {
  return {
    id: ack.id,
    by: { id: ack.by.id, name: ack.by.name },
    comment: ack.comment,
    createdAt: ack.createdAt.toISOString(),
  };
}

export function toEvidenceDto(row: EvidenceRow): Evidence {
  return {
    id: row.id,
    userId: row.userId,
    kinds: row.kinds,
    title: row.title,
    description: row.description,
    occurredOn: toIsoDate(row.occurredOn),
    links: row.links ?? [],
    audience: row.audience,
    source: row.source,
    acknowledgements: row.acknowledgements.map(toAcknowledgementDto),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const missingEntry = () => notFound('No such evidence entry.');

/** The entry if it exists and is not deleted; null otherwise (no access decision). */
export function findLiveEntry(db: PrismaClient | Prisma.TransactionClient, id: string) {
  return db.evidence.findFirst({ where: { id, deletedAt: null }, include: entryInclude });
}

/** An entry the caller may read (owner, owner's direct manager, admin); 404 otherwise. */
export async function findReadableEvidence(prisma: PrismaClient, caller: Caller, id: string) {
  const entry = await findLiveEntry(prisma, id);
  if (!entry || !canRead(caller, entry.user)) throw missingEntry();
  return entry;
}

/**
 * An entry the caller may change: only its owner edits or deletes it. A manager or admin
 * who can read it already knows it exists, so they are told the role forbids it (403);
 * anyone else is told it does not exist (404).
 */
export async function findOwnEvidence(prisma: PrismaClient, caller: Caller, id: string) {
  const entry = await findReadableEvidence(prisma, caller, id);
  if (entry.userId !== caller.id) throw forbidden('Only the owner can change an evidence entry.');
  return entry;
}

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

// An entry as the contract shapes it, built by Postgres: acknowledgements are aggregated
// per entry in the same statement. Instants are formatted in UTC explicitly, so the
// session's TimeZone cannot change them; JSON writes dates as YYYY-MM-DD.
const UTC_INSTANT = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const ENTRY_JSON = Prisma.raw(`json_build_object(
    'id', e.id, 'userId', e.user_id, 'kinds', e.kinds::text[], 'title', e.title,
    'description', e.description, 'occurredOn', e.occurred_on, 'links', e.links,
    'audience', e.audience, 'source', e.source,
    'acknowledgements', COALESCE((
      SELECT json_agg(json_build_object(
          'id', a.id, 'by', json_build_object('id', b.id, 'name', b.name),
          'comment', a.comment,
          'createdAt', to_char(a.created_at AT TIME ZONE 'UTC', ${UTC_INSTANT})
        ) ORDER BY a.created_at, a.id)
      FROM acknowledgements a JOIN users b ON b.id = a.by_id
      WHERE a.evidence_id = e.id), '[]'::json),
    'version', e.version,
    'createdAt', to_char(e.created_at AT TIME ZONE 'UTC', ${UTC_INSTANT}),
    'updatedAt', to_char(e.updated_at AT TIME ZONE 'UTC', ${UTC_INSTANT})
  )::text`);

/**
 * A page of a user's entries, newest `occurredOn` first, ties by id (descending). Reading
 * someone else's list needs the rights of GET /users/:id (findReadableUser: 404 otherwise).
 * One statement per page: the where clause and order follow the
 * (user_id, occurred_on DESC, id DESC) index, the keyset condition is a row comparison
 * the index can seek to, and each entry arrives whole, acknowledgements included.
 */
export async function listEvidence(db: Database, caller: Caller, query: ListEvidenceQuery) {
  const owner = await findReadableUser(db.prisma, caller, query.userId ?? 'me');
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor);

  const conditions = [Prisma.sql`e.user_id = ${owner.id}`, Prisma.sql`e.deleted_at IS NULL`];
  if (query.kind) conditions.push(Prisma.sql`${query.kind}::"EvidenceKind" = ANY(e.kinds)`);
  if (query.from) conditions.push(Prisma.sql`e.occurred_on >= ${query.from}::date`);
  if (query.to) conditions.push(Prisma.sql`e.occurred_on <= ${query.to}::date`);
  if (after) {
    conditions.push(Prisma.sql`(e.occurred_on, e.id) < (${after.occurredOn}::date, ${after.id})`);
  }
  // Through the driver, not $queryRaw: the rows are JSON text, which Prisma would spend
  // milliseconds converting (bench/profile.ts).
  const statement = Prisma.sql`
    SELECT ${ENTRY_JSON} AS entry
      FROM evidence e
     WHERE ${Prisma.join(conditions, ' AND ')}
     ORDER BY e.occurred_on DESC, e.id DESC
     LIMIT ${query.limit + 1}`;
  const rows = await db.query<{ entry: string }>(statement.text, statement.values);
  const page = rows.slice(0, query.limit).map((row) => JSON.parse(row.entry) as Evidence);
  const last = page.at(-1);
  return {
    items: page,
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor({ occurredOn: last.occurredOn, id: last.id })
        : null,
  };
}
