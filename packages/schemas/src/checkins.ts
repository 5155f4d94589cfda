// Weekly check-ins: one per user and ISO week, named by the week's Monday (`weekStart`).
import { z } from 'zod';
import { CalendarDateSchema, IdSchema, InstantSchema, IsoDateSchema, text } from './common';
import { component } from './component';

/** A check-in's ranges and the longest its note may be (the dashboard's form reads them). */
export const CHECKIN_LIMITS = Object.freeze({
  handsOnPercentMax: 100,
  deepWorkBlocksMax: 50,
  noteMax: 2_000,
});
export const CheckinSchema = component('Checkin', {
  userId: IdSchema,
  /** The Monday of the ISO week. */
  weekStart: CalendarDateSchema,
  handsOnPercent: z.int().min(0).max(CHECKIN_LIMITS.handsOnPercentMax),
  deepWorkBlocks: z.int().min(0).max(CHECKIN_LIMITS.deepWorkBlocksMax),
  onLeave: z.boolean(),
  note: z.string().nullable(),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
});
export type Checkin = z.infer<typeof CheckinSchema>;

/**
 * The whole check-in for a week (PUT replaces it: an omitted `note` clears the note).
 * That `weekStart` is a Monday not after the current week is judged by the API, which
 * knows today's date.
 */
export const PutCheckinBodySchema = z.strictObject({
  handsOnPercent: z
    .int()
    .min(0)
    .max(CHECKIN_LIMITS.handsOnPercentMax)
    .describe('Share of the week spent hands-on, in %'),
  deepWorkBlocks: z
    .int()
    .min(0)
    .max(CHECKIN_LIMITS.deepWorkBlocksMax)
    .describe('Deep-work blocks protected this week'),
  onLeave: z.boolean().describe('On leave this week: the week is skipped by the readiness model'),
  note: text(0, CHECKIN_LIMITS.noteMax).nullish(),
});
export type PutCheckinBody = z.infer<typeof PutCheckinBodySchema>;

export const CheckinQuerySchema = z.strictObject({
  userId: IdSchema.optional().describe('Whose check-ins (an id or `me`); the caller by default'),
  from: IsoDateSchema.optional().describe('Earliest `weekStart`, inclusive'),
  to: IsoDateSchema.optional().describe('Latest `weekStart`, inclusive'),
});
export type CheckinQuery = z.infer<typeof CheckinQuerySchema>;

/** Oldest week first. */
export const CheckinListSchema = z.object({ items: z.array(CheckinSchema) });
export type CheckinList = z.infer<typeof CheckinListSchema>;
