import { addDays } from '@leadtrack/core';
import type { Metadata } from 'next';
import Link from 'next/link';
import { DateText } from '../../../components/date-text';
import { ReportTable } from '../../../components/report-table';
import { SummaryItem } from '../../../components/summary-item';
import { loadPolicy, orgApi, requireMe } from '../../../lib/api';
import { plural, statusWord } from '../../../lib/format';
import './team.css';
import '../../../components/readiness.css';
import '../../../components/summary-item.css';

export const metadata: Metadata = { title: 'Team · Leadtrack' };

/** What to do when nobody reports to the caller: who sets reporting lines, and where. */
function NoReports({ admin }: { admin: boolean }) {
  return (
    <div className="empty-state panel">
      <p>
        <strong>Nobody reports to you yet.</strong> Once people do, this page shows where each
        stands, who needs a conversation, and their last entry.
      </p>
      {admin ? (
        <p>
          <Link href="/admin#people-h" className="button">
            Set who reports to whom
          </Link>
        </p>
      ) : (
        <p className="muted">An admin sets who reports to whom; ask yours to add your reports.</p>
      )}
    </div>
  );
}

export default async function TeamPage() {
  const me = await requireMe();
  if (me.role === 'engineer') {
    return (
      <>
        <h1>Team</h1>
        <div className="empty-state panel">
          <p>
            The team view is for managers: nobody reports to you. If people should, ask an admin to
            set you as their manager.
          </p>
        </div>
      </>
    );
  }
  const [reports, policy] = await Promise.all([orgApi.reports(), loadPolicy()]);
  if (!reports.ok) {
    if (reports.status === 403) {
      return (
        <>
          <h1>Team</h1>
          <NoReports admin={me.role === 'admin'} />
        </>
      );
    }
    throw new Error(reports.problem.detail || 'Could not load the team.');
  }
  const threshold = policy.thresholdWeeks;
  const items = [...reports.data.items].sort((a, b) => a.user.name.localeCompare(b.user.name));
  const count = (word: string) => items.filter((r) => statusWord(r.current) === word).length;
  const attention = items.filter((r) => r.signals.length > 0).length;
  // At risk this week (rule 8): the week is in progress, not yet consistent, and a streak
  // would be lost if it ends that way. A conversation before Sunday can still save it.
  const atRisk = items.filter((r) => r.current.pending && r.current.streak > 0 && !r.current.ready);
  return (
    <>
      <h1>Team</h1>
      <p className="muted">
        Your direct reports: where each stands against {threshold} consistent weeks, and what needs
        attention.
      </p>
      {items.length > 0 ? (
        <dl className="summary team-summary">
          <SummaryItem term="Ready">
            <span className="big">{count('Ready')}</span> of {plural(items.length, 'report')}
          </SummaryItem>
          <SummaryItem term="Consistent">
            <span className="big">{count('Consistent')}</span> on a streak, not yet ready
          </SummaryItem>
          <SummaryItem term="Building">
            <span className="big">{count('Building')}</span> missing a behaviour this window
          </SummaryItem>
          <SummaryItem term="Signals">
            <span className="big">{attention}</span>{' '}
            {attention === 1 ? 'report needs' : 'reports need'} a conversation
          </SummaryItem>
        </dl>
      ) : null}
      {items.length > 0 ? (
        <section className="panel at-risk" aria-labelledby="risk-h">
          <h2 id="risk-h">At risk this week</h2>
          {atRisk.length === 0 ? (
            <p className="empty">
              Nobody's streak is at risk this week: every report with a streak has a consistent week
              already, or has no streak to lose.
            </p>
          ) : (
            <ul className="risk-list">
              {atRisk.map((r) => (
                <li key={r.user.id}>
                  <Link href={`/team/${r.user.id}`}>{r.user.name}</Link>:{' '}
                  {plural(r.current.streak, 'week')} and counting; this week is not consistent yet
                  and ends on Sunday <DateText iso={addDays(r.current.weekStart, 6)} />.
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      {items.length === 0 ? (
        <NoReports admin={me.role === 'admin'} />
      ) : (
        <ReportTable rows={items} threshold={threshold} hrefOf={(r) => `/team/${r.user.id}`} />
      )}
    </>
  );
}
