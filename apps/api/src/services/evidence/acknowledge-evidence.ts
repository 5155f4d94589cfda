// Acknowledging evidence: someone other than the engineer marks an entry as seen, which is
// what makes it *visible* in the readiness model. So only the owner's direct manager or an
// admin may (canManage), never the owner themselves: self-acknowledgement would let anyone
// inflate their own visibility.
//
// An acknowledgement vouches for the version it was given on (`entryVersion`). Each person
// has at most one per entry (a unique index): acknowledging again while theirs is still
// current is a repeat, answered with the one stored (`created: false`, nothing written,
// nobody notified again); once the entry changed since, acknowledging again replaces it
// (this version, this comment, this moment). The write is one INSERT … ON CONFLICT, so two
// racing identical requests store one and notify once: the second waits on the index and
// finds the first. The owner is notified in the same transaction as the write.
import type { PrismaClient } from '@leadtrack/db';
import { dataChanged } from '../../freshness';
import { forbidden } from '../../lib/problem';
import { uuid7 } from '../../lib/uuid7';
import type { Caller } from '../../plugins/app/authenticate';
import { canManage } from '../access';
import { notifyEntryOwner } from '../notifications/notify';
import { findReadableEvidence, missingEntry, toAcknowledgementDto } from './evidence-entry';

const ackInclude = { by: { select: { id: true, name: true } } } as const;

export async function acknowledgeEvidence(
  prisma: PrismaClient,
  caller: Caller,
  id: string,
  comment: string | null | undefined,
) {
  // Strangers (and peers, and skip-level managers) cannot read the entry: 404, not 403.
  const entry = await findReadableEvidence(prisma, caller, id);
  // The owner can read it, so existence is no secret: their role is what forbids this.
  if (entry.userId === caller.id) {
    throw forbidden('You cannot acknowledge your own evidence: your manager does.');
  }
  // Readable and not one's own leaves the direct manager or an admin; kept as a guard.
  if (!canManage(caller, entry.user)) throw missingEntry();
  return prisma.$transaction(async (tx) => {
    // The version is read in the statement itself, so it is the one stored even when an
    // edit lands between the access check and this write.
    const written = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO acknowledgements (id, evidence_id, by_id, comment, entry_version)
      SELECT ${uuid7()}, e.id, ${caller.id}, ${comment || null}, e.version
        FROM evidence e WHERE e.id = ${entry.id} AND e.deleted_at IS NULL
      ON CONFLICT (evidence_id, by_id) DO UPDATE
         SET comment = EXCLUDED.comment, entry_version = EXCLUDED.entry_version,
             created_at = now()
       WHERE acknowledgements.entry_version
             < (SELECT content_version FROM evidence WHERE id = EXCLUDED.evidence_id)
      RETURNING id`;
    const ack = await tx.acknowledgement.findUnique({
      where: { evidenceId_byId: { evidenceId: entry.id, byId: caller.id } },
      include: { ...ackInclude, evidence: { select: { contentVersion: true } } },
    });
    if (!ack) throw missingEntry(); // deleted meanwhile
    const created = written.length > 0;
    if (created) {
      await notifyEntryOwner(tx, entry, caller, 'entry-acknowledged');
      dataChanged(entry.userId);
    }
    return {
      acknowledgement: toAcknowledgementDto(ack, ack.evidence),
      ownerId: entry.userId,
      created,
    };
  });
}
