// One acknowledgement (a manager's) or endorsement (a colleague's) as every page shows it:
// who, when, and the comment rendered as Markdown like feedback. One given on an earlier
// version of the entry says so in words ("acknowledged an earlier version"), so nobody
// reads it as vouching for what the entry says now.
import { DateText } from './date-text';
import { Markdown } from './markdown';
import './evidence-item.css';

export interface Given {
  by: { id: string; name: string };
  comment: string | null;
  current: boolean;
  createdAt: string;
}

const WORDS = {
  acknowledgement: { mark: '✓', current: 'Acknowledged by', earlier: 'acknowledged' },
  endorsement: { mark: '★', current: 'Endorsed by', earlier: 'endorsed' },
} as const;

export function GivenLine({
  given,
  kind,
  colleague = false,
  as: Tag = 'li',
}: {
  given: Given;
  kind: keyof typeof WORDS;
  /** Says "(colleague)" after the name (the packet weighs endorsements apart). */
  colleague?: boolean;
  as?: 'li' | 'div';
}) {
  const words = WORDS[kind];
  const who = `${given.by.name}${colleague ? ' (colleague)' : ''}`;
  const className = [
    kind === 'acknowledgement' ? 'ack' : 'endorsement',
    given.current ? null : 'given-earlier',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <Tag className={className}>
      <span aria-hidden="true">{given.current ? `${words.mark} ` : '⚠ '}</span>
      {given.current ? (
        <>
          {words.current} {who} on <DateText iso={given.createdAt} />
        </>
      ) : (
        <>
          {who} {words.earlier} an earlier version, on <DateText iso={given.createdAt} />
          <span className="muted"> (the entry changed since)</span>
        </>
      )}
      {given.comment ? <Markdown className="given-comment" text={given.comment} /> : null}
    </Tag>
  );
}
