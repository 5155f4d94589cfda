// Where the dashboard's server reaches the API, and the names of its own session cookies.
export const API_URL = process.env.API_URL ?? `http://127.0.0.1:${process.env.API_PORT ?? 3001}`;

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
 * Actions check the Origin anyway), Secure whenever the dashboard is served over https
 * (or always, with SECURE_COOKIES=1).
 */
export const cookieOptions = (maxAge: number, https: boolean) =>
  ({
    httpOnly: true,
    sameSite: 'lax',
    secure: https || process.env.SECURE_COOKIES === '1',
    path: '/',
    maxAge,
  }) as const;

/** Whether the request reached the dashboard over https (directly or behind a proxy). */
export function isHttps(headers: Headers, url?: string): boolean {
  const forwarded = headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  if (forwarded) return forwarded === 'https';
  if (url) return url.startsWith('https:');
  return (headers.get('origin') ?? '').startsWith('https:');
}

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

/** A same-site path to go back to after signing in; anything else becomes `/`. */
export function safeNext(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return '/';
  if (value.startsWith('/login') || value.startsWith('/register')) return '/';
  return value;
}
