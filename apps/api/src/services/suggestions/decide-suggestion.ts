// Deciding a suggestion: accept it (with edits) or dismiss it. Only its owner decides; to
// anyone else it is missing (404, read-suggestions.ts's findOwnSuggestion).
//
// Accepting an evidence suggestion creates the entry through the one insert path
// (insertEntries), after checking the result with the create schema itself: every rule of
// a create applies (1-3 kinds, a past date, title and link limits…), and the errors name the
// accept body's fields. The entry keeps the suggestion's source (a source's id,
// `import`) and has its url among its links. Accepting a check-in suggestion merges it into
// that week's check-in. The suggestion turns `accepted` in the same transaction, guarded by
// its status, so two concurrent accepts make one entry and one 409. A dismissed suggestion
// may still be accepted later; an accepted one is final.
import { todayUtc } from '@leadtrack/core';
import type { PrismaClient, Suggestion as SuggestionRow } from '@leadtrack/db';
import {
  type AcceptSuggestionBody,
  AudienceSchema,
  type Checkin,
  CreateEvidenceBodySchema,
  EVIDENCE_LIMITS,
  EvidenceLinkSchema,
  type EvidenceSource,
  EvidenceSourceSchema,
  WeekStartSchema,
} from '@leadtrack/schemas';
import { dataChanged } from '../../freshness';
import { fromIsoDate, toIsoDate } from '../../lib/dates';
import { badRequest, conflict, type FieldError } from '../../lib/problem';
import type { Caller } from '../../plugins/app/authenticate';
import { toCheckinDto } from '../checkins';
import { type EntryRow, insertEntries, sqlOf } from '../evidence/insert-entries';
import { findOwnSuggestion } from './read-suggestions';

const EVIDENCE_FIELDS = ['kinds', 'title', 'description', 'occurredOn'] as const;
const CHECKIN_FIELDS = ['handsOnPercent', 'deepWorkBlocks', 'onLeave'] as const;

/** The stored check-in part of a check-in suggestion (JSON imports also carry the rest). */
type StoredCheckin = {
  weekStart: string;
  deepWorkBlocks?: number;
  onLeave?: boolean;
  handsOnPercent?: number;
  note?: string | null;
};

const alreadyAccepted = () => conflict('This suggestion has been accepted already.');

/** 400 naming each field sent that this type of suggestion does not take. */
function refuseFields(body: AcceptSuggestionBody, fields: readonly string[], type: string) {
  const errors: FieldError[] = fields
    .filter((field) => body[field as keyof AcceptSuggestionBody] !== undefined)
    .map((path) => ({
      path,
      message: `The field "${path}" does not apply to a ${type} suggestion: leave it out.`,
    }));
  if (errors.length > 0) throw invalid(errors);
}

function invalid(errors: FieldError[]) {
  const detail =
    errors.length === 1
      ? (errors[0]?.message ?? 'The request is not valid.')
      : `${errors.length} fields need attention: ${errors.map((e) => e.message).join(' ')}`;
  return badRequest(detail, errors);
}

/** The suggestion's url, then any `details.links`: the valid ones, each once, at most 10. */
function linksOf(url: string | null, more: unknown): string[] {
  const candidates = [url, ...(Array.isArray(more) ? more : [])];
  const links = candidates.flatMap((link) => {
    const valid = EvidenceLinkSchema.safeParse(link);
    return valid.success ? [valid.data] : [];
  });
  return [...new Set(links)].slice(0, EVIDENCE_LIMITS.maxLinks);
}

/** The entry's source: the suggestion's when it is one entries can have, else `import`. */
function entrySource(source: string): EvidenceSource {
  const known = EvidenceSourceSchema.safeParse(source);
  return known.success && known.data !== 'manual' ? known.data : 'import';
}

/** Marks it accepted unless it already is (a concurrent accept): 409 then, rolling back. */
async function markAccepted(
  tx: Pick<PrismaClient, 'suggestion'>,
  suggestion: SuggestionRow,
  evidenceId: string | null,
) {
  const { count } = await tx.suggestion.updateMany({
    where: { id: suggestion.id, status: { not: 'accepted' } },
    data: { status: 'accepted', decidedAt: new Date(), evidenceId },
  });
  if (count === 0) throw alreadyAccepted();
}

export type Accepted =
  | { type: 'evidence'; entry: EntryRow }
  | { type: 'checkin'; checkin: Checkin };

