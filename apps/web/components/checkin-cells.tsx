// A check-in's week, hands-on share and deep-work blocks as table cells ("On leave" spans
// the two figures), for the check-in page's and a report's tables.
import { plural } from '../lib/format';
import type { Checkin } from '../lib/types';
import { DateText } from './date-text';

/** The header cells over CheckinCells. */
export function CheckinHeadCells() {
  return (
    <>
      <th scope="col">Week of</th>
      <th scope="col">Hands-on</th>
      <th scope="col">Deep work</th>
    </>
  );
}

export function CheckinCells({ checkin: c }: { checkin: Checkin }) {
  return (
    <>
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
    </>
  );
}
