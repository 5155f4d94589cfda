// Acknowledging evidence: someone other than the engineer marks an entry as seen, which is
// what makes it *visible* in the readiness model. So only the owner's direct manager or an
// admin may (canManage), never the owner themselves: self-acknowledgement would let anyone
// inflate their own visibility. Each acknowledgement is kept, with its optional comment, and
// the owner is notified in the same transaction.
import type { PrismaClient } from '@leadtrack/db';
import { forbidden } from '../../lib/problem';
import type { Caller } from '../../plugins/app/authenticate';
import { canManage } from '../access';
import { entryLink, notify, quoted } from '../notifications/notify';
import { findReadableEvidence, missingEntry, toAcknowledgementDto } from './evidence-entry';

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
  const ack = await prisma.$transaction(async (tx) => {
    const made = await tx.acknowledgement.create({
      data: { evidenceId: entry.id, byId: caller.id, comment: comment || null },
      include: { by: { select: { id: true, name: true } } },
    });
    await notify(
      tx,
      {
        userId: entry.userId,
        type: 'entry-acknowledged',
        subject: `${caller.name} acknowledged ${quoted(entry.title)}.`,
        link: entryLink(entry.id),
      },
      caller.id,
    );
    return made;
  });
  return { acknowledgement: toAcknowledgementDto(ack), ownerId: entry.userId };
}
