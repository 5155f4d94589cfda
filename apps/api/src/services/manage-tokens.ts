// Personal access tokens (`lt_pat_…`), for scripts: created by their owner with an expiry,
// listed without their secrets, revoked by their owner. Only the SHA-256 hash is stored;
// authenticate resolves a presented token by that hash.
//
// A token outlives sessions, so making one asks more than a session: the current password
// (checked by the route, with the sign-in failure budget), and never from a request made
// with a token (a token cannot mint a longer-lived one). "Sign out everywhere" and using a
// reset link revoke every token too (revokeAllTokens), so a token made from a stolen
// session does not survive the recovery.
import type { Prisma, PrismaClient } from '@leadtrack/db';
import type { CreatedTokenSchema, CreateTokenBody, TokenListSchema } from '@leadtrack/schemas';
import type { z } from 'zod';
import { notFound } from '../lib/problem';
import { hashSecret, newSecret, PAT_PREFIX } from '../lib/secrets';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The secret is in the answer this once and nowhere else. */
export async function createToken(
  prisma: PrismaClient,
  userId: string,
  body: Pick<CreateTokenBody, 'name' | 'expiresInDays'>,
): Promise<z.infer<typeof CreatedTokenSchema>> {
  const secret = newSecret();
  const token = await prisma.personalAccessToken.create({
    data: {
      userId,
      name: body.name,
      tokenHash: hashSecret(secret),
      expiresAt: new Date(Date.now() + body.expiresInDays * DAY_MS),
    },
  });
  return {
    id: token.id,
    name: token.name,
    token: PAT_PREFIX + secret,
    expiresAt: token.expiresAt.toISOString(),
  };
}

/** The owner's unrevoked tokens, newest first, expired ones included. */
export async function listTokens(
  prisma: PrismaClient,
  userId: string,
): Promise<z.infer<typeof TokenListSchema>> {
  const tokens = await prisma.personalAccessToken.findMany({
    where: { userId, revokedAt: null },
    orderBy: { createdAt: 'desc' },
  });
  return {
    items: tokens.map((t) => ({
      id: t.id,
      name: t.name,
      createdAt: t.createdAt.toISOString(),
      lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
      expiresAt: t.expiresAt.toISOString(),
    })),
  };
}

/** Revokes every live token of the person; answers how many. */
export async function revokeAllTokens(
  db: PrismaClient | Prisma.TransactionClient,
  userId: string,
): Promise<number> {
  const revoked = await db.personalAccessToken.updateMany({
    where: { userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return revoked.count;
}

/** Someone else's token, or one already revoked, is a 404 like a missing one. */
export async function revokeToken(prisma: PrismaClient, userId: string, id: string) {
  const revoked = await prisma.personalAccessToken.updateMany({
    where: { id, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (revoked.count === 0) throw notFound('No such token.');
}
