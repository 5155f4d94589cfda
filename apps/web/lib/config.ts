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
const NOT_AFTER_SIGN_IN = ['/login', '/register', '/reset-password', '/setup'];
/** Backslashes and control characters (C0, DEL, C1): browsers drop or rewrite them. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point.
const UNSAFE_CHARACTER = /[\\\u0000-\u001f\u007f-\u009f]/;
/** Percent-decoding rounds tried: each must still be a path of the dashboard. */
const DECODE_ROUNDS = 3;

/**
 * The path `value` names on the dashboard, normalised as a browser would (dot segments
 * resolved), or null when a browser could read it, or the Location it becomes, as
 * another origin: it must resolve to the same origin and the resulting path must not
 * start with `//` (`/.//host` and `/a/..//host` resolve to `//host`, which a browser
 * reads as protocol-relative when it comes back as a Location).
 */
function dashboardPath(value: string): string | null {
  if (!value.startsWith('/') || UNSAFE_CHARACTER.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, HOME_ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== HOME_ORIGIN || url.pathname.startsWith('//')) return null;
  return url.pathname + url.search + url.hash;
}

/**
 * `value` when it is a path of the dashboard itself, else `fallback`: the one test for
 * every redirect target a request names (`next`, a form's `back`). `value` is resolved
 * against a dummy origin with the URL parser, as the browser will resolve the Location,
 * and kept only when it stays there and cannot be read as another host: backslashes and
 * control characters are refused outright (`/\\host`, `/<tab>/host`), and so is anything
 * that leaves once percent-decoded (`/%2e//host`, `/%2F%2Fhost`, `/%5Chost`, `/%09/host`),
 * in case a server or router on the way decodes it. The result is a fixed point: resolving
 * it again gives itself.
 */
export function safePath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string') return fallback;
  const path = dashboardPath(value);
  if (path === null || dashboardPath(path) !== path) return fallback;
  let decoded = value;
  for (let round = 0; round < DECODE_ROUNDS && decoded.includes('%'); round++) {
    try {
      decoded = decodeURIComponent(decoded);
    } catch {
      return fallback;
    }
    if (dashboardPath(decoded) === null) return fallback;
  }
  return path;
}

/** Where to go after signing in (`next`): `safePath`, and never back to a sign-in page. */
export function safeNext(value: unknown): string {
  const path = safePath(value);
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
 * The visitor's address as server.ts settled it (lib/client-address.ts: one entry), to
 * forward to the API, which trusts the dashboard only. Only the last entry is taken, so
 * under a server that appends rather than overwrites, the address a visitor wrote still
 * does not win.
 */
export function peerAddress(headers: Headers): string | null {
  const last = headers.get('x-forwarded-for')?.split(',').pop()?.trim();
  return last || null;
}

/** The header that hands the visitor's address on to the API, when there is one. */
export function forwardedFor(
  headers: Headers,
): { 'x-forwarded-for': string } | Record<never, never> {
  const address = peerAddress(headers);
  return address ? { 'x-forwarded-for': address } : {};
}
