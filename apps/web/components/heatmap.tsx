'use client';
// The week-by-kind heatmap: one row per kind (required first), one column per week, leave
// weeks hatched, the current window outlined. A keyboard grid: one tab stop, arrow keys
// move between cells, and each cell names its week and entries.
import { addDays } from '@leadtrack/core';
import { useRouter } from 'next/navigation';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { formatDate, KIND_INFO, kindOrder, monthName, plural } from '../lib/format';
import type { CurrentDto, PolicyDto, WeekEntries, WeekRowDto } from '../lib/types';
import { KindSwatch } from './kind-swatch';
import './evidence-item.css';
import './heatmap.css';

interface Props {
  weeks: WeekRowDto[];
  policy: PolicyDto;
  current: CurrentDto;
  label?: string;
  /** Entries by week start: a behaviour's cell names that behaviour's entries of its week. */
  titles?: WeekEntries;
  /**
   * Where a week's entries are listed: a behaviour's cell opens
   * `${weekHref}?kind=<kind>&from=<Monday>&to=<Sunday>` (that behaviour's entries of that
   * week), the streak row's the whole week (click, tap, or Enter on the focused cell). No
   * link when absent.
   */
  weekHref?: string;
}

function level(n: number): number {
  return n <= 0 ? 0 : n === 1 ? 1 : n === 2 ? 2 : 3;
}

function entries(n: number): string {
  return plural(n, 'entry', 'entries');
}

/** Indices of the weeks in the current week's window (the current and earlier non-leave weeks). */
function windowSpan(weeks: WeekRowDto[], current: CurrentDto, windowWeeks: number) {
  const end = weeks.findIndex((w) => w.weekStart === current.weekStart);
  if (end < 0) return null;
  let start = end;
  let taken = 0;
  for (let i = end; i >= 0 && taken < windowWeeks; i--) {
    if (!weeks[i]?.onLeave) {
      taken++;
      start = i;
    }
  }
  return { start, end };
}

