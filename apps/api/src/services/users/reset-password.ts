// One-time password-reset links: an admin issues one for a person (shown to the admin
// once, to pass on), the person opens it on the dashboard and chooses a new password.
//
// Only a hash of the link's secret is stored; a link works once, for 24 hours, and a newer
// link replaces older unused ones. Using it ends every session of that person (whoever
// held the old password is signed out); their personal access tokens stay, as with a
// password change. A deactivated account gets no link (409: reactivate first).
import type { PrismaClient } from '@leadtrack/db';
import type { PasswordResetLink, UsePasswordResetBody } from '@leadtrack/schemas';
import { hashPassword } from '../../lib/passwords';
import { conflict, invalidField, notFound } from '../../lib/problem';
import { hashSecret, newSecret } from '../../lib/secrets';
import { revokeUserSessions } from '../accounts';
import { recordAuditEvent } from '../audit';

export const PASSWORD_RESET_TTL_MS = 24 * 60 * 60 * 1000;

/** The dashboard page that takes the token (apps/web: /reset-password?token=…). */
export function resetLink(webOrigin: string, secret: string): string {
  const origin = (webOrigin.split(',')[0] ?? '').trim().replace(/\/+$/, '');
  return `${origin}/reset-password?token=${encodeURIComponent(secret)}`;
}

export async function issuePasswordReset(
  prisma: PrismaClient,
  actorId: string,
  userId: string,
  webOrigin: string,
): Promise<PasswordResetLink> {
  const secret = newSecret();
  const expiresAt = new Date(Date.now() + PASSWORD_RESET_TTL_MS);
  await prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: { deactivatedAt: true },
    });
    if (!user) throw notFound('No such user.');
    if (user.deactivatedAt) {
      throw conflict('This account is deactivated: reactivate it before issuing a reset link.');
    }
    const now = new Date();
    await tx.passwordReset.updateMany({
      where: { userId, usedAt: null, expiresAt: { gt: now } },
      data: { expiresAt: now },
    });
    await tx.passwordReset.create({
      data: { userId, issuedById: actorId, tokenHash: hashSecret(secret), expiresAt },
    });
    await recordAuditEvent(tx, {
      actorId,
      action: 'user.password_reset_issued',
      targetId: userId,
      details: { expiresAt: expiresAt.toISOString() },
    });
  });
  return { url: resetLink(webOrigin, secret), expiresAt: expiresAt.toISOString() };
}

export async function usePasswordReset(
  prisma: PrismaClient,
  body: UsePasswordResetBody,
): Promise<void> {
  const invalid = () =>
    invalidField(
      'token',
      'This link is unknown, already used or expired: ask an admin for a new one',
    );
  const tokenHash = hashSecret(body.token);
  const reset = await prisma.passwordReset.findUnique({ where: { tokenHash } });
  if (!reset || reset.usedAt || reset.expiresAt <= new Date()) throw invalid();
  const passwordHash = await hashPassword(body.newPassword);
  await prisma.$transaction(async (tx) => {
    // Claim the link atomically: of two concurrent uses, one wins and the other is a 400.
    const now = new Date();
    const claimed = await tx.passwordReset.updateMany({
      where: { id: reset.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (claimed.count === 0) throw invalid();
    const user = await tx.user.findUnique({
      where: { id: reset.userId },
      select: { deactivatedAt: true },
    });
    if (!user || user.deactivatedAt) throw invalid();
    await tx.user.update({ where: { id: reset.userId }, data: { passwordHash } });
    await revokeUserSessions(tx, reset.userId);
    await recordAuditEvent(tx, {
      actorId: reset.userId,
      action: 'user.password_reset_used',
      targetId: reset.userId,
      details: { issuedBy: reset.issuedById },
    });
  });
}
