import { randomUUID } from 'node:crypto';
import { todayUtc } from '@leadtrack/core';
import Link from 'next/link';
import { EvidenceItem } from '../../components/evidence-item';
import { QuickLog } from '../../components/quick-log';
import { SignalList } from '../../components/readiness';
import { Timeline } from '../../components/timeline';
import { api, load, requireMe } from '../../lib/api';
import { kindOrder, longDate } from '../../lib/format';
import type { EvidencePage, Feedback, ReadinessDto } from '../../lib/types';

export default async function Home({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const me = await requireMe();
  const [readiness, recent, feedback] = await Promise.all([
    load<ReadinessDto>('/users/me/readiness'),
    load<EvidencePage>('/evidence', { query: { limit: 3 } }),
    api<{ items: Feedback[] }>(`/users/${me.id}/feedback`),
  ]);
  const feedbackItems = feedback.ok ? feedback.data.items : [];
  return (
    <>
      <div className="page-head">
        <h1>Readiness</h1>
        <Link href="/evidence/new" className="button primary">
          Log evidence
        </Link>
      </div>
      {typeof sp.logged === 'string' ? (
        <p className="flash" role="status">
          Logged. It counts toward this week.
        </p>
      ) : null}
      <Timeline readiness={readiness} />
      <div className="columns">
        <section aria-labelledby="signals-h" className="panel">
          <h2 id="signals-h">Signals</h2>
          <SignalList signals={readiness.signals} />
        </section>
        <section aria-labelledby="feedback-h" className="panel">
          <h2 id="feedback-h">Feedback from your manager</h2>
          {feedbackItems.length === 0 ? (
            <p className="empty">No feedback yet.</p>
          ) : (
            <ul className="feedback-list">
              {feedbackItems.slice(0, 5).map((f) => (
                <li key={f.id}>
                  <blockquote>{f.body}</blockquote>
                  <p className="muted small">
                    {f.author.name}, {longDate(f.createdAt)}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <div className="columns">
        <section aria-labelledby="quick-h" className="panel">
          <h2 id="quick-h">Log this week</h2>
          <QuickLog
            today={todayUtc()}
            kinds={kindOrder(readiness.policy.requiredKinds)}
            idempotencyKey={randomUUID()}
          />
        </section>
        <section aria-labelledby="recent-h" className="panel">
          <div className="section-head">
            <h2 id="recent-h">Latest evidence</h2>
            <Link href="/evidence">All evidence</Link>
          </div>
          {recent.items.length === 0 ? (
            <p className="empty">
              Nothing logged yet. <Link href="/evidence/new">Log your first piece of evidence</Link>
              .
            </p>
          ) : (
            <div className="entries">
              {recent.items.map((e) => (
                <EvidenceItem key={e.id} entry={e} />
              ))}
            </div>
          )}
        </section>
      </div>
    </>
  );
}
