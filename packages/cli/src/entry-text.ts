// Reads what `leadtrack log` was given ("yesterday: reviewed the queue design @review
// @mentoring") into an entry: the date phrase before the first colon, the kind tags, the title.
import { DATE_PHRASES_HELP, resolveDatePhrase } from './dates.js';
import { usageError } from './errors.js';
import { describeTags, kindOfTag } from './kinds.js';

export interface ParsedEntry {
  occurredOn: string;
  kinds: string[];
  title: string;
  description?: string;
}

// A tag is a word starting with `@` after a space (or at the start), so an email address
// such as sam@example.com stays in the title.
const TAG = /(^|\s)@([\p{L}\p{N}_-]+)(?=$|[\s.,;:!?)])/gu;

/**
 * `text` is the whole entry: its first line is the title (with an optional "<date>:" in
 * front and kind tags anywhere in it), later lines the description, kept as written. `today` is
 * the person's date; `on`, from `--on`, wins over a phrase. Unknown tags, an unknown date
 * phrase or no kind at all are usage errors naming what is accepted.
 */
export function parseEntryText(text: string, today: string, on?: string): ParsedEntry {
  const [first = '', ...rest] = text.replace(/\r\n?/g, '\n').split('\n');
  let titleLine = first.trim();
  let occurredOn: string | undefined;
  const prefix = /^([^:]{1,20}):/.exec(titleLine);
  if (prefix?.[1]) {
    const date = resolveDatePhrase(prefix[1], today);
    if (/^\s*tomorrow\s*$/i.test(prefix[1])) {
      throw usageError('Evidence is logged once it happened: tomorrow is not a date for it.');
    }
    if (!date && /^\s*\d{4}-\d{1,2}-\d{1,2}\s*$/.test(prefix[1])) {
      throw usageError(`"${prefix[1].trim()}" is not a calendar date: write YYYY-MM-DD.`);
    }
    if (date) {
      occurredOn = date;
      titleLine = titleLine.slice(prefix[0].length).trimStart();
    }
  }
  if (on !== undefined) {
    const date = resolveDatePhrase(on, today);
    if (!date) throw usageError(`--on "${on}" is not a date: use ${DATE_PHRASES_HELP}.`);
    occurredOn = date;
  }
  occurredOn ??= today;
  if (occurredOn > today) {
    throw usageError(
      `${occurredOn} is after today (${today}): evidence is logged once it happened.`,
    );
  }

  const kinds: string[] = [];
  const unknown: string[] = [];
  const collect = (line: string) =>
    line.replace(TAG, (_match, space: string, tag: string) => {
      const kind = kindOfTag(tag);
      if (!kind) unknown.push(`@${tag}`);
      else if (!kinds.includes(kind)) kinds.push(kind);
      return space;
    });
  const title = collect(titleLine).replace(/\s+/g, ' ').trim();
  const description = rest.join('\n').trim();

  if (unknown.length > 0) {
    throw usageError(
      `Unknown tag${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: use ${describeTags()}.`,
    );
  }
  if (kinds.length === 0) {
    throw usageError(`Tag at least one kind: ${describeTags()}.`);
  }
  if (!title) throw usageError('Write what you did: the entry needs a title.');
  return { occurredOn, kinds, title, ...(description && { description }) };
}
