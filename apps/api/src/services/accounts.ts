// Accounts: creating users (the first becomes admin), signing in, and the refresh-token
// families that keep a browser session alive.
import type { Prisma, PrismaClient, Role, User } from '@leadtrack/db';
import type { User as UserDto } from '@leadtrack/schemas';
import { hashPassword, verifyPassword } from '../lib/passwords';
import { conflict, unauthorized } from '../lib/problem';
import { hashSecret, newSecret } from '../lib/secrets';

export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export function toUserDto(
  user: Pick<User, 'id' | 'email' | 'name' | 'role' | 'managerId'>,
): UserDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    managerId: user.managerId,
  };
}

export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'P2002';
}

interface NewUser {
  email: string;
  name: string;
  password: string;
  role?: Role;
  managerId?: string | null;
}

/**
 * Creates a user. With no role given, the first user of an empty instance becomes admin
 * and everyone after an engineer; the advisory lock makes "first" hold under concurrency.
 */
export async function createUser(prisma: PrismaClient, input: NewUser): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(7243001)`;
      const role = input.role ?? ((await tx.user.count()) === 0 ? 'admin' : 'engineer');
      return tx.user.create({
        data: {
          email: input.email,
          name: input.name,
          passwordHash,
          role,
          managerId: input.managerId ?? null,
        },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('An account with this email already exists.');
    throw error;
  }
}

export async function isInstanceEmpty(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.user.count()) === 0;
}

/** Unknown email and wrong password fail alike, in the same time. */
export async function verifyLogin(prisma: PrismaClient, email: string, password: string) {
  const user = await prisma.user.findUnique({ where: { email } });
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !ok) throw unauthorized('Email or password is wrong.');
  return user;
}

/** Starts a family (sign-in) or continues one (rotation); returns the secret for the cookie. */
export async function issueRefreshToken(
  db: PrismaClient | Prisma.TransactionClient,
  userId: string,
  familyId?: string,
): Promise<string> {
  const secret = newSecret();
  const family =
    familyId ??
    (
      await db.session.create({
        data: { userId, expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_MS) },
      })
    ).id;
  await db.refreshToken.create({
    data: {
      userId,
      familyId: family,
      tokenHash: hashSecret(secret),
      expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_MS),
    },
  });
  return secret;
}

/**
 * Exchanges a refresh token for a new one in the same family. A token presented after it
 * was rotated means it leaked (or a client raced itself): the whole family is revoked.
 */
export async function rotateRefreshToken(prisma: PrismaClient, secret: string) {
  const invalid = () => unauthorized('Your session has ended: sign in again.');
  const now = new Date();
  const current = await prisma.refreshToken.findUnique({
    where: { tokenHash: hashSecret(secret) },
  });
  if (!current || current.revokedAt || current.expiresAt <= now) throw invalid();
  // Claim the token atomically: only one of two concurrent uses can rotate it.
  const claimed = await prisma.refreshToken.updateMany({
    where: { id: current.id, rotatedAt: null, revokedAt: null },
    data: { rotatedAt: now },
  });
  if (claimed.count === 0) {
    await prisma.refreshToken.updateMany({
      where: { familyId: current.familyId, revokedAt: null },
      data: { revokedAt: now },
    });
    throw invalid();
  }
  const next = await issueRefreshToken(prisma, current.userId, current.familyId);
  return { userId: current.userId, secret: next };
}

/** Signs out: the token's whole family stops working. Unknown tokens are ignored. */
export async function revokeRefreshFamily(prisma: PrismaClient, secret: string) {
  const token = await prisma.refreshToken.findUnique({ where: { tokenHash: hashSecret(secret) } });
  if (!token) return;
  await prisma.refreshToken.updateMany({
    where: { familyId: token.familyId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
}
