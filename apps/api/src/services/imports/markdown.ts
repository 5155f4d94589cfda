// Reads a Markdown brag document. Two ways to date a line, as people write them:
//   ## 2026-11-02                      a dated heading: the bullets under it are that day's
//   - Reviewed the queue design #review
//   - 2026-11-03: Ran the RFC meeting #rfc #comms   a dated bullet, anywhere
// Each top-level bullet is one entry. `#kind` tags (the slugs or their short aliases, core's
// KIND_ALIASES) become its kinds and leave the title; other hashtags stay text. Links
// (bare or `[text](url)`) become the entry's links. Lines indented under a bullet are its
// description. Prose, code blocks and undated headings are not entries; a bullet with no
// date in reach is an error naming its line.
import { kindOfTag } from '@leadtrack/core';
import {
  type FoundItem,
  type ImportLineError,
  itemEntry,
  mustStopAt,
  type ParsedEntry,
  type ParsedFile,
} from './parsed-file';

// Every pattern here matches in time linear in the line (`npm run lint` checks them): the
// patterns find where a part starts, and the text after it is cut with slices, not with
// `(.*)` after a quantifier that could give characters back.
const HEADING = /^ {0,3}(#{1,6})\s/;
const BULLET = /^(\s*)(?:[-*+]|\d{1,9}[.)])\s/;
const CHECKBOX = /^\[[ xX]\]\s/;
const DATE = /\b(\d{4}-\d{2}-\d{2})\b/;
const DATED_BULLET = /^\*{0,2}(\d{4}-\d{2}-\d{2})\*{0,2}(?=[\s:—–-])/;
const SEPARATOR = /^[:—–-]/;
const TAG = /(^|\s)#([A-Za-z][\w-]*)/g;
// Neither the label nor the address holds `[`, so a match attempt starting at one `[`
// stops at the next: each character is read by one attempt at most.
const MD_LINK = /\[([^\][]*)\]\((https?:\/\/[^\s)[]+)\)/g;
const BARE_LINK = /<?(https?:\/\/[^\s<>]+[^\s<>.,;:!?)])>?/g;
const FENCE = /^\s*(```|~~~)/;

const NO_DATE =
  'This line has no date: put it under a dated heading (## 2026-11-02) or start it with one (- 2026-11-02: …).';

/** A bullet's text → title, kinds and links. */
function readBullet(text: string) {
  const kinds: string[] = [];
  const links: string[] = [];
  let rest = text.replace(MD_LINK, (_, label: string, url: string) => {
    links.push(url);
    return label;
  });
  rest = rest.replace(BARE_LINK, (_, url: string) => {
    links.push(url);
    return '';
  });
  rest = rest.replace(TAG, (whole, space: string, tag: string) => {
    const kind = kindOfTag(tag);
    if (!kind) return whole;
    if (!kinds.includes(kind)) kinds.push(kind);
    return space;
  });
  const title = rest
    .replace(/\s+/g, ' ')
    .replace(/(?<![\s:;,—–-])[\s:;,—–-]+$/, '')
    .trim();
  return { title, kinds, links };
}

/** A bullet's text after its marker: without leading spaces and a `[ ]`/`[x]` checkbox. */
function bulletText(afterMarker: string): string {
  const text = afterMarker.trimStart();
  return CHECKBOX.test(text) ? text.slice(3).trimStart() : text;
}

export function parseMarkdown(content: string): ParsedFile {
  const entries: ParsedEntry[] = [];
  const errors: ImportLineError[] = [];
  let date: string | null = null;
  let datedLevel = 0;
  let inFence = false;
  let current: { entry: FoundItem; text: string; more: string[] } | null = null;
  let bullets = 0;

  const finish = () => {
    if (!current) return;
    const more = current.more.join('\n').trim();
    entries.push(itemEntry(current.entry, current.text, more || null));
    current = null;
  };

  const lines = content.split(/\r\n|\r|\n/);
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index] as string;
    const line = index + 1;
    if (FENCE.test(raw)) inFence = !inFence;
    if (inFence || FENCE.test(raw)) {
      if (current) current.more.push(raw);
      continue;
    }
    const heading = HEADING.exec(raw);
    if (heading) {
      finish();
      const level = heading[1]?.length ?? 1;
      const found = DATE.exec(raw.slice(heading[0].length))?.[1];
      if (found) {
        date = found;
        datedLevel = level;
      } else if (level <= datedLevel) {
        date = null;
        datedLevel = 0;
      }
      continue;
    }
    const bullet = BULLET.exec(raw);
    const indent = bullet?.[1]?.length ?? /^\s*/.exec(raw)?.[0].length ?? 0;
    if (current && raw.trim() !== '' && indent >= 2) {
      current.more.push(raw.replace(/^\s{2,4}/, ''));
      continue;
    }
    if (!bullet) {
      // A blank line or prose ends the bullet's description.
      finish();
      continue;
    }
    finish();
    bullets += 1;
    if (mustStopAt(line, entries, errors)) break;
    let text = bulletText(raw.slice(bullet[0].length));
    let occurredOn = date;
    const dated = DATED_BULLET.exec(text);
    if (dated) {
      occurredOn = dated[1] ?? null;
      text = text.slice(dated[0].length).trimStart();
      if (SEPARATOR.test(text)) text = text.slice(1).trimStart();
    }
    if (!occurredOn) {
      errors.push({ line, message: NO_DATE });
      continue;
    }
    const read = readBullet(text);
    current = {
      entry: { line, kinds: read.kinds, occurredOn, links: read.links },
      text: read.title,
      more: [],
    };
  }
  finish();
  const unreadable =
    bullets === 0 ? 'no bullet (a line starting with - , * or 1.) was found' : undefined;
  return { entries, checkins: [], errors, unreadable };
}
