// Public account operations that run with the visitor's cookies if any (API.md
// "Authentication"): the sign-in providers, a password-reset link, an email's unsubscribe
// link. Sign-in itself and the session's renewal are in session.ts.
import 'server-only';
import type { Providers, UnsubscribedDto, UsePasswordResetBody } from '@leadtrack/schemas';
import { api, type Call } from './transport';

/** GET /auth/providers: how people sign in here. */
export const providers = (): Call<Providers> => api('/auth/providers', { keep401: true });

/** POST /auth/password-reset: the link's token sets a new password. */
export const resetPassword = (body: UsePasswordResetBody): Call<null> =>
  api('/auth/password-reset', { method: 'POST', body, keep401: true });

/** GET /unsubscribe: the email's signed token turns that kind of message off. */
export const unsubscribe = (token: string): Call<UnsubscribedDto> =>
  api('/unsubscribe', { query: { token }, keep401: true });
