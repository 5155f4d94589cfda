import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { ActionButton } from '../../../components/action-button';
import { cursorTrail, PagedList } from '../../../components/cursor-pager';
import { FormAlert } from '../../../components/field';
import { PendingButton } from '../../../components/pending-button';
import { load, notificationsApi, requireMe } from '../../../lib/api';
import { instant } from '../../../lib/format';
import type { QueryPageProps } from '../../../lib/page-props';
import type { NotificationDto } from '../../../lib/types';
import { markAllNotificationsRead, markNotificationRead } from '../../actions/notifications';
import './notifications.css';

export const metadata: Metadata = { title: 'Notifications · Leadtrack' };

const PAGE_SIZE = 20;

/** Only a dashboard path is followed: anything else (never sent by the API) links home. */
const safeLink = (link: string) => (link.startsWith('/') && !link.startsWith('//') ? link : '/');

function NotificationItem({ item, timeZone }: { item: NotificationDto; timeZone: string }) {
  const unread = item.readAt === null;
  return (
    <li className={unread ? 'notification unread' : 'notification'}>
      <div className="notification-text">
        <Link href={safeLink(item.link)}>
          {unread ? <span className="sr-only">Unread: </span> : null}
          {item.subject}
        </Link>
        <span className="muted small">
          <time dateTime={item.createdAt}>{instant(item.createdAt, timeZone)}</time>
          {unread ? null : ' · read'}
        </span>
      </div>
      {unread ? (
        <ActionButton
          action={markNotificationRead}
          fields={{ id: item.id }}
          className="button ghost small"
          label={`Mark read: ${item.subject}`}
        >
          Mark read
        </ActionButton>
      ) : null}
    </li>
  );
}

export default async function NotificationsPage({ searchParams }: QueryPageProps) {
  const me = await requireMe();
  const sp = await searchParams;
  const trail = cursorTrail('/notifications', sp.c);
  const query = { limit: PAGE_SIZE, cursor: trail.cursors.at(-1) };
  const first = await notificationsApi.list(query);
  // A cursor that is not from this list (an edited address): start again from the newest.
  if (!first.ok && first.status === 400 && trail.cursors.length > 0) redirect(trail.base);
  const page = first.ok ? first.data : await load(notificationsApi.list(query));
  return (
    <>
      <div className="page-head">
        <h1>Notifications</h1>
        {page.unreadCount > 0 ? (
          <form action={markAllNotificationsRead}>
            <PendingButton className="button">Mark all read</PendingButton>
          </form>
        ) : null}
      </div>
      <p className="muted">
        Feedback, acknowledgements and endorsements of your entries, colleagues asking you to
        endorse one, and reports who became ready. Newest first;{' '}
        {page.unreadCount === 0
          ? 'nothing unread.'
          : `${page.unreadCount} unread, marked with a dot.`}
      </p>
      {sp.done === 'all' ? (
        <p className="flash" role="status">
          All marked read.
        </p>
      ) : sp.done === 'one' ? (
        <p className="flash" role="status">
          Marked read.
        </p>
      ) : null}
      {sp.error ? <FormAlert>That did not work. Try again.</FormAlert> : null}
      <PagedList
        trail={trail}
        next={page.nextCursor}
        label="Notification pages"
        words={['Newer', 'Older']}
        heading={{
          id: 'notifications-h',
          text: `${trail.cursors.length === 0 ? 'Latest' : 'Older'} notifications`,
        }}
        empty={
          page.items.length === 0 ? (
            <div className="empty-state panel">
              <p>
                No notifications yet. They appear here when your manager writes feedback or
                acknowledges an entry, when a colleague endorses one or asks you to, and when a
                report of yours becomes ready.
              </p>
            </div>
          ) : null
        }
      >
        <ul className="notification-list">
          {page.items.map((item) => (
            <NotificationItem key={item.id} item={item} timeZone={me.timeZone} />
          ))}
        </ul>
      </PagedList>
    </>
  );
}
