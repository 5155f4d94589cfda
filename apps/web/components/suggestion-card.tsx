'use client';
// One suggestion in the inbox: what was found, and its Accept form (the fields to adjust,
// folded away unless something needs deciding) and Dismiss. The API's field errors appear
// beside their fields and open the fold; what was typed stays.
import '../lib/zod-in-the-browser';
import { EVIDENCE_LIMITS, sourceLabel } from '@leadtrack/schemas';
import { useActionState } from 'react';
import type { AcceptState, AcceptValues } from '../app/actions/suggestions';
import { dismissSuggestion } from '../app/actions/suggestions';
import { kindLabel } from '../lib/format';
import type { Suggestion } from '../lib/types';
import { DateText } from './date-text';
import { FormAlert, fieldBinder, InputField, TextAreaField } from './field';
import { KindsFieldset } from './kinds-fieldset';
import { Markdown } from './markdown';
import { PendingButton } from './pending-button';
import '../app/(app)/admin/admin.css';
import './evidence-item.css';
import './kinds-fieldset.css';

interface Props {
  suggestion: Suggestion;
  accept: (prev: AcceptState, form: FormData) => Promise<AcceptState>;
  today: string;
}

function initialValues(s: Suggestion): AcceptValues {
  return {
    title: s.title,
    kinds: s.suggestedKinds,
    occurredOn: s.occurredOn,
    description: s.description ?? '',
    handsOnPercent: '',
    deepWorkBlocks: s.checkin?.deepWorkBlocks == null ? '' : String(s.checkin.deepWorkBlocks),
    onLeave: s.checkin?.onLeave === true,
  };
}

export function SuggestionCard({ suggestion: s, accept, today }: Props) {
  const [state, formAction, pending] = useActionState<AcceptState, FormData>(accept, {});
  const v = state.values ?? initialValues(s);
  const e = state.errors ?? {};
  const id = (field: string) => `s-${s.id}-${field}`;
  const bind = fieldBinder(e, v, id);
  const checkin = s.type === 'checkin';
  // Open the fields when there is something to decide: no kind yet, or an error to fix.
  const open = Object.keys(e).length > 0 || (!checkin && s.suggestedKinds.length === 0);
  return (
    <article className="panel entry suggestion" aria-labelledby={id('h')}>
      <p className="muted small">
        <span className="badge">{sourceLabel(s.source)}</span>{' '}
        {checkin ? 'Check-in for the week of ' : ''}
        <DateText iso={checkin && s.checkin ? s.checkin.weekStart : s.occurredOn} />
      </p>
      <div className="entry-head">
        <h2 id={id('h')}>{s.title}</h2>
      </div>
      {s.suggestedKinds.length > 0 ? (
        <p className="small">Suggested: {s.suggestedKinds.map(kindLabel).join(', ')}</p>
      ) : null}
      {s.description ? <Markdown className="entry-desc" text={s.description} /> : null}
      {s.url ? (
        <p className="small">
          <a href={s.url} rel="noreferrer noopener" target="_blank">
            {s.url.replace(/^https?:\/\//, '')}
          </a>
        </p>
      ) : null}
      <form action={formAction} className="stack form" noValidate key={JSON.stringify(state)}>
        <FormAlert message={state.message} />
        <input type="hidden" name="suggestionId" value={s.id} />
        <input type="hidden" name="type" value={s.type} />
        <details open={open}>
          <summary>{checkin ? 'Adjust the week' : 'Adjust before accepting'}</summary>
          {checkin ? (
            <div className="stack">
              <InputField
                {...bind('handsOnPercent')}
                label="Hands-on share (%)"
                hint="Needed when this week has no check-in yet (0-100)."
                inputMode="numeric"
              />
              <InputField
                {...bind('deepWorkBlocks')}
                label="Deep-work blocks"
                inputMode="numeric"
              />
              <div className="checkbox-field">
                <input
                  type="checkbox"
                  id={id('onLeave')}
                  name="onLeave"
                  defaultChecked={v.onLeave}
                />
                <label htmlFor={id('onLeave')}>On leave this week</label>
              </div>
            </div>
          ) : (
            <div className="stack">
              <InputField {...bind('title')} label="Title" maxLength={EVIDENCE_LIMITS.titleMax} />
              <KindsFieldset
                {...bind.choices('kinds')}
                optionIdPrefix={id('kind')}
                legend="Behaviours"
                hint="One to three: what this work shows."
              />
              <InputField {...bind('occurredOn')} label="Date" type="date" max={today} />
              <TextAreaField {...bind('description')} label="Description (optional)" />
            </div>
          )}
        </details>
        <div className="button-row">
          <PendingButton
            className="button primary"
            disabled={pending}
            aria-label={`Accept “${s.title}”`}
          >
            {pending ? 'Accepting…' : checkin ? 'Accept into the check-in' : 'Accept'}
          </PendingButton>
          <PendingButton
            formAction={dismissSuggestion}
            formNoValidate
            className="button ghost"
            aria-label={`Dismiss “${s.title}”`}
          >
            Dismiss
          </PendingButton>
        </div>
      </form>
    </article>
  );
}
