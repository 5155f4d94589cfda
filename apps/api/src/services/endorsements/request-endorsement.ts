// Asking a colleague to endorse an entry (POST /evidence/:id/endorsement-requests).
//
// Only the entry's owner asks (findOwnEvidence: a reader who is not the owner gets 403,
// anyone else 404). The colleague is any ACTIVE user but the owner: the owner would be
// vouching for themselves, and a deactivated account could never answer. The same
// colleague asked twice for one entry is a 409 (the unique (evidence, endorser) index
// decides, so two racing requests cannot both succeed). The colleague is notified in the
// same transaction.
import type { PrismaClient } from '@leadtrack/db';
import { conflictOnDuplicate } from '../../lib/database-errors';
import type { Caller } from '../../plugins/app/authenticate';
import { findOwnEvidence } from '../evidence/evidence-entry';
import { notify, quoted } from '../notifications/notify';
import { findActiveColleague } from '../users/read-users';

export async function requestEndorsement(
  prisma: PrismaClient,
  caller: Caller,
  evidenceId: string,
  endorserId: string,
) {
  const entry = await findOwnEvidence(prisma, caller, evidenceId);
  const endorser = await findActiveColleague(
    prisma,
    caller,
    endorserId,
    'Ask a colleague: you cannot endorse your own entry',
  );
  const request = await conflictOnDuplicate(
    `${endorser.name} has already been asked to endorse this entry.`,
    () =>
      prisma.$transaction(async (tx) => {
        const made = await tx.endorsementRequest.create({
          data: { evidenceId: entry.id, requestedById: caller.id, endorserId: endorser.id },
        });
        await notify(
          tx,
          {
            userId: endorser.id,
            type: 'endorsement-requested',
            subject: `${caller.name} asked you to endorse ${quoted(entry.title)}.`,
            link: '/endorsements',
          },
          caller.id,
        );
        return made;
      }),
  );
  return { id: request.id, endorser, status: request.status };
}
