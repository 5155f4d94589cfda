// The cookies of the auth routes, each httpOnly so scripts never see it, and scoped to the
// routes that read it. The refresh token's: SameSite=Strict, under /api/v1/auth. The single
// sign-on attempt's (services/sso/oidc.ts): under /api/v1/auth/oidc, 10 minutes, SameSite=Lax
// because the browser comes back from the provider's site with a top-level GET, which Strict
// would strip it from.
import type { FastifyReply } from 'fastify';
import { REFRESH_TOKEN_TTL_MS } from '../services/accounts';

/** A cookie of the auth routes: its name, the path it is sent to, SameSite and lifetime. */
export interface AuthCookie {
  name: string;
  path: string;
  sameSite: 'strict' | 'lax';
  maxAgeSeconds: number;
}

export const REFRESH_COOKIE: AuthCookie = {
  name: 'lt_refresh',
  path: '/api/v1/auth',
  sameSite: 'strict',
  maxAgeSeconds: REFRESH_TOKEN_TTL_MS / 1000,
};

export const OIDC_COOKIE: AuthCookie = {
  name: 'lt_oidc',
  path: '/api/v1/auth/oidc',
  sameSite: 'lax',
  maxAgeSeconds: 10 * 60,
};

/** `secure` outside development (NODE_ENV=production): plain http works locally. */
export function setAuthCookie(
  reply: FastifyReply,
  cookie: AuthCookie,
  secret: string,
  secure: boolean,
) {
  return reply.setCookie(cookie.name, secret, {
    httpOnly: true,
    sameSite: cookie.sameSite,
    secure,
    path: cookie.path,
    maxAge: cookie.maxAgeSeconds,
  });
}

export function clearAuthCookie(reply: FastifyReply, cookie: AuthCookie) {
  return reply.clearCookie(cookie.name, { path: cookie.path });
}
