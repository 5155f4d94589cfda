// Sign-up, sign-in, session refresh and sign-out. The refresh token lives only in its
// cookie (lib/refresh-cookie.ts); the attempt budgets are plugins/app/sign-in-limits.ts.
import {
  AccessTokenSchema,
  LoginBodySchema,
  RegisterBodySchema,
  SessionSchema,
  UsePasswordResetBodySchema,
} from '@leadtrack/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Env } from '../../env';
import { forbidden, unauthorized } from '../../lib/problem';
import { clearRefreshCookie, REFRESH_COOKIE, setRefreshCookie } from '../../lib/refresh-cookie';
import { problems } from '../../lib/route-docs';
import { signInLimits } from '../../plugins/app/sign-in-limits';
import {
  createUser,
  isInstanceEmpty,
  issueRefreshToken,
  revokeRefreshFamily,
  rotateRefreshToken,
  verifyLogin,
} from '../../services/accounts';
import { usePasswordReset } from '../../services/users/reset-password';
import { toUserDto } from '../../services/users/to-user-dto';

const authRoutes: FastifyPluginAsyncZod<{ config: Env }> = async (fastify, { config }) => {
  const secure = config.NODE_ENV === 'production';
  const { addressLimited, rateLimited, countingFailures } = signInLimits(
    fastify,
    config.AUTH_RATE_LIMIT,
  );

  fastify.post(
    '/register',
    {
      preHandler: rateLimited,
      schema: {
        tags: ['auth'],
        summary: 'Create an account; the first user of an empty instance becomes admin',
        security: [],
        body: RegisterBodySchema,
        response: { 201: SessionSchema, ...problems(400, 403, 409, 413, 429) },
      },
    },
    async (request, reply) => {
      // With signup closed, only the very first account (the admin) can register itself.
      if (config.SIGNUP === 'closed' && !(await isInstanceEmpty(fastify.prisma))) {
        throw forbidden('Sign-up is closed: ask an admin to create your account.');
      }
      const user = await countingFailures(request, () => createUser(fastify.prisma, request.body));
      const session = await issueRefreshToken(fastify.prisma, user.id);
      setRefreshCookie(reply, session.secret, secure);
      const accessToken = fastify.jwt.sign({ sub: user.id, sid: session.sessionId });
      return reply.code(201).send({ user: toUserDto(user), accessToken });
    },
  );

  fastify.post(
    '/login',
    {
      preHandler: rateLimited,
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password',
        security: [],
        body: LoginBodySchema,
        response: { 200: SessionSchema, ...problems(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const user = await countingFailures(request, () =>
        verifyLogin(fastify.prisma, request.body.email, request.body.password),
      );
      const session = await issueRefreshToken(fastify.prisma, user.id);
      setRefreshCookie(reply, session.secret, secure);
      return {
        user: toUserDto(user),
        accessToken: fastify.jwt.sign({ sub: user.id, sid: session.sessionId }),
      };
    },
  );

  fastify.post(
    '/refresh',
    {
      schema: {
        tags: ['auth'],
        summary: 'Exchange the refresh cookie for an access token; rotates the cookie',
        security: [],
        response: { 200: AccessTokenSchema, ...problems(401) },
      },
    },
    async (request, reply) => {
      const secret = request.cookies[REFRESH_COOKIE];
      if (!secret) throw unauthorized('No session: sign in again.');
      const { userId, sessionId, secret: next } = await rotateRefreshToken(fastify.prisma, secret);
      setRefreshCookie(reply, next, secure);
      return { accessToken: fastify.jwt.sign({ sub: userId, sid: sessionId }) };
    },
  );

  fastify.post(
    '/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out: ends the session (its refresh cookie and access tokens)',
        security: [],
        response: { 204: z.null().describe('Signed out') },
      },
    },
    async (request, reply) => {
      const secret = request.cookies[REFRESH_COOKIE];
      if (secret) await revokeRefreshFamily(fastify.prisma, secret);
      clearRefreshCookie(reply);
      return reply.code(204).send(null);
    },
  );

  fastify.post(
    '/password-reset',
    {
      // Per address like sign-in: the token is 256 random bits, so this only stops floods.
      preHandler: addressLimited,
      schema: {
        tags: ['auth'],
        summary:
          'Choose a new password with a one-time reset link from an admin; ends every session of that person',
        security: [],
        body: UsePasswordResetBodySchema,
        response: { 204: z.null().describe('Password set'), ...problems(400, 429) },
      },
    },
    async (request, reply) => {
      await usePasswordReset(fastify.prisma, request.body);
      return reply.code(204).send(null);
    },
  );
};

export default authRoutes;
