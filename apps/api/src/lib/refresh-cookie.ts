// The refresh token's cookie: httpOnly, SameSite=Strict and scoped to /api/v1/auth, so
// scripts never see it and the browser sends it only to the routes that use it.
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
