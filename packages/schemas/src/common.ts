// Building blocks every part of the contract shares: ids, dates, problems, pages.
import { EVIDENCE_KINDS, isIsoDate } from '@leadtrack/core';
import { z } from 'zod';

export const IdSchema = z.string().min(1).max(64);

/** A calendar date, `YYYY-MM-DD`, that exists. */
export const IsoDateSchema = z
  .string()
  .refine(isIsoDate, { message: 'Expected a calendar date as YYYY-MM-DD' })
  .meta({ format: 'date', example: '2026-11-23' });

export const InstantSchema = z.string().meta({ format: 'date-time' });

export const EvidenceKindSchema = z.enum(EVIDENCE_KINDS);

export const RoleSchema = z.enum(['engineer', 'manager', 'admin']);
export type Role = z.infer<typeof RoleSchema>;

export const FieldErrorSchema = z.object({ path: z.string(), message: z.string() });

/** application/problem+json (RFC 9457). */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(FieldErrorSchema).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof ProblemSchema>;

/** A user id in a path, where `me` means the caller. */
export const UserRefSchema = z.string().min(1).max(64);

/** Trimmed text with a length limit, stored as given otherwise (no HTML handling). */
export const text = (min: number, max: number) => z.string().trim().min(min).max(max);
