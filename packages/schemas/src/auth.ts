// Accounts: sign-up, sign-in, tokens and the caller's own profile.
import { currentZoneName, isValidTimeZone } from '@leadtrack/core';
import { z } from 'zod';
import { IdSchema, InstantSchema, plainString, RoleSchema, text } from './common';
import { component } from './component';
import { rule } from './messages';

export const EmailSchema = plainString().trim().toLowerCase().max(254).pipe(z.email());
/** A password's length (the dashboard's hints and fields read it too). */
export const PASSWORD_LIMITS = Object.freeze({ min: 12, max: 200 });
export const PasswordSchema = plainString().min(PASSWORD_LIMITS.min).max(PASSWORD_LIMITS.max);

export const UserSchema = component('User', {
  id: IdSchema,
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  managerId: IdSchema.nullable(),
  /** Set while the account is deactivated: none of its credentials work. */
  deactivatedAt: InstantSchema.nullable(),
});
export type User = z.infer<typeof UserSchema>;

/**
 * An IANA time zone name that this runtime knows (`Europe/Paris`, `UTC`), read as its
 * current name: `Asia/Calcutta` and `Europe/Kiev` are stored as `Asia/Kolkata` and
 * `Europe/Kyiv` (@leadtrack/core currentZoneName).
 */
export const TimeZoneSchema = plainString()
  .min(1)
  .max(64)
  .refine(isValidTimeZone, rule('must be an IANA time zone such as Europe/Paris'))
  .transform(currentZoneName)
  .meta({ example: 'Asia/Kolkata' });

/** GET /me: the caller, with their own settings. */
export const MeSchema = UserSchema.extend({
  timeZone: z.string(),
  /** False until the person chose or confirmed their zone: the dashboard asks once. */
  timeZoneConfirmed: z.boolean(),
  /** How the person signs in: a password of their own, and a single sign-on link. */
  signIn: z.object({ password: z.boolean(), sso: z.boolean() }),
}).meta({ id: 'Me' });
export type Me = z.infer<typeof MeSchema>;

export const UpdateMeBodySchema = z.strictObject({
  name: text(1, 100).optional(),
  timeZone: TimeZoneSchema.optional(),
});
export type UpdateMeBody = z.infer<typeof UpdateMeBodySchema>;

export const ChangePasswordBodySchema = z.strictObject({
  currentPassword: plainString().min(1).max(200),
  newPassword: PasswordSchema,
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBodySchema>;

/** POST /auth/password-reset: the secret from the link an admin issued. */
export const UsePasswordResetBodySchema = z.strictObject({
  token: plainString().min(1).max(200),
  newPassword: PasswordSchema,
});
export type UsePasswordResetBody = z.infer<typeof UsePasswordResetBodySchema>;

export const RegisterBodySchema = z.strictObject({
  email: EmailSchema,
  name: text(1, 100),
  password: PasswordSchema,
  /** The browser's zone (`Intl.DateTimeFormat().resolvedOptions().timeZone`); `UTC` when absent. */
  timeZone: TimeZoneSchema.optional(),
});
export type RegisterBody = z.infer<typeof RegisterBodySchema>;

/** POST /auth/setup: the secret from a new person's setup link and their first password. */
export const SetupBodySchema = z.strictObject({
  token: plainString().min(1).max(200),
  password: PasswordSchema,
});
export type SetupBody = z.infer<typeof SetupBodySchema>;

/** GET /auth/providers: how people sign in on this instance (the sign-in page asks). */
export const ProvidersSchema = component('Providers', {
  /** False under SSO_ONLY: the password form is hidden (admins may still use it with SSO_BREAK_GLASS). */
  password: z.boolean(),
  /** SSO_ONLY with SSO_BREAK_GLASS: admins may still sign in with their password. */
  adminPassword: z.boolean(),
  /** Set when single sign-on is configured: the button says "Sign in with {name}". */
  oidc: z.object({ name: z.string() }).nullable(),
});
export type Providers = z.infer<typeof ProvidersSchema>;

/** GET /auth/oidc/start: where the dashboard goes once signed in (a dashboard path). */
export const OidcStartQuerySchema = z.object({
  next: plainString().max(2000).optional(),
});

/**
 * GET /auth/oidc/callback: what the provider appends to the redirect URI. Providers add
 * parameters of their own (`session_state`, `iss`, `scope`), so unknown ones are allowed.
 */
const callbackParam = () => plainString().max(4096).optional();
export const OidcCallbackQuerySchema = z.object({
  code: callbackParam(),
  state: callbackParam(),
  error: callbackParam(),
  error_description: callbackParam(),
  iss: callbackParam(),
});

export const LoginBodySchema = z.strictObject({
  email: EmailSchema,
  password: plainString().min(1).max(200),
});
export type LoginBody = z.infer<typeof LoginBodySchema>;

export const SessionSchema = z.object({ user: UserSchema, accessToken: z.string() });
export type Session = z.infer<typeof SessionSchema>;

export const AccessTokenSchema = z.object({ accessToken: z.string() });

/** A personal access token's name and lifetime in days (the dashboard's form reads them). */
export const TOKEN_LIMITS = Object.freeze({
  nameMax: 100,
  daysMin: 1,
  daysMax: 365,
  daysDefault: 90,
});

export const CreateTokenBodySchema = z.strictObject({
  name: text(1, TOKEN_LIMITS.nameMax),
  /** A token outlives sessions: making one asks the password again. */
  currentPassword: plainString()
    .min(1)
    .max(200)
    .describe('Your current password: a token outlives sessions, so making one asks for it'),
  /** Every token expires; 90 days unless asked otherwise. */
  expiresInDays: z
    .number()
    .int()
    .min(TOKEN_LIMITS.daysMin)
    .max(TOKEN_LIMITS.daysMax)
    .default(TOKEN_LIMITS.daysDefault),
});
export type CreateTokenBody = z.infer<typeof CreateTokenBodySchema>;

export const PersonalTokenSchema = component('PersonalAccessToken', {
  id: IdSchema,
  name: z.string(),
  createdAt: InstantSchema,
  lastUsedAt: InstantSchema.nullable(),
  expiresAt: InstantSchema,
});

export const CreatedTokenSchema = z.object({
  id: IdSchema,
  name: z.string(),
  /** The secret, shown this once. */
  token: z.string(),
  expiresAt: InstantSchema,
});

export const TokenListSchema = z.object({ items: z.array(PersonalTokenSchema) });
