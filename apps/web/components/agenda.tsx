// What waits for the caller (GET /me/agenda), oldest first: each item a sentence and a
// link to where they act; an entry to acknowledge can be acknowledged right here.
import type { AgendaDto } from '@leadtrack/schemas';
import Link from 'next/link';
import { acknowledgeFromAgenda } from '../app/actions/agenda';
import { kindLabel, plural } from '../lib/format';
import { ActionButton } from './action-button';
import { DateText } from './date-text';
import './agenda.css';
import './evidence-item.css';

type Item = AgendaDto['items'][number];

function sentence(item: Item, meId: string) {
  const who = item.user.name;
  const week = item.weekStart ? <DateText iso={item.weekStart} /> : null;
  switch (item.type) {
    case 'acknowledge':
      return {
        href: `/team/${item.user.id}#entry-${item.entry?.id}`,
        text: (
          <>
            {who} logged “{item.entry?.title}” (<DateText iso={item.entry?.occurredOn} />)
          </>
        ),
      };
    case 'confirm-agreement':
      return item.user.id === meId
        ? { href: '/agreement', text: <>Your working agreement waits for your confirmation</> }
        : {
            href: `/team/${item.user.id}/agreement`,
            text: <>{who}’s working agreement waits for your confirmation</>,
          };
    case 'reflection':
      return {
        href: `/team/${item.user.id}#reflections`,
        text: (
          <>
            {who} shared their fit reflection for the week of {week}
          </>
        ),
      };
    case 'at-risk':
      return {
        href: `/team/${item.user.id}`,
        text: (
          <>
            {who}’s week is not consistent yet: a streak of {plural(item.streak ?? 0, 'week')} to
            lose
          </>
        ),
      };
    case 'missing-checkin':
      return {
        href: `/team/${item.user.id}`,
        text: (
          <>
            {who} has no check-in for the week of {week}
          </>
        ),
      };
    case 'endorse':
      return {
        href: `/evidence/${item.entry?.id}/endorse`,
        text: (
          <>
            {who} asked you to endorse “{item.entry?.title}”
          </>
        ),
      };
    case 'log':
      return {
        href: '/evidence/new',
        text: <>This week still misses {(item.missingKinds ?? []).map(kindLabel).join(', ')}</>,
      };
    case 'checkin':
      return {
        href: `/checkin?week=${item.weekStart}`,
        text: <>Check in for the week of {week}</>,
      };
  }
}

export function Agenda({
  agenda,
  meId,
  notice,
}: {
  agenda: AgendaDto;
  meId: string;
  notice?: string | null;
}) {
  const total = Object.values(agenda.counts).reduce((a, b) => a + b, 0);
  return (
    <section className="panel agenda" aria-labelledby="agenda-h">
      <h2 id="agenda-h">Waiting for you</h2>
      {notice ? (
        <p className="flash" role="status">
          {notice}
        </p>
      ) : null}
      {agenda.items.length === 0 ? (
        <p className="empty">
          Nothing waits for you. New entries, requests and check-ins appear here.
        </p>
      ) : (
        <>
          {total > agenda.items.length ? (
            <p className="muted small">
              The oldest {agenda.items.length} of {total}.
            </p>
          ) : null}
          <ul className="agenda-list">
            {agenda.items.map((item) => {
              const { href, text } = sentence(item, meId);
              const key = `${item.type}-${item.user.id}-${item.entry?.id ?? item.weekStart ?? ''}`;
              return (
                <li key={key} className="agenda-item">
                  <Link href={href}>{text}</Link>
                  {item.type === 'acknowledge' && item.entry ? (
                    <ActionButton
                      action={acknowledgeFromAgenda}
                      fields={{ id: item.entry.id }}
                      className="button small"
                      label={`Acknowledge “${item.entry.title}” by ${item.user.name}`}
                    >
                      Acknowledge
                    </ActionButton>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
