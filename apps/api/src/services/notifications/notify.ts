// Creating in-app notifications: each cause calls `notify` with the transaction that makes
// the change (so a rolled-back change notifies nobody). Nobody deactivated is notified,
// and nobody is told about their own action. Subjects are plain sentences naming who did
// what; links are dashboard paths. One made for someone whose emailNotifications
// preference is on is also marked to be mailed once the change has committed.
import type { Prisma, PrismaClient, NotificationType as Stored } from '@leadtrack/db';
import type { NotificationType } from '@leadtrack/schemas';
import { markNotificationMade } from '../../freshness/changes';
import { DEFAULT_PREFERENCES } from '../preferences';

export interface Notice {
  /** The recipient. */
  userId: string;
  type: NotificationType;
  subject: string;
  /** A dashboard path, such as `/team/<id>`. */
  link: string;
}

/** The API's type (`entry-acknowledged`) as Prisma names the enum value (`entry_acknowledged`). */
export const storedType = (type: NotificationType) => type.replaceAll('-', '_') as Stored;

/** The API's type from the database's (the enum's values are the API's words). */
export const apiType = (type: Stored) => type.replaceAll('_', '-') as NotificationType;

/**
 * Records `notice` for its recipient unless they are deactivated or are `actorId` (nobody
 * is notified of what they did themselves). Returns whether a notification was made.
 */
export async function notify(
  tx: Prisma.TransactionClient | PrismaClient,
  notice: Notice,
  actorId: string | null,
): Promise<boolean> {
  if (notice.userId === actorId) return false;
  const recipient = await tx.user.findFirst({
    where: { id: notice.userId, deactivatedAt: null },
    select: { id: true, preferences: { select: { emailNotifications: true } } },
  });
  if (!recipient) return false;
  const mailed =
    recipient.preferences?.emailNotifications ?? DEFAULT_PREFERENCES.emailNotifications;
  markNotificationMade();
  await tx.notification.create({
    data: {
      userId: recipient.id,
      type: storedType(notice.type),
      subject: notice.subject,
      link: notice.link,
      // Mailed after the change commits (mail-notifications.ts), never from inside it.
      mailStatus: mailed ? 'pending' : null,
    },
  });
  return true;
}

/** A quoted entry title in a subject, shortened so a long title keeps the sentence readable. */
export function quoted(title: string, max = 80): string {
  const short = title.length > max ? `${title.slice(0, max - 1).trimEnd()}…` : title;
  return `“${short}”`;
}

/** Where the owner finds an entry: its place in their evidence list. */
export const entryLink = (evidenceId: string) => `/evidence#entry-${evidenceId}`;

/** What an entry's owner is told someone did to it: "Maya acknowledged “Ran the RFC”." */
const VOUCHED = { 'entry-acknowledged': 'acknowledged', 'entry-endorsed': 'endorsed' } as const;

/**
 * Tells an entry's owner that `actor` acknowledged or endorsed it (in the transaction that
 * stored it), linking to the entry in their list.
 */
export function notifyEntryOwner(
  tx: Prisma.TransactionClient | PrismaClient,
  entry: { id: string; userId: string; title: string },
  actor: { id: string; name: string },
  type: keyof typeof VOUCHED,
): Promise<boolean> {
  const subject = `${actor.name} ${VOUCHED[type]} ${quoted(entry.title)}.`;
  return notify(tx, { userId: entry.userId, type, subject, link: entryLink(entry.id) }, actor.id);
}
