// Evidence entries: what an engineer logs, how lists of them are queried and paged, and
// the acknowledgements a manager (or an admin) adds to them.
import { z } from 'zod';
import {
  CalendarDateSchema,
  cursorPaging,
  EvidenceKindSchema,
  IdSchema,
  InstantSchema,
  IsoDateSchema,
  PastDateSchema,
  pageLimit,
  pageOf,
  plainString,
  text,
  UserRefSchema,
} from './common';
import { component } from './component';
import { EndorsementSchema, GivenOnVersionShape } from './endorsements';
import { rule, sentence } from './messages';
import { SOURCE_IDS } from './sources';

export const AudienceSchema = z.enum(['team', 'org', 'stakeholders']);
export type Audience = z.infer<typeof AudienceSchema>;

/** `manual` for entries made through the API; `import` and a connected source's id (SOURCES) for accepted suggestions and imports. */
export const EvidenceSourceSchema = z.enum(['manual', 'import', ...SOURCE_IDS]);
export type EvidenceSource = z.infer<typeof EvidenceSourceSchema>;

export const EVIDENCE_LIMITS = Object.freeze({
  minKinds: 1,
  maxKinds: 3,
  titleMax: 200,
  descriptionMax: 10_000,
  maxLinks: 10,
  linkMax: 2_000,
  commentMax: 2_000,
  listLimitMax: 100,
  listLimitDefault: 50,
});

/** 1-3 distinct kind slugs: one piece of work can show several behaviours. */
export const EvidenceKindsSchema = z
  .array(EvidenceKindSchema)
  .min(EVIDENCE_LIMITS.minKinds)
  .max(EVIDENCE_LIMITS.maxKinds)
  .refine(
    (kinds) => new Set(kinds).size === kinds.length,
    rule('Choose each behaviour only once.'),
  );

/** An absolute http(s) URL; other schemes (ftp:, javascript:, data:…) are refused. */
export const EvidenceLinkSchema = plainString()
  .trim()
  .max(EVIDENCE_LIMITS.linkMax)
  .pipe(
    z.url({
      protocol: /^https?$/,
      error: (issue) => sentence(issue.path ?? [], 'must be an http or https URL'),
    }),
  );

const LinksSchema = z.array(EvidenceLinkSchema).max(EVIDENCE_LIMITS.maxLinks);
const TitleSchema = text(1, EVIDENCE_LIMITS.titleMax);
/** Markdown, stored as given (trimmed); an empty description is stored as none. */
const DescriptionSchema = text(0, EVIDENCE_LIMITS.descriptionMax);

/**
 * `source` is not accepted: entries made through the API are always `manual`, so an
 * integration cannot be impersonated by a hand-written request. `occurredOn` must not be
 * after the caller's today, in their time zone.
 */
export const CreateEvidenceBodySchema = z.strictObject({
  kinds: EvidenceKindsSchema,
  title: TitleSchema,
  description: DescriptionSchema.nullish(),
  occurredOn: PastDateSchema,
  links: LinksSchema.optional(),
  audience: AudienceSchema.nullish(),
});
export type CreateEvidenceBody = z.infer<typeof CreateEvidenceBodySchema>;

