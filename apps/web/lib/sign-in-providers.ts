// How people sign in on this instance (GET /auth/providers), and the sentence the sign-in
// page shows for each single sign-on refusal: a fixed code from the API, never text from
// the URL (API services/sso/oidc.ts OIDC_FAILURES).

import type { Providers } from '@leadtrack/schemas';
import { authApi } from './api';

export type { Providers };

export async function signInProviders(): Promise<Providers> {
  const res = await authApi.providers();
  return res.ok ? res.data : { password: true, adminPassword: true, oidc: null };
}

export function ssoFailureSentence(code: unknown, name: string): string | null {
  switch (code) {
    case 'cancelled':
      return `Signing in with ${name} was cancelled. Try again when you are ready.`;
    case 'state':
      return 'That sign-in link has expired or was opened in another browser. Start again here.';
    case 'unverified':
      return `${name} has not verified your email address. Verify it there, then try again.`;
    case 'domain':
      return `Your email address is not one this Leadtrack creates accounts for. Ask an admin to add you.`;
    case 'failed':
      return `Signing in with ${name} did not work for this account. Ask an admin if it should.`;
    case 'unavailable':
      return `${name} could not be reached. Try again in a minute.`;
    case 'off':
      return 'Single sign-on is not set up on this Leadtrack.';
    default:
      return null;
  }
}
