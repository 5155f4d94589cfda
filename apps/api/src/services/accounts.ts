// Accounts: creating users (the first becomes admin), signing in, and the refresh-token
// families that keep a browser session alive.
import type { Prisma, PrismaClient, Role, User } from '@leadtrack/db';
import { conflictOnDuplicate } from '../lib/database-errors';
import { hashPassword, verifyPassword } from '../lib/passwords';
import { unauthorized } from '../lib/problem';
import { hashSecret, newSecret } from '../lib/secrets';

export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** A session ends this long after sign-in, whatever the rotations (PRODUCT.md "Trust"). */
export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

interface NewUser {
  email: string;
  name: string;
  /** Absent: no password yet (a setup link) or none at all (single sign-on). */
  password?: string;
  role?: Role;
  managerId?: string | null;
  /** An IANA zone (validated by the contract); the column's default, `UTC`, when absent. */
  timeZone?: string;
  /** Whether the person chose the zone themselves (sign-up); else they are asked once. */
  timeZoneConfirmed?: boolean;
}

/**
 * Creates a user. With no role given, the first user of an empty instance becomes admin
 * and everyone after an engineer; the advisory lock makes "first" hold under concurrency.
 */
export async function createUser(
  prisma: PrismaClient,
  input: NewUser,
  /** Run in the creating transaction: checks that may refuse it, the audit entry. */
  hooks: {
    before?: (tx: Prisma.TransactionClient) => Promise<void>;
    after?: (tx: Prisma.TransactionClient, user: User) => Promise<void>;
  } = {},
): Promise<User> {
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  return conflictOnDuplicate('An account with this email already exists.', () =>
    prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(7243001)`;
      await hooks.before?.(tx);
      const role = input.role ?? ((await tx.user.count()) === 0 ? 'admin' : 'engineer');
      const user = await tx.user.create({
        data: {
          email: input.email,
          name: input.name,
          passwordHash,
          role,
          managerId: input.managerId ?? null,
          ...(input.timeZone !== undefined && { timeZone: input.timeZone }),
          timeZoneConfirmed: input.timeZoneConfirmed ?? false,
        },
      });
      await hooks.after?.(tx, user);
      return user;
    }),
  );
}

export async function isInstanceEmpty(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.user.count()) === 0;
}

/**
 * Unknown email, wrong password and a deactivated account fail alike, in the same time:
 * the answer does not tell an attacker which accounts exist or were offboarded.
 */
export async function verifyLogin(prisma: PrismaClient, email: string, password: string) {
  const user = await prisma.user.findUnique({ where: { email } });
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !ok || user.deactivatedAt) throw unauthorized(WRONG_CREDENTIALS);
  return user;
}

export const WRONG_CREDENTIALS = 'Email or password is wrong.';

/**
 * Starts a session (sign-in: a new refresh-token family whose id is the session id) or
 * continues one (rotation). Returns the secret for the cookie and the session id for the
 * access token's `sid` claim.
 */
export async function issueRefreshToken(
  db: PrismaClient | Prisma.TransactionClient,
  userId: string,
  session?: { id: string; expiresAt: Date },
): Promise<{ secret: string; sessionId: string }> {
  const secret = newSecret();
  const current =
    session ??
    (await db.session.create({
      data: { userId, expiresAt: new Date(Date.now() + SESSION_LIFETIME_MS) },
    }));
  await db.refreshToken.create({
    data: {
      userId,
      familyId: current.id,
      tokenHash: hashSecret(secret),
      // No token outlives its session, whatever the rotations.
      expiresAt: new Date(Math.min(Date.now() + REFRESH_TOKEN_TTL_MS, current.expiresAt.getTime())),
    },
  });
  return { secret, sessionId: current.id };
}

/**
 * Exchanges a refresh token for a new one in the same session. A token presented after it
 * was rotated means it leaked (or a client raced itself): the whole session is revoked.
 * A revoked session, one past its absolute lifetime (30 days after sign-in) or a
 * deactivated account's session cannot be renewed.
 */
export async function rotateRefreshToken(prisma: PrismaClient, secret: string) {
  const invalid = () => unauthorized('Your session has ended: sign in again.');
  const now = new Date();
  const current = await prisma.refreshToken.findUnique({
    where: { tokenHash: hashSecret(secret) },
    include: { session: true, user: { select: { deactivatedAt: true } } },
  });
  if (!current || current.revokedAt || current.expiresAt <= now) throw invalid();
  const { session } = current;
  if (session.revokedAt || session.expiresAt <= now || current.user.deactivatedAt) {
    throw invalid();
  }
  // Claim the token atomically: only one of two concurrent uses can rotate it.
  const claimed = await prisma.refreshToken.updateMany({
    where: { id: current.id, rotatedAt: null, revokedAt: null },
    data: { rotatedAt: now },
  });
  if (claimed.count === 0) {
    await revokeSessionsWhere(prisma, { id: session.id });
    throw invalid();
  }
  const next = await issueRefreshToken(prisma, current.userId, session);
  return { userId: current.userId, sessionId: session.id, secret: next.secret };
}

/** Signs out: the token's session (its refresh tokens and access tokens) stops working. */
export async function revokeRefreshFamily(prisma: PrismaClient, secret: string) {
  const token = await prisma.refreshToken.findUnique({ where: { tokenHash: hashSecret(secret) } });
  if (!token) return;
  await revokeSessionsWhere(prisma, { id: token.familyId });
}

/**
 * Ends sessions: each one's refresh tokens and, through `authenticate` (which reads the
 * session on every request), its access tokens at once.
 */
async function revokeSessionsWhere(
  db: PrismaClient | Prisma.TransactionClient,
  where: Prisma.SessionWhereInput,
): Promise<number> {
  const now = new Date();
  const sessions = await db.session.findMany({
    where: { ...where, revokedAt: null },
    select: { id: true },
  });
  if (sessions.length === 0) return 0;
  const ids = sessions.map((s) => s.id);
  await db.session.updateMany({ where: { id: { in: ids } }, data: { revokedAt: now } });
  await db.refreshToken.updateMany({
    where: { familyId: { in: ids }, revokedAt: null },
    data: { revokedAt: now },
  });
  return ids.length;
}

/** Ends every session of a user, but the one given (the caller's own, when they act). */
export function revokeUserSessions(
  db: PrismaClient | Prisma.TransactionClient,
  userId: string,
  exceptSessionId?: string | null,
): Promise<number> {
  return revokeSessionsWhere(db, {
    userId,
    ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}),
  });
}
