// The promotion packet: a period's evidence grouped by behaviour, with the readiness summary.
import { z } from 'zod';
import {
  CalendarDateSchema,
  EvidenceKindSchema,
  IdSchema,
  InstantSchema,
  IsoDateSchema,
} from './common';
import { component } from './component';
import { GivenOnVersionShape } from './endorsements';
import { CurrentStatusSchema } from './readiness';

export const PacketQuerySchema = z.strictObject({
  from: IsoDateSchema.optional().describe(
    'First day (inclusive); the Monday 25 weeks before the week of `to` when absent',
  ),
  to: IsoDateSchema.optional().describe(
    "Last day (inclusive), not after the person's today; their today (in their time zone) when absent",
  ),
  format: z.enum(['json', 'md']).default('json').describe('`md` answers text/markdown'),
});
export type PacketQuery = z.infer<typeof PacketQuerySchema>;

export const PacketAcknowledgementSchema = z.object({
  by: z.object({ id: IdSchema, name: z.string() }),
  comment: z.string().nullable(),
  ...GivenOnVersionShape,
  createdAt: InstantSchema,
});

export const PacketEntrySchema = z.object({
  id: IdSchema,
  title: z.string(),
  occurredOn: CalendarDateSchema,
  description: z.string().nullable(),
  links: z.array(z.string()),
  audience: z.enum(['team', 'org', 'stakeholders']).nullable(),
  acknowledgements: z.array(PacketAcknowledgementSchema),
  /** Colleagues' endorsements, apart from the manager's acknowledgements. */
  endorsements: z.array(PacketAcknowledgementSchema),
});

export const PacketKindSchema = z.object({
  kind: EvidenceKindSchema,
  label: z.string(),
  /** Entries in the period holding this kind. */
  count: z.number().int(),
  entries: z.array(PacketEntrySchema),
});

/** The readiness summary as of `to`: the current status, its word and the threshold. */
export const PacketReadinessSchema = CurrentStatusSchema.extend({
  status: z.enum(['building', 'consistent', 'ready']),
  thresholdWeeks: z.number().int(),
});

export const PacketSchema = component('Packet', {
  user: z.object({ id: IdSchema, name: z.string(), email: z.string() }),
  from: IsoDateSchema,
  to: IsoDateSchema,
  readiness: PacketReadinessSchema,
  /** Every kind in canonical order; an entry holding several kinds appears under each. */
  kinds: z.array(PacketKindSchema),
});
export type PacketDto = z.infer<typeof PacketSchema>;
