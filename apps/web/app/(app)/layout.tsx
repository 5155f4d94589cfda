import Link from 'next/link';
import type { ReactNode } from 'react';
import { Nav } from '../../components/nav';
import { StaleBanners } from '../../components/stale-banners';
import { ZonePrompt } from '../../components/zone-prompt';
import { captureApi, endorsementsApi, notificationsApi, requireMe, usersApi } from '../../lib/api';
import { signOut } from '../actions/auth';
import '../../components/nav.css';

export const dynamic = 'force-dynamic';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const me = await requireMe();
  // Endorsement requests waiting for the caller: their count in the nav, the link only then.
  // A manager sees the organisation link once one of their reports manages too (GET /users
  // lists a manager's direct reports); admins always. And the suggestions waiting in the
  // inbox: the count only (one row asked for). Unread notifications: their count on the
  // Notifications link (one row asked for: the count comes with any page).
  const [requests, people, inbox, notifications] = await Promise.all([
    endorsementsApi.pending(),
    me.role === 'manager' ? usersApi.list() : null,
    captureApi.suggestions({ limit: 1 }),
    notificationsApi.list({ limit: 1 }),
  ]);
  const waiting = requests.ok ? requests.data.items.length : 0;
  const suggestions = inbox.ok ? inbox.data.total : 0;
  const unread = notifications.ok ? notifications.data.unreadCount : 0;
  const leadsManagers =
    me.role === 'admin' ||
    (people?.ok === true &&
      people.data.items.some(
        (u) => u.managerId === me.id && u.role !== 'engineer' && u.deactivatedAt === null,
      ));
  const items = [
    { href: '/', label: 'Readiness' },
    { href: '/evidence/new', label: 'Log evidence' },
    { href: '/evidence', label: 'Evidence' },
    { href: '/checkin', label: 'Check-in' },
    { href: '/inbox', label: 'Inbox', count: suggestions },
    ...(me.role !== 'engineer' ? [{ href: '/team', label: 'Team' }] : []),
    ...(leadsManagers ? [{ href: '/org', label: 'Organisation' }] : []),
    { href: '/packet', label: 'Packet' },
    { href: '/reflection', label: 'Reflection' },
    ...(me.managerId ? [{ href: '/agreement', label: 'Agreement' }] : []),
    ...(waiting > 0 ? [{ href: '/endorsements', label: 'Endorsements', count: waiting }] : []),
    ...(me.role === 'admin' ? [{ href: '/admin', label: 'Admin' }] : []),
    { href: '/notifications', label: 'Notifications', count: unread, countWords: 'unread' },
    { href: '/settings', label: 'Settings' },
  ];
  return (
    <>
      <a className="skip" href="#content">
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <Link href="/" className="brand">
            Leadtrack
          </Link>
          <Nav items={items} />
          <form action={signOut} className="account">
            <span className="muted" title={me.email}>
              {me.name}
            </span>
            <button type="submit" className="button ghost small">
              Sign out
            </button>
          </form>
        </div>
      </header>
      <main id="content" tabIndex={-1}>
        {me.timeZoneConfirmed ? null : <ZonePrompt current={me.timeZone} />}
        {children}
      </main>
      <StaleBanners />
    </>
  );
}
