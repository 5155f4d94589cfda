// Building blocks every part of the contract shares: ids, dates, problems, pages.
import {
  EVIDENCE_KINDS,
  type IsoDate,
  isIsoDate,
  isMonday,
  todayUtc,
  weekStartOf,
} from '@leadtrack/core';
import { z } from 'zod';
import { component } from './component';
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
 * The calendar the rules that need the clock judge by: the date today for the person whose
 * data it is, in their time zone (`users.time_zone`). Every write these rules guard is the
 * caller's own, so the API installs a source that answers the current request's caller and
 * clock (apps/api plugins/app/calendar.ts); without one (or outside a request) it is UTC.
 */
export interface DateContext {
  today: IsoDate;
  timeZone: string;
}

let dateContextSource: () => DateContext | undefined = () => undefined;

/** Installs where PastDateSchema and WeekStartSchema read "today" from (the API does, once). */
export function setDateContextSource(source: () => DateContext | undefined): void {
  dateContextSource = source;
}

function dateContext(): DateContext {
  return dateContextSource() ?? { today: todayUtc(), timeZone: 'UTC' };
}

/**
 * A date that has happened: not after today in the person's time zone. Part of the schema,
 * read from the clock as the request is parsed, so a future date is reported together with
 * every other error of the request instead of in a later round.
 */
export const PastDateSchema = IsoDateSchema.superRefine((value, ctx) => {
  if (!inRange(value)) return;
  const { today, timeZone } = dateContext();
  if (value > today) {
    ctx.addIssue({
      code: 'custom',
      ...rule(`must not be after today (${today}, your date in ${timeZone})`),
    });
  }
});

/**
 * A week named by its Monday (`YYYY-MM-DD`), not after the person's current week: a week may
 * be filled in while it runs. Judged with the schema, for the same reason as PastDateSchema.
 */
export const WeekStartSchema = IsoDateSchema.superRefine((value, ctx) => {
  if (!inRange(value)) return;
  if (!isMonday(value)) {
    ctx.addIssue({
      code: 'custom',
      ...rule(`must be a Monday: that week starts on ${weekStartOf(value)}`),
    });
    return;
  }
  const { today, timeZone } = dateContext();
  const current = weekStartOf(today);
  // Both are Mondays as YYYY-MM-DD, so string order is date order.
  if (value > current) {
    ctx.addIssue({
      code: 'custom',
      ...rule(`must not be after the current week (the week of ${current} in ${timeZone})`),
    });
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
export const ProblemSchema = component('Problem', {
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  errors: z.array(FieldErrorSchema).optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;

/** A user id in a path, where `me` means the caller. */
export const UserRefSchema = plainString().min(1).max(64);

/** Trimmed text with a length limit, stored as given otherwise (no HTML handling). */
export const text = (min: number, max: number) => plainString().trim().min(min).max(max);

/** A list's page size in a query: a whole number from 1 to `max`, `fallback` when absent. */
export const pageLimit = (max: number, fallback: number) =>
  z.coerce.number().int().min(1).max(max).default(fallback);

/** Opaque position in a list: pass `nextCursor` back unchanged. */
export const CursorSchema = plainString().min(1).max(200);

/** A cursor-paged list's query: `limit` (a pageLimit) and the previous page's nextCursor. */
export const cursorPaging = <Limit extends z.ZodType>(limit: Limit) => ({
  limit,
  cursor: CursorSchema.optional().describe('The nextCursor of the previous page'),
});

/**
 * A page of a cursor-paged list: its `items`, what `more` adds (a total, a count), and
 * `nextCursor`: pass it as `cursor` for the next page; null on the last page.
 */
export const pageOf = <Item extends z.ZodType, More extends z.ZodRawShape>(
  item: Item,
  more: More,
) => z.object({ items: z.array(item), ...more, nextCursor: CursorSchema.nullable() });

/** A week in a path (`/…/:weekStart`): its Monday, as WeekStartSchema judges it. */
export const WeekParamsSchema = z.strictObject({
  weekStart: WeekStartSchema.describe('The Monday of the ISO week, not after the current week'),
});

const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** https, or plain http to a loopback address only (a local stand-in or tunnel). */
export function isHttpsOrLoopback(url: URL): boolean {
  return (
    url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.test(url.hostname))
  );
}

/**
 * An address a person gives (a feed, an API root): trimmed, at most `max` characters,
 * judged by `problemOf` (the rule it breaks, or null), then kept as `normalise` spells it.
 */
export const addressSchema = (
  max: number,
  problemOf: (value: string) => string | null,
  normalise: (value: string) => string,
) =>
  plainString()
    .trim()
    .max(max)
    .superRefine((value, ctx) => {
      const problem = problemOf(value);
      if (problem) ctx.addIssue({ code: 'custom', ...rule(problem) });
    })
    .transform(normalise);

/**
 * A string read by a parser of its own that throws on a bad value (a setting such as
 * OUTBOUND_ALLOW or a trust-proxy list): the parsed value, or an issue with the parser's
 * message. `z.string().transform(parsedBy(parse))`.
 */
export const parsedBy =
  <T>(parse: (value: string) => T) =>
  (value: string, ctx: z.RefinementCtx): T => {
    try {
      return parse(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  };

/** What offering suggestions counts (a sync, an import): new ones, and ones offered before. */
export const OFFER_COUNTS = {
  /** Suggestions new to the inbox. */
  suggested: z.int(),
  /** Found again: already offered once (whatever became of them), so not offered twice. */
  skipped: z.int(),
};

/** A connected source's state, as its GET answers it. */
export const CONNECTION_STATE = {
  connectedAt: InstantSchema,
  /** What the last successful sync read up to, when it finished (null before the first). */
  lastSyncAt: InstantSchema.nullable(),
  /** What stopped the last sync, in a sentence; null after a success. */
  lastError: z.string().nullable(),
};

/** A user in a path (`/users/:id/…`): an id, or `me`. */
export const UserParamsSchema = z.strictObject({ id: UserRefSchema });
