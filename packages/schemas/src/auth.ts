// Accounts: sign-up, sign-in, tokens and the caller's own profile.
import { z } from 'zod';
import { IdSchema, InstantSchema, RoleSchema, text } from './common';

export const EmailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());
export const PasswordSchema = z.string().min(12).max(200);

export const UserSchema = z
  .object({
    id: IdSchema,
    email: z.string(),
    name: z.string(),
    role: RoleSchema,
    managerId: IdSchema.nullable(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof UserSchema>;

export const RegisterBodySchema = z.strictObject({
  email: EmailSchema,
  name: text(1, 100),
  password: PasswordSchema,
});
export type RegisterBody = z.infer<typeof RegisterBodySchema>;

export const LoginBodySchema = z.strictObject({
  email: EmailSchema,
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof LoginBodySchema>;

export const SessionSchema = z.object({ user: UserSchema, accessToken: z.string() });
export type Session = z.infer<typeof SessionSchema>;

export const AccessTokenSchema = z.object({ accessToken: z.string() });

export const CreateTokenBodySchema = z.strictObject({ name: text(1, 100) });

export const PersonalTokenSchema = z
  .object({
    id: IdSchema,
    name: z.string(),
    createdAt: InstantSchema,
    lastUsedAt: InstantSchema.nullable(),
  })
  .meta({ id: 'PersonalAccessToken' });

export const CreatedTokenSchema = z.object({
  id: IdSchema,
  name: z.string(),
  /** The secret, shown this once. */
  token: z.string(),
});

export const TokenListSchema = z.object({ items: z.array(PersonalTokenSchema) });
