// Users, roles and who reports to whom (admin-managed).
import { z } from 'zod';
import { EmailSchema, PasswordSchema, TimeZoneSchema, UserSchema } from './auth';
import { IdSchema, InstantSchema, RoleSchema, text } from './common';
import { component } from './component';

export const CreateUserBodySchema = z.strictObject({
  email: EmailSchema,
  name: text(1, 100),
  /** Absent: the answer holds a one-time setup link where the person chooses it. */
  password: PasswordSchema.optional(),
  role: RoleSchema,
  managerId: IdSchema.nullish(),
  /** The new person's IANA zone; the creating admin's own when absent. */
  timeZone: TimeZoneSchema.optional(),
});
export type CreateUserBody = z.infer<typeof CreateUserBodySchema>;

export const UpdateUserBodySchema = z.strictObject({
  name: text(1, 100).optional(),
  role: RoleSchema.optional(),
  /** null clears the manager. */
  managerId: IdSchema.nullable().optional(),
});
export type UpdateUserBody = z.infer<typeof UpdateUserBodySchema>;

export const UserListSchema = z.object({ items: z.array(UserSchema) });

/** POST /users/:id/password-reset: the one-time link, shown to the admin this once. */
export const PasswordResetLinkSchema = component('PasswordResetLink', {
  url: z.string(),
  expiresAt: InstantSchema,
});
export type PasswordResetLink = z.infer<typeof PasswordResetLinkSchema>;

/** POST /users without a password: the person and their one-time setup link (7 days). */
export const CreatedUserWithSetupSchema = component('CreatedUserWithSetup', {
  user: UserSchema,
  /** Null under SSO_ONLY: the person signs in through single sign-on instead. */
  setupUrl: z.string().nullable(),
  expiresAt: InstantSchema.nullable(),
  /** Whether the link was also mailed to the person (mail set up and accepted). */
  mailed: z.boolean(),
});
export type CreatedUserWithSetup = z.infer<typeof CreatedUserWithSetupSchema>;

/** GET /admin/sso: what an admin needs to set single sign-on up, and who is linked. */
export const SsoOverviewSchema = component('SsoOverview', {
  /** Null when OIDC_ISSUER is not set. */
  name: z.string().nullable(),
  issuer: z.string().nullable(),
  /** The redirect URI to register at the provider. */
  redirectUri: z.string(),
  ssoOnly: z.boolean(),
  breakGlass: z.boolean(),
  links: z.array(
    z.object({
      user: z.object({ id: IdSchema, name: z.string(), email: z.string() }),
      issuer: z.string(),
      email: z.string(),
      linkedAt: InstantSchema,
      lastSignInAt: InstantSchema.nullable(),
    }),
  ),
});
export type SsoOverview = z.infer<typeof SsoOverviewSchema>;
