// What people do to their own account: name and time zone, password, signing out other
// devices. Each acts on the caller only (routes under /me), so no further access rule.
import type { PrismaClient, User } from '@leadtrack/db';
import type { ChangePasswordBody, UpdateMeBody } from '@leadtrack/schemas';
import { hashPassword, verifyPassword } from '../lib/passwords';
import { invalidField } from '../lib/problem';
import { revokeUserSessions } from './accounts';

export async function updateProfile(
  prisma: PrismaClient,
  userId: string,
  body: UpdateMeBody,
): Promise<User> {
  return prisma.user.update({
    where: { id: userId },
    data: {
      ...(body.name !== undefined && { name: body.name }),
      // Saving a zone, even the one already set, is the person confirming it.
      ...(body.timeZone !== undefined && { timeZone: body.timeZone, timeZoneConfirmed: true }),
    },
  });
}

/**
 * Changes the caller's password after checking the current one (a 400 naming
 * `currentPassword` when wrong: the caller is signed in, so this is a bad field, not a
 * failed sign-in). Every other session ends, so a device signed in with the old password
 * is out; the session making the change stays, and personal access tokens stay (they are
 * managed on their own, and a script should not break because a password changed).
 */
export async function changePassword(
  prisma: PrismaClient,
  userId: string,
  sessionId: string | null,
  body: ChangePasswordBody,
): Promise<void> {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { passwordHash: true },
  });
  if (!(await verifyPassword(user.passwordHash, body.currentPassword))) {
    throw invalidField('currentPassword', 'This is not your current password');
  }
  const passwordHash = await hashPassword(body.newPassword);
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await revokeUserSessions(tx, userId, sessionId);
  });
}

/** "Sign out everywhere else": every session but the caller's own ends. */
export async function signOutElsewhere(
  prisma: PrismaClient,
  userId: string,
  sessionId: string | null,
): Promise<void> {
  await revokeUserSessions(prisma, userId, sessionId);
}
