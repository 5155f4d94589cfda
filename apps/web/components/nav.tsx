'use client';
// The main navigation: the first BAR_SIZE items in the bar, the rest behind a disclosure
// button ("More"); on a phone everything folds behind one button ("Menu"), so the top bar
// stays one row until it is opened. Escape, a click elsewhere or moving to another page
// closes it.
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import './nav.css';

interface Item {
  href: string;
  label: string;
  /** Something waiting there (endorsement requests): shown as a badge, said in words. */
  count?: number;
  /** What the count counts, in the link's name: "Notifications, 3 unread". */
  countWords?: string;
}

/** Items in the bar on a laptop; the rest are under "More" (PRODUCT.md: six at most). */
export const BAR_SIZE = 6;

function isCurrent(pathname: string, href: string): boolean {
  if (href === '/') return pathname === '/';
  if (href === '/evidence')
    return pathname === '/evidence' || /^\/evidence\/(?!new)/.test(pathname);
  return pathname === href || pathname.startsWith(`${href}/`);
}

function NavLink({ item, pathname }: { item: Item; pathname: string }) {
  const current = isCurrent(pathname, item.href);
  return (
    <li>
      <Link href={item.href} aria-current={current ? 'page' : undefined}>
        {item.label}
        {item.count ? (
          <>
            <span className="sr-only">, </span>
            <span className="nav-count">
              {item.count}
              <span className="sr-only"> {item.countWords ?? 'waiting'}</span>
            </span>
          </>
        ) : null}
      </Link>
    </li>
  );
}

export function Nav({ items }: { items: Item[] }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const nav = useRef<HTMLElement>(null);
  const narrowToggle = useRef<HTMLButtonElement>(null);
  const wideToggle = useRef<HTMLButtonElement>(null);
  const bar = items.slice(0, BAR_SIZE);
  const more = items.slice(BAR_SIZE);
  // What waits behind a button: said on it, so it is not missed while closed.
  const waitingIn = (list: Item[]) => list.reduce((sum, item) => sum + (item.count ?? 0), 0);
  const currentInside = more.some((item) => isCurrent(pathname, item.href));

  // A new page closes the menu.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation only.
  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      // Back to whichever button is shown (the other one is display: none).
      const shown = [narrowToggle.current, wideToggle.current].find((b) => b?.offsetParent);
      shown?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (!nav.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  // Two buttons, one shown at a time (CSS), each where it reads in order: "Menu" before
  // everything on a phone, "More" after the bar on a laptop. They open the same menu.
  const toggleProps = (controls: string) => ({
    type: 'button' as const,
    'aria-expanded': open,
    'aria-controls': controls,
    onClick: () => setOpen((was) => !was),
  });
  const badge = (waiting: number) =>
    waiting > 0 ? (
      <>
        <span className="sr-only">, </span>
        <span className="nav-count">
          {waiting}
          <span className="sr-only"> waiting</span>
        </span>
      </>
    ) : null;
  return (
    <nav aria-label="Main" className={`nav${open ? ' nav-open' : ''}`} ref={nav}>
      <button {...toggleProps('nav-panel')} ref={narrowToggle} className="nav-toggle nav-narrow">
        Menu{badge(waitingIn(items))}
      </button>
      <div id="nav-panel" className="nav-panel">
        <ul className="nav-bar">
          {bar.map((item) => (
            <NavLink key={item.href} item={item} pathname={pathname} />
          ))}
        </ul>
        {more.length > 0 ? (
          <>
            <button
              {...toggleProps('nav-menu')}
              ref={wideToggle}
              className={`nav-toggle nav-wide${currentInside ? ' nav-toggle-current' : ''}`}
            >
              More{badge(waitingIn(more))}
            </button>
            <ul id="nav-menu" className="nav-menu">
              {more.map((item) => (
                <NavLink key={item.href} item={item} pathname={pathname} />
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </nav>
  );
}
