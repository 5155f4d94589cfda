// Reading evidence: one entry, or a user's list in pages. An entry is readable by its
// owner, the owner's direct manager and admins (services/access.ts); to anyone else it is
// missing (404), as is any soft-deleted entry, so neither existence nor deletion leaks.

import { isIsoDate } from '@leadtrack/core';
import type { Prisma, PrismaClient } from '@leadtrack/db';
import type { Evidence, ListEvidenceQuery } from '@leadtrack/schemas';
import { fromIsoDate, toIsoDate } from '../lib/dates';
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

/**
 * A page of a user's entries, newest `occurredOn` first, ties by id (descending). Reading
 * someone else's list needs the rights of GET /users/:id (findReadableUser: 404 otherwise).
 * The where clause and order follow the (user_id, occurred_on DESC, id DESC) index, and
 * acknowledgements come with the page through `include`, not one query per entry.
 */
export async function listEvidence(prisma: PrismaClient, caller: Caller, query: ListEvidenceQuery) {
  const owner = await findReadableUser(prisma, caller, query.userId ?? 'me');
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor);

  const where: Prisma.EvidenceWhereInput[] = [{ userId: owner.id, deletedAt: null }];
  if (query.kind) where.push({ kinds: { has: query.kind } });
  if (query.from) where.push({ occurredOn: { gte: fromIsoDate(query.from) } });
  if (query.to) where.push({ occurredOn: { lte: fromIsoDate(query.to) } });
  if (after) {
    // (occurredOn, id) < (after.occurredOn, after.id), written so that the first part
    // bounds the index range and the second only filters the entries of that one day.
    const day = fromIsoDate(after.occurredOn);
    where.push(
      { occurredOn: { lte: day } },
      { OR: [{ occurredOn: { lt: day } }, { id: { lt: after.id } }] },
    );
  }

  const rows = await prisma.evidence.findMany({
    where: { AND: where },
    orderBy: [{ occurredOn: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
    include: evidenceInclude,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toEvidenceDto),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor({ occurredOn: toIsoDate(last.occurredOn), id: last.id })
        : null,
  };
}
