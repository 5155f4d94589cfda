import { EVIDENCE_LIMITS } from '@leadtrack/schemas';
import type { Metadata } from 'next';
import Link from 'next/link';
import { agreementState } from '../../../../components/agreement-view';
import { CheckinTable } from '../../../../components/checkin-cells';
import { DateText } from '../../../../components/date-text';
import { EvidenceItem } from '../../../../components/evidence-item';
import { FeedbackList } from '../../../../components/feedback-list';
import { FormAlert } from '../../../../components/field';
import { FitChart } from '../../../../components/fit-chart';
import { Flash } from '../../../../components/flash';
import { Pager } from '../../../../components/pager';
import { PendingButton } from '../../../../components/pending-button';
import { PersonHead } from '../../../../components/person-head';
import { SignalList } from '../../../../components/readiness';
import { RoleProfile } from '../../../../components/role-profile';
import { Timeline } from '../../../../components/timeline';
import {
  checkinsApi,
  evidenceApi,
  load,
  loadReadiness,
  loadRoleProfile,
  usersApi,
} from '../../../../lib/api';
import { KIND_INFO, plural } from '../../../../lib/format';
import {
  kindParam,
  loadPerson,
  oneParam,
  type RecordPageProps,
  readRecordPage,
} from '../../../../lib/record-page';
import { loadWeekTitles } from '../../../../lib/week-titles';
import { acknowledgeMany } from '../../../actions/acknowledge';
import { acknowledgeEvidence } from '../../../actions/evidence';
import { FeedbackForm } from './feedback-form';
import './report.css';
import '../../../../components/evidence-item.css';
import '../../../../components/summary-item.css';
import '../../../../components/table-head.css';

export const metadata: Metadata = { title: 'Report · Leadtrack' };

