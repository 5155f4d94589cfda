// Building blocks every part of the contract shares: ids, dates, problems, pages.
import { EVIDENCE_KINDS, isIsoDate, isMonday, todayUtc, weekStartOf } from '@leadtrack/core';
import { z } from 'zod';
import { rule } from './messages';

/**
 * Text Postgres can store and every client can decode: no NUL byte (Postgres refuses it)
 * and no unpaired UTF-16 surrogate (not a character at all: JSON can carry `\ud800`, UTF-8
 * cannot). Every string the contract accepts is built on this, so the rule holds for every
 * route at once, naming the field.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching NUL is the point.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isStorableText(value: string): boolean {
  return !UNSTORABLE.test(value);
}

export const STORABLE_TEXT_RULE = 'must not contain a NUL character or an unpaired surrogate';

/** `z.string()` for anything a client sends: refuses NUL and unpaired surrogates. */
export const plainString = () => z.string().refine(isStorableText, rule(STORABLE_TEXT_RULE));

export const IdSchema = plainString().min(1).max(64);

/** The earliest date the API accepts anywhere: older dates are typos or attacks. */
export const MIN_DATE = '2000-01-01';

/**
 * A calendar date, `YYYY-MM-DD`, that exists, not before 2000-01-01: a timeline from year
 * 1 would hold ~105,000 weeks, so the bound keeps every readiness computation small.
 */
export const IsoDateSchema = z
  .string()
  .superRefine((value, ctx) => {
    if (!isIsoDate(value)) {
      ctx.addIssue({ code: 'custom', ...rule('must be a calendar date as YYYY-MM-DD') });
    } else if (value < MIN_DATE) {
      ctx.addIssue({ code: 'custom', ...rule(`must not be before ${MIN_DATE}`) });
    }
  })
  .meta({ format: 'date', example: '2026-11-23' });

/** `YYYY-MM-DD` of a real date from 2000 on: the rules below only judge such values. */
const inRange = (value: string) => isIsoDate(value) && value >= MIN_DATE;

/**
 * A date that has happened: not after today (UTC, the server's "today" everywhere). Part of
 * the schema, read from the clock as the request is parsed, so a future date is reported
 * together with every other error of the request instead of in a later round.
 */
export const PastDateSchema = IsoDateSchema.superRefine((value, ctx) => {
  const today = todayUtc();
  if (inRange(value) && value > today) {
    ctx.addIssue({ code: 'custom', ...rule(`must not be after today (${today}, UTC)`) });
  }
});

/**
 * A week named by its Monday (`YYYY-MM-DD`), not after the current week: a week may be
 * filled in while it runs. Judged with the schema, for the same reason as PastDateSchema.
 */
export const WeekStartSchema = IsoDateSchema.superRefine((value, ctx) => {
  if (!inRange(value)) return;
  if (!isMonday(value)) {
    ctx.addIssue({
      code: 'custom',
      ...rule(`must be a Monday: that week starts on ${weekStartOf(value)}`),
    });
  } else if (value > weekStartOf(todayUtc())) {
    // Both are Mondays as YYYY-MM-DD, so string order is date order.
    ctx.addIssue({ code: 'custom', ...rule('must not be after the current week') });
  }
});

/** A date in a response: unbounded, so rows stored before the bound still serialise. */
export const CalendarDateSchema = z.string().meta({ format: 'date', example: '2026-11-23' });

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
export const UserRefSchema = plainString().min(1).max(64);

/** Trimmed text with a length limit, stored as given otherwise (no HTML handling). */
export const text = (min: number, max: number) => plainString().trim().min(min).max(max);
