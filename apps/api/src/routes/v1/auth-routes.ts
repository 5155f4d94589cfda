// Sign-up, sign-in (password, setup link, single sign-on), session refresh and sign-out.
// The refresh token lives only in its cookie (lib/refresh-cookie.ts); the attempt budgets
// are plugins/app/sign-in-limits.ts; who may use a password, services/sso/password-policy.
import {
  AccessTokenSchema,
  LoginBodySchema,
  OidcCallbackQuerySchema,
  OidcStartQuerySchema,
  ProvidersSchema,
  RegisterBodySchema,
  SessionSchema,
  SetupBodySchema,
  UsePasswordResetBodySchema,
} from '@leadtrack/schemas';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Env, webOrigin } from '../../env';
import { forbidden, unauthorized } from '../../lib/problem';
import {
  clearAuthCookie,
  OIDC_COOKIE,
  REFRESH_COOKIE,
  setAuthCookie,
} from '../../lib/refresh-cookie';
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
import {
  finishOidcLogin,
  OidcClient,
  OidcError,
  type OidcFailure,
  oidcSettings,
  startOidcLogin,
} from '../../services/sso/oidc';
import { passwordGuard, passwordsOff } from '../../services/sso/password-policy';
import { usePasswordLink } from '../../services/users/reset-password';
import { toUserDto } from '../../services/users/to-user-dto';

