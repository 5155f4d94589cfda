// The endorsement requests waiting for the caller (GET /endorsement-requests): their own
// only, pending, on entries that still exist, newest first. Each names the entry (enough to
// decide; the whole entry is GET /evidence/:id, which the request opens to them) and who
// asked.
import type { PrismaClient } from '@leadtrack/db';
import type { PendingEndorsementRequestList } from '@leadtrack/schemas';
import { toIsoDate } from '../../lib/dates';
import type { Caller } from '../../plugins/app/authenticate';

export async function listEndorsementRequests(
  prisma: PrismaClient,
  caller: Caller,
): Promise<PendingEndorsementRequestList> {
  const requests = await prisma.endorsementRequest.findMany({
    where: { endorserId: caller.id, status: 'pending', evidence: { deletedAt: null } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    include: {
      evidence: { select: { id: true, title: true, kinds: true, occurredOn: true } },
      requestedBy: { select: { id: true, name: true } },
    },
  });
  return {
    items: requests.map((r) => ({
      id: r.id,
      entry: {
        id: r.evidence.id,
        title: r.evidence.title,
        kinds: r.evidence.kinds,
        occurredOn: toIsoDate(r.evidence.occurredOn),
      },
      requestedBy: r.requestedBy,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}
