import { isIsoDate, todayUtc } from '@leadtrack/core';
import type { Metadata } from 'next';
import Link from 'next/link';
import { DateText } from '../../../components/date-text';
import { FailedAction, Flash } from '../../../components/flash';
import { Pager } from '../../../components/pager';
import { SuggestionCard } from '../../../components/suggestion-card';
import { captureApi, evidenceApi, load } from '../../../lib/api';
import { plural } from '../../../lib/format';
import type { QueryPageProps } from '../../../lib/page-props';
import { acceptSuggestion } from '../../actions/suggestions';
import '../endorsements/endorsements.css';

export const metadata: Metadata = { title: 'Inbox · Leadtrack' };

const PAGE = 20;

export default async function InboxPage({ searchParams }: QueryPageProps) {
  const sp = await searchParams;
  const cursor = typeof sp.cursor === 'string' ? sp.cursor : undefined;
  const list = await load(captureApi.suggestions({ limit: PAGE, cursor }));
  const today = todayUtc();
  // What the redirect carried is an id or a date: the words are the page's own, and the
  // accepted entry's title is read from the API, never from the link.
  const accepted = typeof sp.accepted === 'string' ? await evidenceApi.get(sp.accepted) : null;
  const merged = typeof sp.merged === 'string' && isIsoDate(sp.merged) ? sp.merged : null;
  return (
    <>
      <div className="page-head">
        <h1>Inbox</h1>
        <Link href="/import" className="button ghost small">
          Import a file
        </Link>
      </div>
      <p className="muted">
        What your tools and files show you did. Accept what counts (adjust the behaviours, title,
        date or description first if needed) and it becomes an entry; dismiss the rest. Nothing is
        suggested twice.
      </p>
      {accepted?.ok ? (
        <Flash>
          Accepted: “{accepted.data.title}” is now in your <Link href="/evidence">evidence</Link>.
        </Flash>
      ) : merged ? (
        <Flash>
          Merged into your <Link href={`/checkin?week=${merged}`}>check-in</Link> for the week of{' '}
          <DateText iso={merged} />.
        </Flash>
      ) : sp.dismissed === '1' ? (
        <Flash>Suggestion dismissed.</Flash>
      ) : null}
      <FailedAction error={sp.error} />
      {list.items.length === 0 ? (
        <div className="empty-state panel">
          <p>
            {cursor ? 'No more suggestions.' : 'Nothing to review.'} Suggestions arrive from an{' '}
            <Link href="/import">imported file</Link> (a brag document, a spreadsheet, a calendar)
            and from the tools you connect.
          </p>
        </div>
      ) : (
        <>
          <p className="muted small">
            {plural(list.total, 'suggestion')} waiting{cursor ? ' (a later page)' : ''}.
          </p>
          <div className="request-list">
            {list.items.map((s) => (
              <SuggestionCard key={s.id} suggestion={s} accept={acceptSuggestion} today={today} />
            ))}
          </div>
          <Pager
            label="Inbox pages"
            newer={cursor ? { href: '/inbox', text: 'First page' } : null}
            older={
              list.nextCursor
                ? { href: `/inbox?cursor=${encodeURIComponent(list.nextCursor)}`, text: 'More' }
                : null
            }
          />
        </>
      )}
    </>
  );
}
