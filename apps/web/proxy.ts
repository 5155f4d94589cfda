// Runs before every page and Server Action: sets the per-request Content-Security-Policy
// (its nonce is what Next.js puts on its scripts), keeps the session fresh, ends a session
// the API no longer accepts, and sends anonymous visitors to /login (and back afterwards).
// Tokens stay in httpOnly cookies throughout.
import { type NextRequest, NextResponse } from 'next/server';
import { isAccessRefused, refreshSession } from './lib/api/session';
import {
  ACCESS_COOKIE,
  ACCESS_MAX_AGE,
  cookieOptions,
  jwtExpiry,
  REFRESH_COOKIE,
  REFRESH_MARGIN_MS,
  REFRESH_MAX_AGE,
  SESSION_ENDED_PARAM,
} from './lib/config';
import { contentSecurityPolicy, HSTS } from './lib/csp';
import { env } from './lib/env';

// /unsubscribe: the link in every email works without signing in (its token is signed).
// /setup: a new person's setup link. /api/v1/auth/oidc: single sign-on's two steps.
const PUBLIC_PATHS = [
  '/login',
  '/register',
  '/reset-password',
  '/setup',
  '/unsubscribe',
  '/api/v1/auth/oidc',
];

interface Rotated {
  accessToken: string;
  refresh: string;
}

// A refresh token is single-use (reuse revokes the session), so concurrent requests that
// carry the same one share a single rotation.
const inFlight = new Map<string, Promise<Rotated | null>>();

async function rotate(refresh: string, client: Headers): Promise<Rotated | null> {
  const pending = inFlight.get(refresh);
  if (pending) return pending;
  const promise = refreshSession(refresh, client).then((tokens) =>
    tokens?.refresh ? { accessToken: tokens.accessToken, refresh: tokens.refresh } : null,
  );
  inFlight.set(refresh, promise);
  // Keep the result a little while for requests that arrive with the old cookie.
  promise.finally(() => setTimeout(() => inFlight.delete(refresh), 10_000));
  return promise;
}

function isFresh(token: string | undefined): boolean {
  if (!token) return false;
  const exp = jwtExpiry(token);
  return exp !== null && exp * 1000 - Date.now() > REFRESH_MARGIN_MS;
}

function randomNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64');
}

function secured(res: NextResponse, csp: string): NextResponse {
  res.headers.set('Content-Security-Policy', csp);
  if (env.hsts) res.headers.set('Strict-Transport-Security', HSTS);
  return res;
}

export async function proxy(request: NextRequest) {
  const { pathname, search, searchParams } = request.nextUrl;
  const nonce = randomNonce();
  const csp = contentSecurityPolicy(nonce, { development: !env.production });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-leadtrack-path', pathname + search);
  // Next.js reads the nonce from the request's CSP header while rendering.
  requestHeaders.set('content-security-policy', csp);
  const pass = () => secured(NextResponse.next({ request: { headers: requestHeaders } }), csp);
  const endSession = (res: NextResponse) => {
    res.cookies.delete(ACCESS_COOKIE);
    res.cookies.delete(REFRESH_COOKIE);
    return res;
  };

  if (PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`))) {
    // A page was refused by the API (lib/api.ts sends it here): end the session, but only
    // once the API confirms the token is refused, so a link cannot sign anyone out.
    const access = request.cookies.get(ACCESS_COOKIE)?.value;
    if (pathname === '/login' && searchParams.has(SESSION_ENDED_PARAM) && access) {
      if (await isAccessRefused(access, request.headers)) {
        request.cookies.delete(ACCESS_COOKIE);
        request.cookies.delete(REFRESH_COOKIE);
        requestHeaders.set('cookie', request.cookies.toString());
        return endSession(pass());
      }
    }
    return pass();
  }

  const access = request.cookies.get(ACCESS_COOKIE)?.value;
  if (isFresh(access)) return pass();

  const refresh = request.cookies.get(REFRESH_COOKIE)?.value;
  const rotated = refresh ? await rotate(refresh, request.headers) : null;
  if (!rotated) {
    const login = new URL('/login', request.url);
    login.search = '';
    if (pathname !== '/' || search) login.searchParams.set('next', pathname + search);
    // A refresh cookie the API refuses: the session ended (expired, revoked, deactivated).
    if (refresh) login.searchParams.set(SESSION_ENDED_PARAM, '1');
    return endSession(secured(NextResponse.redirect(login, 303), csp));
  }

  // The page rendered for this request must see the new token too.
  request.cookies.set(ACCESS_COOKIE, rotated.accessToken);
  request.cookies.set(REFRESH_COOKIE, rotated.refresh);
  requestHeaders.set('cookie', request.cookies.toString());
  const res = pass();
  res.cookies.set(ACCESS_COOKIE, rotated.accessToken, cookieOptions(ACCESS_MAX_AGE));
  res.cookies.set(REFRESH_COOKIE, rotated.refresh, cookieOptions(REFRESH_MAX_AGE));
  return res;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)'],
};
