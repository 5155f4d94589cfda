// Runs before every page and Server Action: keeps the session fresh and sends anonymous
// visitors to /login (and back afterwards). Tokens stay in httpOnly cookies throughout.
import { type NextRequest, NextResponse } from 'next/server';
import {
  ACCESS_COOKIE,
  ACCESS_MAX_AGE,
  API_URL,
  cookieOptions,
  isHttps,
  jwtExpiry,
  REFRESH_COOKIE,
  REFRESH_MARGIN_MS,
  REFRESH_MAX_AGE,
  refreshFromSetCookie,
} from './lib/config';

const PUBLIC_PATHS = ['/login', '/register'];

interface Rotated {
  accessToken: string;
  refresh: string;
}

// A refresh token is single-use (reuse revokes the session), so concurrent requests that
// carry the same one share a single rotation.
const inFlight = new Map<string, Promise<Rotated | null>>();

async function rotate(refresh: string): Promise<Rotated | null> {
  const pending = inFlight.get(refresh);
  if (pending) return pending;
  const promise = (async () => {
    try {
      const res = await fetch(new URL('/api/v1/auth/refresh', API_URL), {
        method: 'POST',
        headers: { cookie: `lt_refresh=${encodeURIComponent(refresh)}` },
        cache: 'no-store',
      });
      if (!res.ok) return null;
      const body = (await res.json()) as { accessToken: string };
      const next = refreshFromSetCookie(res.headers);
      return next ? { accessToken: body.accessToken, refresh: next } : null;
    } catch {
      return null;
    }
  })();
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

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-leadtrack-path', pathname + search);
  const pass = () => NextResponse.next({ request: { headers: requestHeaders } });

  if (PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`))) return pass();

  const access = request.cookies.get(ACCESS_COOKIE)?.value;
  if (isFresh(access)) return pass();

  const refresh = request.cookies.get(REFRESH_COOKIE)?.value;
  const rotated = refresh ? await rotate(refresh) : null;
  if (!rotated) {
    const login = new URL('/login', request.url);
    login.search = '';
    if (pathname !== '/' || search) login.searchParams.set('next', pathname + search);
    const res = NextResponse.redirect(login, 303);
    res.cookies.delete(ACCESS_COOKIE);
    res.cookies.delete(REFRESH_COOKIE);
    return res;
  }

  // The page rendered for this request must see the new token too.
  request.cookies.set(ACCESS_COOKIE, rotated.accessToken);
  request.cookies.set(REFRESH_COOKIE, rotated.refresh);
  requestHeaders.set('cookie', request.cookies.toString());
  const res = pass();
  const https = isHttps(request.headers, request.url);
  res.cookies.set(ACCESS_COOKIE, rotated.accessToken, cookieOptions(ACCESS_MAX_AGE, https));
  res.cookies.set(REFRESH_COOKIE, rotated.refresh, cookieOptions(REFRESH_MAX_AGE, https));
  return res;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)'],
};
