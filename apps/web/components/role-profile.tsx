// The role profile: the seed's senior-IC-versus-tech-lead table held against the last
// non-leave weeks, each row with its verdict in words.
import type { RoleProfileDto } from '@leadtrack/schemas';
import { formatDate, plural } from '../lib/format';
import { SummaryItem } from './summary-item';
import { TableHead } from './table-head';
import './role-profile.css';
import './summary-item.css';
import './table-head.css';

const LEANING: Record<string, string> = {
  'tech-lead': 'Like a tech lead',
  'senior-ic': 'Like a senior IC',
  neither: 'Neither yet',
  unknown: 'Not enough data',
};

export function RoleProfile({ profile, who }: { profile: RoleProfileDto; who?: string }) {
  const { handsOn, deepWork } = profile;
  return (
    <section className="panel role-profile" aria-labelledby="profile-h">
      <h2 id="profile-h">Role profile</h2>
      {profile.weeks === 0 ? (
        <p className="empty">
          The profile appears after the first week of evidence or check-ins: it compares{' '}
          {who ? `${who}'s` : 'your'} weeks with how a senior IC and a tech lead spend theirs.
        </p>
      ) : (
        <>
          <p className="muted small">
            {who ? `${who}'s` : 'Your'} last {plural(profile.weeks, 'non-leave week')} (
            {formatDate(profile.from)} to {formatDate(profile.to)}) against how a senior IC and a
            tech lead spend theirs. Neither column is better: it shows which role the weeks look
            like.
          </p>
          <dl className="summary profile-summary">
            <SummaryItem term="Hands-on">
              <span className="big">
                {handsOn.averagePercent === null ? '—' : `${Math.round(handsOn.averagePercent)}%`}
              </span>{' '}
              against {handsOn.band.min}-{handsOn.band.max}%
              <span className="muted small block">
                {handsOn.inBand === null
                  ? 'No check-ins yet: the share appears with the first.'
                  : handsOn.inBand
                    ? `Inside the tech lead's band (over ${plural(handsOn.checkins, 'check-in')}).`
                    : `Outside the tech lead's band (over ${plural(handsOn.checkins, 'check-in')}).`}
              </span>
            </SummaryItem>
            <SummaryItem term="Deep work">
              <span className="big">
                {deepWork.averageBlocks === null ? '—' : deepWork.averageBlocks.toFixed(1)}
              </span>{' '}
              blocks a week
              <span className="muted small block">
                {deepWork.averageBlocks === null
                  ? 'No check-ins yet.'
                  : `Average over ${plural(deepWork.checkins, 'check-in')}.`}
              </span>
            </SummaryItem>
          </dl>
          <div className="table-wrap">
            <table className="table profile-table">
              <caption className="sr-only">Role profile, dimension by dimension</caption>
              <TableHead columns={['Dimension', 'Senior IC', 'Tech lead', 'What the weeks show']} />
              <tbody>
                {profile.comparison.map((row) => (
                  <tr key={row.dimension}>
                    <th scope="row">{row.label}</th>
                    <td data-label="Senior IC">{row.seniorIc}</td>
                    <td data-label="Tech lead">{row.techLead}</td>
                    <td data-label="What the weeks show">
                      <strong className={`leaning leaning-${row.leaning}`}>
                        {LEANING[row.leaning] ?? row.leaning}
                      </strong>
                      <span className="small block">{row.verdict}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
