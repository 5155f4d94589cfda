import { randomUUID } from 'node:crypto';
import Link from 'next/link';
import { Agenda } from '../../components/agenda';
import { EvidenceItem } from '../../components/evidence-item';
import { FeedbackList } from '../../components/feedback-list';
import {
  checklistOpen,
  FirstRunChecklist,
  isFirstRun,
  policyReviewed,
} from '../../components/first-run';
import { QuickLog } from '../../components/quick-log';
import { SignalList } from '../../components/readiness';
import { RoleProfile } from '../../components/role-profile';
import { Timeline } from '../../components/timeline';
import {
  evidenceApi,
  load,
  loadReadiness,
  loadRoleProfile,
  meApi,
  myToday,
  requireMe,
  usersApi,
} from '../../lib/api';
import { kindOrder } from '../../lib/format';
import type { QueryPageProps } from '../../lib/page-props';
import { loadWeekTitles } from '../../lib/week-titles';
import './home.css';
import '../../components/evidence-item.css';

export default async function Home({ searchParams }: QueryPageProps) {
  const sp = await searchParams;
  const me = await requireMe();
  const [agendaRes, readiness, recent, feedback, people] = await Promise.all([
    meApi.agenda(),
    loadReadiness('me'),
    load(evidenceApi.list({ limit: 3 })),
    usersApi.feedback(me.id),
    // Only an admin sees everyone, which is what tells a fresh instance apart.
    me.role === 'admin' ? usersApi.list() : null,
  ]);
  const [titles, profile] = await Promise.all([
    loadWeekTitles(me.id, readiness.weeks[0]?.weekStart),
    loadRoleProfile(me.id),
  ]);
  const feedbackItems = feedback.ok ? feedback.data.items : [];
  const everyone = people?.ok ? people.data.items : null;
  const firstRun = everyone !== null && isFirstRun(everyone);
  // The checklist stays until every step is done, the policy's review included.
  const reviewed = everyone !== null && (await policyReviewed());
  const checklist = everyone !== null && checklistOpen(everyone, me, reviewed);
  const nothingYet = readiness.weeks.length === 0;
  const agenda = agendaRes.ok ? agendaRes.data : null;
  // A manager or admin leads with what waits for them; their own readiness follows only
  // when they work toward a role themselves (they have logged something). An engineer's
  // own items come after the quick log, which stays first on a phone.
  const leads = me.role !== 'engineer';
  const ownReadiness = !leads || !nothingYet || firstRun;
  const agendaPanel =
    agenda && (leads || agenda.items.length > 0) ? (
      <Agenda
        agenda={agenda}
        meId={me.id}
        notice={
          sp.acknowledged
            ? 'Acknowledged: it has left your list.'
            : sp.error === 'acknowledge'
              ? 'Could not acknowledge that entry: open it on the report’s page.'
              : null
        }
      />
    ) : null;

  // On a phone the quick log moves up to the heading (home-quick), except for someone the
  // page leads with what waits for them: theirs stays after the agenda.
  const quickLog = (
    <section aria-labelledby="quick-h" className={leads ? 'panel' : 'panel home-quick'}>
      <h2 id="quick-h">Log this week</h2>
      <QuickLog
        today={await myToday()}
        kinds={kindOrder(readiness.policy.requiredKinds)}
        idempotencyKey={randomUUID()}
      />
    </section>
  );

  return (
    <div className="home">
      <div className="page-head home-head">
        <h1>{firstRun && nothingYet ? 'Getting started' : 'Readiness'}</h1>
        <Link href="/evidence/new" className="button primary">
          Log evidence
        </Link>
      </div>
      {typeof sp.logged === 'string' ? (
        <p className="flash home-head" role="status">
          Logged. It counts toward this week.
        </p>
      ) : null}
      {checklist && everyone ? (
        <FirstRunChecklist people={everyone} me={me} reviewed={reviewed} />
      ) : null}
      {leads ? agendaPanel : null}
      {!ownReadiness ? null : nothingYet ? (
        <section className="panel empty-state" aria-labelledby="start-h">
          <h2 id="start-h">Your readiness starts with one entry</h2>
          <p>
            Log a piece of work that showed a lead behaviour (a review, a proposal, some mentoring)
            with <strong>Log this week</strong> below, and check in once a week. The heatmap, your
            streak toward {readiness.policy.thresholdWeeks} consistent weeks and the projected date
            appear from your first week on.
          </p>
          <p>
            <Link href="/evidence/new">Log with more detail</Link> ·{' '}
            <Link href="/checkin">Check in for this week</Link>
          </p>
        </section>
      ) : (
        <div className="home-readiness">
          <Timeline readiness={readiness} titles={titles} weekHref="/evidence" />
          <div className="columns">
            <section aria-labelledby="signals-h" className="panel">
              <h2 id="signals-h">Signals</h2>
              <SignalList signals={readiness.signals} />
            </section>
            <section aria-labelledby="feedback-h" className="panel">
              <h2 id="feedback-h">Feedback from your manager</h2>
              {feedbackItems.length === 0 ? (
                <p className="empty">
                  No feedback yet. It appears here when your manager writes some on your page.
                </p>
              ) : (
                <FeedbackList items={feedbackItems.slice(0, 5)} />
              )}
            </section>
          </div>
          {profile ? <RoleProfile profile={profile} /> : null}
        </div>
      )}
      <div className="columns home-log">
        {quickLog}
        <section aria-labelledby="recent-h" className="panel">
          <div className="section-head">
            <h2 id="recent-h">Latest evidence</h2>
            <Link href="/evidence">All evidence</Link>
          </div>
          {recent.items.length === 0 ? (
            <p className="empty">
              Nothing logged yet: use <a href="#quick-h">Log this week</a>, or{' '}
              <Link href="/evidence/new">log your first entry with more detail</Link>.
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
      {leads ? null : agendaPanel}
    </div>
  );
}
