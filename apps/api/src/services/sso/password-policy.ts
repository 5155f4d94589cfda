// Who may have and use a password (API.md "Single sign-on"): everyone, unless SSO_ONLY
// turns passwords off; then only admins, and only with SSO_BREAK_GLASS, so they can get in
// while the identity provider is down. Sign-in, sign-up, reset and setup links, and a new
// person's password all ask here.
import type { Env } from '../../env';
import { forbidden } from '../../lib/problem';

export type PasswordPolicyConfig = Pick<Env, 'SSO_ONLY' | 'SSO_BREAK_GLASS' | 'OIDC_NAME'>;

export function passwordAllowed(config: PasswordPolicyConfig, role: string | null): boolean {
  return !config.SSO_ONLY || (config.SSO_BREAK_GLASS && role === 'admin');
}

/** A check that refuses (403) a person of `role` whom passwords are not for. */
export function passwordGuard(config: PasswordPolicyConfig) {
  return (role: string | null): void => {
    if (!passwordAllowed(config, role)) throw passwordsOff(config);
  };
}

export function passwordsOff(config: PasswordPolicyConfig) {
  return forbidden(`Passwords are turned off on this instance: sign in with ${config.OIDC_NAME}.`);
}
