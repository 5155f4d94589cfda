import { addWeeks, weekStartOf } from '@leadtrack/core';
import type { Metadata } from 'next';
import { CheckinTable } from '../../../components/checkin-cells';
import { checkinsApi, load, myToday } from '../../../lib/api';
import { formatDate } from '../../../lib/format';
import type { QueryPageProps } from '../../../lib/page-props';
import { CheckinForm } from './checkin-form';

export const metadata: Metadata = { title: 'Weekly check-in · Leadtrack' };

const WEEKS_BACK = 52;

export default async function CheckinPage({ searchParams }: QueryPageProps) {
  const sp = await searchParams;
  const thisWeek = weekStartOf(await myToday());
  const oldest = addWeeks(thisWeek, -WEEKS_BACK);
  const list = await load(checkinsApi.list({ from: oldest, to: thisWeek }));
  const existing = Object.fromEntries(list.items.map((c) => [c.weekStart, c]));
  const weeks = Array.from({ length: WEEKS_BACK + 1 }, (_, i) => {
    const w = addWeeks(thisWeek, -i);
    const label =
      i === 0
        ? `This week (from ${formatDate(w)})`
        : i === 1
          ? `Last week (from ${formatDate(w)})`
          : `Week of ${formatDate(w)}`;
    return { weekStart: w, label };
  });
  const asked = typeof sp.week === 'string' ? sp.week : '';
  const initialWeek = weeks.some((w) => w.weekStart === asked) ? asked : thisWeek;
  const recent = [...list.items].sort((a, b) => b.weekStart.localeCompare(a.weekStart)).slice(0, 8);
  return (
    <>
      <h1>Weekly check-in</h1>
      <p className="muted">
        Thirty seconds a week: how hands-on you were, how much deep work you protected, and whether
        you were away.
      </p>
      <div className="columns">
        <div className="panel">
          <CheckinForm weeks={weeks} existing={existing} initialWeek={initialWeek} />
        </div>
        <section className="panel" aria-labelledby="recent-checkins">
          <h2 id="recent-checkins">Recent check-ins</h2>
          {recent.length === 0 ? (
            <p className="empty">No check-ins yet.</p>
          ) : (
            <CheckinTable checkins={recent} />
          )}
        </section>
      </div>
    </>
  );
}
