import { timeZoneNames } from '@leadtrack/core';
import type { Metadata } from 'next';
import Link from 'next/link';
import { AdminOnly } from '../../../components/admin-only';
import { FormAlert } from '../../../components/field';
import { PendingButton } from '../../../components/pending-button';
import { TableHead } from '../../../components/table-head';
import { load, orgApi, requireMe, usersApi } from '../../../lib/api';
import { FAILURES, failureText } from '../../../lib/notices';
import type { QueryPageProps } from '../../../lib/page-props';
import { signInProviders } from '../../../lib/sign-in-providers';
import { updateUser } from '../../actions/admin';
import { CreateUserForm, PolicyForm } from './forms';
import { UserActions } from './user-actions';
import './admin.css';
import '../../../components/table-head.css';

export const metadata: Metadata = { title: 'Admin · Leadtrack' };

const ROLE: Record<string, string> = { engineer: 'Engineer', manager: 'Manager', admin: 'Admin' };

export default async function AdminPage({ searchParams }: QueryPageProps) {
  const me = await requireMe();
  if (me.role !== 'admin')
    return <AdminOnly title="Admin" reason="Only admins manage people and the policy." />;
  const sp = await searchParams;
  const [users, policy] = await Promise.all([load(usersApi.list()), load(orgApi.policy())]);
  const timeZone = me.timeZone;
  const providers = await signInProviders();
  const people = [...users.items].sort((a, b) => a.name.localeCompare(b.name));
  const active = people.filter((u) => !u.deactivatedAt);
  const byId = new Map(people.map((u) => [u.id, u]));
  const updated = typeof sp.updated === 'string' ? byId.get(sp.updated) : undefined;
  const failed = typeof sp.failed === 'string' ? byId.get(sp.failed) : undefined;
  // The reason is a code (lib/notices.ts); who still reports to them comes from the list.
  const stillManaged = failed ? active.filter((u) => u.managerId === failed.id) : [];
  const refusal =
    sp.reason === 'has-reports' && stillManaged.length > 0
      ? `They still manage ${stillManaged.map((u) => u.name).join(', ')}: give them another manager first.`
      : (failureText(sp.reason) ?? FAILURES.failed);
  return (
    <>
      <div className="section-head">
        <h1>Admin</h1>
        <Link href="/admin/audit">Audit log</Link>
      </div>
      <div aria-live="polite">
        {updated ? <p className="flash">Saved {updated.name}.</p> : null}
        {failed ? (
          <FormAlert>
            Could not change {failed.name}. {refusal}
          </FormAlert>
        ) : null}
      </div>
      <section className="panel" aria-labelledby="people-h">
        <h2 id="people-h">People ({people.length})</h2>
        <div className="table-wrap contained">
          <table className="table stack-table">
            <TableHead columns={['Name', 'Role and manager', 'Account']} />
            <tbody>
              {people.map((u) => (
                <tr key={u.id} className={u.deactivatedAt ? 'row-off' : undefined}>
                  <th scope="row">
                    {u.name}{' '}
                    {u.deactivatedAt ? (
                      <span className="badge badge-off">Deactivated</span>
                    ) : (
                      <span className="badge badge-active">Active</span>
                    )}
                    <span className="muted small block">
                      {u.email} · {ROLE[u.role]}
                      {u.managerId
                        ? `, reports to ${byId.get(u.managerId)?.name ?? 'someone'}`
                        : ''}
                    </span>
                  </th>
                  <td>
                    <form action={updateUser} className="admin-user-form">
                      <input type="hidden" name="id" value={u.id} />
                      <label htmlFor={`role-${u.id}`} className="sr-only">
                        Role of {u.name}
                      </label>
                      <select id={`role-${u.id}`} name="role" defaultValue={u.role}>
                        <option value="engineer">Engineer</option>
                        <option value="manager">Manager</option>
                        <option value="admin">Admin</option>
                      </select>
                      <label htmlFor={`manager-${u.id}`} className="small">
                        reports to<span className="sr-only"> (manager of {u.name})</span>
                      </label>
                      <select
                        id={`manager-${u.id}`}
                        name="managerId"
                        defaultValue={u.managerId ?? ''}
                      >
                        <option value="">Nobody</option>
                        {active
                          .filter((m) => m.id !== u.id)
                          .map((m) => (
                            <option key={m.id} value={m.id}>
                              {m.name}
                            </option>
                          ))}
                      </select>
                      <PendingButton className="button small" aria-label={`Save ${u.name}`}>
                        Save
                      </PendingButton>
                    </form>
                  </td>
                  <td>
                    <UserActions
                      id={u.id}
                      name={u.name}
                      active={!u.deactivatedAt}
                      self={u.id === me.id}
                      timeZone={timeZone}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <div className="columns">
        <section className="panel" aria-labelledby="new-user-h">
          <h2 id="new-user-h">Add a person</h2>
          <CreateUserForm
            managers={active}
            zones={timeZoneNames()}
            timeZone={timeZone}
            ssoName={providers.oidc?.name ?? null}
          />
        </section>
        <section className="panel" aria-labelledby="policy-h">
          <h2 id="policy-h">Readiness policy</h2>
          <PolicyForm policy={policy} />
        </section>
      </div>
    </>
  );
}
