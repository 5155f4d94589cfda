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
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Env } from '../../env';
import { allowListSerializer } from '../../lib/allow-list-serializer';
import { forbidden } from '../../lib/problem';
import { problems } from '../../lib/route-docs';
import { signInLimits } from '../../plugins/app/sign-in-limits';
import {
  changePassword,
  isCurrentPassword,
  signOutElsewhere,
  updateProfile,
  wrongCurrentPassword,
} from '../../services/manage-own-account';
import { createToken, listTokens, revokeToken } from '../../services/manage-tokens';
import { accountFacts, toMeDto } from '../../services/users/to-user-dto';

const meRoutes: FastifyPluginAsyncZod<{ config: Env }> = async (fastify, { config }) => {
  // A wrong current password spends one of the email's sign-in failures (the budget of
  // POST /auth/login, shared by every process): once spent, 429 here and at sign-in alike.
  const { failuresLimited, recordFailure } = signInLimits(fastify, config.AUTH_RATE_LIMIT);
  const passwordBudget = (request: FastifyRequest, reply: FastifyReply) =>
    failuresLimited(request, reply, request.caller.email);
  async function checkCurrentPassword(request: FastifyRequest, password: string) {
    if (await isCurrentPassword(fastify.prisma, request.caller.id, password)) return;
    await recordFailure(request, request.caller.email);
    throw wrongCurrentPassword();
  }

  fastify.get(
    '',
    {
      schema: {
        tags: ['auth'],
        summary:
          'The caller, with their time zone, whether they confirmed it, and how they sign in (password, single sign-on)',
        response: { 200: MeSchema, ...problems(401) },
      },
      // The auth floor, asked on every page: JSON.stringify by the schema's names, not a
      // zod encode (lib/allow-list-serializer.ts).
      serializerCompiler: allowListSerializer(MeSchema),
    },
    // Everything was read with the caller (authenticate): no second round trip.
    async (request) => toMeDto(request.caller, request.account),
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
        description:
          'A wrong currentPassword is a 400 naming it and spends one of the sign-in failures of your email (429 once spent, here and at sign-in).',
        body: ChangePasswordBodySchema,
        response: { 204: z.null().describe('Changed'), ...problems(400, 401, 429) },
      },
      preHandler: passwordBudget,
    },
    async (request, reply) => {
      await checkCurrentPassword(request, request.body.currentPassword);
      await changePassword(fastify.prisma, request.caller.id, request.sessionId, request.body);
      return reply.code(204).send(null);
    },
  );

  fastify.delete(
    '/sessions',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Sign out everywhere else: every session but this one ends, and every personal access token is revoked',
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
        description:
          'Needs currentPassword (wrong: 400 naming it, spending one of the sign-in failures of your email; 429 once spent). A request made with a personal access token cannot create one (403).',
        body: CreateTokenBodySchema,
        response: { 201: CreatedTokenSchema, ...problems(400, 401, 403, 429) },
      },
      // A token never mints another (a 1-day token could make a 365-day one): refused
      // before the body is even read.
      preValidation: async (request) => {
        if (request.sessionId === null) {
          throw forbidden(
            'A personal access token cannot create tokens: sign in with your password to make one.',
          );
        }
      },
      preHandler: passwordBudget,
    },
    async (request, reply) => {
      await checkCurrentPassword(request, request.body.currentPassword);
      return reply
        .code(201)
        .send(await createToken(fastify.prisma, request.caller.id, request.body));
    },
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
