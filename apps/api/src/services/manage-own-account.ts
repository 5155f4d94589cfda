// What people do to their own account: name and time zone, password, signing out other
// devices. Each acts on the caller only (routes under /me), so no further access rule.
import type { PrismaClient, User } from '@leadtrack/db';
import type { ChangePasswordBody, UpdateMeBody } from '@leadtrack/schemas';
import { hashPassword, verifyPassword } from '../lib/passwords';
import { invalidField } from '../lib/problem';
import { revokeUserSessions } from './accounts';
import { revokeAllTokens } from './manage-tokens';

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
 * Whether `password` is the person's current one. The routes that ask for it (a password
 * change, a new personal access token) answer a 400 naming `currentPassword` when it is not
 * (the caller is signed in, so this is a bad field, not a failed sign-in), and spend one of
 * the email's sign-in failures, so guessing it through a stolen session is bounded like
 * guessing at the sign-in form.
 */
export async function isCurrentPassword(
  prisma: PrismaClient,
  userId: string,
  password: string,
): Promise<boolean> {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { passwordHash: true },
  });
  return verifyPassword(user.passwordHash, password);
}

export const wrongCurrentPassword = () =>
  invalidField('currentPassword', 'This is not your current password');

/**
 * Sets the caller's new password (the route checked the current one). Every other session
 * ends, so a device signed in with the old password is out; the session making the change
 * stays, and personal access tokens stay (they are managed on their own, and a script
 * should not break because a password changed).
 */
export async function changePassword(
  prisma: PrismaClient,
  userId: string,
  sessionId: string | null,
  body: Pick<ChangePasswordBody, 'newPassword'>,
): Promise<void> {
  const passwordHash = await hashPassword(body.newPassword);
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await revokeUserSessions(tx, userId, sessionId);
  });
}

/**
 * "Sign out everywhere": every session but the caller's own ends, and every personal
 * access token is revoked (a token made from a stolen session must not survive it).
 */
export async function signOutElsewhere(
  prisma: PrismaClient,
  userId: string,
  sessionId: string | null,
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await revokeUserSessions(tx, userId, sessionId);
    await revokeAllTokens(tx, userId);
  });
}
