// What waits for the caller (GET /me/agenda): the things a manager acts on for their direct
// reports, and everyone's own (API.md "What waits for you").
import { z } from 'zod';
import { CalendarDateSchema, EvidenceKindSchema, IdSchema, InstantSchema } from './common';
import { component } from './component';

/** The types of item, the manager's first, then everyone's. */
export const AGENDA_TYPES = [
  'acknowledge',
  'confirm-agreement',
  'reflection',
  'at-risk',
  'missing-checkin',
  'endorse',
  'log',
  'checkin',
] as const;
export type AgendaType = (typeof AGENDA_TYPES)[number];

/** Items listed at most (oldest first); `counts` counts every one. */
export const AGENDA_ITEMS_MAX = 100;

/** Entries of the last this-many weeks (the person's current ISO week included) wait for an acknowledgement. */
export const ACKNOWLEDGE_WEEKS = 8;
/** Reflections shared in the last this-many days wait for the manager. */
export const REFLECTION_DAYS = 14;

export const AgendaItemSchema = component('AgendaItem', {
  type: z.enum(AGENDA_TYPES),
  user: z
    .object({ id: IdSchema, name: z.string() })
    .describe(
      'Whom it is about: the report (manager items), the entry’s owner (endorse), the caller (their own agreement, log, checkin)',
    ),
  entry: z
    .object({ id: IdSchema, title: z.string(), occurredOn: CalendarDateSchema })
    .optional()
    .describe('acknowledge and endorse: the entry'),
  weekStart: CalendarDateSchema.optional().describe(
    'The week concerned (its Monday, in the person’s zone): reflection, at-risk, missing-checkin, log, checkin',
  ),
  missingKinds: z
    .array(EvidenceKindSchema)
    .optional()
    .describe('log: the required behaviours not yet in the window ending this week'),
  streak: z.int().optional().describe('at-risk: the streak of consistent weeks to lose'),
  since: InstantSchema.describe(
    'Since when it waits: the entry logged, the request or agreement change, the reflection shared, the week begun (at-risk, log) or ended (missing-checkin, checkin) in the person’s zone',
  ),
});
export type AgendaItemDto = z.infer<typeof AgendaItemSchema>;

export const AgendaSchema = component('Agenda', {
  items: z.array(AgendaItemSchema).describe(`Oldest first, at most ${AGENDA_ITEMS_MAX}`),
  counts: z
    .object(
      Object.fromEntries(AGENDA_TYPES.map((t) => [t, z.int()])) as Record<AgendaType, z.ZodInt>,
    )
    .describe('Every item of each type, also those past the list’s limit; zeros included'),
});
export type AgendaDto = z.infer<typeof AgendaSchema>;
