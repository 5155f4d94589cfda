// Offboarding (admin): deactivating an account ends every way it had of signing in, at
// once, while its data stays; reactivating lets the person sign in again with their
// password (or a fresh reset link).
//
// Deactivation revokes the person's sessions (refresh tokens, and access tokens through
// `authenticate`, which reads the session and `deactivated_at` on every request) and their
// personal access tokens: a later reactivation must not bring back tokens that may have
// been handed to scripts. Pending reset links are expired too. A person who still manages
// someone active, or the last active admin, cannot be deactivated (409): reassign first; a
// manager whose reports are all deactivated may go.
import type { PrismaClient } from '@leadtrack/db';
import type { User as UserDto } from '@leadtrack/schemas';
import { revokeUserSessions } from '../accounts';
import { recordAuditEvent } from '../audit';
import { assertNoReports, assertNotLastAdmin, changeUser } from './manage-users';

export async function deactivateUser(
  prisma: PrismaClient,
  actorId: string,
  userId: string,
): Promise<UserDto> {
  // The same lock as role and manager changes: "last admin" and "has reports" hold
  // against concurrent edits.
  return changeUser(prisma, userId, async (tx, user) => {
    if (user.deactivatedAt) return user; // already done: repeating it changes nothing
    // Reports who left (deactivated) do not hold their manager back.
    await assertNoReports(tx, user.id, user.name, 'active');
    if (user.role === 'admin') await assertNotLastAdmin(tx, user.id);

    const now = new Date();
    const updated = await tx.user.update({ where: { id: userId }, data: { deactivatedAt: now } });
    const sessions = await revokeUserSessions(tx, userId);
    const tokens = await tx.personalAccessToken.updateMany({
      where: { userId, revokedAt: null },
      data: { revokedAt: now },
    });
    await tx.passwordReset.updateMany({
      where: { userId, usedAt: null, expiresAt: { gt: now } },
      data: { expiresAt: now },
    });
    await recordAuditEvent(tx, {
      actorId,
      action: 'user.deactivated',
      targetId: userId,
      details: { sessionsEnded: sessions, tokensRevoked: tokens.count },
    });
    return updated;
  });
}

export async function reactivateUser(
  prisma: PrismaClient,
  actorId: string,
  userId: string,
): Promise<UserDto> {
  return changeUser(prisma, userId, async (tx, user) => {
    if (!user.deactivatedAt) return user;
    const updated = await tx.user.update({ where: { id: userId }, data: { deactivatedAt: null } });
    await recordAuditEvent(tx, {
      actorId,
      action: 'user.reactivated',
      targetId: userId,
      details: { deactivatedAt: user.deactivatedAt.toISOString() },
    });
    return updated;
  });
}
