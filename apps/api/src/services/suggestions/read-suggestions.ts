// Reading the inbox. Suggestions are their owner's only: the list is always the caller's
// own (there is no userId to ask for), and one suggestion of someone else is missing (404),
// whoever asks: managers and admins decide nothing in another person's inbox.
import type { Database, Prisma, PrismaClient, Suggestion as SuggestionRow } from '@leadtrack/db';
import type { ListSuggestionsQuery, Suggestion, SuggestionList } from '@leadtrack/schemas';
import { fromIsoDate, toIsoDate } from '../../lib/dates';
import { notFound } from '../../lib/problem';
import type { Caller } from '../../plugins/app/authenticate';
import { decodeCursor, encodeCursor } from '../evidence/read-evidence';

type StoredCheckin = { weekStart: string; deepWorkBlocks?: number; onLeave?: boolean } | null;

export function toSuggestionDto(row: SuggestionRow): Suggestion {
  const checkin = row.checkin as StoredCheckin;
  return {
    id: row.id,
    type: row.type,
    source: row.source,
    externalId: row.externalId,
    url: row.url,
    title: row.title,
    description: row.description,
    occurredOn: toIsoDate(row.occurredOn),
    suggestedKinds: row.suggestedKinds,
    checkin: checkin && {
      weekStart: checkin.weekStart,
      deepWorkBlocks: checkin.deepWorkBlocks ?? null,
      onLeave: checkin.onLeave ?? null,
    },
    details: row.details ?? null,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    evidenceId: row.evidenceId,
  };
}

/** The caller's suggestion, or 404 (someone else's is as missing as an unknown id). */
export async function findOwnSuggestion(prisma: PrismaClient, caller: Caller, id: string) {
  const row = await prisma.suggestion.findFirst({ where: { id, userId: caller.id } });
  if (!row) throw notFound('No such suggestion.');
  return row;
}

/**
 * A page of the caller's suggestions with one status (open by default), most recent work
 * first (occurredOn, then id, descending: the (user_id, status, occurred_on, id) index),
 * and how many match in all. Two statements: the page (keyset, like the evidence list) and
 * the count; both read the same index.
 */
export async function listSuggestions(
  db: Database,
  caller: Caller,
  query: ListSuggestionsQuery,
): Promise<SuggestionList> {
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor);
  const where: Prisma.SuggestionWhereInput = {
    userId: caller.id,
    status: query.status,
    ...(query.source !== undefined && { source: query.source }),
  };
  const page: Prisma.SuggestionWhereInput = after
    ? {
        ...where,
        OR: [
          { occurredOn: { lt: fromIsoDate(after.occurredOn) } },
          { occurredOn: fromIsoDate(after.occurredOn), id: { lt: after.id } },
        ],
      }
    : where;
  const [rows, total] = await Promise.all([
    db.prisma.suggestion.findMany({
      where: page,
      orderBy: [{ occurredOn: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
    }),
    db.prisma.suggestion.count({ where }),
  ]);
  const items = rows.slice(0, query.limit).map(toSuggestionDto);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor({ occurredOn: last.occurredOn, id: last.id })
        : null,
    total,
  };
}
