'use server';
// Sign-in, sign-up and sign-out as Server Actions: the browser never sees a token, only
// the dashboard's own httpOnly cookies. Next.js checks the Origin of every action (CSRF).
import { isValidTimeZone } from '@leadtrack/core';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { sessionApi } from '../../lib/api';
import {
  ACCESS_COOKIE,
  ACCESS_MAX_AGE,
  cookieOptions,
  REFRESH_COOKIE,
  REFRESH_MAX_AGE,
  safeNext,
} from '../../lib/config';
import { formText } from '../../lib/form-state';
import type { Problem } from '../../lib/types';

export interface AuthState {
  error?: string;
  fields?: Record<string, string>;
  values?: { email?: string; name?: string };
}

async function keepSession(session: sessionApi.SessionTokens): Promise<void> {
  const jar = await cookies();
  jar.set(ACCESS_COOKIE, session.accessToken, cookieOptions(ACCESS_MAX_AGE));
  if (session.refresh) jar.set(REFRESH_COOKIE, session.refresh, cookieOptions(REFRESH_MAX_AGE));
}

function fieldsOf(problem: Problem | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of problem?.errors ?? []) {
    const key = e.path.split(/[./]/)[0] ?? '_';
    out[key] = out[key] ? `${out[key]} ${e.message}` : e.message;
  }
  return out;
}

export async function signIn(_prev: AuthState, form: FormData): Promise<AuthState> {
  const email = formText(form, 'email');
  const password = formText(form, 'password');
  const values = { email };
  if (!email || !password) return { error: 'Enter your email and password.', values };
  const res = await sessionApi.startSession('login', { email, password }, await headers());
  if (!res.ok && res.status === 0)
    return { error: 'The service is unavailable. Try again in a minute.', values };
  if (res.status === 401 || res.status === 400) {
    return { error: 'Wrong email or password.', values };
  }
  if (res.status === 429) {
    return { error: 'Too many attempts. Wait a minute, then try again.', values };
  }
  if (!res.ok) return { error: 'Signing in failed. Try again.', values };
  await keepSession(res.session);
  redirect(safeNext(form.get('next')));
}

export async function register(_prev: AuthState, form: FormData): Promise<AuthState> {
  const email = formText(form, 'email');
  const name = formText(form, 'name');
  const password = formText(form, 'password');
  const values = { email, name };
  // The browser's zone (a hidden field): sent only when this runtime knows it, so an odd
  // browser value never blocks a sign-up; the account then starts in UTC.
  const zone = formText(form, 'timeZone');
  const timeZone = isValidTimeZone(zone) ? { timeZone: zone } : {};
  const res = await sessionApi.startSession(
    'register',
    { email, name, password, ...timeZone },
    await headers(),
  );
  if (!res.ok && res.status === 0) {
    return { error: 'The service is unavailable. Try again in a minute.', values };
  }
  if (!res.ok) {
    const problem = res.problem;
    if (res.status === 400) {
      return { error: 'Check the highlighted fields.', fields: fieldsOf(problem), values };
    }
    return { error: problem?.detail || 'Creating the account failed.', values };
  }
  await keepSession(res.session);
  redirect(safeNext(form.get('next')));
}

export async function signOut(): Promise<void> {
  const jar = await cookies();
  const refresh = jar.get(REFRESH_COOKIE)?.value;
  // Signing out locally still works when the API is away.
  if (refresh) await sessionApi.endSessionAtApi(refresh);
  jar.delete(ACCESS_COOKIE);
  jar.delete(REFRESH_COOKIE);
  redirect('/login');
}

export interface SetupState {
  error?: string;
  fields?: Record<string, string>;
  /** The link itself is spent or stale: no form is worth showing again. */
  linkDead?: boolean;
}

/** A new person's setup link: their first password, then signed in (POST /auth/setup). */
export async function completeSetup(_prev: SetupState, form: FormData): Promise<SetupState> {
  const token = formText(form, 'token');
  const password = formText(form, 'password');
  if (password !== formText(form, 'repeatPassword')) {
    return {
      error: 'Check the highlighted fields.',
      fields: { repeatPassword: 'The two passwords differ: type the same one twice.' },
    };
  }
  const res = await sessionApi.startSession('setup', { token, password }, await headers());
  if (!res.ok && res.status === 0) {
    return { error: 'The service is unavailable. Try again in a minute.' };
  }
  if (!res.ok) {
    const fields = fieldsOf(res.problem);
    if (res.status === 400 && fields.token) {
      return {
        linkDead: true,
        error: 'This link has already been used or has expired. Ask an admin for a new one.',
      };
    }
    if (res.status === 400) return { error: 'Check the highlighted fields.', fields };
    if (res.status === 429) return { error: 'Too many attempts. Wait a minute, then try again.' };
    if (res.status === 403) return { error: 'Passwords are turned off here: use single sign-on.' };
    return { error: 'Setting the password failed. Try again.' };
  }
  await keepSession(res.session);
  redirect('/');
}
