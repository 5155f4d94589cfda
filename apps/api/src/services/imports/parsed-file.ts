// What a file parser hands to the import: entries and check-ins as a create would take them,
// each with the line it came from and a stable id, plus the lines it could not read. The
// parsers judge the file's shape only (dates, tags, columns); every rule of an entry or a
// check-in is judged once, by import-file.ts, with the API's own schemas.
import { createHash } from 'node:crypto';
import type { EvidenceSource } from '@leadtrack/schemas';

export type ImportLineError = { line: number; message: string };

/** The most items (entries, check-ins, calendar drafts) one file brings in. */
export const MAX_ITEMS_PER_FILE = 10_000;
/** A parser stops reading a file once this many of its lines could not be read. */
export const MAX_ERRORS_PER_FILE = 1_000;

/** Why a parser stopped at `line`: too many items, or too many lines it could not read. */
export function stoppedAt(line: number, reason: 'items' | 'errors'): ImportLineError {
  return {
    line,
    message:
      reason === 'items'
        ? `The file was read up to here: a file brings in at most ${MAX_ITEMS_PER_FILE.toLocaleString('en')} items (import the rest as another file).`
        : `The file was read up to here: more than ${MAX_ERRORS_PER_FILE.toLocaleString('en')} of its lines could not be read.`,
  };
}

/**
 * Whether a parser reading items line by line must stop before `line`: the file brought the
 * most items, or the most lines it could not read. When it must, the error saying where it
 * stopped is added to `errors`.
 */
export function mustStopAt(line: number, entries: unknown[], errors: ImportLineError[]): boolean {
  const full = entries.length >= MAX_ITEMS_PER_FILE;
  if (!full && errors.length < MAX_ERRORS_PER_FILE) return false;
  errors.push(stoppedAt(line, full ? 'items' : 'errors'));
  return true;
}

export type ParsedEntry = {
  line: number;
  /** Stable across imports of the same item: it is never offered or created twice. */
  externalId: string;
  /** The entry's source: kept from a Leadtrack export, `calendar` for .ics; `import` otherwise. */
  source?: EvidenceSource;
  /** The suggestion source that keys it (`import` unless said). */
  offerSource?: string;
  kinds: string[];
  title: string;
  description: string | null;
  occurredOn: string;
  links: string[];
  audience?: string | null;
};

export type ParsedCheckin = {
  line: number;
  weekStart: string;
  handsOnPercent: unknown;
  deepWorkBlocks: unknown;
  onLeave: unknown;
  note: unknown;
};

export type ParsedFile = {
  entries: ParsedEntry[];
  checkins: ParsedCheckin[];
  errors: ImportLineError[];
  /**
   * Set when nothing of the format's shape was found (no bullet, no header row, not an
   * export, not a calendar): why, in a sentence. A non-empty file like that is refused.
   */
  unreadable?: string;
};

/**
 * The id of an item found in a brag document or a spreadsheet: its date and its title
 * (case and spacing aside), so the same line imported again, from Markdown or CSV, is the
 * same item, while an edited title makes a new one.
 */
function itemId(occurredOn: string, title: string): string {
  const key = `${occurredOn}\n${title.toLowerCase().replace(/\s+/g, ' ').trim()}`;
  return `item:${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
}

const TITLE_MAX = 200;

/**
 * A long line keeps its full text as the description and a shortened title: its first
 * sentence when that fits, else the first words up to the title limit.
 */
function titleAndDescription(
  text: string,
  description: string | null,
): { title: string; description: string | null } {
  if (text.length <= TITLE_MAX) return { title: text, description };
  const sentence = /^(.{1,200}?[.!?])(\s|$)/.exec(text)?.[1];
  const title = sentence ?? `${text.slice(0, TITLE_MAX - 1).replace(/(?<!\s)\s+\S*$/, '')}…`;
  return { title, description: description ? `${text}\n\n${description}` : text };
}

/** What a parser found of an entry: all but its title, description and id (itemEntry). */
export type FoundItem = Omit<ParsedEntry, 'externalId' | 'title' | 'description'>;

/**
 * An item of a brag document or a spreadsheet as an entry: its `text` makes the title (and,
 * when long, the start of the description: titleAndDescription); its date and that title
 * make its id (itemId).
 */
export function itemEntry(item: FoundItem, text: string, more: string | null): ParsedEntry {
  const { title, description } = titleAndDescription(text, more);
  return { ...item, externalId: itemId(item.occurredOn, title), title, description };
}
