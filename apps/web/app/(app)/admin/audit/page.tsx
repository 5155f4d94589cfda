import type { Metadata } from 'next';
import Link from 'next/link';
import { AdminOnly } from '../../../../components/admin-only';
import { cursorTrail, PagedList } from '../../../../components/cursor-pager';
import { TableHead } from '../../../../components/table-head';
import { load, orgApi, requireMe, usersApi } from '../../../../lib/api';
import { instant } from '../../../../lib/format';
import type { QueryPageProps } from '../../../../lib/page-props';
import type { AuditEventDto } from '../../../../lib/types';
import './audit.css';
import '../../../../components/table-head.css';

export const metadata: Metadata = { title: 'Audit log · Leadtrack' };

const PAGE_SIZE = 25;

/** What an entry's action code means, as a verb phrase ("deactivated Sam"). */
const ACTIONS: Record<string, string> = {
  'user.created': 'created the account of',
  'user.role_changed': 'changed the role of',
  'user.manager_changed': 'changed the manager of',
  'user.deactivated': 'deactivated',
  'user.reactivated': 'reactivated',
  'user.password_reset_issued': 'issued a password reset link for',
  'user.password_reset_used': 'set a new password with a reset link',
  'user.setup_link_used': 'chose their password with a setup link',
  'user.sso_linked': 'linked single sign-on to the account of',
  'user.created_by_sso': 'signed in with single sign-on for the first time: created',
  'policy.changed': 'changed the readiness policy',
  'signup.changed': 'changed the sign-up setting',
  'sponsor.granted': 'granted sponsorship to',
};

function actionWords(action: string): string {
  return ACTIONS[action] ?? action.replaceAll(/[._]/g, ' ');
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** How a detail is read: the reader's zone, and people's names by id. */
interface Reading {
  timeZone: string;
  names: Map<string, string>;
}

/**
 * A detail in words: a person by name (also one recorded by id: `managerId`, `userId`,
 * `issuedBy`), an instant in the reader's zone, lists joined. Never a raw id.
 */
function detailValue(value: unknown, reading: Reading, isPerson = false): string {
  const { timeZone, names } = reading;
  if (value === null || value === undefined) return 'none';
  if (Array.isArray(value)) return value.map((v) => detailValue(v, reading, isPerson)).join(', ');
  if (typeof value === 'object') {
    const named = value as { name?: unknown };
    return typeof named.name === 'string' ? named.name : JSON.stringify(value);
  }
  if (typeof value === 'string' && names.has(value)) return names.get(value) as string;
  if (isPerson) return 'an account no longer listed';
  if (typeof value === 'string' && ISO_INSTANT.test(value)) return instant(value, timeZone);
  return String(value);
}

/** Detail keys that hold a person's id, and what to call them. */
const PERSON_KEYS: Record<string, string> = {
  managerId: 'manager',
  userId: 'by',
  issuedBy: 'issued by',
};

function Details({ details, reading }: { details: AuditEventDto['details']; reading: Reading }) {
  const entries = Object.entries(details ?? {});
  if (entries.length === 0) return <span className="muted">—</span>;
  return (
    <span className="audit-details">
      {entries.map(([key, value], i) => (
        <span key={key}>
          {i > 0 ? '; ' : ''}
          {PERSON_KEYS[key] ?? key.replaceAll(/([A-Z])/g, ' $1').toLowerCase()}:{' '}
          {detailValue(value, reading, key in PERSON_KEYS)}
        </span>
      ))}
    </span>
  );
}

export default async function AuditPage({ searchParams }: QueryPageProps) {
  const me = await requireMe();
  if (me.role !== 'admin')
    return <AdminOnly title="Audit log" reason="Only admins read the audit log." />;
  const timeZone = me.timeZone;
  const trail = cursorTrail('/admin/audit', (await searchParams).c);
  const [page, people] = await Promise.all([
    load(orgApi.audit({ limit: PAGE_SIZE, cursor: trail.cursors.at(-1) })),
    // Everyone (an admin's GET /users): details recorded by id are named.
    load(usersApi.list()),
  ]);
  const reading = { timeZone, names: new Map(people.items.map((u) => [u.id, u.name])) };
  const first = trail.cursors.length * PAGE_SIZE + 1;
  return (
    <>
      <p className="crumbs">
        <Link href="/admin">Admin</Link> / Audit log
      </p>
      <h1>Audit log</h1>
      <p className="muted">
        Every change an admin made to people and the policy, newest first. Times in {timeZone}.
      </p>
      <PagedList
        trail={trail}
        next={page.nextCursor}
        label="Audit log pages"
        words={['Previous', 'Next']}
        className="panel table-wrap contained"
        heading={{
          id: 'audit-h',
          text: `Entries ${page.items.length > 0 ? `${first} to ${first + page.items.length - 1}` : ''}`,
        }}
      >
        {page.items.length === 0 ? (
          <p className="empty">Nothing recorded yet.</p>
        ) : (
          <table className="table stack-table">
            <TableHead columns={['When', 'Who', 'What', 'Details']} />
            <tbody>
              {page.items.map((e) => (
                <tr key={e.id}>
                  <td className="nowrap" data-label="When">
                    <time dateTime={e.at}>{instant(e.at, timeZone)}</time>
                  </td>
                  <th scope="row">{e.actor.name}</th>
                  <td>
                    {actionWords(e.action)}
                    {e.target && e.target.id !== e.actor.id ? (
                      <strong> {e.target.name}</strong>
                    ) : null}
                  </td>
                  <td data-label="Details">
                    <Details details={e.details} reading={reading} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </PagedList>
    </>
  );
}
