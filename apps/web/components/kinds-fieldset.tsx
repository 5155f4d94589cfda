// The behaviours (kinds) as a checkbox group: the evidence form's "Behaviours" and the policy
// form's "Required behaviours". Hint and error are linked to the group for screen readers.
import type { EvidenceKind } from '@leadtrack/core';
import type { ReactNode } from 'react';
import { EVIDENCE_KINDS, KIND_INFO } from '../lib/format';
import { describedBy, FieldError } from './field';
import { KindSwatch } from './kind-swatch';
import './kinds-fieldset.css';

interface Props {
  /** The group's id: its hint is `${id}-hint`, its error `${id}-error`. */
  id: string;
  /** The checkboxes' form field name. */
  name: string;
  /** Each checkbox's id is `${optionIdPrefix}-${kind}`. */
  optionIdPrefix: string;
  legend: string;
  hint: ReactNode;
  error?: string | undefined;
  /** The kinds offered, in this order: all of them unless given. */
  kinds?: readonly EvidenceKind[];
  /** The kinds ticked at first (what a form's binder gives: what was sent, or the saved ones). */
  defaultValue: readonly string[];
  /** Show each kind's own hint under it, linked to its checkbox. */
  optionHints?: boolean;
  /** Said after a kind's label, e.g. that the policy does not require it. */
  labelNote?: (kind: EvidenceKind) => ReactNode;
}

export function KindsFieldset({
  id,
  name,
  optionIdPrefix,
  legend,
  hint,
  error,
  kinds = EVIDENCE_KINDS,
  defaultValue,
  optionHints = false,
  labelNote,
}: Props) {
  return (
    <fieldset
      className={`kinds${error ? ' field-invalid' : ''}`}
      aria-describedby={describedBy(id, error, true)}
    >
      <legend>{legend}</legend>
      <p className="hint" id={`${id}-hint`}>
        {hint}
      </p>
      <div className="kind-options">
        {kinds.map((k) => {
          const optionId = `${optionIdPrefix}-${k}`;
          return (
            <div className="kind-option" key={k}>
              <input
                type="checkbox"
                id={optionId}
                name={name}
                value={k}
                defaultChecked={defaultValue.includes(k)}
                aria-describedby={optionHints ? `${optionId}-hint` : undefined}
              />
              <label htmlFor={optionId}>
                <KindSwatch kind={k} />
                {KIND_INFO[k].label}
                {labelNote?.(k)}
              </label>
              {optionHints ? (
                <p className="hint" id={`${optionId}-hint`}>
                  {KIND_INFO[k].hint}
                </p>
              ) : null}
            </div>
          );
        })}
      </div>
      <FieldError id={id} error={error} />
    </fieldset>
  );
}
