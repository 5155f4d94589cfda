// Accounts: sign-up, sign-in, tokens and the caller's own profile.
import { isValidTimeZone } from '@leadtrack/core';
import { z } from 'zod';
import { IdSchema, InstantSchema, plainString, RoleSchema, text } from './common';
import { rule } from './messages';

export const EmailSchema = plainString().trim().toLowerCase().max(254).pipe(z.email());
export const PasswordSchema = plainString().min(12).max(200);

export const UserSchema = z
  .object({
    id: IdSchema,
    email: z.string(),
    name: z.string(),
    role: RoleSchema,
    managerId: IdSchema.nullable(),
    /** Set while the account is deactivated: none of its credentials work. */
    deactivatedAt: InstantSchema.nullable(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof UserSchema>;

/** An IANA time zone name that this runtime knows (`Europe/Paris`, `UTC`). */
export const TimeZoneSchema = plainString()
  .min(1)
  .max(64)
  .refine(isValidTimeZone, rule('must be an IANA time zone such as Europe/Paris'))
  .meta({ example: 'Europe/Paris' });

/** GET /me: the caller, with their own settings. */
export const MeSchema = UserSchema.extend({ timeZone: z.string() }).meta({ id: 'Me' });
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

export const LoginBodySchema = z.strictObject({
  email: EmailSchema,
  password: plainString().min(1).max(200),
});
export type LoginBody = z.infer<typeof LoginBodySchema>;

export const SessionSchema = z.object({ user: UserSchema, accessToken: z.string() });
export type Session = z.infer<typeof SessionSchema>;

export const AccessTokenSchema = z.object({ accessToken: z.string() });

export const CreateTokenBodySchema = z.strictObject({
  name: text(1, 100),
  /** Every token expires; 90 days unless asked otherwise. */
  expiresInDays: z.number().int().min(1).max(365).default(90),
});
export type CreateTokenBody = z.infer<typeof CreateTokenBodySchema>;

export const PersonalTokenSchema = z
  .object({
    id: IdSchema,
    name: z.string(),
    createdAt: InstantSchema,
    lastUsedAt: InstantSchema.nullable(),
    expiresAt: InstantSchema,
  })
  .meta({ id: 'PersonalAccessToken' });

export const CreatedTokenSchema = z.object({
  id: IdSchema,
  name: z.string(),
  /** The secret, shown this once. */
  token: z.string(),
  expiresAt: InstantSchema,
});

export const TokenListSchema = z.object({ items: z.array(PersonalTokenSchema) });