export default async function ReportPage(props: RecordPageProps) {
  const { sp, me, user } = await readRecordPage(props, loadPerson);
  const one = oneParam;
  const from = one(sp.from);
  const to = one(sp.to);
  // A heatmap cell opens one behaviour's entries of its week.
  const kind = kindParam(sp.kind);
  const cursor = one(sp.cursor);
  // "Unacknowledged": the API lists by date only, so this page filters a larger page.
  const unacknowledged = sp.unacknowledged === '1';
  const [readiness, evidence, feedback, checkins, agreement, profile, reflections] =
    await Promise.all([
      loadReadiness(user.id),
      load(
        evidenceApi.list({
          userId: user.id,
          limit: unacknowledged ? 100 : 20,
          cursor,
          kind,
          from,
          to,
        }),
      ),
      load(usersApi.feedback(user.id)),
      load(checkinsApi.list({ userId: user.id })),
      usersApi.agreement(user.id),
      loadRoleProfile(user.id),
      // The reflections the report shared with their manager (an admin who is not: 404, none).
      usersApi.reflections(user.id),
    ]);
  const shared = reflections.ok ? reflections.data.items : [];
  const titles = await loadWeekTitles(user.id, readiness.weeks[0]?.weekStart);
  const shown = unacknowledged
    ? evidence.items.filter(
        // Waiting for this manager: no current acknowledgement of theirs (as GET /me/agenda).
        (e) => !e.acknowledgements.some((a) => a.by.id === me.id && a.current),
      )
    : evidence.items;
  const filterQuery = new URLSearchParams(
    Object.entries({ kind, from, to, unacknowledged: unacknowledged ? '1' : undefined }).filter(
      (kv): kv is [string, string] => Boolean(kv[1]),
    ),
  );
  const bulk = one(sp.bulk);
  const [bulkDone, bulkAsked] = (bulk ?? '').split('-').map(Number);
  const recentCheckins = [...checkins.items]
    .sort((a, b) => b.weekStart.localeCompare(a.weekStart))
    .slice(0, 6);
  const first = user.name.split(' ')[0] ?? user.name;
  return (
    <>
      <PersonHead back={{ href: '/team', label: 'Team' }} person={user} />
      {user.deactivatedAt ? (
        <p>
          <span className="status status-building">Deactivated</span> {first} has left: their record
          stays readable for you and admins.
        </p>
      ) : null}
      {typeof sp.acknowledged === 'string' ? <Flash>Entry acknowledged.</Flash> : null}
      {bulk === 'none' ? (
        <FormAlert>Tick the entries to acknowledge first.</FormAlert>
      ) : bulk ? (
        <p className={bulkDone === bulkAsked ? 'flash' : 'form-alert'} role="status">
          {bulkDone === bulkAsked
            ? `Acknowledged ${plural(bulkDone ?? 0, 'entry', 'entries')}.`
            : `Acknowledged ${bulkDone} of ${plural(bulkAsked ?? 0, 'entry', 'entries')}; reload and try the rest again.`}
        </p>
      ) : null}
      {typeof sp.error === 'string' ? (
        <FormAlert>That did not work. Reload and try again.</FormAlert>
      ) : null}
      <Timeline readiness={readiness} who={first} titles={titles} weekHref={`/team/${user.id}`} />
      <div className="columns">
        <section className="panel" aria-labelledby="signals-h">
          <h2 id="signals-h">Signals</h2>
          <SignalList signals={readiness.signals} who={first} audience="manager" />
        </section>
        <section className="panel" aria-labelledby="agreement-h">
          <h2 id="agreement-h">Working agreement</h2>
          {agreement.ok ? (
            <>
              <p>
                <span
                  className={`status ${agreement.data.confirmed ? 'status-ready' : 'status-building'}`}
                >
                  {agreement.data.confirmed ? 'Confirmed' : 'Not confirmed'}
                </span>{' '}
                {agreementState(agreement.data, 'manager', first)}
              </p>
              <p>
                <Link href={`/team/${user.id}/agreement`}>Open the working agreement</Link>
              </p>
            </>
          ) : (
            <p className="empty">The working agreement could not be loaded.</p>
          )}
        </section>
        <section className="panel" aria-labelledby="feedback-h">
          <h2 id="feedback-h">Feedback</h2>
          <FeedbackForm userId={user.id} name={first} />
          {feedback.items.length > 0 ? <FeedbackList items={feedback.items} /> : null}
        </section>
      </div>
      <section className="panel" aria-labelledby="checkins-h">
        <h2 id="checkins-h">Recent check-ins</h2>
        {recentCheckins.length === 0 ? (
          <p className="empty">{first} has not checked in yet.</p>
        ) : (
          <div className="table-wrap">
            <CheckinTable checkins={recentCheckins} notes />
          </div>
        )}
      </section>
      {profile ? <RoleProfile profile={profile} who={first} /> : null}
      {shared.length > 0 ? (
        <section className="panel" aria-labelledby="reflections-h" id="reflections">
          <h2 id="reflections-h">Fit reflections {first} shared with you</h2>
          <FitChart
            points={[...shared]
              .reverse()
              .map((r) => ({ weekStart: r.weekStart, fitScore: r.fitScore }))}
          />
          <ul className="reflection-notes">
            {shared.map((r) => (
              <li key={r.weekStart}>
                Week of <DateText iso={r.weekStart} />: fit score <strong>{r.fitScore}</strong>
                {r.note ? <span className="block">{r.note}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="panel" aria-labelledby="evidence-h">
        <h2 id="evidence-h">Evidence</h2>
        <nav className="filters-row" aria-label="Evidence filters">
          {unacknowledged ? (
            <Link href={`/team/${user.id}#evidence-h`}>All entries</Link>
          ) : (
            <strong aria-current="true">All entries</strong>
          )}{' '}
          ·{' '}
          {unacknowledged ? (
            <strong aria-current="true">Unacknowledged</strong>
          ) : (
            <Link href={`/team/${user.id}?unacknowledged=1#evidence-h`}>Unacknowledged</Link>
          )}
          {from || to ? (
            <>
              {' '}
              · Week of <DateText iso={from ?? to ?? ''} />
              {kind ? `, ${KIND_INFO[kind].label} only` : ''}{' '}
              <Link href={`/team/${user.id}#evidence-h`}>Clear the week</Link>
            </>
          ) : null}
        </nav>
        {shown.some((e) => !e.acknowledgements.some((a) => a.by.id === me.id && a.current)) ? (
          <form action={acknowledgeMany} id="bulk-ack" className="bulk-ack">
            <input type="hidden" name="userId" value={user.id} />
            <input type="hidden" name="back" value={filterQuery.toString()} />
            <PendingButton className="button primary small">
              Acknowledge the ticked entries
            </PendingButton>
            <span className="muted small">
              Tick entries below, then acknowledge them together (no comment).
            </span>
          </form>
        ) : null}
        {shown.length === 0 ? (
          <p className="empty">
            {unacknowledged
              ? `Nothing waiting: every entry of ${first}'s ${evidence.nextCursor ? 'latest 100 ' : ''}is acknowledged.`
              : from || to
                ? `${first} logged nothing${kind ? ` showing ${KIND_INFO[kind].label}` : ''} that week.`
                : `${first} has not logged any evidence yet.`}
          </p>
        ) : (
          <div className="entries">
            {shown.map((entry) => {
              // One given on an earlier version asks for a new look: the form shows again.
              const mine = entry.acknowledgements.some((a) => a.by.id === me.id && a.current);
              return (
                <EvidenceItem
                  key={entry.id}
                  entry={entry}
                  actions={
                    mine ? null : (
                      <>
                        <label className="check bulk-pick">
                          <input type="checkbox" name="ids" value={entry.id} form="bulk-ack" />{' '}
                          Select<span className="sr-only"> “{entry.title}” to acknowledge</span>
                        </label>
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
                            maxLength={EVIDENCE_LIMITS.commentMax}
                          />
                          <PendingButton
                            className="button small primary"
                            aria-label={`Acknowledge “${entry.title}”`}
                          >
                            Acknowledge
                          </PendingButton>
                        </form>
                      </>
                    )
                  }
                />
              );
            })}
          </div>
        )}
        <Pager
          label="Evidence pages"
          newer={
            cursor ? { href: `/team/${user.id}?${filterQuery}#evidence-h`, text: 'Newest' } : null
          }
          older={
            evidence.nextCursor
              ? {
                  href: `/team/${user.id}?${filterQuery}${filterQuery.size > 0 ? '&' : ''}cursor=${encodeURIComponent(evidence.nextCursor)}#evidence-h`,
                  text: 'Older entries',
                }
              : null
          }
        />
      </section>
    </>
  );
}
