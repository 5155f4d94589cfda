// Reading and marking one's own notifications. Only ever the caller's: nobody, not even an
// admin, reads or marks another person's. Ids of notifications that are not the caller's
// (or do not exist) are ignored when marking, so the answer never tells whether someone
// else's id exists.
import { Prisma, type PrismaClient } from '@leadtrack/db';
import type {
  ListNotificationsQuery,
  MarkNotificationsReadBody,
  NotificationDto,
  NotificationPage,
} from '@leadtrack/schemas';
import { decodeInstantCursor, encodeInstantCursor } from '../../lib/instant-cursor';
import type { Caller } from '../../plugins/app/authenticate';
import { apiType } from './notify';

interface NotificationRow {
  id: string;
  type: string;
  subject: string;
  link: string;
  createdAt: Date;
  readAt: Date | null;
}

function toNotificationDto(row: NotificationRow): NotificationDto {
  return {
    id: row.id,
    type: apiType(row.type as Parameters<typeof apiType>[0]),
    subject: row.subject,
    link: row.link,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt ? row.readAt.toISOString() : null,
  };
}

/**
 * GET /notifications: one page, newest first (keyset on created_at, id), optionally only
 * the unread ones, with the caller's unread count. Each query is served by an index
 * (notifications(user_id, created_at, id) and notifications(user_id, read_at, …)).
 */
export async function listNotifications(
  prisma: PrismaClient,
  caller: Caller,
  query: ListNotificationsQuery,
): Promise<NotificationPage> {
  const after = query.cursor === undefined ? null : decodeInstantCursor(query.cursor);
  const [rows, unread] = await Promise.all([
    prisma.$queryRaw<NotificationRow[]>`
      SELECT n.id, n.type::text AS type, n.subject, n.link,
             n.created_at AS "createdAt", n.read_at AS "readAt"
        FROM notifications n
       WHERE n.user_id = ${caller.id}
         AND ${query.unread === 'true' ? Prisma.sql`n.read_at IS NULL` : Prisma.sql`TRUE`}
         AND ${after ? Prisma.sql`(n.created_at, n.id) < (${after.at}::timestamptz, ${after.id})` : Prisma.sql`TRUE`}
       ORDER BY n.created_at DESC, n.id DESC
       LIMIT ${query.limit + 1}`,
    prisma.notification.count({ where: { userId: caller.id, readAt: null } }),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toNotificationDto),
    unreadCount: unread,
    nextCursor:
      rows.length > query.limit && last
        ? encodeInstantCursor({ at: last.createdAt, id: last.id })
        : null,
  };
}

/** POST /notifications/read: the named ones, or all; only the caller's, only unread ones. */
export async function markNotificationsRead(
  prisma: PrismaClient,
  caller: Caller,
  body: MarkNotificationsReadBody,
): Promise<void> {
  await prisma.notification.updateMany({
    where: {
      userId: caller.id,
      readAt: null,
      ...(body.all ? {} : { id: { in: body.ids ?? [] } }),
    },
    data: { readAt: new Date() },
  });
}