/** The fields of a create, all optional, at least one; `null` clears description or audience. */
export const UpdateEvidenceBodySchema = z
  .strictObject({
    kinds: EvidenceKindsSchema.optional(),
    title: TitleSchema.optional(),
    description: DescriptionSchema.nullish(),
    occurredOn: PastDateSchema.optional(),
    links: LinksSchema.optional(),
    audience: AudienceSchema.nullish(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    ...rule('Send at least one field to change.'),
    // Only judged when the fields themselves are valid (an unknown field is reported alone).
    when: (payload) => payload.issues.length === 0,
  });
export type UpdateEvidenceBody = z.infer<typeof UpdateEvidenceBodySchema>;

export const AcknowledgeBodySchema = z.strictObject({
  comment: text(0, EVIDENCE_LIMITS.commentMax).nullish(),
});
export type AcknowledgeBody = z.infer<typeof AcknowledgeBodySchema>;

export const EvidenceParamsSchema = z.strictObject({ id: IdSchema });

/** `Idempotency-Key` on a create: a retry with the same key and body returns the first entry. */
export const CreateEvidenceHeadersSchema = z.looseObject({
  'idempotency-key': plainString()
    .min(1)
    .max(255)
    .optional()
    .describe('Retries with the same key and body within 24 hours return the first entry'),
});

/** `If-Match: "<version>"` (or a bare number, or `*`): a mismatch is 412. */
export const IfMatchHeadersSchema = z.looseObject({
  'if-match': plainString()
    .max(200)
    .optional()
    .describe('The version the edit is based on, as sent in ETag; a mismatch is 412'),
});

export const ListEvidenceQuerySchema = z
  .strictObject({
    userId: UserRefSchema.optional().describe('Whose entries: a user id, or `me` (the default)'),
    kind: EvidenceKindSchema.optional().describe('Only entries that hold this kind'),
    from: IsoDateSchema.optional().describe('Earliest occurredOn, inclusive'),
    to: IsoDateSchema.optional().describe('Latest occurredOn, inclusive'),
    ...cursorPaging(
      pageLimit(EVIDENCE_LIMITS.listLimitMax, EVIDENCE_LIMITS.listLimitDefault).describe(
        'Entries per page',
      ),
    ),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    path: ['to'],
    ...rule('must not be before the from date'),
  });
export type ListEvidenceQuery = z.infer<typeof ListEvidenceQuerySchema>;

export const AcknowledgementSchema = component('Acknowledgement', {
  id: IdSchema,
  by: z.object({ id: IdSchema, name: z.string() }),
  comment: z.string().nullable(),
  ...GivenOnVersionShape,
  createdAt: InstantSchema,
});
export type Acknowledgement = z.infer<typeof AcknowledgementSchema>;

export const EvidenceSchema = component('Evidence', {
  id: IdSchema,
  userId: IdSchema,
  kinds: z.array(EvidenceKindSchema),
  title: z.string(),
  description: z.string().nullable(),
  occurredOn: CalendarDateSchema,
  links: z.array(z.string()),
  audience: AudienceSchema.nullable(),
  source: EvidenceSourceSchema,
  /** Oldest first. */
  acknowledgements: z.array(AcknowledgementSchema),
  /** Colleagues' endorsements, asked for by the owner; oldest first. */
  endorsements: z.array(EndorsementSchema),
  /** Counts the owner's edits; sent as ETag and checked against If-Match. */
  version: z.number().int(),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const EvidenceListSchema = pageOf(EvidenceSchema, {
  /** Entries matching the filters (userId, kind, from, to) on every page, the cursor aside. */
  total: z.number().int().describe('How many entries match the filters, across all pages'),
}).meta({ id: 'EvidenceList' });
export type EvidenceList = z.infer<typeof EvidenceListSchema>;

/** The trash: how many of the caller's deleted entries to return (newest deletion first). */
export const ListDeletedEvidenceQuerySchema = z.strictObject({
  limit: pageLimit(EVIDENCE_LIMITS.listLimitMax, EVIDENCE_LIMITS.listLimitMax).describe(
    'Entries to return, newest deletion first',
  ),
});
export type ListDeletedEvidenceQuery = z.infer<typeof ListDeletedEvidenceQuerySchema>;

export const DeletedEvidenceSchema = EvidenceSchema.extend({
  deletedAt: InstantSchema.describe('When the owner deleted it'),
  restorableUntil: InstantSchema.describe(
    'The restore deadline (30 days after deletion); after it the entry is gone',
  ),
}).meta({ id: 'DeletedEvidence' });
export type DeletedEvidence = z.infer<typeof DeletedEvidenceSchema>;

export const DeletedEvidenceListSchema = component('DeletedEvidenceList', {
  items: z.array(DeletedEvidenceSchema),
  /** Every restorable entry, even beyond `limit`. */
  total: z.number().int().describe('How many of your entries can still be restored'),
});
export type DeletedEvidenceList = z.infer<typeof DeletedEvidenceListSchema>;
