// A file of POST /imports (or a calendar feed) read into what the import stores: entries,
// check-ins and calendar drafts, each with its line, and the lines that could not be read.
// Pure and synchronous, with its input and output plain data: parse-pool.ts runs it in a
// worker thread, so a 5 MiB file never holds the event loop that answers other requests.
// Every parser is linear in its input; the total is bounded here as well: at most
// MAX_ITEMS_PER_FILE items are kept (the answer says from which line the rest was not read).
import type { IsoDate } from '@leadtrack/core';
import type { ImportFormat } from '@leadtrack/schemas';
import { CALENDAR_SOURCE, parseIcs } from '../../sources/calendar/ics';
import type { SuggestionDraft } from '../suggestions/offer-suggestions';
import { parseCsv } from './csv';
import { parseExport } from './json';
import { parseMarkdown } from './markdown';
import { MAX_ITEMS_PER_FILE, type ParsedEntry, type ParsedFile } from './parsed-file';

export interface ParseInput {
  format: ImportFormat;
  content: string;
  /** The person's zone, address and today: a calendar's occurrences are dated by them. */
  timeZone: string;
  email: string;
  today: IsoDate;
}

export type ParsedImport = ParsedFile & { drafts: SuggestionDraft[] };

export function parseFile(input: ParseInput): ParsedImport {
  return keepAtMost(MAX_ITEMS_PER_FILE, parse(input));
}

function parse({ format, content, timeZone, email, today }: ParseInput): ParsedImport {
  switch (format) {
    case 'markdown':
      return { ...parseMarkdown(content), drafts: [] };
    case 'csv':
      return { ...parseCsv(content), drafts: [] };
    case 'json':
      return { ...parseExport(content), drafts: [] };
    case 'ics': {
      const { drafts, errors, unreadable } = parseIcs(content, { timeZone, email, today });
      // Calendar meetings go through the same rules as any line; weeks stay suggestions.
      const entries: ParsedEntry[] = drafts
        .filter((draft) => draft.type === 'evidence')
        .map((draft) => ({
          line: 1,
          externalId: draft.externalId,
          offerSource: draft.source ?? CALENDAR_SOURCE,
          source: 'calendar',
          kinds: draft.suggestedKinds,
          title: draft.title,
          description: draft.description ?? null,
          occurredOn: draft.occurredOn,
          links: draft.url && /^https?:\/\//i.test(draft.url) ? [draft.url] : [],
        }));
      return {
        entries,
        checkins: [],
        errors,
        unreadable,
        drafts: drafts.filter((draft) => draft.type === 'checkin'),
      };
    }
  }
}

/** The first `max` items of the file; the rest dropped, said as an error on the first of them. */
function keepAtMost(max: number, parsed: ParsedImport): ParsedImport {
  const total = parsed.entries.length + parsed.checkins.length + parsed.drafts.length;
  if (total <= max) return parsed;
  const entries = parsed.entries.slice(0, max);
  const checkins = parsed.checkins.slice(0, max - entries.length);
  const drafts = parsed.drafts.slice(0, max - entries.length - checkins.length);
  const first = parsed.entries[entries.length] ?? parsed.checkins[checkins.length];
  const left = total - max;
  return {
    entries,
    checkins,
    drafts,
    unreadable: parsed.unreadable,
    errors: [
      ...parsed.errors,
      {
        line: first?.line ?? 1,
        message: `This item and ${(left - 1).toLocaleString('en')} more after it were not read: a file brings in at most ${max.toLocaleString('en')} items (import the rest as another file).`,
      },
    ],
  };
}
