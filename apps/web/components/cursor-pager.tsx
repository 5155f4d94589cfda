// A list paged by cursor (the audit log, the notifications): `?c=` repeated holds the cursors
// of the pages walked through (the last is this page's), so the "back" link can go back.
import type { ReactNode } from 'react';
import { Pager, type PagerLink } from './pager';
import './pager.css';

/** Where a cursor-paged list is: its own address and the cursors walked through. */
export interface CursorTrail {
  /** The list's own address, without a query. */
  base: string;
  /** From the query's `c` (the last 200 at most); the last one is this page's. */
  cursors: string[];
}

export function cursorTrail(base: string, raw: string | string[] | undefined): CursorTrail {
  return { base, cursors: (Array.isArray(raw) ? raw : raw ? [raw] : []).slice(-200) };
}

/** A pager link to the page after walking through `cursors` (none: the first page). */
function pageLink(base: string, cursors: string[], text: string): PagerLink {
  const params = new URLSearchParams();
  for (const c of cursors) params.append('c', c);
  return { href: cursors.length === 0 ? base : `${base}?${params}`, text, className: 'button' };
}

interface PagedListProps {
  trail: CursorTrail;
  /** The API's cursor of the page after this one, when there is one. */
  next: string | null | undefined;
  /** The pager's accessible name, e.g. "Notification pages". */
  label: string;
  /** The links' words: back to the page before, on to the one after ("Newer", "Older"). */
  words: readonly [back: string, forward: string];
  /** The panel's heading, for screen readers: which part of the list this page holds. */
  heading: { id: string; text: ReactNode };
  className?: string;
  /** Shown instead of the panel when given (the list is empty). */
  empty?: ReactNode;
  children: ReactNode;
}

/** One page of the list in its panel, then the links to the pages before and after it. */
export function PagedList({
  trail,
  next,
  label,
  words: [back, forward],
  heading,
  className = 'panel',
  empty,
  children,
}: PagedListProps) {
  const { base, cursors } = trail;
  return (
    <>
      {empty ?? (
        <section className={className} aria-labelledby={heading.id}>
          <h2 id={heading.id} className="sr-only">
            {heading.text}
          </h2>
          {children}
        </section>
      )}
      <Pager
        label={label}
        filler={false}
        newer={cursors.length > 0 ? pageLink(base, cursors.slice(0, -1), back) : null}
        older={next ? pageLink(base, [...cursors, next], forward) : null}
      />
    </>
  );
}