export function Heatmap({
  weeks,
  policy,
  current,
  label = 'Evidence by week and behaviour',
  titles,
  weekHref,
}: Props) {
  const router = useRouter();
  const kinds = kindOrder(policy.requiredKinds);
  const rows = kinds.length + 1; // kinds, then the streak row
  const [pos, setPos] = useState<[number, number]>([0, Math.max(0, weeks.length - 1)]);
  const [detail, setDetail] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const grid = useRef<HTMLTableElement>(null);

  useEffect(() => {
    // Start at the newest weeks.
    const el = scroller.current;
    if (el) el.scrollLeft = el.scrollWidth;
  }, []);

  if (weeks.length === 0) {
    return (
      <p className="empty">
        No weeks yet. The heatmap starts with the week of your first evidence entry or check-in.
      </p>
    );
  }

  const span = windowSpan(weeks, current, policy.windowWeeks);
  const threshold = policy.thresholdWeeks;

  const cellLabel = (r: number, c: number): string => {
    const w = weeks[c];
    if (!w) return '';
    // The week in progress (rule 8) says so: it has not failed, it has not ended.
    const head = `Week of ${formatDate(w.weekStart)}${w.pending ? ' (in progress)' : ''}`;
    // A behaviour's cell names that behaviour's entries only; the streak row, the week's.
    const kind = kinds[r];
    const named = (titles?.[w.weekStart] ?? [])
      .filter((e) => kind === undefined || e.kinds.includes(kind))
      .map((e) => e.title);
    const tail =
      named.length > 0
        ? `. Entries: ${named.slice(0, 8).join('; ')}${named.length > 8 ? `; and ${named.length - 8} more` : ''}`
        : '';
    return base(r, w, head) + tail;
  };

  const weekLink = (r: number, c: number): string | null => {
    const w = weeks[c];
    if (!w || !weekHref) return null;
    const query = new URLSearchParams({
      ...(kinds[r] ? { kind: kinds[r] } : {}),
      from: w.weekStart,
      to: addDays(w.weekStart, 6),
    });
    const sep = weekHref.includes('?') ? '&' : '?';
    return `${weekHref}${sep}${query}#evidence-h`;
  };

  const base = (r: number, w: WeekRowDto, head: string): string => {
    if (r < kinds.length) {
      const kind = kinds[r] as (typeof kinds)[number];
      const n = w.counts[kind] ?? 0;
      const required = policy.requiredKinds.includes(kind) ? '' : ' (not required)';
      return `${head}, ${KIND_INFO[kind].label}${required}: ${entries(n)}${w.onLeave ? ', on leave' : ''}`;
    }
    if (w.onLeave)
      return `${head}: on leave, skipped; streak paused at ${w.streak} of ${plural(threshold, 'week')}`;
    const missing =
      w.missingKinds.length > 0
        ? `, missing ${w.missingKinds.map((k) => KIND_INFO[k]?.label ?? k).join(', ')}`
        : '';
    if (w.pending)
      return `${head}: not consistent yet, streak of ${w.streak} carried until Sunday${missing}`;
    return `${head}: ${w.consistent ? 'consistent' : 'not consistent'}, streak ${w.streak} of ${plural(threshold, 'week')}${w.ready ? ', ready' : ''}${missing}`;
  };

  const move = (r: number, c: number) => {
    const nr = Math.max(0, Math.min(rows - 1, r));
    const nc = Math.max(0, Math.min(weeks.length - 1, c));
    setPos([nr, nc]);
    const el = grid.current?.querySelector<HTMLElement>(`[data-cell="${nr}-${nc}"]`);
    el?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    const [r, c] = pos;
    let next: [number, number] | null = null;
    if (e.key === 'ArrowRight') next = [r, c + 1];
    else if (e.key === 'ArrowLeft') next = [r, c - 1];
    else if (e.key === 'ArrowDown') next = [r + 1, c];
    else if (e.key === 'ArrowUp') next = [r - 1, c];
    else if (e.key === 'Home') next = [r, 0];
    else if (e.key === 'End') next = [r, weeks.length - 1];
    if (next) {
      e.preventDefault();
      move(next[0], next[1]);
    } else if (e.key === 'Enter') {
      const href = weekLink(r, c);
      if (href) {
        e.preventDefault();
        router.push(href);
      }
    }
  };

  const cell = (r: number, c: number, className: string, style?: React.CSSProperties) => {
    const text = cellLabel(r, c);
    const focused = pos[0] === r && pos[1] === c;
    return (
      // biome-ignore lint/a11y/useKeyWithClickEvents: Enter on the focused cell opens the week too, handled by the grid's onKeyDown
      <td
        key={`${r}-${c}`}
        data-cell={`${r}-${c}`}
        tabIndex={focused ? 0 : -1}
        aria-label={text}
        title={text}
        className={className}
        style={style}
        onFocus={() => {
          setPos([r, c]);
          setDetail(text);
        }}
        onMouseEnter={() => setDetail(text)}
        onClick={() => {
          const href = weekLink(r, c);
          if (href) router.push(href);
        }}
        data-href={weekLink(r, c) ?? undefined}
      />
    );
  };

  return (
    <figure className="heatmap-figure">
      <div className="heatmap-scroll" ref={scroller}>
        <table
          ref={grid}
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA data-grid pattern, a table navigated with arrow keys
          role="grid"
          aria-label={label}
          className="heatmap"
          style={{ '--cell': weeks.length > 40 ? '14px' : '20px' } as React.CSSProperties}
          onKeyDown={onKeyDown}
          onMouseLeave={() => setDetail(null)}
        >
          <thead>
            <tr>
              <th scope="col" className="hm-corner">
                <span className="sr-only">Behaviour</span>
              </th>
              {weeks.map((w, c) => {
                // A month's name over its first week, unless the next month starts too soon.
                const month = w.weekStart.slice(0, 7);
                const firstOfMonth = c === 0 || weeks[c - 1]?.weekStart.slice(0, 7) !== month;
                const nextMonthSoon =
                  c === 0 && weeks.slice(1, 3).some((x) => x.weekStart.slice(0, 7) !== month);
                const showMonth = firstOfMonth && !nextMonthSoon;
                return (
                  <th
                    scope="col"
                    key={w.weekStart}
                    className={`hm-month${w.pending ? ' pending' : ''}`}
                    aria-label={`Week of ${formatDate(w.weekStart)}${w.pending ? ' (in progress)' : ''}`}
                  >
                    {showMonth ? <span aria-hidden="true">{monthName(w.weekStart)}</span> : null}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {kinds.map((kind, r) => (
              <tr key={kind}>
                <th
                  scope="row"
                  className={`hm-label${policy.requiredKinds.includes(kind) ? '' : ' optional'}`}
                >
                  <KindSwatch kind={kind} />
                  {KIND_INFO[kind].label}
                </th>
                {weeks.map((w, c) => {
                  const n = w.counts[kind] ?? 0;
                  const inWindow = span !== null && c >= span.start && c <= span.end;
                  const edges = inWindow
                    ? `${r === 0 ? ' win-top' : ''}${r === kinds.length - 1 ? ' win-bottom' : ''}${c === span.start ? ' win-left' : ''}${c === span.end ? ' win-right' : ''}`
                    : '';
                  return cell(
                    r,
                    c,
                    `hm-cell lvl-${level(n)}${w.onLeave ? ' leave' : ''}${w.pending ? ' pending' : ''}${weekHref ? ' linked' : ''}${inWindow ? ' in-window' : ''}${edges}`,
                    { '--c': `var(--kind-${kind})` } as React.CSSProperties,
                  );
                })}
              </tr>
            ))}
            <tr className="streak-row">
              <th scope="row" className="hm-label">
                Streak
              </th>
              {weeks.map((w, c) => {
                const pct = Math.min(1, w.streak / threshold);
                return cell(
                  kinds.length,
                  c,
                  `hm-cell streak${w.onLeave ? ' leave' : ''}${w.pending ? ' pending' : ''}${weekHref ? ' linked' : ''}${w.consistent ? ' consistent' : ''}${w.ready ? ' ready' : ''}${w.streak === threshold && !w.onLeave ? ' threshold' : ''}`,
                  { '--fill': `${Math.round(pct * 100)}%` } as React.CSSProperties,
                );
              })}
            </tr>
          </tbody>
        </table>
      </div>
      <figcaption>
        <p className="hm-detail" aria-hidden="true">
          {detail ?? (
            <>
              {/* A pointer that hovers, or a touch screen: each is told what it can do. */}
              <span className="hover-only">
                Hover or focus a cell (arrow keys move) to see its week
                {weekHref ? '; click or press Enter to list its entries' : ''}.
              </span>
              <span className="touch-only">
                {weekHref
                  ? "Tap a cell to list that behaviour's entries of its week."
                  : 'Each cell is one behaviour in one week.'}
              </span>
            </>
          )}
        </p>
        <ul className="legend">
          {/* Each level in every behaviour's own colour, as the cells use them. */}
          {(
            [
              [1, '1 entry'],
              [2, '2 entries'],
              [3, '3+ entries'],
            ] as const
          ).map(([lvl, text]) => (
            <li key={lvl}>
              <span className="lg-kinds" aria-hidden="true">
                {kinds.map((k) => (
                  <span
                    key={k}
                    className={`lg lg-${lvl}`}
                    data-kind={k}
                    style={{ '--c': `var(--kind-${k})` } as React.CSSProperties}
                  />
                ))}
              </span>{' '}
              {text}
            </li>
          ))}
          <li>
            <span className="lg lg-leave" aria-hidden="true" /> on leave (skipped)
          </li>
          {weeks.some((w) => w.pending) ? (
            <li>
              <span className="lg lg-pending" aria-hidden="true" /> this week, in progress (the
              streak is carried until Sunday)
            </li>
          ) : null}
          <li>
            <span className="lg lg-window" aria-hidden="true" /> current {policy.windowWeeks}-week
            window
          </li>
          <li>
            <span className="lg lg-streak" aria-hidden="true" /> streak, full bar at the threshold
            of {plural(threshold, 'week')}
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}
