// Users, roles and who reports to whom (admin-managed).
import { z } from 'zod';
import { EmailSchema, PasswordSchema, TimeZoneSchema, UserSchema } from './auth';
import { IdSchema, InstantSchema, RoleSchema, text } from './common';

export const CreateUserBodySchema = z.strictObject({
  email: EmailSchema,
  name: text(1, 100),
  password: PasswordSchema,
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
export const PasswordResetLinkSchema = z
  .object({
    url: z.string(),
    expiresAt: InstantSchema,
  })
  .meta({ id: 'PasswordResetLink' });
export type PasswordResetLink = z.infer<typeof PasswordResetLinkSchema>;
