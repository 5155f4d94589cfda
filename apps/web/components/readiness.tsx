// The current status in words and numbers, and the signals with what to do about them.
import { orgStatusOf } from '@leadtrack/core';
import { formatDate, ORG_STATUS_WORDS, plural, signalTitle, statusWord } from '../lib/format';
import type { CurrentDto, PolicyDto, SignalDto } from '../lib/types';
import { DateText } from './date-text';
import { SummaryItem } from './summary-item';
import './readiness.css';
import './summary-item.css';

export function StatusBadge({
  current,
}: {
  current: Pick<CurrentDto, 'ready' | 'consistent' | 'pending' | 'streak'>;
}) {
  const word = statusWord(current);
  return <span className={`status status-${word.toLowerCase()}`}>{word}</span>;
}

/** The organisation view's four statuses (core's orgStatusOf): "At risk" apart from Consistent. */
export function OrgStatusBadge({
  current,
}: {
  current: Pick<CurrentDto, 'ready' | 'pending' | 'streak'>;
}) {
  const status = orgStatusOf(current);
  return <span className={`status status-${status}`}>{ORG_STATUS_WORDS[status]}</span>;
}

const STATUS_EXPLAINED = {
  Building: 'Not every required behaviour shows up in the current window yet.',
  Consistent: 'Every required behaviour shows up in the current window. Keep the streak going.',
  Ready: 'The streak has reached the threshold: the conversation about the title is reasonable.',
} as const;

export function ReadinessSummary({ current, policy }: { current: CurrentDto; policy: PolicyDto }) {
  // Rule 8: a week in progress carries the status of the week before (statusWord).
  const carried = current.pending && current.streak > 0;
  const word = statusWord(current);
  const threshold = policy.thresholdWeeks;
  const left = Math.max(0, threshold - current.streak);
  return (
    <dl className="summary">
      <SummaryItem term="Status">
        <StatusBadge current={current} />
        <span className="muted small block">
          {carried
            ? 'Carried from last week while this week is in progress (it ends on Sunday).'
            : STATUS_EXPLAINED[word]}
        </span>
      </SummaryItem>
      <SummaryItem term="Current streak">
        {/* Rule 8: a pending week carries the streak; it is never shown as "0 of N". */}
        {current.pending ? (
          current.streak > 0 ? (
            <>
              <span className="big">{current.streak}</span>{' '}
              {current.streak === 1 ? 'week' : 'weeks'} and counting
            </>
          ) : (
            <span className="big-date">This week is in progress</span>
          )
        ) : (
          <>
            <span className="big">{current.streak}</span> of {plural(threshold, 'week')}
          </>
        )}
        <span className="muted small block">
          {current.ready
            ? `Ready since the week of ${formatDate(current.readySince)}.`
            : current.pending
              ? `This week counts once it is consistent; ${plural(Math.max(0, left - 1), 'more consistent week')} after it to reach ${threshold}.`
              : `${plural(left, 'consistent week')} to go.`}
        </span>
        <progress
          max={threshold}
          value={Math.min(current.streak, threshold)}
          aria-label="Streak toward the threshold"
        >
          {current.streak} of {threshold}
        </progress>
      </SummaryItem>
      <SummaryItem term={current.ready ? 'Ready since' : 'Projected ready date'}>
        <span className="big-date">
          {current.ready ? (
            <DateText iso={current.readySince} />
          ) : current.projectedReadyOn ? (
            <DateText iso={current.projectedReadyOn} />
          ) : (
            'Not yet projected'
          )}
        </span>
        <span className="muted small block">
          {current.ready
            ? 'The streak is at or above the threshold.'
            : current.projectedReadyOn
              ? current.pending
                ? `If this week and every week after it become consistent (leave weeks don't count).`
                : `If every week stays consistent (leave weeks don't count).`
              : 'A date appears once the current week is consistent.'}
        </span>
      </SummaryItem>
    </dl>
  );
}

export function SignalList({
  signals,
  who = 'you',
  audience = 'engineer',
}: {
  signals: SignalDto[];
  who?: string;
  /** `manager`: the wording for the person who has the conversation (managerMessage). */
  audience?: 'engineer' | 'manager';
}) {
  if (signals.length === 0) {
    return (
      <p className="empty">
        No warning signs for {who}: deep work, hands-on balance, mentoring and logging all look
        healthy.
      </p>
    );
  }
  return (
    <ul className="signals">
      {signals.map((s) => (
        <li key={s.code} className="signal">
          <strong>{signalTitle(s.code)}</strong>
          <span>{audience === 'manager' ? s.managerMessage : s.message}</span>
        </li>
      ))}
    </ul>
  );
}

export function MissingKinds({
  kinds,
  labels,
}: {
  kinds: string[];
  labels: (k: string) => string;
}) {
  if (kinds.length === 0) return null;
  return <p className="muted">Missing from the current window: {kinds.map(labels).join(', ')}.</p>;
}

export type { PolicyDto };
