// Single sign-on through the dashboard (API.md "Single sign-on"): the browser only ever
// talks to the dashboard, so the two steps it takes, /api/v1/auth/oidc/start and the
// redirect URI /api/v1/auth/oidc/callback, are relayed to the API here. The API answers each
// with a 302; the provider's address is passed on, the attempt's cookie (lt_oidc) is passed
// both ways, and a signed-in answer's refresh cookie becomes the dashboard's session, as
// after a password sign-in. Any other destination goes through safeNext, a relative path.
import { NextResponse } from 'next/server';
import { refreshSession } from './api/session';
import {
  ACCESS_COOKIE,
  ACCESS_MAX_AGE,
  API_URL,
  cookieOptions,
  peerAddress,
  REFRESH_COOKIE,
  REFRESH_MAX_AGE,
  refreshFromSetCookie,
  safeNext,
} from './config';

/** Where the sign-in page says what went wrong (a fixed code, API services/sso/oidc.ts). */
const UNAVAILABLE = '/login?sso=unavailable';

function redirectTo(location: string, setCookies: string[] = []): NextResponse {
  const res = new NextResponse(null, { status: 303, headers: { location } });
  for (const line of setCookies) res.headers.append('set-cookie', line);
  return res;
}

/** `/login?sso=<code>`, when that is where the API sent the browser (a refusal). */
function signInPageWithCode(location: string): string | null {
  try {
    const url = new URL(location, 'http://dashboard.invalid');
    return url.pathname === '/login' && /^\?sso=[a-z]+$/.test(url.search)
      ? url.pathname + url.search
      : null;
  } catch {
    return null;
  }
}

/** The path (with query) of an absolute or relative URL, kept only when safeNext keeps it. */
function dashboardPath(location: string): string {
  const refused = signInPageWithCode(location);
  if (refused) return refused;
  try {
    const url = new URL(location, 'http://dashboard.invalid');
    return safeNext(url.pathname + url.search + url.hash);
  } catch {
    return '/';
  }
}

/** Relays GET `step` (`start` or `callback`) with the browser's query and attempt cookie. */
export async function relayOidc(
  request: Request,
  step: 'start' | 'callback',
): Promise<NextResponse> {
  const incoming = new URL(request.url);
  const target = new URL(`/api/v1/auth/oidc/${step}${incoming.search}`, API_URL);
  const attempt = /(?:^|;\s*)lt_oidc=([^;]*)/.exec(request.headers.get('cookie') ?? '')?.[1];
  const forwardedFor = peerAddress(request.headers);
  let res: Response;
  try {
    res = await fetch(target, {
      redirect: 'manual',
      cache: 'no-store',
      headers: {
        ...(attempt ? { cookie: `lt_oidc=${attempt}` } : {}),
        ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
      },
    });
  } catch {
    return redirectTo(UNAVAILABLE);
  }
  const location = res.headers.get('location');
  if (res.status !== 302 || !location) return redirectTo(UNAVAILABLE);
  const attemptCookies = res.headers.getSetCookie().filter((line) => line.startsWith('lt_oidc='));
  if (step === 'start') {
    // Back to the sign-in page with a code, or on to the provider.
    const refused = signInPageWithCode(location);
    if (refused || !/^https?:\/\//.test(location)) return redirectTo(refused ?? UNAVAILABLE);
    return redirectTo(location, attemptCookies);
  }
  const refresh = refreshFromSetCookie(res.headers);
  const out = redirectTo(dashboardPath(location), attemptCookies);
  if (!refresh) return out;
  const session = await refreshSession(refresh);
  if (!session?.refresh) return redirectTo(UNAVAILABLE, attemptCookies);
  out.cookies.set(ACCESS_COOKIE, session.accessToken, cookieOptions(ACCESS_MAX_AGE));
  out.cookies.set(REFRESH_COOKIE, session.refresh, cookieOptions(REFRESH_MAX_AGE));
  return out;
}
