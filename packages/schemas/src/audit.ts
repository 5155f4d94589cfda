// The audit log of admin actions: who did what to whom, newest first.
import { z } from 'zod';
import { cursorPaging, IdSchema, InstantSchema, pageLimit, pageOf } from './common';
import { component } from './component';

/** Stable names of what is recorded; new actions are appended, never renamed. */
export const AUDIT_ACTIONS = [
  'user.created',
  'user.role_changed',
  'user.manager_changed',
  'user.deactivated',
  'user.reactivated',
  'user.password_reset_issued',
  'user.password_reset_used',
  'user.setup_link_used',
  'user.sso_linked',
  'user.created_by_sso',
  'policy.changed',
  'sponsor.granted',
  'sponsor.revoked',
] as const;

const PersonRefSchema = z.object({ id: IdSchema, name: z.string() });

export const AuditEventSchema = component('AuditEvent', {
  id: IdSchema,
  at: InstantSchema,
  /** Who acted. Accounts are never deleted through the API, so an actor always exists. */
  actor: PersonRefSchema,
  /** A string rather than an enum so that a newer API's actions still parse. */
  action: z.string().meta({ examples: [...AUDIT_ACTIONS] }),
  /** Whom it concerned; null for instance-wide changes such as the policy. */
  target: PersonRefSchema.nullable(),
  /** What changed (never a secret). */
  details: z.record(z.string(), z.unknown()),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

export const AuditQuerySchema = z.strictObject(cursorPaging(pageLimit(100, 50)));
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const AuditPageSchema = pageOf(AuditEventSchema, {});
export type AuditPage = z.infer<typeof AuditPageSchema>;
