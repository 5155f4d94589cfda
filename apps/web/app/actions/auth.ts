'use server';
// Sign-in, sign-up and sign-out as Server Actions: the browser never sees a token, only
// the dashboard's own httpOnly cookies. Next.js checks the Origin of every action (CSRF).
import { isValidTimeZone } from '@leadtrack/core';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { fieldErrors, sessionApi } from '../../lib/api';
import {
  ACCESS_COOKIE,
  ACCESS_MAX_AGE,
  cookieOptions,
  REFRESH_COOKIE,
  REFRESH_MAX_AGE,
  safeNext,
} from '../../lib/config';
import {
  type FormState,
  formText,
  type LinkFormState,
  linkFailure,
  needsAttention,
  passwordsDiffer,
} from '../../lib/form-state';
import { FAILURES } from '../../lib/notices';

export type AuthState = FormState<{ email?: string; name?: string }>;

async function keepSession(session: sessionApi.SessionTokens): Promise<void> {
  const jar = await cookies();
  jar.set(ACCESS_COOKIE, session.accessToken, cookieOptions(ACCESS_MAX_AGE));
  if (session.refresh) jar.set(REFRESH_COOKIE, session.refresh, cookieOptions(REFRESH_MAX_AGE));
}

export async function signIn(_prev: AuthState, form: FormData): Promise<AuthState> {
  const email = formText(form, 'email');
  const password = formText(form, 'password');
  const values = { email };
  if (!email || !password) return { message: 'Enter your email and password.', values };
  const res = await sessionApi.startSession('login', { email, password }, await headers());
  if (!res.ok) {
    // One sentence for a wrong email and a wrong password: which one is not said.
    const wrong = res.status === 401 || res.status === 400;
    const message = wrong
      ? 'Wrong email or password.'
      : res.status === 0
        ? FAILURES.unavailable
        : res.status === 429
          ? FAILURES['too-many']
          : 'Signing in failed. Try again.';
    return { message, values };
  }
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
  if (!res.ok) {
    if (res.status === 400 && res.problem) return needsAttention(fieldErrors(res.problem), values);
    if (res.status === 0) return { message: FAILURES.unavailable, values };
    return { message: res.problem?.detail || 'Creating the account failed.', values };
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

/** A new person's setup link: their first password, then signed in (POST /auth/setup). */
export async function completeSetup(_prev: LinkFormState, form: FormData): Promise<LinkFormState> {
  const differ = passwordsDiffer(form, 'password');
  if (differ) return differ;
  const token = formText(form, 'token');
  const password = formText(form, 'password');
  const res = await sessionApi.startSession('setup', { token, password }, await headers());
  if (!res.ok) {
    return linkFailure(res, 'Setting the password failed. Try again.', {
      403: 'Passwords are turned off here: use single sign-on.',
    });
  }
  await keepSession(res.session);
  redirect('/');
}
