// The working agreement between an engineer (the lead) and their manager: who owns each of
// the eight areas of the EM boundary, and whether both confirmed the current version.
import { AGREEMENT_AREAS, AGREEMENT_OWNERS, isAgreementArea } from '@leadtrack/core';
import { z } from 'zod';
import { IdSchema, InstantSchema, text } from './common';
import { component } from './component';
import { rule, sentence } from './messages';

export const AgreementAreaSchema = z.enum(AGREEMENT_AREAS, {
  error: (issue) =>
    sentence(issue.path ?? [], `must be one of the areas: ${AGREEMENT_AREAS.join(', ')}`),
});
export const AgreementOwnerSchema = z.enum(AGREEMENT_OWNERS, {
  error: (issue) =>
    sentence(issue.path ?? [], `must be one of: ${AGREEMENT_OWNERS.join(', ')}, or null`),
});

export const AGREEMENT_LIMITS = Object.freeze({ noteMax: 1_000 });

export const AgreementItemInputSchema = z.strictObject({
  area: AgreementAreaSchema,
  owner: AgreementOwnerSchema.nullable().describe('Who owns the area; null when undecided'),
  note: text(0, AGREEMENT_LIMITS.noteMax).nullish(),
});

/**
 * The whole agreement (PUT replaces it): each area at most once; an area left out is
 * undecided (owner and note null).
 */
// Duplicates are judged even when some items are invalid (`when`), so one answer names every
// bad field; only known areas count, so an unknown one is named once, as unknown.
const distinctAreas = z.superRefine(
  (items: unknown, ctx) => {
    if (!Array.isArray(items)) return;
    const seen = new Set<string>();
    items.forEach((item: unknown, index) => {
      const area = (item as { area?: unknown } | null)?.area;
      if (typeof area !== 'string' || !isAgreementArea(area)) return;
      if (seen.has(area)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'area'],
          ...rule(`The area ${area} is listed more than once.`),
        });
      }
      seen.add(area);
    });
  },
  { when: () => true },
);

/**
 * The whole agreement (PUT replaces it): each area at most once; an area left out is
 * undecided (owner and note null).
 */
export const PutAgreementBodySchema = z.strictObject({
  items: z.array(AgreementItemInputSchema).max(AGREEMENT_AREAS.length).check(distinctAreas),
});
export type PutAgreementBody = z.infer<typeof PutAgreementBodySchema>;

export const AgreementItemSchema = z.object({
  area: AgreementAreaSchema,
  owner: AgreementOwnerSchema.nullable(),
  note: z.string().nullable(),
});
export type AgreementItem = z.infer<typeof AgreementItemSchema>;

export const AgreementSchema = component('WorkingAgreement', {
  userId: IdSchema,
  /** The manager the stored agreement was made with; null before any is stored. */
  managerId: IdSchema.nullable(),
  /** Counts the changes; 0 while nothing is stored. Sent as ETag, checked against If-Match. */
  version: z.number().int(),
  /** Always the eight areas, in order. */
  items: z.array(AgreementItemSchema),
  /** When each side confirmed the current version; null when not (yet). */
  confirmedBy: z.object({ lead: InstantSchema.nullable(), manager: InstantSchema.nullable() }),
  /** Both confirmed the current version, and it was made with the user's current manager. */
  confirmed: z.boolean(),
  updatedAt: InstantSchema.nullable(),
});
export type AgreementDto = z.infer<typeof AgreementSchema>;
