// Words and orderings the pages share.
import { EVIDENCE_KINDS, type EvidenceKind, KIND_INFO } from '@leadtrack/core';
import type { CurrentDto } from './types';

export type { EvidenceKind };
export { EVIDENCE_KINDS, KIND_INFO };

/** Required kinds first (in canonical order), then the rest. */
export function kindOrder(required: readonly string[]): EvidenceKind[] {
  const req = EVIDENCE_KINDS.filter((k) => required.includes(k));
  return [...req, ...EVIDENCE_KINDS.filter((k) => !required.includes(k))];
}

export function kindLabel(kind: string): string {
  return KIND_INFO[kind as EvidenceKind]?.label ?? kind;
}

export type StatusWord = 'Building' | 'Consistent' | 'Ready';

export function statusWord(current: Pick<CurrentDto, 'ready' | 'consistent'>): StatusWord {
  if (current.ready) return 'Ready';
  if (current.consistent) return 'Consistent';
  return 'Building';
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "16 Nov 2026" from "2026-11-16", without time zones. */
export function longDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1] ?? m} ${y}`;
}

/** "16 Nov" */
export function shortDate(iso: string): string {
  const [, m, d] = iso.slice(0, 10).split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1] ?? m}`;
}

export const SIGNAL_TITLES: Record<string, string> = {
  'losing-technical-currency': 'Losing technical currency',
  'doing-not-enabling': 'Doing, not enabling',
  'mentoring-ad-hoc': 'Mentoring is ad hoc',
  stale: 'No recent evidence',
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
