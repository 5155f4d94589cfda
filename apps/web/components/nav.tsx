'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

interface Item {
  href: string;
  label: string;
  /** Something waiting there (endorsement requests): shown as a badge, said in words. */
  count?: number;
  /** What the count counts, in the link's name: "Notifications, 3 unread". */
  countWords?: string;
}

function isCurrent(pathname: string, href: string): boolean {
  if (href === '/') return pathname === '/';
  if (href === '/evidence')
    return pathname === '/evidence' || /^\/evidence\/(?!new)/.test(pathname);
  return pathname === href || pathname.startsWith(`${href}/`);
}

export function Nav({ items }: { items: Item[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="nav">
      <ul>
        {items.map((item) => {
          const current = isCurrent(pathname, item.href);
          return (
            <li key={item.href}>
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
        })}
      </ul>
    </nav>
  );
}
