import type { Metadata } from 'next';
import { load, requireMe } from '../../../lib/api';
import type { PolicyDto, User } from '../../../lib/types';
import { updateUser } from '../../actions/admin';
import { CreateUserForm, PolicyForm } from './forms';

export const metadata: Metadata = { title: 'Admin · Leadtrack' };

const ROLE: Record<string, string> = { engineer: 'Engineer', manager: 'Manager', admin: 'Admin' };

export default async function AdminPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const me = await requireMe();
  if (me.role !== 'admin') {
    return (
      <>
        <h1>Admin</h1>
        <p className="empty panel">Only admins manage people and the policy.</p>
      </>
    );
  }
  const sp = await searchParams;
  const [users, policy] = await Promise.all([
    load<{ items: User[] }>('/users'),
    load<PolicyDto>('/policy'),
  ]);
  const people = [...users.items].sort((a, b) => a.name.localeCompare(b.name));
  const byId = new Map(people.map((u) => [u.id, u]));
  const updated = typeof sp.updated === 'string' ? byId.get(sp.updated) : undefined;
  const failed = typeof sp.failed === 'string' ? byId.get(sp.failed) : undefined;
  return (
    <>
      <h1>Admin</h1>
      <div aria-live="polite">
        {updated ? <p className="flash">Saved {updated.name}.</p> : null}
        {failed ? (
          <p className="form-alert" role="alert">
            Could not change {failed.name}: {String(sp.reason ?? 'refused')}.
          </p>
        ) : null}
      </div>
      <section className="panel" aria-labelledby="people-h">
        <h2 id="people-h">People ({people.length})</h2>
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role and manager</th>
              </tr>
            </thead>
            <tbody>
              {people.map((u) => (
                <tr key={u.id}>
                  <th scope="row">
                    {u.name}
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
                        {people
                          .filter((m) => m.id !== u.id)
                          .map((m) => (
                            <option key={m.id} value={m.id}>
                              {m.name}
                            </option>
                          ))}
                      </select>
                      <button type="submit" className="button small" aria-label={`Save ${u.name}`}>
                        Save
                      </button>
                    </form>
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
          <CreateUserForm managers={people} />
        </section>
        <section className="panel" aria-labelledby="policy-h">
          <h2 id="policy-h">Readiness policy</h2>
          <PolicyForm policy={policy} />
        </section>
      </div>
    </>
  );
}
