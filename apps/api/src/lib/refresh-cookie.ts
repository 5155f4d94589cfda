// The refresh token's cookie: httpOnly, SameSite=Strict and scoped to /api/v1/auth, so
// scripts never see it and the browser sends it only to the routes that use it. And the
// single sign-on attempt's cookie (services/sso/oidc.ts): httpOnly, scoped to
// /api/v1/auth/oidc, 10 minutes, SameSite=Lax because the browser comes back from the
// provider's site with a top-level GET, which Strict would strip it from.
import type { FastifyReply } from 'fastify';
import { REFRESH_TOKEN_TTL_MS } from '../services/accounts';

export const REFRESH_COOKIE = 'lt_refresh';
const COOKIE_PATH = '/api/v1/auth';

/** `secure` outside development (NODE_ENV=production): plain http works locally. */
export function setRefreshCookie(reply: FastifyReply, secret: string, secure: boolean) {
  return reply.setCookie(REFRESH_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: COOKIE_PATH,
    maxAge: REFRESH_TOKEN_TTL_MS / 1000,
  });
}

export function clearRefreshCookie(reply: FastifyReply) {
  return reply.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
}

export const OIDC_COOKIE = 'lt_oidc';
const OIDC_COOKIE_PATH = '/api/v1/auth/oidc';

export function setOidcCookie(reply: FastifyReply, secret: string, secure: boolean) {
  return reply.setCookie(OIDC_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: OIDC_COOKIE_PATH,
    maxAge: 10 * 60,
  });
}

export function clearOidcCookie(reply: FastifyReply) {
  return reply.clearCookie(OIDC_COOKIE, { path: OIDC_COOKIE_PATH });
}
