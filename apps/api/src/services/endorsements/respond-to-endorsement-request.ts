// Answering an endorsement request: endorse (with an optional comment) or decline.
//
// Only the colleague asked may answer: to anyone else the request does not exist (404), and
// so it is when its entry was deleted. A request is answered once: endorsing or declining
// an answered one is a 409. The status change is conditional on `pending` and the
// endorsement is unique per request, so two racing answers cannot both land. The owner
// can never endorse their own entry: no request to themselves can exist, and this checks
// it again. A deactivated colleague cannot answer at all (authenticate refuses them).
// Endorsing notifies the owner in the same transaction; declining does not.
import type { PrismaClient } from '@leadtrack/db';
import { conflictOnDuplicate } from '../../lib/database-errors';
import { conflict, forbidden, notFound } from '../../lib/problem';
import type { Caller } from '../../plugins/app/authenticate';
import { toAcknowledgementDto } from '../evidence/evidence-entry';
import { entryLink, notify, quoted } from '../notifications/notify';

const missingRequest = () => notFound('No such endorsement request.');

async function findOwnRequest(prisma: PrismaClient, caller: Caller, id: string) {
  const request = await prisma.endorsementRequest.findFirst({
    where: { id, endorserId: caller.id, evidence: { deletedAt: null } },
    include: { evidence: { select: { userId: true, title: true } } },
  });
  if (!request) throw missingRequest();
  if (request.evidence.userId === caller.id) {
    throw forbidden('You cannot endorse your own entry.');
  }
  if (request.status !== 'pending') {
    throw conflict(`You already ${request.status} this request.`);
  }
  return request;
}

const ALREADY_ANSWERED = 'This request has already been answered.';
const alreadyAnswered = () => conflict(ALREADY_ANSWERED);

export async function endorse(
  prisma: PrismaClient,
  caller: Caller,
  requestId: string,
  comment: string | null | undefined,
) {
  const request = await findOwnRequest(prisma, caller, requestId);
  return conflictOnDuplicate(ALREADY_ANSWERED, () =>
    prisma.$transaction(async (tx) => {
      const answered = await tx.endorsementRequest.updateMany({
        where: { id: request.id, status: 'pending' },
        data: { status: 'endorsed', respondedAt: new Date() },
      });
      if (answered.count !== 1) throw alreadyAnswered();
      const endorsement = await tx.endorsement.create({
        data: {
          evidenceId: request.evidenceId,
          byId: caller.id,
          requestId: request.id,
          comment: comment || null,
        },
        include: { by: { select: { id: true, name: true } } },
      });
      await notify(
        tx,
        {
          userId: request.evidence.userId,
          type: 'entry-endorsed',
          subject: `${caller.name} endorsed ${quoted(request.evidence.title)}.`,
          link: entryLink(request.evidenceId),
        },
        caller.id,
      );
      // Shaped as an entry shows its endorsements (toEvidenceDto).
      return { endorsement: toAcknowledgementDto(endorsement), ownerId: request.evidence.userId };
    }),
  );
}

export async function declineEndorsement(prisma: PrismaClient, caller: Caller, requestId: string) {
  const request = await findOwnRequest(prisma, caller, requestId);
  const answered = await prisma.endorsementRequest.updateMany({
    where: { id: request.id, status: 'pending' },
    data: { status: 'declined', respondedAt: new Date() },
  });
  if (answered.count !== 1) throw alreadyAnswered();
}
