// The organisation view: everyone under the caller (admins: everyone), grouped by direct
// manager, with the four status totals. Filters are the URL's query (a GET form: works
// without JavaScript); each group is a <details>, open by default, collapsible. In the
// (record) group: no streaming loading state, so the page is not hidden behind a fallback
// that only a script reveals, and a manager outside the caller's organisation is a real 404.
import { ORG_STATUSES, type OrgStatus, orgStatusOf, SIGNAL_CODES } from '@leadtrack/core';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { SelectField } from '../../../components/field';
import { ReportTable } from '../../../components/report-table';
import { SummaryItem } from '../../../components/summary-item';
import { loadPolicy, orgApi, requireMe } from '../../../lib/api';
import { ORG_STATUS_WORDS, plural, signalTitle } from '../../../lib/format';
import type { QueryPageProps } from '../../../lib/page-props';
import type { MeDto, ReportRow } from '../../../lib/types';
import './org.css';
import '../../../components/readiness.css';
import '../../../components/summary-item.css';

export const metadata: Metadata = { title: 'Organisation · Leadtrack' };

const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? v[0] : v) ?? '';

/** `any`: at least one signal; a code: that signal. */
type SignalFilter = '' | 'any' | (typeof SIGNAL_CODES)[number];

function orgHref(params: { managerId?: string; status?: string; signal?: string }): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `/org?${s}` : '/org';
}

const TOTAL_NOTES: Record<OrgStatus, string> = {
  ready: 'reached the threshold',
  consistent: 'on a streak, not yet ready',
  atRisk: 'would lose a streak if this week ends as it is',
  building: 'no streak yet',
};

function Message({ children }: { children: ReactNode }) {
  return (
    <>
      <h1>Organisation</h1>
      <div className="empty-state panel">{children}</div>
    </>
  );
}

/** The person's page where the caller may open it: their direct manager's or an admin's. */
function hrefFor(me: MeDto) {
  return (r: ReportRow) =>
    me.role === 'admin' || r.user.managerId === me.id ? `/team/${r.user.id}` : null;
}

