// Sign-up, sign-in, session refresh and sign-out. The refresh token lives only in an
// httpOnly, SameSite=Strict cookie scoped to /api/v1/auth.
import {
  AccessTokenSchema,
  LoginBodySchema,
  RegisterBodySchema,
  SessionSchema,
  UsePasswordResetBodySchema,
} from '@leadtrack/schemas';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Env } from '../../env';
import { FailureBudget } from '../../lib/failure-budget';
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
import { usePasswordReset } from '../../services/reset-password';

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

  // Two budgets shared by sign-in and sign-up. Per client address: every attempt counts.
  // Per email: only FAILED attempts count (a wrong password, an email already taken), so
  // that someone who knows their password is never locked out by their own sign-ins; once
  // a minute's failures run out, that email is refused even with the right password (or
  // guessing could go on). Both are checked on every attempt.
  const limit = { max: config.AUTH_RATE_LIMIT, timeWindow: '1 minute' };
  const addressBudget = fastify.createRateLimit({
    ...limit,
    keyGenerator: (request: FastifyRequest) => `auth-ip:${request.ip}`,
  });
  const emailFailures = new FailureBudget(config.AUTH_RATE_LIMIT, 60_000);
  // Runs after validation, so the email is already trimmed and lower-cased.
  const emailOf = (request: FastifyRequest) =>
    (request.body as { email?: string } | undefined)?.email ?? '';
  const tooMany = (reply: FastifyReply, retryAfterSeconds: number) => {
    reply.header('retry-after', retryAfterSeconds);
    return new HttpProblem(429, 'Too many attempts: wait a minute and try again.');
  };
  const addressLimited = async (request: FastifyRequest, reply: FastifyReply) => {
    const result = await addressBudget(request);
    if (!result.isAllowed && result.isExceeded) throw tooMany(reply, result.ttlInSeconds);
  };
  const rateLimited = async (request: FastifyRequest, reply: FastifyReply) => {
    await addressLimited(request, reply);
    const wait = emailFailures.retryAfterSeconds(emailOf(request));
    if (wait > 0) throw tooMany(reply, wait);
  };
  /** Runs an attempt; a 401 or 409 from it spends one of the email's failures. */
  const countingFailures = async <T>(request: FastifyRequest, attempt: () => Promise<T>) => {
    try {
      return await attempt();
    } catch (error) {
      if (error instanceof HttpProblem && (error.status === 401 || error.status === 409)) {
        emailFailures.recordFailure(emailOf(request));
      }
      throw error;
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
      const user = await countingFailures(request, () => createUser(fastify.prisma, request.body));
      const session = await issueRefreshToken(fastify.prisma, user.id);
      setRefreshCookie(reply, session.secret);
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
      setRefreshCookie(reply, session.secret);
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
      setRefreshCookie(reply, next);
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
      reply.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
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
