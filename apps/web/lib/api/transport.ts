// The dashboard server's only way to the API: adds the caller's bearer token from the
// httpOnly session cookie and returns a typed result instead of throwing. Only the
// operation modules beside it (lib/api/<area>.ts) call `api`; pages and actions call
// those, and choose how strict to be with `load` / `loadOrNull` or by reading the result.
import 'server-only';
import { type IsoDate, todayIn } from '@leadtrack/core';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { ACCESS_COOKIE, API_URL, forwardedFor, SESSION_ENDED_PARAM } from '../config';
import { withDates } from '../format';
import type { FieldError, MeDto, Problem } from '../types';

export type ApiResult<T> =
  | { ok: true; status: number; data: T; headers: Headers }
  | { ok: false; status: number; problem: Problem };

/** A query string's values as a page has them (text from the address is passed on as is). */
export type QueryValue = string | number | boolean | undefined | null;
export type Query = Record<string, QueryValue>;
/** A query whose names are those of the operation's query schema. */
export type QueryOf<Q> = { [K in keyof Q]?: QueryValue };

/**
 * A request body as a form sends it: the contract's field names (a misspelt one does not
 * compile), each value as typed or as the contract's own type. The API is the one judge of
 * the values and names each refusal beside its field, so a form never validates twice.
 */
export type Sent<T> = { [K in keyof T]: Loose<T[K]> };
type Loose<V> = V extends readonly (infer E)[]
  ? Loose<E>[]
  : V extends string | number | boolean
    ? V | string | number
    : V;

/** A pending API result: what every operation function returns. */
export type Call<T> = Promise<ApiResult<T>>;

export interface ApiOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Query;
  headers?: Record<string, string>;
  /** Parse the body as text instead of JSON. */
  text?: boolean;
  /**
   * A 401 for a request that carried the session's token means the API no longer accepts
   * the session (deactivated, signed out everywhere, password changed): by default that
   * ends it here too, through /login. `true` returns the 401 to the caller instead.
   */
  keep401?: boolean;
}

function unavailable(detail: string): Problem {
  return { type: 'about:blank', title: 'API unavailable', status: 503, detail };
}

export async function api<T>(path: string, options: ApiOptions = {}): Promise<ApiResult<T>> {
  const token = (await cookies()).get(ACCESS_COOKIE)?.value;
  const url = new URL(`/api/v1${path}`, API_URL);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined && value !== null && value !== '')
      url.searchParams.set(key, String(value));
  }
  const init: RequestInit = {
    method: options.method ?? 'GET',
    cache: 'no-store',
    headers: {
      accept: 'application/json, application/problem+json, text/markdown',
      ...(token && { authorization: `Bearer ${token}` }),
      // The visitor's address (server.ts settled it), for the API's per-address limits.
      ...forwardedFor(await headers()),
      ...(options.body !== undefined && { 'content-type': 'application/json' }),
      ...options.headers,
    },
    ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
  };
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch {
    return { ok: false, status: 503, problem: unavailable('The API could not be reached.') };
  }
  if (res.status === 401 && token && !options.keep401) await endSession();
  if (res.ok) {
    const raw = await res.text();
    const data = (options.text ? raw : raw.length > 0 ? JSON.parse(raw) : null) as T;
    return { ok: true, status: res.status, data, headers: res.headers };
  }
  let problem: Problem;
  try {
    problem = (await res.json()) as Problem;
  } catch {
    problem = { type: 'about:blank', title: res.statusText, status: res.status, detail: '' };
  }
  return { ok: false, status: res.status, problem };
}

/** The paths of a collection's items: `pathUnder('/evidence')(id)` is `/evidence/<id>`. */
export const pathUnder =
  (collection: string) =>
  (id: string): string =>
    `${collection}/${encodeURIComponent(id)}`;

/** A GET of a collection, with the operation's query (filters, a page's cursor and size). */
export const listing =
  <Q, T>(path: string) =>
  (query: QueryOf<Q> = {}): Call<T> =>
    api(path, { query });

/** The path being rendered, as the proxy recorded it, for coming back after signing in. */
export async function currentPath(): Promise<string> {
  return (await headers()).get('x-leadtrack-path') ?? '/';
}

/**
 * Sends the visitor to /login saying their session ended; the proxy clears the cookies
 * there once the API confirms it refuses them. Works from pages and Server Actions.
 */
export async function endSession(): Promise<never> {
  const login = new URLSearchParams({ [SESSION_ENDED_PARAM]: '1' });
  const next = await currentPath();
  if (next !== '/') login.set('next', next);
  redirect(`/login?${login}`);
}

/** For pages: the data, or a redirect to sign in on 401; other failures throw to error.tsx. */
export async function load<T>(call: Call<T>): Promise<T> {
  const result = await call;
  if (result.ok) return result.data;
  if (result.status === 401) redirect(`/login?next=${encodeURIComponent(await currentPath())}`);
  throw new Error(result.problem.detail || result.problem.title);
}

/** Like load, but null for a 404 (someone the caller may not see, or nothing there). */
export async function loadOrNull<T>(call: Call<T>): Promise<T | null> {
  const result = await call;
  if (result.ok) return result.data;
  if (result.status === 404) return null;
  if (result.status === 401) redirect(`/login?next=${encodeURIComponent(await currentPath())}`);
  throw new Error(result.problem.detail || result.problem.title);
}

/** The data of a call that worked, or `fallback` (pages that render without it). */
export async function orElse<T, F>(call: Call<T>, fallback: F): Promise<T | F> {
  const result = await call;
  return result.ok ? result.data : fallback;
}

/** The signed-in user, once per request; null when signed out. */
export const getMe = cache(async (): Promise<MeDto | null> => {
  const token = (await cookies()).get(ACCESS_COOKIE)?.value;
  if (!token) return null;
  const result = await api<MeDto>('/me', { keep401: true });
  if (result.ok) return result.data;
  if (result.status === 401 || result.status === 404) return null;
  // The API is down or failing: show the error page rather than a sign-in loop.
  throw new Error(result.problem.detail || 'The API is unavailable.');
});

export async function requireMe(): Promise<MeDto> {
  const me = await getMe();
  if (me) return me;
  // A token the API refused: the session ended (rather than never having started).
  if ((await cookies()).get(ACCESS_COOKIE)) return endSession();
  redirect(`/login?next=${encodeURIComponent(await currentPath())}`);
}

/**
 * The signed-in person's today in their own time zone (GET /me, `UTC` by default): the
 * default date of every form and the "this week" of every page, as the API judges them.
 */
export async function myToday(): Promise<IsoDate> {
  return todayIn((await requireMe()).timeZone);
}

/** Field errors keyed by the first segment of their path ("links.2" → "links"). */
export function fieldErrors(problem: Problem): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of problem.errors ?? ([] as FieldError[])) {
    const key = e.path.replace(/^body[./]/, '').split(/[./[]/)[0] || '_';
    // Dates in the API's words read as the dashboard writes them ("7 Dec 2026").
    const message = withDates(e.message);
    out[key] = out[key] ? `${out[key]} ${message}` : message;
  }
  return out;
}
