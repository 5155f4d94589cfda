// Words and orderings the pages share.
import {
  EVIDENCE_KINDS,
  type EvidenceKind,
  KIND_INFO,
  type OrgStatus,
  plural,
} from '@leadtrack/core';
import type { CurrentDto } from './types';

export type { EvidenceKind };
// plural() is core's, shared with the API's packet Markdown: "1 week", "2 weeks".
export { EVIDENCE_KINDS, KIND_INFO, plural };

/** What a sync found, in words: "2 new suggestions in your inbox", or nothing new. */
export function syncFound({ suggested, skipped }: { suggested: number; skipped: number }): string {
  if (suggested > 0) return `${plural(suggested, 'new suggestion')} in your inbox`;
  return `nothing new${skipped > 0 ? ` (${plural(skipped, 'item')} already offered)` : ''}`;
}

/** Required kinds first (in canonical order), then the rest. */
export function kindOrder(required: readonly string[]): EvidenceKind[] {
  const req = EVIDENCE_KINDS.filter((k) => required.includes(k));
  return [...req, ...EVIDENCE_KINDS.filter((k) => !required.includes(k))];
}

export function kindLabel(kind: string): string {
  return KIND_INFO[kind as EvidenceKind]?.label ?? kind;
}

export type StatusWord = 'Building' | 'Consistent' | 'Ready';

/**
 * The status in words, by core's `statusOf` rule: a week in progress with a streak to keep
 * carries "Consistent" (rule 8), it is not "Building" because it has not ended.
 */
export function statusWord(
  current: Pick<CurrentDto, 'ready' | 'consistent' | 'pending' | 'streak'>,
): StatusWord {
  if (current.ready) return 'Ready';
  if (current.consistent || (current.pending && current.streak > 0)) return 'Consistent';
  return 'Building';
}

/** The organisation view's statuses in words (core's ORG_STATUSES order). */
export const ORG_STATUS_WORDS: Record<OrgStatus, string> = {
  ready: 'Ready',
  consistent: 'Consistent',
  atRisk: 'At risk',
  building: 'Building',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The dashboard's one way to show a date: "16 Nov 2026" from "2026-11-16" (or from an
 * instant, by its UTC date), without time zones. Pages render it through <DateText>, which
 * keeps the ISO date in <time dateTime>; labels and titles use it directly.
 */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1] ?? m} ${y}`;
}

/**
 * A sentence with its calendar dates as the dashboard writes them everywhere: the API's
 * messages name dates as `2026-12-07` ("must not be after today (2026-12-07, …)").
 */
export function withDates(sentence: string): string {
  return sentence.replaceAll(/\b(\d{4}-\d{2}-\d{2})\b/g, (iso) => formatDate(iso));
}

/**
 * `text` within `max` characters: past it, cut at the last space before the limit (not
 * mid-word, unless one word fills most of it) and ended with "…".
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max - 1);
  const space = Math.max(room.lastIndexOf(' '), room.lastIndexOf('\n'));
  return `${(space > max * 0.6 ? room.slice(0, space) : room).trimEnd()}…`;
}

/** The same formatter under its earlier name, for pages not yet moved to formatDate. */
export const longDate = formatDate;

/** "16 Nov": only for the streak chart's axis ticks, where the year would not fit. */
export function shortDate(iso: string): string {
  const [, m, d] = iso.slice(0, 10).split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1] ?? m}`;
}

/** "Nov": the month of a date, for the heatmap's column heads. */
export function monthName(iso: string): string {
  return MONTHS[Number(iso.slice(5, 7)) - 1] ?? iso.slice(5, 7);
}

export const SIGNAL_TITLES: Record<string, string> = {
  'losing-technical-currency': 'Losing technical currency',
  'doing-not-enabling': 'Doing, not enabling',
  'mentoring-ad-hoc': 'Mentoring is ad hoc',
  stale: 'No recent evidence',
  'avoiding-difficult-conversations': 'Avoiding difficult conversations',
  unrecognised: 'Work not yet recognised',
  'unclear-em-boundary': 'Unclear boundary with the manager',
};

export function signalTitle(code: string): string {
  return SIGNAL_TITLES[code] ?? code;
}

/** "16 Nov 2026, 14:05" for an instant, in the reader's time zone (their setting). */
export function instant(iso: string | null | undefined, timeZone = 'UTC'): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
    }).format(date);
  } catch {
    return date.toISOString().replace('T', ' ').slice(0, 16);
  }
}
