// Offering suggestions: what the sources (src/sources) and imports found for one
// person lands in their inbox. No access rule here: callers offer to the person whose data
// they read (the caller's own import, the person whose token synced), never to anyone else.
//
// A suggestion is never offered twice: (user_id, source, external_id) is unique whatever
// the status, so re-importing the same file or re-syncing the same weeks inserts nothing
// for items already offered, accepted or dismissed. One statement, however many drafts.

import type { EvidenceKind } from '@leadtrack/core';
import type { Database } from '@leadtrack/db';
import { EVIDENCE_LIMITS } from '@leadtrack/schemas';
import { uuid7 } from '../../lib/uuid7';

export type SuggestionDraft = {
  type: 'evidence' | 'checkin';
  /** A source's id or `import`: becomes the accepted entry's source when it is one. */
  source: string;
  /** The source's stable id for the item: with `source`, offered once per person. */
  externalId: string;
  url?: string | null;
  title: string;
  description?: string | null;
  /** YYYY-MM-DD. */
  occurredOn: string;
  suggestedKinds: EvidenceKind[];
  /**
   * For `type: 'checkin'`: the week (its Monday) and what to merge into its check-in (an
   * exported check-in also brings its hands-on share and note).
   */
  checkin?: {
    weekStart: string;
    deepWorkBlocks?: number;
    onLeave?: boolean;
    handsOnPercent?: number;
    note?: string | null;
  } | null;
  /**
   * Anything JSON the source wants shown with it (a review week's pull requests…). Two keys
   * carry into the accepted entry: `links` (more URLs, after `url`) and `audience`.
   */
  details?: unknown;
};

/** The driver's query function: `fastify.db` (or anything with the same `query`). */
export type SuggestionsDb = Pick<Database, 'query'>;

const TEXT_LIMIT = 1_000;

/** Cuts text to `max` characters without splitting a surrogate pair. */
function clip(value: string, max: number): string {
  if (value.length <= max) return value;
  const cut = value.slice(0, max - 1);
  return `${/[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}

/** Stored as the accepted entry would be: title and description within the entry's limits. */
function toRow(draft: SuggestionDraft) {
  const description = draft.description?.trim();
  return {
    id: uuid7(),
    type: draft.type,
    source: clip(draft.source, 64),
    external_id: clip(draft.externalId, TEXT_LIMIT),
    url: draft.url ? clip(draft.url, EVIDENCE_LIMITS.linkMax) : undefined,
    title: clip(draft.title.trim() || 'Untitled', EVIDENCE_LIMITS.titleMax),
    description: description ? clip(description, EVIDENCE_LIMITS.descriptionMax) : undefined,
    occurred_on: draft.occurredOn,
    kinds: [...new Set(draft.suggestedKinds)].slice(0, EVIDENCE_LIMITS.maxKinds),
    checkin: draft.type === 'checkin' && draft.checkin ? draft.checkin : undefined,
    details: draft.details ?? undefined,
  };
}

const OFFER_SQL = `
INSERT INTO suggestions (id, user_id, type, source, external_id, url, title, description,
  occurred_on, suggested_kinds, checkin, details, status, decided_at)
SELECT d.id, $1, d.type::"SuggestionType", d.source, d.external_id, d.url, d.title,
  d.description, d.occurred_on::date,
  ARRAY(SELECT jsonb_array_elements_text(coalesce(d.kinds, '[]')))::"EvidenceKind"[],
  d.checkin, d.details, $3::"SuggestionStatus",
  CASE WHEN $3 = 'open' THEN NULL ELSE now() END
FROM jsonb_to_recordset($2::jsonb) AS d(id text, type text, source text, external_id text,
  url text, title text, description text, occurred_on text, kinds jsonb, checkin jsonb,
  details jsonb)
ON CONFLICT (user_id, source, external_id) DO NOTHING
RETURNING id, source, external_id AS "externalId"`;

/** Runs one parameterised statement: `db.query`, or a transaction's `$queryRawUnsafe`. */
export type SqlRun = <T>(text: string, values: unknown[]) => Promise<T[]>;

/**
 * Inserts the drafts not offered before, in one statement, with `status` (`accepted` for an
 * import that creates the entries at once), and returns the rows it inserted.
 */
export function insertSuggestions(
  run: SqlRun,
  userId: string,
  drafts: SuggestionDraft[],
  status: 'open' | 'accepted' = 'open',
): Promise<{ id: string; source: string; externalId: string }[]> {
  if (drafts.length === 0) return Promise.resolve([]);
  return rowsJson(drafts).then((rows) => run(OFFER_SQL, [userId, rows, status]));
}

/** Rows written between two turns of the event loop (an import offers up to 10,000). */
const ROWS_PER_SLICE = 500;

/** The drafts' rows as one JSON array, written in slices so other requests go between them. */
async function rowsJson(drafts: SuggestionDraft[]): Promise<string> {
  const parts: string[] = [];
  for (let i = 0; i < drafts.length; i += ROWS_PER_SLICE) {
    if (i > 0) await new Promise(setImmediate);
    parts.push(
      drafts
        .slice(i, i + ROWS_PER_SLICE)
        .map((draft) => JSON.stringify(toRow(draft)))
        .join(','),
    );
  }
  return `[${parts.join(',')}]`;
}

/**
 * Offers `drafts` to `userId`: one INSERT … ON CONFLICT DO NOTHING. `suggested` counts the
 * rows it inserted, `skipped` the drafts already offered before (or twice in `drafts`).
 */
export async function offerSuggestions(
  db: SuggestionsDb,
  userId: string,
  drafts: SuggestionDraft[],
): Promise<{ suggested: number; skipped: number }> {
  const rows = await insertSuggestions((text, values) => db.query(text, values), userId, drafts);
  return { suggested: rows.length, skipped: drafts.length - rows.length };
}
