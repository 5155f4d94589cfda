// Feedback a manager writes for a direct report.
//
// Who may do what (API.md, "Feedback and export"):
// - Write: only the user's direct manager ("that user's manager"). Unlike acknowledging
//   evidence, admins get no exception: feedback is part of the manager relationship
//   (access.ts's `feedbackRight`, not `canManage`). The user
//   themselves (also through `me`) and an admin who is not the manager get 403.
// - Read: the user themselves or their direct manager ("the user or their manager"). An
//   admin who is neither gets 403, not 404: admins may read every user (GET /users/:id),
//   so hiding that the user exists would protect nothing; the role is what is refused.
// - The user is notified (services/notifications), in the same transaction.
// - Anyone who may not read the user at all (a peer, a stranger, a skip-level manager)
//   gets 404 for both, as for a user that does not exist, so existence does not leak.
import type { PrismaClient } from '@leadtrack/db';
import type { CreateFeedbackBody, Feedback as FeedbackDto } from '@leadtrack/schemas';
import type { Caller } from '../plugins/app/authenticate';
import { feedbackRight, findReadableUser } from './access';
import { notify } from './notifications/notify';

const feedbackInclude = { author: { select: { id: true, name: true } } } as const;

interface FeedbackRow {
  id: string;
  userId: string;
  body: string;
  createdAt: Date;
  author: { id: string; name: string };
}

export function toFeedbackDto(row: FeedbackRow): FeedbackDto {
  return {
    id: row.id,
    userId: row.userId,
    author: { id: row.author.id, name: row.author.name },
    body: row.body,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function createFeedback(
  prisma: PrismaClient,
  caller: Caller,
  userRef: string,
  body: CreateFeedbackBody,
): Promise<FeedbackDto> {
  const user = await findReadableUser(prisma, caller, userRef);
  feedbackRight(caller, user, 'write');
  const row = await prisma.$transaction(async (tx) => {
    const made = await tx.feedback.create({
      data: { userId: user.id, authorId: caller.id, body: body.body },
      include: feedbackInclude,
    });
    await notify(
      tx,
      {
        userId: user.id,
        type: 'feedback-received',
        subject: `${caller.name} wrote you feedback.`,
        link: '/#feedback-h',
      },
      caller.id,
    );
    return made;
  });
  return toFeedbackDto(row);
}

/** Newest first; ties (same millisecond) by id, which is time-ordered (UUIDv7). */
export async function listFeedback(
  prisma: PrismaClient,
  caller: Caller,
  userRef: string,
): Promise<FeedbackDto[]> {
  const user = await findReadableUser(prisma, caller, userRef);
  feedbackRight(caller, user, 'read');
  const rows = await prisma.feedback.findMany({
    where: { userId: user.id },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    include: feedbackInclude,
  });
  return rows.map(toFeedbackDto);
}