const authRoutes: FastifyPluginAsyncZod<{ config: Env }> = async (fastify, { config }) => {
  const secure = config.NODE_ENV === 'production';
  const { addressLimited, rateLimited, countingFailures } = signInLimits(
    fastify,
    config.AUTH_RATE_LIMIT,
  );
  const assertPasswordAllowed = passwordGuard(config);
  const sso = oidcSettings(config);
  const oidc = sso ? new OidcClient(sso) : null;
  if (sso) {
    fastify.log.info(
      { issuer: sso.issuer, redirectUri: sso.redirectUri },
      'single sign-on: register this redirect URI at the provider',
    );
  }

  /** Starts a session for `userId`: the refresh cookie, and the access token to answer. */
  const startSession = async (reply: FastifyReply, userId: string) => {
    const session = await issueRefreshToken(fastify.prisma, userId);
    setAuthCookie(reply, REFRESH_COOKIE, session.secret, secure);
    return fastify.jwt.sign({ sub: userId, sid: session.sessionId });
  };

  fastify.post(
    '/register',
    {
      preHandler: rateLimited,
      schema: {
        tags: ['auth'],
        summary:
          'Create an account; the first user of an empty instance becomes admin. 403 with SIGNUP=closed or SSO_ONLY',
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
      if (config.SSO_ONLY) throw passwordsOff(config);
      const user = await countingFailures(request, () =>
        createUser(fastify.prisma, { ...request.body, timeZoneConfirmed: true }),
      );
      const accessToken = await startSession(reply, user.id);
      return reply.code(201).send({ user: toUserDto(user), accessToken });
    },
  );

  fastify.post(
    '/login',
    {
      preHandler: rateLimited,
      schema: {
        tags: ['auth'],
        summary:
          'Sign in with email and password; 403 under SSO_ONLY (admins keep theirs with SSO_BREAK_GLASS)',
        security: [],
        body: LoginBodySchema,
        response: { 200: SessionSchema, ...problems(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      // Under SSO_ONLY nobody's password is even checked, unless admins keep theirs.
      if (config.SSO_ONLY && !config.SSO_BREAK_GLASS) throw passwordsOff(config);
      const user = await countingFailures(request, () =>
        verifyLogin(fastify.prisma, request.body.email, request.body.password),
      );
      assertPasswordAllowed(user.role);
      return { user: toUserDto(user), accessToken: await startSession(reply, user.id) };
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
      const secret = request.cookies[REFRESH_COOKIE.name];
      if (!secret) throw unauthorized('No session: sign in again.');
      const { userId, sessionId, secret: next } = await rotateRefreshToken(fastify.prisma, secret);
      setAuthCookie(reply, REFRESH_COOKIE, next, secure);
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
      const secret = request.cookies[REFRESH_COOKIE.name];
      if (secret) await revokeRefreshFamily(fastify.prisma, secret);
      clearAuthCookie(reply, REFRESH_COOKIE);
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
          'Choose a new password with a one-time reset link from an admin; ends every session of that person. 403 under SSO_ONLY',
        security: [],
        body: UsePasswordResetBodySchema,
        response: { 204: z.null().describe('Password set'), ...problems(400, 403, 429) },
      },
    },
    async (request, reply) => {
      const { token, newPassword } = request.body;
      await usePasswordLink(fastify.prisma, 'reset', token, newPassword, assertPasswordAllowed);
      return reply.code(204).send(null);
    },
  );

  fastify.post(
    '/setup',
    {
      preHandler: addressLimited,
      schema: {
        tags: ['auth'],
        summary:
          "Choose your first password with the one-time setup link an admin's invitation gave (7 days), and sign in",
        security: [],
        body: SetupBodySchema,
        response: { 200: SessionSchema, ...problems(400, 403, 429) },
      },
    },
    async (request, reply) => {
      const { token, password } = request.body;
      const userId = await usePasswordLink(
        fastify.prisma,
        'setup',
        token,
        password,
        assertPasswordAllowed,
      );
      const user = await fastify.prisma.user.findUniqueOrThrow({ where: { id: userId } });
      return { user: toUserDto(user), accessToken: await startSession(reply, user.id) };
    },
  );

  fastify.get(
    '/providers',
    {
      schema: {
        tags: ['auth'],
        summary: 'How people sign in here: passwords, and single sign-on (the button’s name)',
        security: [],
        response: { 200: ProvidersSchema },
      },
    },
    async () => ({
      password: !config.SSO_ONLY,
      adminPassword: !config.SSO_ONLY || config.SSO_BREAK_GLASS,
      oidc: sso ? { name: sso.name } : null,
    }),
  );

  /** To the dashboard: `path` on the first WEB_ORIGIN (the callback's own origin). */
  const toDashboard = (reply: FastifyReply, path: string) =>
    reply.redirect(`${webOrigin(config)}${path}`, 302);
  const toSignInPage = (reply: FastifyReply, code: OidcFailure) =>
    toDashboard(reply, `/login?sso=${code}`);

  fastify.get(
    '/oidc/start',
    {
      // Each start stores an attempt: the address budget keeps a flood from filling the table.
      preHandler: addressLimited,
      schema: {
        tags: ['auth'],
        summary:
          'Single sign-on: 302 to the provider (authorization code flow with PKCE, state and nonce); `next` is kept when it is a dashboard path. Not configured or provider down: 302 to the sign-in page with `sso=off|unavailable`',
        security: [],
        querystring: OidcStartQuerySchema,
        response: { 302: z.null().describe('To the provider'), ...problems(400, 429) },
      },
    },
    async (request, reply) => {
      if (!oidc) return toSignInPage(reply, 'off');
      try {
        const { url, binding } = await startOidcLogin(fastify.prisma, oidc, request.query.next);
        setAuthCookie(reply, OIDC_COOKIE, binding, secure);
        return reply.redirect(url, 302);
      } catch (error) {
        if (error instanceof OidcError) return toSignInPage(reply, error.code);
        throw error;
      }
    },
  );

  fastify.get(
    '/oidc/callback',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Single sign-on: where the provider sends the browser back. Signed in: 302 to the dashboard (`next`) with the refresh cookie. Else 302 to the sign-in page with `sso=cancelled|state|unverified|domain|failed|unavailable|off`',
        security: [],
        querystring: OidcCallbackQuerySchema,
        response: { 302: z.null().describe('To the dashboard'), ...problems(400) },
      },
    },
    async (request, reply) => {
      const binding = request.cookies[OIDC_COOKIE.name];
      clearAuthCookie(reply, OIDC_COOKIE);
      if (!oidc) return toSignInPage(reply, 'off');
      const search = request.url.slice(request.url.indexOf('?') + 1);
      try {
        const { userId, next } = await finishOidcLogin(fastify.prisma, oidc, {
          binding,
          state: request.query.state,
          error: request.query.error,
          search: request.url.includes('?') ? search : '',
        });
        await startSession(reply, userId);
        return toDashboard(reply, next);
      } catch (error) {
        if (error instanceof OidcError) {
          request.log.info({ reason: error.code }, 'single sign-on refused');
          return toSignInPage(reply, error.code);
        }
        throw error;
      }
    },
  );
};

export default authRoutes;
