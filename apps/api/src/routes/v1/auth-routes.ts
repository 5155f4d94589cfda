// Sign-up, sign-in, session refresh and sign-out. The refresh token lives only in an
// httpOnly, SameSite=Strict cookie scoped to /api/v1/auth.
import {
  AccessTokenSchema,
  LoginBodySchema,
  RegisterBodySchema,
  SessionSchema,
} from '@leadtrack/schemas';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Env } from '../../env';
import { forbidden, HttpProblem, unauthorized } from '../../lib/problem';
import { problems } from '../../lib/route-docs';
import {
  createUser,
  isInstanceEmpty,
  issueRefreshToken,
  REFRESH_TOKEN_TTL_MS,
  revokeRefreshFamily,
  rotateRefreshToken,
  toUserDto,
  verifyLogin,
} from '../../services/accounts';

export const REFRESH_COOKIE = 'lt_refresh';
const COOKIE_PATH = '/api/v1/auth';

const authRoutes: FastifyPluginAsyncZod<{ config: Env }> = async (fastify, { config }) => {
  const setRefreshCookie = (reply: FastifyReply, secret: string) =>
    reply.setCookie(REFRESH_COOKIE, secret, {
      httpOnly: true,
      sameSite: 'strict',
      secure: config.NODE_ENV === 'production',
      path: COOKIE_PATH,
      maxAge: REFRESH_TOKEN_TTL_MS / 1000,
    });

  // Two budgets shared by sign-in and sign-up: per client address and per email. Both are
  // checked on every attempt (the plugin's route hooks would stop at the first one).
  const limit = { max: config.AUTH_RATE_LIMIT, timeWindow: '1 minute' };
  const budgets = [
    fastify.createRateLimit({
      ...limit,
      keyGenerator: (request: FastifyRequest) => `auth-ip:${request.ip}`,
    }),
    fastify.createRateLimit({
      ...limit,
      // Runs after validation, so the email is already trimmed and lower-cased.
      keyGenerator: (request: FastifyRequest) =>
        `auth-email:${(request.body as { email?: string } | undefined)?.email ?? ''}`,
    }),
  ];
  const rateLimited = async (request: FastifyRequest, reply: FastifyReply) => {
    for (const budget of budgets) {
      const result = await budget(request);
      if (!result.isAllowed && result.isExceeded) {
        reply.header('retry-after', result.ttlInSeconds);
        throw new HttpProblem(429, 'Too many attempts: wait a minute and try again.');
      }
    }
  };

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
      const user = await createUser(fastify.prisma, request.body);
      setRefreshCookie(reply, await issueRefreshToken(fastify.prisma, user.id));
      const accessToken = fastify.jwt.sign({ sub: user.id });
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
      const user = await verifyLogin(fastify.prisma, request.body.email, request.body.password);
      setRefreshCookie(reply, await issueRefreshToken(fastify.prisma, user.id));
      return { user: toUserDto(user), accessToken: fastify.jwt.sign({ sub: user.id }) };
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
      const { userId, secret: next } = await rotateRefreshToken(fastify.prisma, secret);
      setRefreshCookie(reply, next);
      return { accessToken: fastify.jwt.sign({ sub: userId }) };
    },
  );

  fastify.post(
    '/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out: revokes the refresh cookie and its family',
        security: [],
        response: { 204: z.null().describe('Signed out') },
      },
    },
    async (request, reply) => {
      const secret = request.cookies[REFRESH_COOKIE];
      if (secret) await revokeRefreshFamily(fastify.prisma, secret);
      reply.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
      return reply.code(204).send(null);
    },
  );
};

export default authRoutes;
