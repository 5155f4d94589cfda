// One evidence entry as shown in lists: what, when, which behaviours, who acknowledged it.
import type { ReactNode } from 'react';
import { kindLabel } from '../lib/format';
import type { Evidence } from '../lib/types';
import { DateText } from './date-text';
import { GivenLine } from './given-line';
import { Markdown } from './markdown';
import '../app/(app)/endorsements/endorsements.css';
import './evidence-item.css';

export function KindChips({ kinds }: { kinds: string[] }) {
  return (
    <ul className="chips" aria-label="Behaviours">
      {kinds.map((k) => (
        <li key={k} className="chip" style={{ '--c': `var(--kind-${k})` } as React.CSSProperties}>
          {kindLabel(k)}
        </li>
      ))}
    </ul>
  );
}

const AUDIENCE: Record<string, string> = {
  team: 'Team',
  org: 'Organisation',
  stakeholders: 'Stakeholders',
};

export function EvidenceItem({ entry, actions }: { entry: Evidence; actions?: ReactNode }) {
  return (
    <article className="entry" aria-labelledby={`entry-${entry.id}`}>
      <div className="entry-head">
        <h3 id={`entry-${entry.id}`}>{entry.title}</h3>
        <DateText iso={entry.occurredOn} className="muted small" />
      </div>
      <KindChips kinds={entry.kinds} />
      {entry.description ? <Markdown className="entry-desc" text={entry.description} /> : null}
      {entry.links.length > 0 ? (
        <ul className="links">
          {entry.links.map((l) => (
            <li key={l}>
              <a href={l} rel="noreferrer noopener" target="_blank">
                {l.replace(/^https?:\/\//, '')}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="entry-meta small">
        {entry.audience ? (
          <span>Audience: {AUDIENCE[entry.audience] ?? entry.audience}</span>
        ) : null}
        {entry.acknowledgements.length > 0 ? (
          <ul className="acks">
            {entry.acknowledgements.map((a) => (
              <GivenLine key={a.id} given={a} kind="acknowledgement" />
            ))}
          </ul>
        ) : (
          <span className="muted">Not acknowledged yet</span>
        )}
        {/* Endorsements: colleagues the owner asked, shown apart from the manager's acknowledgements. */}
        {entry.endorsements?.length > 0 ? (
          <ul className="acks endorsements">
            {entry.endorsements.map((a) => (
              <GivenLine key={a.id} given={a} kind="endorsement" />
            ))}
          </ul>
        ) : null}
      </div>
      {actions ? <div className="entry-actions">{actions}</div> : null}
    </article>
  );
}
