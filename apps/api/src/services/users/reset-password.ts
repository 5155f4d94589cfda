// One-time password links, of two kinds (`purpose`): a reset link an admin issues for a
// person (24 hours, /reset-password), and the setup link a person added without a password
// gets (7 days, /setup: POST /users, services/users/manage-users.ts). Either is shown to
// the admin once, to pass on; the person opens it on the dashboard and chooses a password.
//
// Only a hash of the link's secret is stored; a link works once, until it expires, and a
// newer link replaces older unused ones. Using a reset link ends every session of that
// person (whoever held the old password is signed out); their personal access tokens stay,
// as with a password change. A deactivated account gets no link (409: reactivate first),
// and a link issued before the deactivation no longer works.
import type { Prisma, PrismaClient } from '@leadtrack/db';
import type { PasswordResetLink } from '@leadtrack/schemas';
import { hashPassword } from '../../lib/passwords';
import { conflict, invalidField, notFound } from '../../lib/problem';
import { hashSecret, newSecret } from '../../lib/secrets';
import { revokeUserSessions } from '../accounts';
import { recordAuditEvent } from '../audit';
import { revokeAllTokens } from '../manage-tokens';

export type PasswordLinkPurpose = 'reset' | 'setup';

/** How long each kind of link works, and the dashboard page that takes its token. */
const LINKS: Record<PasswordLinkPurpose, { ttlMs: number; page: string }> = {
  reset: { ttlMs: 24 * 60 * 60 * 1000, page: '/reset-password' },
  setup: { ttlMs: 7 * 24 * 60 * 60 * 1000, page: '/setup' },
};

export const PASSWORD_RESET_TTL_MS = LINKS.reset.ttlMs;
export const SETUP_LINK_TTL_MS = LINKS.setup.ttlMs;

/**
 * Stores a new link of `purpose` for `userId` (older unused ones stop working) and returns
 * its URL on the dashboard (`origin`: env.ts webOrigin). Runs in the caller's transaction.
 */
export async function storePasswordLink(
  tx: Prisma.TransactionClient,
  purpose: PasswordLinkPurpose,
  actorId: string,
  userId: string,
  origin: string,
): Promise<PasswordResetLink> {
  const secret = newSecret();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + LINKS[purpose].ttlMs);
  await tx.passwordReset.updateMany({
    where: { userId, usedAt: null, expiresAt: { gt: now } },
    data: { expiresAt: now },
  });
  await tx.passwordReset.create({
    data: { userId, issuedById: actorId, tokenHash: hashSecret(secret), expiresAt, purpose },
  });
  return {
    url: `${origin}${LINKS[purpose].page}?token=${encodeURIComponent(secret)}`,
    expiresAt: expiresAt.toISOString(),
  };
}

export async function issuePasswordReset(
  prisma: PrismaClient,
  actorId: string,
  userId: string,
  origin: string,
  /** Refuses (403) when this person may not have a password (SSO_ONLY). */
  assertPasswordAllowed: (role: string) => void,
): Promise<PasswordResetLink> {
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: { deactivatedAt: true, role: true },
    });
    if (!user) throw notFound('No such user.');
    assertPasswordAllowed(user.role);
    if (user.deactivatedAt) {
      throw conflict('This account is deactivated: reactivate it before issuing a reset link.');
    }
    const link = await storePasswordLink(tx, 'reset', actorId, userId, origin);
    await recordAuditEvent(tx, {
      actorId,
      action: 'user.password_reset_issued',
      targetId: userId,
      details: { expiresAt: link.expiresAt },
    });
    return link;
  });
}

/**
 * Uses a link of `purpose`: sets the person's password and answers their id. A used,
 * expired or unknown link, one of the other purpose, or a deactivated person's → 400
 * naming `token`; `assertPasswordAllowed` may refuse the person's role first (SSO_ONLY).
 */
export async function usePasswordLink(
  prisma: PrismaClient,
  purpose: PasswordLinkPurpose,
  token: string,
  password: string,
  assertPasswordAllowed: (role: string) => void,
): Promise<string> {
  const invalid = () =>
    invalidField(
      'token',
      'This link is unknown, already used or expired: ask an admin for a new one',
    );
  const tokenHash = hashSecret(token);
  const link = await prisma.passwordReset.findUnique({
    where: { tokenHash },
    include: { user: { select: { role: true } } },
  });
  if (!link || link.purpose !== purpose || link.usedAt || link.expiresAt <= new Date()) {
    throw invalid();
  }
  assertPasswordAllowed(link.user.role);
  const passwordHash = await hashPassword(password);
  await prisma.$transaction(async (tx) => {
    // Claim the link atomically: of two concurrent uses, one wins and the other is a 400.
    const now = new Date();
    const claimed = await tx.passwordReset.updateMany({
      where: { id: link.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (claimed.count === 0) throw invalid();
    const user = await tx.user.findUnique({
      where: { id: link.userId },
      select: { deactivatedAt: true },
    });
    if (!user || user.deactivatedAt) throw invalid();
    await tx.user.update({ where: { id: link.userId }, data: { passwordHash } });
    // Whoever held the account before the link loses every way in: sessions and tokens.
    await revokeUserSessions(tx, link.userId);
    await revokeAllTokens(tx, link.userId);
    await recordAuditEvent(tx, {
      actorId: link.userId,
      action: purpose === 'reset' ? 'user.password_reset_used' : 'user.setup_link_used',
      targetId: link.userId,
      details: { issuedBy: link.issuedById },
    });
  });
  return link.userId;
}
