import { todayIn, weekStartOf } from '@leadtrack/core';
import { REFLECTION_LIMITS } from '@leadtrack/schemas';
import type { Metadata } from 'next';
import { CharCounter } from '../../../components/char-counter';
import { FormAlert } from '../../../components/field';
import { FitChart } from '../../../components/fit-chart';
import { FailedAction } from '../../../components/flash';
import { PendingButton } from '../../../components/pending-button';
import { load, reflectionsApi, requireMe, usersApi } from '../../../lib/api';
import { formatDate } from '../../../lib/format';
import type { QueryPageProps } from '../../../lib/page-props';
import { saveReflection } from '../../actions/reflection';
import '../../../components/agreement-view.css';
import '../../../components/summary-item.css';

export const metadata: Metadata = { title: 'Fit reflection · Leadtrack' };

const SCALE = [
  [1, 'Not at all'],
  [2, 'A little'],
  [3, 'Somewhat'],
  [4, 'Mostly'],
  [5, 'Very much'],
] as const;

function reading(score: number): string {
  if (score >= 65)
    return 'Your answers lean toward the tech-lead role: the parts of it that are not coding seem to give you energy.';
  if (score <= 35)
    return 'Your answers lean toward the senior IC path: deep, hands-on work suits you. That is a strong career in its own right, not a step short of one.';
  return 'Your answers sit between the two paths: notice which statements move from week to week.';
}

export default async function ReflectionPage({ searchParams }: QueryPageProps) {
  const sp = await searchParams;
  const me = await requireMe();
  const [statements, list] = await Promise.all([
    load(reflectionsApi.statements()),
    load(usersApi.reflections(me.id)),
  ]);
  // "This week" is the reader's own, in their time zone.
  const week = weekStartOf(todayIn(me.timeZone));
  const thisWeek = list.items.find((r) => r.weekStart === week) ?? null;
  const missing = typeof sp.missing === 'string' ? sp.missing.split(',') : [];
  const trend = [...list.items]
    .sort((a, b) => a.weekStart.localeCompare(b.weekStart))
    .map((r) => ({ weekStart: r.weekStart, fitScore: r.fitScore }));
  const latest = list.items[0] ?? null;
  return (
    <>
      <h1>Should you become a tech lead?</h1>
      <p className="lede">
        A weekly reflection on whether the role suits you. Being a strong senior IC is a legitimate
        endpoint: many of the best engineers choose it, and this page is here to help you choose
        either way, not to push you toward the title.
      </p>
      {sp.saved ? (
        <p className="flash" role="status">
          Saved for the week of {formatDate(week)}.
        </p>
      ) : null}
      {missing.length > 0 ? (
        <FormAlert>
          Answer every statement: {missing.length === 1 ? 'one is' : `${missing.length} are`} still
          empty.
        </FormAlert>
      ) : null}
      <FailedAction error={sp.error} lead="Not saved." />
      <div className="columns">
        <section className="panel" aria-labelledby="fit-h">
          <h2 id="fit-h">Your fit over time</h2>
          {latest ? (
            <>
              <p>
                <span className="big">{latest.fitScore}</span> of 100 in the week of{' '}
                {formatDate(latest.weekStart)}.
              </p>
              <p className="muted small">{reading(latest.fitScore)}</p>
              <FitChart points={trend} />
            </>
          ) : (
            <p className="empty">
              Your first reflection starts the trend. Answer once a week; what changes over a few
              months says more than any one week.
            </p>
          )}
        </section>
        <section className="panel" aria-labelledby="about-h">
          <h2 id="about-h">How to read it</h2>
          <p>{statements.guidance}</p>
          <p className="muted small">
            Private to you unless you share a week with your manager. Sponsors never see it.
          </p>
        </section>
      </div>
      <form action={saveReflection} className="panel reflection-form">
        <input type="hidden" name="weekStart" value={week} />
        <h2 id="statements-h">This week ({formatDate(week)})</h2>
        <p className="muted small">
          {thisWeek
            ? 'You answered this week already: your answers are filled in, and saving replaces them.'
            : 'One reflection a week. Answer each statement from 1 (not at all) to 5 (very much).'}
        </p>
        {statements.items.map((s) => {
          const answer = thisWeek?.answers[s.id];
          const error = missing.includes(s.id);
          return (
            <fieldset
              key={s.id}
              className={`statement${error ? ' invalid' : ''}`}
              aria-describedby={error ? `err-${s.id}` : undefined}
            >
              <legend>{s.text}</legend>
              {error ? (
                <p id={`err-${s.id}`} className="field-error small">
                  Choose an answer from 1 to 5.
                </p>
              ) : null}
              <div className="scale">
                {SCALE.map(([n, word]) => (
                  <label key={n} className="scale-option">
                    <input
                      type="radio"
                      name={`answer-${s.id}`}
                      value={n}
                      defaultChecked={answer === n}
                      required
                    />
                    <span>
                      {n} <span className="muted small">{word}</span>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
          );
        })}
        <div className="field">
          <label htmlFor="reflection-note">Note (optional)</label>
          <textarea
            id="reflection-note"
            name="note"
            rows={3}
            maxLength={REFLECTION_LIMITS.noteMax}
            defaultValue={thisWeek?.note ?? ''}
            aria-describedby="reflection-note-count"
          />
          <CharCounter
            id="reflection-note"
            max={REFLECTION_LIMITS.noteMax}
            initial={(thisWeek?.note ?? '').length}
          />
        </div>
        <label className="check">
          <input type="checkbox" name="shared" defaultChecked={thisWeek?.shared ?? false} /> Share
          this week's reflection with my manager
        </label>
        <p>
          <PendingButton className="button primary">
            {thisWeek ? 'Save this week again' : 'Save this week'}
          </PendingButton>
        </p>
      </form>
    </>
  );
}
