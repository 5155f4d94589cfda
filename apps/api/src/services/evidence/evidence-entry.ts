// An evidence entry as every part of the evidence area needs it: what each response carries
// (acknowledgements and endorsements), its DTO, and the finders that decide who may read or
// change one (the rule of services/access.ts plus the entry's own grant: a colleague asked to
// endorse it). To anyone else an entry is missing (404), as is a soft-deleted one.
import { Prisma, type PrismaClient } from '@leadtrack/db';
import type { Evidence } from '@leadtrack/schemas';
import { isCurrent } from '../../data/acknowledgements';
import { toIsoDate } from '../../lib/dates';
import { forbidden, notFound } from '../../lib/problem';
import type { Caller } from '../../plugins/app/authenticate';
import { canRead, endorserGrantSql, sponsoredByCallerSql } from '../access';

/**
 * What every entry response carries: its acknowledgements and endorsements, oldest first,
 * with who gave them.
 */
export const evidenceInclude = {
  acknowledgements: {
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    include: { by: { select: { id: true, name: true } } },
  },
  endorsements: {
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    include: { by: { select: { id: true, name: true } } },
  },
} as const satisfies Prisma.EvidenceInclude;

/** One entry plus its owner's reporting line, which the access decisions need. */
export const entryInclude = {
  ...evidenceInclude,
  user: { select: { id: true, managerId: true } },
} as const satisfies Prisma.EvidenceInclude;

export type EvidenceRow = Prisma.EvidenceGetPayload<{ include: typeof evidenceInclude }>;
type AcknowledgementRow = EvidenceRow['acknowledgements'][number];

/**
 * An acknowledgement (or an endorsement: same shape) as responses carry it; `entry` is the
 * entry it is about, whose `contentVersion` decides whether it is still current.
 */
export function toAcknowledgementDto(ack: AcknowledgementRow, entry: { contentVersion: number }) {
  return {
    id: ack.id,
    by: { id: ack.by.id, name: ack.by.name },
    comment: ack.comment,
    entryVersion: ack.entryVersion,
    current: isCurrent(ack, entry),
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
    acknowledgements: row.acknowledgements.map((a) => toAcknowledgementDto(a, row)),
    endorsements: row.endorsements.map((n) => toAcknowledgementDto(n, row)),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A deleted entry can be restored for this long; after that it is gone for good. */
export const RESTORE_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

export const missingEntry = () => notFound('No such evidence entry.');

/** The entry if it exists and is not deleted; null otherwise (no access decision). */
export function findLiveEntry(db: PrismaClient | Prisma.TransactionClient, id: string) {
  return db.evidence.findFirst({ where: { id, deletedAt: null }, include: entryInclude });
}

/**
 * An entry the caller may read: its owner, the owner's direct manager, an admin, a sponsor
 * of the owner, or a colleague asked to endorse this very entry (a pending or endorsed
 * request is the grant: it names this entry only, so nothing else of the owner opens up; a
 * declined one ends it: access.ts's `endorserGrantSql`); 404 otherwise. The second read only
 * happens for callers canRead refuses.
 */
export async function findReadableEvidence(prisma: PrismaClient, caller: Caller, id: string) {
  const entry = await findLiveEntry(prisma, id);
  if (!entry) throw missingEntry();
  if (canRead(caller, entry.user)) return entry;
  const [grant] = await prisma.$queryRaw<{ granted: boolean }[]>`
    SELECT ${sponsoredByCallerSql(caller.id, Prisma.sql`${entry.userId}`)}
        OR ${endorserGrantSql(caller.id, entry.id)} AS granted`;
  if (!grant?.granted) throw missingEntry();
  return entry;
}

/**
 * An entry the caller may change: only its owner edits or deletes it. Anyone else who can
 * read it (manager, admin, sponsor, requested endorser) already knows it exists, so they are
 * told the role forbids it (403); anyone else is told it does not exist (404).
 */
export async function findOwnEvidence(prisma: PrismaClient, caller: Caller, id: string) {
  const entry = await findReadableEvidence(prisma, caller, id);
  if (entry.userId !== caller.id) throw forbidden('Only the owner can change an evidence entry.');
  return entry;
}
