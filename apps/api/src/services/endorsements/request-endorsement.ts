// Asking a colleague to endorse an entry (POST /evidence/:id/endorsement-requests), and
// withdrawing the request (DELETE /evidence/:id/endorsement-requests/:requestId).
//
// Only the entry's owner asks (findOwnEvidence: a reader who is not the owner gets 403,
// anyone else 404). The colleague is any ACTIVE user but the owner: the owner would be
// vouching for themselves, and a deactivated account could never answer. One request per
// colleague and entry (a unique index): asking again while it is pending is a repeat,
// answered with that request (`created: false`, nobody notified again; two racing asks
// store one, the index decides); once answered, asking again is a 409 saying how it was
// answered. The colleague is notified in the same transaction as the request.
//
// Withdrawing (owner, pending requests only) removes the request, and with it the
// colleague's access to the entry and the item in their list.
import type { PrismaClient } from '@leadtrack/db';
import { conflict, notFound } from '../../lib/problem';
import { uuid7 } from '../../lib/uuid7';
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
  return prisma.$transaction(async (tx) => {
    const made = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO endorsement_requests (id, evidence_id, requested_by_id, endorser_id)
      VALUES (${uuid7()}, ${entry.id}, ${caller.id}, ${endorser.id})
      ON CONFLICT (evidence_id, endorser_id) DO NOTHING
      RETURNING id`;
    const request = await tx.endorsementRequest.findUniqueOrThrow({
      where: { evidenceId_endorserId: { evidenceId: entry.id, endorserId: endorser.id } },
    });
    const created = made.length > 0;
    if (created) {
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
    } else if (request.status !== 'pending') {
      throw conflict(`${endorser.name} has already ${request.status} this entry.`);
    }
    return { request: { id: request.id, endorser, status: request.status }, created };
  });
}

export async function withdrawEndorsementRequest(
  prisma: PrismaClient,
  caller: Caller,
  evidenceId: string,
  requestId: string,
) {
  const entry = await findOwnEvidence(prisma, caller, evidenceId);
  const request = await prisma.endorsementRequest.findFirst({
    where: { id: requestId, evidenceId: entry.id },
    include: { endorser: { select: { name: true } } },
  });
  if (!request) throw notFound('No such endorsement request.');
  const withdrawn = await prisma.endorsementRequest.deleteMany({
    where: { id: request.id, status: 'pending' },
  });
  if (withdrawn.count === 0) {
    const now = await prisma.endorsementRequest.findUnique({ where: { id: request.id } });
    if (!now) return; // withdrawn by a concurrent request: the same outcome
    throw conflict(
      `${request.endorser.name} has already ${now.status} this entry: an answer cannot be withdrawn.`,
    );
  }
}
