// The API calls made without a session, or to start, renew or end one (API.md
// "Authentication"): sign-in, sign-up, setup, refresh, logout, the proxy's check of a
// token, and the one-click unsubscribe. They carry no bearer token, so they do not go
// through `api` (transport.ts); this file holds the dashboard's other `fetch`. It imports
// nothing request-bound (next/headers), so the proxy (middleware) may use it as well.
import type { LoginBody, Problem, RegisterBody, SetupBody } from '@leadtrack/schemas';
import { API_URL, forwardedFor, refreshFromSetCookie } from '../config';

/** A session's two tokens: the access token, and the refresh token of its cookie. */
export interface SessionTokens {
  accessToken: string;
  refresh: string | null;
}

/** A sign-in that worked, or why not (`status` 0: the API could not be reached). */
export type SignInResult =
  | { ok: true; status: number; session: SessionTokens }
  | { ok: false; status: number; problem: Problem | null };

async function sessionless(
  path: string,
  init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string },
): Promise<Response | null> {
  try {
    return await fetch(new URL(`/api/v1${path}`, API_URL), { ...init, cache: 'no-store' });
  } catch {
    return null;
  }
}

const refreshCookie = (refresh: string) => ({
  cookie: `lt_refresh=${encodeURIComponent(refresh)}`,
});

async function tokensOf(res: Response): Promise<SessionTokens> {
  const body = (await res.json()) as { accessToken: string };
  return { accessToken: body.accessToken, refresh: refreshFromSetCookie(res.headers) };
}

async function problemOf(res: Response): Promise<Problem | null> {
  try {
    return (await res.json()) as Problem;
  } catch {
    return null;
  }
}

const SIGN_IN_PATHS = { login: '/auth/login', register: '/auth/register', setup: '/auth/setup' };

type SignInBodies = { login: LoginBody; register: RegisterBody; setup: SetupBody };

/**
 * POST /auth/login, /auth/register or /auth/setup. The API limits attempts per client
 * address, so it must learn the visitor's (`client`: the request's headers, which server.ts
 * settled) and not this server's; the API trusts the dashboard only (TRUST_PROXY).
 */
export async function startSession<K extends keyof SignInBodies>(
  kind: K,
  body: SignInBodies[K],
  client: Headers,
): Promise<SignInResult> {
  const res = await sessionless(SIGN_IN_PATHS[kind], {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...forwardedFor(client) },
    body: JSON.stringify(body),
  });
  if (!res) return { ok: false, status: 0, problem: null };
  if (!res.ok) return { ok: false, status: res.status, problem: await problemOf(res) };
  return { ok: true, status: res.status, session: await tokensOf(res) };
}

/** POST /auth/refresh: the rotated tokens, or null when the API refuses the refresh token. */
export async function refreshSession(
  refresh: string,
  client?: Headers,
): Promise<SessionTokens | null> {
  const res = await sessionless('/auth/refresh', {
    method: 'POST',
    headers: { ...refreshCookie(refresh), ...(client ? forwardedFor(client) : {}) },
  });
  if (!res?.ok) return null;
  try {
    return await tokensOf(res);
  } catch {
    return null;
  }
}

/** POST /auth/logout; signing out locally still works when the API is away. */
export async function endSessionAtApi(refresh: string): Promise<void> {
  await sessionless('/auth/logout', { method: 'POST', headers: refreshCookie(refresh) });
}

/** Whether the API refuses this access token (deactivated, or its session revoked). */
export async function isAccessRefused(access: string, client: Headers): Promise<boolean> {
  const res = await sessionless('/me', {
    headers: { authorization: `Bearer ${access}`, ...forwardedFor(client) },
  });
  return res?.status === 401;
}

/**
 * POST /unsubscribe (RFC 8058 one-click, the signed token is the credential): the API's
 * status, or 0 when it could not be reached.
 */
export async function unsubscribeOneClick(token: string): Promise<number> {
  const res = await sessionless(`/unsubscribe?${new URLSearchParams({ token })}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'List-Unsubscribe=One-Click',
  });
  return res?.status ?? 0;
}
