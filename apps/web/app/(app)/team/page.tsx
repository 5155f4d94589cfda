import type { Metadata } from 'next';
import Link from 'next/link';
import { StatusBadge } from '../../../components/readiness';
import { api, requireMe } from '../../../lib/api';
import { longDate, plural, signalTitle, statusWord } from '../../../lib/format';
import type { PolicyDto, ReportRow } from '../../../lib/types';

export const metadata: Metadata = { title: 'Team · Leadtrack' };

export default async function TeamPage() {
  const me = await requireMe();
  if (me.role === 'engineer') {
    return (
      <>
        <h1>Team</h1>
        <p className="empty panel">The team view is for managers: nobody reports to you yet.</p>
      </>
    );
  }
  const [reports, policy] = await Promise.all([
    api<{ items: ReportRow[] }>('/reports'),
    api<PolicyDto>('/policy'),
  ]);
  if (!reports.ok) {
    if (reports.status === 403) {
      return (
        <>
          <h1>Team</h1>
          <p className="empty panel">Nobody reports to you yet.</p>
        </>
      );
    }
    throw new Error(reports.problem.detail || 'Could not load the team.');
  }
  const threshold = policy.ok ? policy.data.thresholdWeeks : 26;
  const items = [...reports.data.items].sort((a, b) => a.user.name.localeCompare(b.user.name));
  const count = (word: string) => items.filter((r) => statusWord(r.current) === word).length;
  const attention = items.filter((r) => r.signals.length > 0).length;
  return (
    <>
      <h1>Team</h1>
      <p className="muted">
        Your direct reports: where each stands against {threshold} consistent weeks, and what needs
        attention.
      </p>
      {items.length > 0 ? (
        <dl className="summary team-summary">
          <div className="summary-item">
            <dt>Ready</dt>
            <dd>
              <span className="big">{count('Ready')}</span> of {plural(items.length, 'report')}
            </dd>
          </div>
          <div className="summary-item">
            <dt>Consistent</dt>
            <dd>
              <span className="big">{count('Consistent')}</span> on a streak, not yet ready
            </dd>
          </div>
          <div className="summary-item">
            <dt>Building</dt>
            <dd>
              <span className="big">{count('Building')}</span> missing a behaviour this window
            </dd>
          </div>
          <div className="summary-item">
            <dt>Signals</dt>
            <dd>
              <span className="big">{attention}</span>{' '}
              {attention === 1 ? 'report needs' : 'reports need'} a conversation
            </dd>
          </div>
        </dl>
      ) : null}
      {items.length === 0 ? (
        <p className="empty panel">Nobody reports to you yet. An admin sets who reports to whom.</p>
      ) : (
        <div className="table-wrap panel">
          <table className="table team-table">
            <thead>
              <tr>
                <th scope="col">Report</th>
                <th scope="col">Status</th>
                <th scope="col">Streak</th>
                <th scope="col">Signals</th>
                <th scope="col">Last entry</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.user.id}>
                  <th scope="row">
                    <Link href={`/team/${r.user.id}`}>{r.user.name}</Link>
                    <span className="muted small block email">{r.user.email}</span>
                  </th>
                  <td data-label="Status">
                    <StatusBadge current={r.current} />
                  </td>
                  <td data-label="Streak">
                    <strong>{r.current.streak}</strong> of {threshold} weeks
                    {r.current.projectedReadyOn && !r.current.ready ? (
                      <span className="muted small block">
                        projected {longDate(r.current.projectedReadyOn)}
                      </span>
                    ) : null}
                  </td>
                  <td data-label="Signals">
                    {r.signals.length === 0 ? (
                      <span className="muted">None</span>
                    ) : (
                      <ul className="signal-notes">
                        {r.signals.map((s) => (
                          <li key={s.code}>
                            <strong>{signalTitle(s.code)}</strong>
                            <span className="muted small block">{s.message}</span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td data-label="Last entry">
                    {r.lastEvidenceOn ? (
                      longDate(r.lastEvidenceOn)
                    ) : (
                      <span className="muted">Nothing yet</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
