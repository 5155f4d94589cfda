import type { ReactNode } from 'react';
import './summary-item.css';

/** One term and its value in a `<dl className="summary">`: the numbers at the top of a page. */
export function SummaryItem({ term, children }: { term: ReactNode; children: ReactNode }) {
  return (
    <div className="summary-item">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
