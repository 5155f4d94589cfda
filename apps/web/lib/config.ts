// Where the dashboard's server reaches the API, its session cookies, and where a visitor
// may be sent after signing in.
import { env } from './env';

export const API_URL = env.apiUrl;

/** The API's access token (a 15-minute JWT), httpOnly: page JavaScript never reads it. */
export const ACCESS_COOKIE = 'lt_access';
/** The API's refresh token, copied from the API's own cookie, httpOnly as well. */
export const REFRESH_COOKIE = 'lt_refresh';

export const ACCESS_MAX_AGE = 15 * 60;
export const REFRESH_MAX_AGE = 30 * 24 * 60 * 60;

/** Refresh when the access token has less than this left. */
export const REFRESH_MARGIN_MS = 60_000;

/**
 * httpOnly (page JavaScript never sees a token), SameSite=Lax (sent on the top-level
 * navigation back from the sign-in redirect; cross-site POSTs do not carry it, and Server
 * Actions check the Origin anyway), Secure in production unless SECURE_COOKIES=0 says the
 * dashboard is served over plain http. A client header never decides it.
 */
export const cookieOptions = (maxAge: number, secure = env.secureCookies) =>
  ({
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge,
  }) as const;

/** The `lt_refresh=…` value from the API's Set-Cookie headers, if any. */
export function refreshFromSetCookie(headers: Headers): string | null {
  for (const line of headers.getSetCookie()) {
    const match = /^lt_refresh=([^;]*)/.exec(line);
    if (match?.[1]) return decodeURIComponent(match[1]);
  }
  return null;
}

/** Seconds-since-epoch expiry of a JWT, read without verifying (the API verifies). */
export function jwtExpiry(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      exp?: number;
    };
    return typeof json.exp === 'number' ? json.exp : null;
  } catch {
    return null;
  }
}

// Any fixed origin works for the same-origin test: only the path of a value that stays on
// it is kept, so the redirect goes to the dashboard whatever origin it is served from.
const HOME_ORIGIN = 'http://dashboard.invalid';
const NOT_AFTER_SIGN_IN = ['/login', '/register', '/reset-password'];

function sameOriginPath(value: string): string | null {
  try {
    const url = new URL(value, HOME_ORIGIN);
    return url.origin === HOME_ORIGIN ? url.pathname + url.search + url.hash : null;
  } catch {
    return null;
  }
}

/**
 * Where to go after signing in: `value` resolved against the dashboard's own origin, kept
 * only when it stays there; anything else is `/`. The URL parser decides, as the browser
 * will (`/\host`, `/<tab>/host` and `//host` all leave the origin), and a value that leaves
 * it once percent-decoded (`/%09/host`) is refused too.
 */
export function safeNext(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return '/';
  const path = sameOriginPath(value);
  if (path === null) return '/';
  let decoded = value;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return '/';
  }
  if (decoded !== value && sameOriginPath(decoded) === null) return '/';
  if (
    NOT_AFTER_SIGN_IN.some(
      (p) => path === p || path.startsWith(`${p}/`) || path.startsWith(`${p}?`),
    )
  )
    return '/';
  return path;
}

/** `/login?ended=1`: the API refused the session; the proxy clears it, the page says so. */
export const SESSION_ENDED_PARAM = 'ended';

/**
 * The visitor's address as server.ts recorded it (the socket's peer, one entry). Only the
 * last entry is taken, so under a server that appends rather than overwrites, the address
 * a visitor wrote still does not win.
 */
export function peerAddress(headers: Headers): string | null {
  const last = headers.get('x-forwarded-for')?.split(',').pop()?.trim();
  return last || null;
}
