// The team and organisation views' table: one row per person with their status, streak,
// signals in the manager's wording, newest entry and (team view) the entries waiting for the
// manager's acknowledgement. On a phone each row becomes a card.
import Link from 'next/link';
import { plural, signalTitle } from '../lib/format';
import type { ReportRow } from '../lib/types';
import { DateText } from './date-text';
import { OrgStatusBadge, StatusBadge } from './readiness';
import { TableHead } from './table-head';
import './evidence-item.css';
import './readiness.css';
import './table-head.css';

export function ReportTable({
  rows,
  threshold,
  hrefOf,
  badge = 'team',
  caption,
  personHeading = 'Report',
}: {
  rows: ReportRow[];
  threshold: number;
  /** The person's page, or null when the caller may not open it (the name is then plain). */
  hrefOf: (row: ReportRow) => string | null;
  /** `org`: the organisation view's four statuses (at risk apart). */
  badge?: 'team' | 'org';
  caption?: string;
  personHeading?: string;
}) {
  // The team view counts each report's entries waiting for the manager; the org view does not.
  const waiting = rows.some((r) => r.unacknowledged !== undefined);
  return (
    <div className="table-wrap panel">
      <table className="table team-table">
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <TableHead
          columns={[
            personHeading,
            'Status',
            'Streak',
            'Signals',
            'Last entry',
            ...(waiting ? ['Unacknowledged'] : []),
          ]}
        />
        <tbody>
          {rows.map((r) => {
            const href = hrefOf(r);
            return (
              <tr key={r.user.id}>
                <th scope="row">
                  {href ? <Link href={href}>{r.user.name}</Link> : r.user.name}
                  <span className="muted small block email">{r.user.email}</span>
                </th>
                <td data-label="Status">
                  {badge === 'org' ? (
                    <OrgStatusBadge current={r.current} />
                  ) : (
                    <StatusBadge current={r.current} />
                  )}
                </td>
                <td data-label="Streak">
                  <strong>{r.current.streak}</strong> of {plural(threshold, 'week')}
                  {r.current.pending ? (
                    <span className="muted small block">
                      {r.current.streak > 0
                        ? 'carried; this week in progress'
                        : 'this week in progress'}
                    </span>
                  ) : null}
                  {r.current.projectedReadyOn && !r.current.ready ? (
                    <span className="muted small block">
                      projected <DateText iso={r.current.projectedReadyOn} />
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
                          <span className="muted small block">{s.managerMessage}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td data-label="Last entry">
                  {r.lastEvidenceOn ? (
                    <DateText iso={r.lastEvidenceOn} />
                  ) : (
                    <span className="muted">Nothing yet</span>
                  )}
                </td>
                {waiting ? (
                  <td data-label="Unacknowledged">
                    {r.unacknowledged ? (
                      href ? (
                        <Link href={`${href}?unacknowledged=1#evidence-h`}>
                          {plural(r.unacknowledged, 'entry', 'entries')} to acknowledge
                        </Link>
                      ) : (
                        plural(r.unacknowledged, 'entry', 'entries')
                      )
                    ) : (
                      <span className="muted">None</span>
                    )}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
