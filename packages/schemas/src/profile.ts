// The role profile: the senior-IC-versus-tech-lead table held against recent weeks.
import { PROFILE_DIMENSIONS, PROFILE_WEEKS } from '@leadtrack/core';
import { z } from 'zod';
import { CalendarDateSchema, EvidenceKindSchema, IdSchema } from './common';
import { component } from './component';

export const ProfileQuerySchema = z.strictObject({
  weeks: z.coerce
    .number()
    .int()
    .min(PROFILE_WEEKS.min)
    .max(PROFILE_WEEKS.max)
    .default(PROFILE_WEEKS.default)
    .describe('How many of the last non-leave weeks to look at'),
});
export type ProfileQuery = z.infer<typeof ProfileQuerySchema>;

const LeaningSchema = z.enum(['tech-lead', 'senior-ic', 'neither', 'unknown']);

export const RoleProfileSchema = component('RoleProfile', {
  userId: IdSchema,
  /** Non-leave weeks looked at: up to the number asked, fewer for a short history. */
  weeks: z.int(),
  /** First and last week looked at; null without any. */
  from: CalendarDateSchema.nullable(),
  to: CalendarDateSchema.nullable(),
  handsOn: z.object({
    /** Mean hands-on share of those weeks' check-ins, in %; null without check-ins. */
    averagePercent: z.number().nullable(),
    band: z.object({ min: z.int(), max: z.int() }),
    /** The average is inside the band; null without check-ins. */
    inBand: z.boolean().nullable(),
    checkins: z.int(),
  }),
  deepWork: z.object({
    /** Mean deep-work blocks a week; null without check-ins. */
    averageBlocks: z.number().nullable(),
    checkins: z.int(),
  }),
  /** Of those weeks, how many hold at least one entry of each kind. */
  weeksWithKind: z.array(z.object({ kind: EvidenceKindSchema, weeks: z.int() })),
  comparison: z.array(
    z.object({
      dimension: z.enum(PROFILE_DIMENSIONS),
      label: z.string(),
      seniorIc: z.string(),
      techLead: z.string(),
      leaning: LeaningSchema,
      verdict: z.string(),
    }),
  ),
});
export type RoleProfileDto = z.infer<typeof RoleProfileSchema>;
