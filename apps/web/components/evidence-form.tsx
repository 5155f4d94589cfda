'use client';
import '../lib/zod-in-the-browser';
import { EVIDENCE_LIMITS } from '@leadtrack/schemas';
// The evidence form, for a new entry or an edit. Errors from the API appear beside their
// fields, linked with aria-describedby; what was typed stays.
import { useActionState } from 'react';
import type { EvidenceFormState, EvidenceValues } from '../app/actions/evidence';
import { EVIDENCE_KINDS } from '../lib/format';
import { ActionForm } from './action-form';
import { fieldBinder, InputField, SelectField, TextAreaField } from './field';
import { KindsFieldset } from './kinds-fieldset';

interface Props {
  action: (prev: EvidenceFormState, form: FormData) => Promise<EvidenceFormState>;
  initial: EvidenceValues;
  today: string;
  requiredKinds: string[];
  submitLabel: string;
  idempotencyKey?: string;
  hidden?: Record<string, string>;
}

export function EvidenceForm({
  action,
  initial,
  today,
  requiredKinds,
  submitLabel,
  idempotencyKey,
  hidden,
}: Props) {
  const run = useActionState<EvidenceFormState, FormData>(action, {});
  const [state] = run;
  const bind = fieldBinder(state.errors, state.values ?? initial);
  const kinds = [
    ...EVIDENCE_KINDS.filter((k) => requiredKinds.includes(k)),
    ...EVIDENCE_KINDS.filter((k) => !requiredKinds.includes(k)),
  ];
  return (
    <ActionForm run={run} submit={submitLabel} pendingText="Saving…" className="stack form">
      {idempotencyKey ? (
        <input type="hidden" name="idempotencyKey" value={state.idempotencyKey ?? idempotencyKey} />
      ) : null}
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <InputField {...bind('title')} label="Title" required maxLength={EVIDENCE_LIMITS.titleMax} />

      <KindsFieldset
        {...bind.choices('kinds')}
        optionIdPrefix="kind"
        legend="Behaviours"
        hint="One to three behaviours this work shows."
        kinds={kinds}
        optionHints
        labelNote={(k) =>
          requiredKinds.includes(k) ? null : (
            <span className="muted small"> (not required by the policy)</span>
          )
        }
      />

      <div className="row">
        <InputField {...bind('occurredOn')} label="Date" type="date" required max={today} />
        <SelectField {...bind('audience')} label="Audience">
          <option value="">Not specified</option>
          <option value="team">Team</option>
          <option value="org">Organisation</option>
          <option value="stakeholders">Stakeholders</option>
        </SelectField>
      </div>

      <TextAreaField
        {...bind('description')}
        label="Description"
        hint="Optional. What happened and why it mattered; markdown is fine."
        rows={5}
        maxLength={EVIDENCE_LIMITS.descriptionMax}
      />

      <TextAreaField
        {...bind('links')}
        label="Links"
        hint="Optional. Up to 10 http(s) links, one per line: the PR, the doc, the thread."
      />
    </ActionForm>
  );
}
