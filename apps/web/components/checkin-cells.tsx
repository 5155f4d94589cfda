// Recent check-ins as a table: the week, hands-on share and deep-work blocks ("On leave"
// spans the two figures), and on a report's page the note too.
import { plural } from '../lib/format';
import type { Checkin } from '../lib/types';
import { DateText } from './date-text';
import './table-head.css';

export function CheckinTable({ checkins, notes }: { checkins: Checkin[]; notes?: boolean }) {
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Week of</th>
          <th scope="col">Hands-on</th>
          <th scope="col">Deep work</th>
          {notes ? <th scope="col">Note</th> : null}
        </tr>
      </thead>
      <tbody>
        {checkins.map((c) => (
          <tr key={c.weekStart}>
            <td>
              <DateText iso={c.weekStart} />
            </td>
            {c.onLeave ? (
              <td colSpan={2}>On leave</td>
            ) : (
              <>
                <td>{c.handsOnPercent}%</td>
                <td>{plural(c.deepWorkBlocks, 'block')}</td>
              </>
            )}
            {notes ? <td>{c.note ?? <span className="muted">—</span>}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
