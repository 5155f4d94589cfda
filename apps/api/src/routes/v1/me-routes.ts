// The caller's own profile, password, sessions and personal access tokens.
import {
  ChangePasswordBodySchema,
  CreatedTokenSchema,
  CreateTokenBodySchema,
  IdSchema,
  MeSchema,
  TokenListSchema,
  UpdateMeBodySchema,
} from '@leadtrack/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems } from '../../lib/route-docs';
import { changePassword, signOutElsewhere, updateProfile } from '../../services/manage-own-account';
import { createToken, listTokens, revokeToken } from '../../services/manage-tokens';
import { accountFacts, toMeDto } from '../../services/users/to-user-dto';

const meRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '',
    {
      schema: {
        tags: ['auth'],
        summary:
          'The caller, with their time zone, whether they confirmed it, and how they sign in (password, single sign-on)',
        response: { 200: MeSchema, ...problems(401) },
      },
    },
    async (request) =>
      toMeDto(request.caller, await accountFacts(fastify.prisma, request.caller.id)),
  );

  fastify.patch(
    '',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Change your own name or time zone (an IANA name such as Asia/Kolkata; older aliases are stored as the current name); saving a zone confirms it',
        body: UpdateMeBodySchema,
        response: { 200: MeSchema, ...problems(400, 401) },
      },
    },
    async (request) => {
      const user = await updateProfile(fastify.prisma, request.caller.id, request.body);
      return toMeDto(user, await accountFacts(fastify.prisma, user.id));
    },
  );

  fastify.post(
    '/password',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Change your password; every other session ends (this one and personal access tokens stay)',
        body: ChangePasswordBodySchema,
        response: { 204: z.null().describe('Changed'), ...problems(400, 401) },
      },
    },
    async (request, reply) => {
      await changePassword(fastify.prisma, request.caller.id, request.sessionId, request.body);
      return reply.code(204).send(null);
    },
  );

  fastify.delete(
    '/sessions',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out everywhere else: every session but this one ends',
        response: { 204: z.null().describe('Signed out elsewhere'), ...problems(401) },
      },
    },
    async (request, reply) => {
      await signOutElsewhere(fastify.prisma, request.caller.id, request.sessionId);
      return reply.code(204).send(null);
    },
  );

  fastify.post(
    '/tokens',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Create a personal access token (expires after expiresInDays, 90 by default); the secret is shown once',
        body: CreateTokenBodySchema,
        response: { 201: CreatedTokenSchema, ...problems(400, 401) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createToken(fastify.prisma, request.caller.id, request.body)),
  );

  fastify.get(
    '/tokens',
    {
      schema: {
        tags: ['auth'],
        summary:
          "The caller's unrevoked personal access tokens, expired ones included (never their secrets)",
        response: { 200: TokenListSchema, ...problems(401) },
      },
    },
    async (request) => listTokens(fastify.prisma, request.caller.id),
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
      await revokeToken(fastify.prisma, request.caller.id, request.params.id);
      return reply.code(204).send(null);
    },
  );
};

export default meRoutes;
