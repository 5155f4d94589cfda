// Reads a CSV file (csv-parse): a header row naming the columns, then one entry per row.
// Columns, in any order and case: date, title (required), kinds, description, links,
// audience; a few common names are accepted for each (`kind`, `tags`, `link`, `url`,
// `notes`…). Kinds are separated by spaces, commas, semicolons or bars, with or without
// `#`, slugs or short aliases; links by spaces or semicolons. A row the CSV reader cannot
// read (an unclosed quote) is an error naming its line; the rest are still read.
import { EVIDENCE_KINDS, kindOfTag } from '@leadtrack/core';
import { type CsvError, parse } from 'csv-parse/sync';
import {
  type ImportLineError,
  itemEntry,
  MAX_ERRORS_PER_FILE,
  MAX_ITEMS_PER_FILE,
  mustStopAt,
  type ParsedEntry,
  type ParsedFile,
} from './parsed-file';

type Column = 'date' | 'title' | 'kinds' | 'description' | 'links' | 'audience';

const COLUMN_NAMES: Record<string, Column> = {
  date: 'date',
  occurredon: 'date',
  occurred_on: 'date',
  day: 'date',
  title: 'title',
  summary: 'title',
  kinds: 'kinds',
  kind: 'kinds',
  behaviours: 'kinds',
  behaviors: 'kinds',
  tags: 'kinds',
  description: 'description',
  details: 'description',
  notes: 'description',
  links: 'links',
  link: 'links',
  url: 'links',
  urls: 'links',
  audience: 'audience',
};

const KNOWN = 'date, title, kinds, description, links, audience';

type Row = { record: string[]; info: { lines: number } };

export function parseCsv(content: string): ParsedFile {
  const errors: ImportLineError[] = [];
  const records = parse(content, {
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    // The header and at most MAX_ITEMS_PER_FILE rows (one more, to know there are more).
    to: MAX_ITEMS_PER_FILE + 2,
    on_skip: (error: CsvError | undefined) => {
      if (error && errors.length < MAX_ERRORS_PER_FILE) {
        const line = typeof error.lines === 'number' ? error.lines : 1;
        errors.push({ line, message: `This row cannot be read: ${error.message}` });
      }
      return undefined;
    },
  }) as unknown as Row[];
  const [header, ...rows] = records;
  if (!header) return { entries: [], checkins: [], errors, unreadable: 'no row could be read' };

  const columns = new Map<Column, number>();
  header.record.forEach((name, index) => {
    const column =
      COLUMN_NAMES[
        name
          .trim()
          .toLowerCase()
          .replace(/[\s-]+/g, '_')
      ];
    if (column && !columns.has(column)) columns.set(column, index);
    else if (name.trim() !== '') {
      errors.push({
        line: header.info.lines,
        message: `The column "${name.trim()}" is not one Leadtrack reads (${KNOWN}): it was ignored.`,
      });
    }
  });
  const missing = (['date', 'title'] as const).filter((column) => !columns.has(column));
  if (missing.length > 0) {
    errors.push({
      line: header.info.lines,
      message: `The header row needs the column${missing.length > 1 ? 's' : ''} ${missing.join(' and ')} (the columns are ${KNOWN}).`,
    });
    return {
      entries: [],
      checkins: [],
      errors,
      unreadable: `its first row has no ${missing.join(' and no ')} column`,
    };
  }

  const entries: ParsedEntry[] = [];
  for (const { record, info } of rows) {
    if (mustStopAt(info.lines, entries, errors)) break;
    const cell = (column: Column) => {
      const index = columns.get(column);
      return index === undefined ? '' : (record[index] ?? '').trim();
    };
    const line = info.lines;
    const kinds: string[] = [];
    const unknown: string[] = [];
    for (const tag of cell('kinds').split(/[\s,;|]+/)) {
      const word = tag.replace(/^[#@]/, '');
      if (word === '') continue;
      const kind = kindOfTag(word);
      if (kind) {
        if (!kinds.includes(kind)) kinds.push(kind);
      } else unknown.push(tag);
    }
    if (unknown.length > 0) {
      errors.push({
        line,
        message: `${unknown.map((tag) => `"${tag}"`).join(', ')} ${unknown.length > 1 ? 'are not behaviours' : 'is not a behaviour'}: use ${EVIDENCE_KINDS.join(', ')} (or a short alias).`,
      });
      continue;
    }
    const found = {
      line,
      kinds,
      occurredOn: cell('date'),
      links: cell('links')
        .split(/[\s;]+/)
        .filter((link) => link !== ''),
      audience: cell('audience') || null,
    };
    entries.push(itemEntry(found, cell('title'), cell('description') || null));
  }
  const unreadable = rows.length === 0 ? 'it has a header row and nothing under it' : undefined;
  return { entries, checkins: [], errors, unreadable };
}