export default async function OrgPage({ searchParams }: QueryPageProps) {
  const me = await requireMe();
  const sp = await searchParams;
  if (me.role === 'engineer') {
    return (
      <Message>
        <p>The organisation view is for managers of managers and admins: nobody reports to you.</p>
      </Message>
    );
  }
  const managerId = one(sp.managerId);
  const statusParam = one(sp.status);
  const status = (ORG_STATUSES as readonly string[]).includes(statusParam)
    ? (statusParam as OrgStatus)
    : '';
  const signalParam = one(sp.signal);
  const signal: SignalFilter =
    signalParam === 'any' || (SIGNAL_CODES as readonly string[]).includes(signalParam)
      ? (signalParam as SignalFilter)
      : '';
  const [org, policy] = await Promise.all([orgApi.org({ managerId }), loadPolicy()]);
  if (!org.ok) {
    // Unknown, not under the caller, or not an id at all: the same 404 as the API's.
    if (org.status === 404 || org.status === 400) notFound();
    throw new Error(org.problem.detail || 'Could not load the organisation.');
  }
  const { totals, groups } = org.data;
  const everyone = groups.reduce((n, g) => n + g.reports.length, 0);
  const matches = (r: ReportRow) =>
    (!status || orgStatusOf(r.current) === status) &&
    (!signal ||
      (signal === 'any' ? r.signals.length > 0 : r.signals.some((s) => s.code === signal)));
  const shown = groups
    .map((g) => ({ ...g, rows: g.reports.filter(matches) }))
    .filter((g) => g.rows.length > 0);
  const shownCount = shown.reduce((n, g) => n + g.rows.length, 0);
  const filtered = Boolean(status || signal);
  const root = managerId
    ? groups.find((g) => g.manager?.id === managerId)?.manager?.name
    : undefined;
  const linkOf = hrefFor(me);
  // Whose organisation this is: a group's "only theirs" link is not offered for it.
  const rootId = managerId || (me.role === 'admin' ? null : me.id);

  return (
    <>
      <h1>Organisation</h1>
      <p className="muted">
        {managerId
          ? `Everyone under ${root ?? 'this person'}, grouped by their manager.`
          : me.role === 'admin'
            ? 'Everyone, grouped by their manager: the people without a manager first.'
            : 'Everyone under you, grouped by their manager.'}{' '}
        {managerId ? <Link href="/org">Back to the whole organisation</Link> : null}
      </p>
      {everyone === 0 ? (
        <div className="empty-state panel">
          <p>
            <strong>Nobody here yet.</strong> Once people report to{' '}
            {managerId ? 'this person' : 'you'}, this page shows where each stands and who needs a
            conversation.
          </p>
        </div>
      ) : (
        <>
          <dl className="summary team-summary" aria-label="Totals">
            {ORG_STATUSES.map((s) => (
              <SummaryItem key={s} term={ORG_STATUS_WORDS[s]}>
                <span className="big">{totals[s]}</span> {TOTAL_NOTES[s]}
                {totals[s] > 0 && status !== s ? (
                  <Link className="small block" href={orgHref({ managerId, status: s, signal })}>
                    {/* The visible words start the accessible name (WCAG 2.5.3). */}
                    Show only these
                    <span className="sr-only"> ({ORG_STATUS_WORDS[s].toLowerCase()})</span>
                  </Link>
                ) : null}
              </SummaryItem>
            ))}
          </dl>

          <form className="filters" method="get" action="/org" aria-label="Filter people">
            {managerId ? <input type="hidden" name="managerId" value={managerId} /> : null}
            <SelectField id="f-status" name="status" label="Status" defaultValue={status}>
              <option value="">All statuses</option>
              {ORG_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {ORG_STATUS_WORDS[s]}
                </option>
              ))}
            </SelectField>
            <SelectField id="f-signal" name="signal" label="Signal" defaultValue={signal}>
              <option value="">Any or none</option>
              <option value="any">Any signal</option>
              {SIGNAL_CODES.map((code) => (
                <option key={code} value={code}>
                  {signalTitle(code)}
                </option>
              ))}
            </SelectField>
            <div className="filter-buttons">
              <button type="submit" className="button">
                Filter
              </button>
              {filtered ? (
                <Link href={orgHref({ managerId })} className="button ghost">
                  Clear
                </Link>
              ) : null}
            </div>
          </form>

          <p className="muted" aria-live="polite">
            {filtered
              ? `Showing ${shownCount} of ${plural(everyone, 'person', 'people')}, in ${plural(shown.length, 'group')}.`
              : `${plural(everyone, 'person', 'people')} in ${plural(groups.length, 'group')}.`}
          </p>
          {shown.length === 0 ? (
            <div className="empty-state panel">
              <p>Nobody matches these filters.</p>
            </div>
          ) : (
            shown.map((g) => {
              const name = g.manager?.name ?? 'No manager';
              const id = g.manager?.id ?? 'none';
              const mine = g.manager?.id === me.id;
              return (
                <details className="org-group" open key={id}>
                  <summary>
                    <h2 className="org-group-title">
                      {g.manager ? `${name}'s reports` : 'Without a manager'}
                    </h2>
                    <span className="muted">
                      {filtered
                        ? `${g.rows.length} of ${g.reports.length}`
                        : plural(g.reports.length, 'person', 'people')}
                    </span>
                  </summary>
                  <div className="org-group-body">
                    {g.manager && !mine && me.role !== 'admin' ? (
                      <p className="muted small">
                        Their own pages are for {name}, their manager, and admins.
                      </p>
                    ) : null}
                    <ReportTable
                      rows={g.rows}
                      threshold={policy.thresholdWeeks}
                      hrefOf={linkOf}
                      badge="org"
                      personHeading="Person"
                      caption={g.manager ? `${name}'s reports` : 'People without a manager'}
                    />
                    {g.manager && g.manager.id !== rootId ? (
                      <p className="small">
                        <Link href={orgHref({ managerId: g.manager.id, status, signal })}>
                          Only {name}'s organisation
                        </Link>
                      </p>
                    ) : null}
                  </div>
                </details>
              );
            })
          )}
        </>
      )}
    </>
  );
}
