// The "newer / older" navigation under a cursor-paged list.
import Link from 'next/link';
import type { ReactNode } from 'react';
import './pager.css';

export interface PagerLink {
  href: string;
  text: string;
  className?: string;
}

interface PagerProps {
  /** The nav's accessible name, e.g. "Evidence pages". */
  label: string;
  newer?: PagerLink | null | undefined;
  older?: PagerLink | null | undefined;
  /** Between the two links, e.g. "Page 2 of 5". */
  status?: ReactNode;
  /** Keep an empty cell where a link is missing, so the other stays on its side. */
  filler?: boolean;
}

function PagerCell({ link, filler }: { link: PagerLink | null | undefined; filler: boolean }) {
  if (link) {
    return (
      <Link className={link.className} href={link.href}>
        {link.text}
      </Link>
    );
  }
  return filler ? <span /> : null;
}

export function Pager({ label, newer, older, status, filler = true }: PagerProps) {
  return (
    <nav className="pager" aria-label={label}>
      <PagerCell link={newer} filler={filler} />
      {status}
      <PagerCell link={older} filler={filler} />
    </nav>
  );
}