export async function acceptSuggestion(
  prisma: PrismaClient,
  caller: Caller,
  id: string,
  body: AcceptSuggestionBody,
): Promise<Accepted> {
  // Reported first: freshness watches it only when the command succeeds.
  dataChanged(caller.id);
  const suggestion = await findOwnSuggestion(prisma, caller, id);
  if (suggestion.status === 'accepted') throw alreadyAccepted();
  if (suggestion.type === 'checkin') {
    refuseFields(body, EVIDENCE_FIELDS, 'check-in');
    return { type: 'checkin', checkin: await acceptCheckin(prisma, caller, suggestion, body) };
  }
  refuseFields(body, CHECKIN_FIELDS, 'evidence');

  const details = (suggestion.details ?? {}) as { links?: unknown; audience?: unknown };
  const parsed = CreateEvidenceBodySchema.safeParse({
    kinds: body.kinds ?? suggestion.suggestedKinds,
    title: body.title ?? suggestion.title,
    description: body.description === undefined ? suggestion.description : body.description,
    occurredOn: body.occurredOn ?? toIsoDate(suggestion.occurredOn),
    links: linksOf(suggestion.url, details.links),
    audience: AudienceSchema.safeParse(details.audience).data ?? null,
  });
  if (!parsed.success) {
    throw invalid(
      parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  const entry = await prisma.$transaction(async (tx) => {
    const [created] =
      (await insertEntries(sqlOf(tx), caller.id, [parsed.data], entrySource(suggestion.source))) ??
      [];
    if (!created) throw new Error('The insert returned no entry.');
    await markAccepted(tx, suggestion, created.id);
    return created;
  });
  return { type: 'evidence', entry };
}

/**
 * Merges a check-in suggestion into its week's check-in: deep-work blocks become the larger
 * of the two counts and leave is kept if either says so, unless the body says otherwise.
 * A week without a check-in needs `handsOnPercent` (from the body or the suggestion), except
 * a leave week, which starts at 0.
 */
async function acceptCheckin(
  prisma: PrismaClient,
  caller: Caller,
  suggestion: SuggestionRow,
  body: AcceptSuggestionBody,
): Promise<Checkin> {
  const suggested = (suggestion.checkin ?? {}) as StoredCheckin;
  const week = WeekStartSchema.safeParse(suggested.weekStart);
  if (!week.success) {
    throw conflict(
      `This suggestion's week (${String(suggested.weekStart)}) cannot have a check-in yet (today is ${todayUtc()}).`,
    );
  }
  const key = { userId: caller.id, weekStart: fromIsoDate(week.data) };
  return prisma.$transaction(async (tx) => {
    const existing = await tx.checkin.findUnique({ where: { userId_weekStart: key } });
    const onLeave = body.onLeave ?? (existing?.onLeave || suggested.onLeave === true);
    const deepWorkBlocks =
      body.deepWorkBlocks ??
      Math.min(50, Math.max(existing?.deepWorkBlocks ?? 0, suggested.deepWorkBlocks ?? 0));
    const handsOnPercent =
      body.handsOnPercent ??
      existing?.handsOnPercent ??
      suggested.handsOnPercent ??
      (onLeave ? 0 : undefined);
    if (handsOnPercent === undefined) {
      const message = `Hands-on share is required: the week of ${week.data} has no check-in yet.`;
      throw invalid([{ path: 'handsOnPercent', message }]);
    }
    const data = { handsOnPercent, deepWorkBlocks, onLeave };
    const checkin = await tx.checkin.upsert({
      where: { userId_weekStart: key },
      create: { ...key, ...data, note: suggested.note ?? null },
      update: data,
    });
    await markAccepted(tx, suggestion, null);
    return toCheckinDto(checkin);
  });
}

/**
 * Dismisses an open suggestion; dismissing it again changes nothing (204 both times). An
 * accepted suggestion cannot be dismissed (409): its entry exists, delete that instead.
 */
export async function dismissSuggestion(prisma: PrismaClient, caller: Caller, id: string) {
  const suggestion = await findOwnSuggestion(prisma, caller, id);
  if (suggestion.status === 'dismissed') return;
  const { count } = await prisma.suggestion.updateMany({
    where: { id: suggestion.id, status: 'open' },
    data: { status: 'dismissed', decidedAt: new Date() },
  });
  if (count === 0) {
    throw conflict('This suggestion has been accepted already: delete its entry instead.');
  }
}
