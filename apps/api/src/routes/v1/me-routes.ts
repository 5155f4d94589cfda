// The caller's own profile and personal access tokens.
import {
  CreatedTokenSchema,
  CreateTokenBodySchema,
  IdSchema,
  TokenListSchema,
  UserSchema,
} from '@leadtrack/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../lib/problem';
import { problems } from '../../lib/route-docs';
import { hashSecret, newSecret, PAT_PREFIX } from '../../lib/secrets';
import { toUserDto } from '../../services/accounts';

const meRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '',
    {
      schema: {
        tags: ['auth'],
        summary: 'The caller',
        response: { 200: UserSchema, ...problems(401) },
      },
    },
    async (request) => toUserDto(request.caller),
  );

  fastify.post(
    '/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create a personal access token; the secret is shown once',
        body: CreateTokenBodySchema,
        response: { 201: CreatedTokenSchema, ...problems(400, 401) },
      },
    },
    async (request, reply) => {
      const secret = newSecret();
      const token = await fastify.prisma.personalAccessToken.create({
        data: {
          userId: request.caller.id,
          name: request.body.name,
          tokenHash: hashSecret(secret),
          expiresAt: new Date(Date.now() + 90 * 24 * 60 * 60 * 1000),
        },
      });
      return reply.code(201).send({ id: token.id, name: token.name, token: PAT_PREFIX + secret });
    },
  );

  fastify.get(
    '/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: "The caller's active personal access tokens (never their secrets)",
        response: { 200: TokenListSchema, ...problems(401) },
      },
    },
    async (request) => {
      const tokens = await fastify.prisma.personalAccessToken.findMany({
        where: { userId: request.caller.id, revokedAt: null },
        orderBy: { createdAt: 'desc' },
      });
      return {
        items: tokens.map((t) => ({
          id: t.id,
          name: t.name,
          createdAt: t.createdAt.toISOString(),
          lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
        })),
      };
    },
  );

  fastify.delete(
    '/tokens/:id',
    {
      schema: {
        tags: ['auth'],
        summary: 'Revoke a personal access token',
        params: z.strictObject({ id: IdSchema }),
        response: { 204: z.null().describe('Revoked'), ...problems(401, 404) },
      },
    },
    async (request, reply) => {
      const revoked = await fastify.prisma.personalAccessToken.updateMany({
        where: { id: request.params.id, userId: request.caller.id, revokedAt: null },
        data: { revokedAt: new Date() },
      });
      if (revoked.count === 0) throw notFound('No such token.');
      return reply.code(204).send(null);
    },
  );
};

export default meRoutes;
