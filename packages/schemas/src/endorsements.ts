// Endorsements (a colleague vouching for one entry, at the owner's request) and sponsors
// (colleagues the engineer lets read their timeline, evidence, profile and packet).
import { z } from 'zod';
import { CalendarDateSchema, EvidenceKindSchema, IdSchema, InstantSchema, text } from './common';
import { component } from './component';

const PersonRefSchema = z.object({ id: IdSchema, name: z.string() });

/**
 * What an acknowledgement or an endorsement vouches for: the entry's version it was given
 * on, and whether the entry still says what it said then.
 */
export const GivenOnVersionShape = {
  entryVersion: z.number().int().describe("The entry's version it was given on"),
  current: z
    .boolean()
    .describe(
      'False once the title, description, kinds, date or links changed since: it was given on an earlier version',
    ),
};

export const EndorsementSchema = component('Endorsement', {
  id: IdSchema,
  by: PersonRefSchema,
  comment: z.string().nullable(),
  ...GivenOnVersionShape,
  createdAt: InstantSchema,
});
export type EndorsementDto = z.infer<typeof EndorsementSchema>;

export const RequestEndorsementBodySchema = z.strictObject({
  userId: IdSchema.describe('The colleague asked to endorse the entry: any active user but you'),
});
export type RequestEndorsementBody = z.infer<typeof RequestEndorsementBodySchema>;

export const EndorsementRequestSchema = component('EndorsementRequest', {
  id: IdSchema,
  endorser: PersonRefSchema,
  status: z.enum(['pending', 'endorsed', 'declined']),
});

/** What the requested colleague sees of the entry. */
export const EndorsementRequestEntrySchema = z.object({
  id: IdSchema,
  title: z.string(),
  kinds: z.array(EvidenceKindSchema),
  occurredOn: CalendarDateSchema,
});

export const PendingEndorsementRequestListSchema = component('PendingEndorsementRequests', {
  items: z.array(
    z.object({
      id: IdSchema,
      entry: EndorsementRequestEntrySchema,
      requestedBy: PersonRefSchema,
      createdAt: InstantSchema,
    }),
  ),
});
export type PendingEndorsementRequestList = z.infer<typeof PendingEndorsementRequestListSchema>;

export const EndorseBodySchema = z.strictObject({
  comment: text(0, 2_000).nullish(),
});
export type EndorseBody = z.infer<typeof EndorseBodySchema>;

export const EndorsementRequestParamsSchema = z.strictObject({ id: IdSchema });

export const WithdrawEndorsementRequestParamsSchema = z.strictObject({
  id: IdSchema.describe('The entry'),
  requestId: IdSchema.describe('The endorsement request, as asking answered it'),
});

export const GrantSponsorBodySchema = z.strictObject({
  userId: IdSchema.describe(
    'The colleague who may read your timeline, evidence, profile and packet',
  ),
});
export type GrantSponsorBody = z.infer<typeof GrantSponsorBodySchema>;

export const SponsorSchema = component('Sponsor', {
  user: PersonRefSchema,
  createdAt: InstantSchema,
});
export type SponsorDto = z.infer<typeof SponsorSchema>;

export const SponsorListSchema = component('SponsorList', { items: z.array(SponsorSchema) });

export const SponsorParamsSchema = z.strictObject({ userId: IdSchema });
