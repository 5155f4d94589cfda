// Changing evidence: edits, soft deletion and restoring. Only the owner changes an entry
// (findOwnEvidence: a manager or admin who may read it gets 403, anyone else 404).
//
// Edits are optimistic: `version` counts them, responses send it as ETag, and a client
// that sends it back in If-Match only overwrites the version it saw (else 412). The check
// and the write are one conditional UPDATE, so of two edits based on the same version
// exactly one wins and nothing is silently lost.
import type { PrismaClient } from '@leadtrack/db';
import type { UpdateEvidenceBody } from '@leadtrack/schemas';
import { dataChanged } from '../../freshness';
import { fromIsoDate } from '../../lib/dates';
import { parseIfMatch } from '../../lib/if-match';
import { forbidden, preconditionFailed } from '../../lib/problem';
import type { Caller } from '../../plugins/app/authenticate';
import { canRead } from '../access';
import {
  entryInclude,
  findLiveEntry,
  findOwnEvidence,
  missingEntry,
  RESTORE_WINDOW_MS,
} from './evidence-entry';

const stale = (version: number) =>
  preconditionFailed(
    `The entry has changed since you read it (now version ${version}): reload it and apply your change again.`,
  );

export async function updateEvidence(
  prisma: PrismaClient,
  caller: Caller,
  id: string,
  body: UpdateEvidenceBody,
  ifMatch: string | undefined,
) {
  // Reported first: freshness watches it only when the command succeeds.
  dataChanged(caller);
  const expected = parseIfMatch(ifMatch);
  const entry = await findOwnEvidence(prisma, caller, id);
  const versions = expected === '*' ? null : expected;
  if (versions && !versions.includes(entry.version)) throw stale(entry.version);

  return prisma.$transaction(async (tx) => {
    const updated = await tx.evidence.updateMany({
      where: {
        id,
        userId: caller.id,
        deletedAt: null,
        ...(versions && { version: { in: versions } }),
      },
      data: {
        ...(body.kinds !== undefined && { kinds: body.kinds }),
        ...(body.title !== undefined && { title: body.title }),
        ...(body.description !== undefined && { description: body.description || null }),
        ...(body.occurredOn !== undefined && { occurredOn: fromIsoDate(body.occurredOn) }),
        ...(body.links !== undefined && { links: body.links }),
        ...(body.audience !== undefined && { audience: body.audience }),
        version: { increment: 1 },
      },
    });
    // The row stays locked by this transaction until it commits, so the re-read is
    // exactly this edit's result.
    const current = await findLiveEntry(tx, id);
    if (!current) throw missingEntry(); // deleted meanwhile
    if (updated.count === 0) throw stale(current.version); // another edit won the race
    return current;
  });
}

/** Soft delete (owner): the entry disappears from reads, lists and readiness at once. */
export async function deleteEvidence(prisma: PrismaClient, caller: Caller, id: string) {
  // Reported first: freshness watches it only when the command succeeds.
  dataChanged(caller);
  await findOwnEvidence(prisma, caller, id);
  const deleted = await prisma.evidence.updateMany({
    where: { id, userId: caller.id, deletedAt: null },
    data: { deletedAt: new Date() },
  });
  if (deleted.count === 0) throw missingEntry(); // deleted by a concurrent request
}

/**
 * Restore (owner), within 30 days of the deletion; after that the entry is gone (404).
 * A deleted entry is visible to nobody else, so for anyone but the owner it is missing
 * (404); a live one that they may read gets the usual owner-only 403. Restoring a live
 * entry changes nothing and answers 200 with it, so a retried restore is harmless.
 * Neither deleting nor restoring counts as an edit: `version` stays as it was.
 */
export async function restoreEvidence(prisma: PrismaClient, caller: Caller, id: string) {
  // Reported first: freshness watches it only when the command succeeds.
  dataChanged(caller);
  const cutoff = new Date(Date.now() - RESTORE_WINDOW_MS);
  const entry = await prisma.evidence.findUnique({ where: { id }, include: entryInclude });
  const restorable = entry && (entry.deletedAt === null || entry.deletedAt > cutoff);
  if (!entry || !restorable) throw missingEntry();
  if (entry.userId !== caller.id) {
    if (entry.deletedAt === null && canRead(caller, entry.user)) {
      throw forbidden('Only the owner can restore an evidence entry.');
    }
    throw missingEntry();
  }
  if (entry.deletedAt === null) return entry;

  await prisma.evidence.updateMany({
    where: { id, userId: caller.id, deletedAt: { gt: cutoff } },
    data: { deletedAt: null },
  });
  // Live now, whether by this request or a concurrent restore; null if the window closed.
  const restored = await findLiveEntry(prisma, id);
  if (!restored) throw missingEntry();
  return restored;
}
