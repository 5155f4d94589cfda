// Answering an endorsement request: endorse (with an optional comment) or decline.
//
// Only the colleague asked may answer: to anyone else the request does not exist (404), and
// so it is when its entry was deleted. A request is answered once. Repeating the answer is
// safe: endorsing an endorsed request answers 200 with the endorsement as stored (the
// first comment, nobody notified again), declining a declined one answers as the first
// decline did; the other answer to an answered request is a 409 saying which it was. The
// status change is conditional on `pending` and the endorsement is unique per request, so
// of two racing answers one writes and the other finds it. The owner can never endorse
// their own entry: no request to themselves can exist, and this checks it again. A
// deactivated colleague cannot answer at all (authenticate refuses them). Endorsing
// records the entry's version (`entryVersion`) and notifies the owner in the same
// transaction; declining does not notify, and ends the colleague's access to the entry.
import type { Prisma, PrismaClient } from '@leadtrack/db';
import { dataChanged } from '../../freshness';
import { conflict, forbidden, notFound } from '../../lib/problem';
import { uuid7 } from '../../lib/uuid7';
import type { Caller } from '../../plugins/app/authenticate';
import { toAcknowledgementDto } from '../evidence/evidence-entry';
import { notifyEntryOwner } from '../notifications/notify';

const missingRequest = () => notFound('No such endorsement request.');

type Answer = 'endorsed' | 'declined';

async function findOwnRequest(
  db: PrismaClient | Prisma.TransactionClient,
  caller: Caller,
  id: string,
) {
  const request = await db.endorsementRequest.findFirst({
    where: { id, endorserId: caller.id, evidence: { deletedAt: null } },
    include: { evidence: { select: { userId: true, title: true } } },
  });
  if (!request) throw missingRequest();
  if (request.evidence.userId === caller.id) {
    throw forbidden('You cannot endorse your own entry.');
  }
  return request;
}

/** The other answer to an answered request: 409 naming the answer given. */
function otherAnswer(given: string, asked: Answer) {
  if (given === asked || given === 'pending') return;
  throw conflict(`You already ${given} this request.`);
}

async function storedEndorsement(db: PrismaClient | Prisma.TransactionClient, requestId: string) {
  const stored = await db.endorsement.findUnique({
    where: { requestId },
    include: {
      by: { select: { id: true, name: true } },
      evidence: { select: { contentVersion: true } },
    },
  });
  if (!stored) throw missingRequest(); // the entry went meanwhile
  return toAcknowledgementDto(stored, stored.evidence);
}

export async function endorse(
  prisma: PrismaClient,
  caller: Caller,
  requestId: string,
  comment: string | null | undefined,
) {
  const request = await findOwnRequest(prisma, caller, requestId);
  otherAnswer(request.status, 'endorsed');
  const ownerId = request.evidence.userId;
  return prisma.$transaction(async (tx) => {
    // Waits for a racing answer to commit, then sees it: count 0.
    const answered = await tx.endorsementRequest.updateMany({
      where: { id: request.id, status: 'pending' },
      data: { status: 'endorsed', respondedAt: new Date() },
    });
    if (answered.count !== 1) {
      const now = await findOwnRequest(tx, caller, requestId);
      otherAnswer(now.status, 'endorsed');
      return { endorsement: await storedEndorsement(tx, request.id), ownerId, created: false };
    }
    // The version is read in the statement that stores it.
    await tx.$executeRaw`
      INSERT INTO endorsements (id, evidence_id, by_id, request_id, comment, entry_version)
      SELECT ${uuid7()}, e.id, ${caller.id}, ${request.id}, ${comment || null}, e.version
        FROM evidence e WHERE e.id = ${request.evidenceId}`;
    const entry = { id: request.evidenceId, userId: ownerId, title: request.evidence.title };
    await notifyEntryOwner(tx, entry, caller, 'entry-endorsed');
    dataChanged(ownerId);
    // Shaped as an entry shows its endorsements (toEvidenceDto).
    return { endorsement: await storedEndorsement(tx, request.id), ownerId, created: true };
  });
}

/** Declining again changes nothing and answers as the first decline did. */
export async function declineEndorsement(prisma: PrismaClient, caller: Caller, requestId: string) {
  const request = await findOwnRequest(prisma, caller, requestId);
  otherAnswer(request.status, 'declined');
  if (request.status === 'declined') return;
  const answered = await prisma.endorsementRequest.updateMany({
    where: { id: request.id, status: 'pending' },
    data: { status: 'declined', respondedAt: new Date() },
  });
  if (answered.count !== 1) {
    otherAnswer((await findOwnRequest(prisma, caller, requestId)).status, 'declined');
  }
}
