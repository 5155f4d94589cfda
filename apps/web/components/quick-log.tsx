'use client';
import '../lib/zod-in-the-browser';
import { EVIDENCE_LIMITS } from '@leadtrack/schemas';
// "Log this week" on the home page: a title and the behaviours, dated today.
import { useActionState } from 'react';
import {
  continueInFullForm,
  createEvidence,
  type EvidenceFormState,
} from '../app/actions/evidence';
import type { EvidenceKind } from '../lib/format';
import { KIND_INFO } from '../lib/format';
import { CharCounter } from './char-counter';
import { describedBy, FieldError, FormAlert } from './field';
import { KindSwatch } from './kind-swatch';
import './kinds-fieldset.css';
import './quick-log.css';

export function QuickLog({
  today,
  kinds,
  idempotencyKey,
}: {
  today: string;
  kinds: EvidenceKind[];
  idempotencyKey: string;
}) {
  const [state, action, pending] = useActionState<EvidenceFormState, FormData>(createEvidence, {});
  const e = state.errors ?? {};
  const v = state.values;
  return (
    <form action={action} className="stack" noValidate key={JSON.stringify(v ?? null)}>
      <FormAlert message={state.message} />
      <input type="hidden" name="idempotencyKey" value={state.idempotencyKey ?? idempotencyKey} />
      <input type="hidden" name="occurredOn" value={today} />
      <input type="hidden" name="back" value="/" />
      <div className={`field${e.title ? ' field-invalid' : ''}`}>
        <label htmlFor="quick-title">What did you do this week?</label>
        <input
          id="quick-title"
          name="title"
          maxLength={EVIDENCE_LIMITS.titleMax}
          defaultValue={v?.title ?? ''}
          aria-describedby={describedBy('quick-title', e.title, false, true)}
        />
        <CharCounter
          id="quick-title"
          max={EVIDENCE_LIMITS.titleMax}
          initial={(v?.title ?? '').length}
        />
        <FieldError id="quick-title" error={e.title} />
      </div>
      <fieldset className="quick-kinds" aria-describedby={describedBy('quick-kinds', e.kinds)}>
        <legend>Behaviours shown</legend>
        {kinds.map((k) => (
          <label key={k} title={KIND_INFO[k].hint}>
            <input type="checkbox" name="kinds" value={k} defaultChecked={v?.kinds.includes(k)} />
            <KindSwatch kind={k} />
            {KIND_INFO[k].label}
          </label>
        ))}
      </fieldset>
      <FieldError id="quick-kinds" error={e.kinds} />
      <div className="button-row">
        <button type="submit" className="button primary" disabled={pending}>
          {pending ? 'Saving…' : 'Log for today'}
        </button>
        {/* Opens the full form with what was typed here (nothing is saved yet). */}
        <button type="submit" formAction={continueInFullForm} className="button ghost">
          More detail…
        </button>
      </div>
    </form>
  );
}
