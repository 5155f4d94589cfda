import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DateText } from '../../../../components/date-text';
import { EvidenceItem } from '../../../../components/evidence-item';
import { SignalList } from '../../../../components/readiness';
import { Timeline } from '../../../../components/timeline';
import { load, loadOrNull, requireMe } from '../../../../lib/api';
import { plural } from '../../../../lib/format';
import type { Checkin, EvidencePage, Feedback, ReadinessDto, User } from '../../../../lib/types';
import { acknowledgeEvidence } from '../../../actions/evidence';
import { FeedbackForm } from './feedback-form';

export const metadata: Metadata = { title: 'Report · Leadtrack' };

export default async function ReportPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const sp = await searchParams;
  const me = await requireMe();
  const user = await loadOrNull<User>(`/users/${encodeURIComponent(id)}`);
  if (!user || user.id === me.id) notFound();
  const [readiness, evidence, feedback, checkins] = await Promise.all([
    load<ReadinessDto>(`/users/${user.id}/readiness`),
    load<EvidencePage>('/evidence', {
      query: {
        userId: user.id,
        limit: 20,
        cursor: typeof sp.cursor === 'string' ? sp.cursor : undefined,
      },
    }),
    load<{ items: Feedback[] }>(`/users/${user.id}/feedback`),
    load<{ items: Checkin[] }>('/checkins', { query: { userId: user.id } }),
  ]);
  const recentCheckins = [...checkins.items]
    .sort((a, b) => b.weekStart.localeCompare(a.weekStart))
    .slice(0, 6);
  const first = user.name.split(' ')[0] ?? user.name;
  return (
    <>
      <p className="crumbs">
        <Link href="/team">Team</Link> <span aria-hidden="true">/</span> {user.name}
      </p>
      <div className="page-head">
        <h1>{user.name}</h1>
        <Link href={`/packet?userId=${user.id}`} className="button">
          Promotion packet
        </Link>
      </div>
      {typeof sp.acknowledged === 'string' ? (
        <p className="flash" role="status">
          Entry acknowledged.
        </p>
      ) : null}
      {typeof sp.error === 'string' ? (
        <p className="form-alert" role="alert">
          That did not work. Reload and try again.
        </p>
      ) : null}
      <Timeline readiness={readiness} who={first} />
      <div className="columns">
        <section className="panel" aria-labelledby="signals-h">
          <h2 id="signals-h">Signals</h2>
          <SignalList signals={readiness.signals} who={first} />
        </section>
        <section className="panel" aria-labelledby="feedback-h">
          <h2 id="feedback-h">Feedback</h2>
          <FeedbackForm userId={user.id} name={first} />
          {feedback.items.length > 0 ? (
            <ul className="feedback-list">
              {feedback.items.map((f) => (
                <li key={f.id}>
                  <blockquote>{f.body}</blockquote>
                  <p className="muted small">
                    {f.author.name}, <DateText iso={f.createdAt} />
                  </p>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      </div>
      <section className="panel" aria-labelledby="checkins-h">
        <h2 id="checkins-h">Recent check-ins</h2>
        {recentCheckins.length === 0 ? (
          <p className="empty">{first} has not checked in yet.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Week of</th>
                  <th scope="col">Hands-on</th>
                  <th scope="col">Deep work</th>
                  <th scope="col">Note</th>
                </tr>
              </thead>
              <tbody>
                {recentCheckins.map((c) => (
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
                    <td>{c.note ?? <span className="muted">—</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="panel" aria-labelledby="evidence-h">
        <h2 id="evidence-h">Evidence</h2>
        {evidence.items.length === 0 ? (
          <p className="empty">{first} has not logged any evidence yet.</p>
        ) : (
          <div className="entries">
            {evidence.items.map((entry) => {
              const mine = entry.acknowledgements.some((a) => a.by.id === me.id);
              return (
                <EvidenceItem
                  key={entry.id}
                  entry={entry}
                  actions={
                    mine ? null : (
                      <form action={acknowledgeEvidence} className="ack-form">
                        <input type="hidden" name="id" value={entry.id} />
                        <input type="hidden" name="userId" value={user.id} />
                        <label htmlFor={`ack-comment-${entry.id}`} className="sr-only">
                          Comment on “{entry.title}” (optional)
                        </label>
                        <input
                          id={`ack-comment-${entry.id}`}
                          name="comment"
                          placeholder="Optional comment"
                          maxLength={500}
                        />
                        <button
                          type="submit"
                          className="button small primary"
                          aria-label={`Acknowledge “${entry.title}”`}
                        >
                          Acknowledge
                        </button>
                      </form>
                    )
                  }
                />
              );
            })}
          </div>
        )}
        <nav className="pager" aria-label="Evidence pages">
          {typeof sp.cursor === 'string' ? <Link href={`/team/${user.id}`}>Newest</Link> : <span />}
          {evidence.nextCursor ? (
            <Link
              href={`/team/${user.id}?cursor=${encodeURIComponent(evidence.nextCursor)}#evidence-h`}
            >
              Older entries
            </Link>
          ) : (
            <span />
          )}
        </nav>
      </section>
    </>
  );
}
