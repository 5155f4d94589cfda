// Nudges: what a person wants to be told and when, the unsubscribe link, and running a
// scheduled job by hand.

// The weekday names live in core, so the dashboard's client code can read them without
// bundling zod (whose JIT probe trips the strict CSP).
import { WEEKDAYS } from '@leadtrack/core';
import { z } from 'zod';
import { IdSchema, plainString } from './common';
import { component } from './component';
import { rule } from './messages';

export { WEEKDAYS, type Weekday } from '@leadtrack/core';

export const PreferencesSchema = component('Preferences', {
  /** The engineer's weekly reminder while the week is pending or has no check-in. */
  weeklyReminder: z.boolean(),
  /** The Monday digest to managers. */
  managerDigest: z.boolean(),
  /** In-app notifications also sent by email. */
  emailNotifications: z.boolean(),
  /** The day of the weekly reminder, in the person's time zone (default friday). */
  reminderDay: z.enum(WEEKDAYS),
  /** The hour of the weekly reminder, 0-23, in the person's time zone (default 15). */
  reminderHour: z.int().min(0).max(23),
});
export type PreferencesDto = z.infer<typeof PreferencesSchema>;

/** Fields left out keep their value. */
export const PutPreferencesBodySchema = z.strictObject({
  weeklyReminder: z.boolean().optional(),
  managerDigest: z.boolean().optional(),
  emailNotifications: z.boolean().optional(),
  reminderDay: z.enum(WEEKDAYS).optional(),
  reminderHour: z.int().min(0).max(23).optional(),
});
export type PutPreferencesBody = z.infer<typeof PutPreferencesBodySchema>;

/** The kinds of message a person can turn off, one unsubscribe link each. */
export const MESSAGE_KINDS = ['weekly-reminder', 'manager-digest', 'notification'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const UnsubscribeQuerySchema = z.strictObject({
  token: plainString().min(1).max(512).describe('The signed token of the link in the message'),
});

export const UnsubscribedSchema = component('Unsubscribed', {
  kind: z.enum(MESSAGE_KINDS),
  /** What the person no longer receives, in words. */
  description: z.string(),
  preferences: PreferencesSchema,
});
export type UnsubscribedDto = z.infer<typeof UnsubscribedSchema>;

/** RFC 8058 one-click: mail clients POST `List-Unsubscribe=One-Click` as a form. */
export const OneClickBodySchema = z
  .looseObject({ 'List-Unsubscribe': plainString().max(64).optional() })
  .optional();

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An instant with its offset: `2026-11-27T15:00:00Z`, `2026-11-27T16:00:00+01:00`. */
export const InstantInputSchema = plainString().refine(
  (value) => INSTANT.test(value) && !Number.isNaN(Date.parse(value)) && value >= '2000-01-01',
  rule('must be a date and time from 2000 on with its offset, such as 2026-11-27T15:00:00Z'),
);

export const RunJobParamsSchema = z.strictObject({
  name: IdSchema.describe(
    'A scheduled job: weekly-reminders, manager-digest, notification-mail, or a source’s sync (<source>-sync)',
  ),
});

export const RunJobBodySchema = z
  .strictObject({
    asOf: InstantInputSchema.optional().describe(
      'The clock the job runs with (default now): whose local day and hour has come',
    ),
  })
  // No body at all is "now" (Fastify hands an absent body to the schema as null).
  .nullish();

export const JobRunSchema = component('JobRun', {
  /** How many people the job did its work for (mailed, synced). */
  done: z.int(),
  /** People whose work failed this time (their claim released for the next run). */
  failed: z.int(),
});
export type JobRunDto = z.infer<typeof JobRunSchema>;
