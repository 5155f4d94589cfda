// Paging back and forth through a cursor-paged list: `?c=` repeated holds the cursors of the
// pages walked through (the last is this page's), so the "back" link can go back.
import { Pager } from './pager';
import './pager.css';

/** The cursors walked through, from the query's `c` (the last 200 at most). */
export function cursorTrail(raw: string | string[] | undefined): string[] {
  return (Array.isArray(raw) ? raw : raw ? [raw] : []).slice(-200);
}

function trailHref(base: string, cursors: string[]): string {
  if (cursors.length === 0) return base;
  const params = new URLSearchParams();
  for (const c of cursors) params.append('c', c);
  return `${base}?${params}`;
}

interface CursorPagerProps {
  /** The list's own address, without a query. */
  base: string;
  /** The nav's accessible name. */
  label: string;
  cursors: string[];
  /** The API's cursor of the page after this one, when there is one. */
  nextCursor: string | null | undefined;
  /** The links' words, e.g. "Newer" and "Older". */
  back: string;
  forward: string;
}

export function CursorPager({ base, label, cursors, nextCursor, back, forward }: CursorPagerProps) {
  return (
    <Pager
      label={label}
      filler={false}
      newer={
        cursors.length > 0
          ? { href: trailHref(base, cursors.slice(0, -1)), text: back, className: 'button' }
          : null
      }
      older={
        nextCursor
          ? { href: trailHref(base, [...cursors, nextCursor]), text: forward, className: 'button' }
          : null
      }
    />
  );
}
