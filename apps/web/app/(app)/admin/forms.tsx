'use client';
import { POLICY_LIMITS } from '@leadtrack/core';
import { useActionState } from 'react';
import { ActionForm } from '../../../components/action-form';
import { OneTimeSecret } from '../../../components/copy-button';
import {
  CheckboxField,
  fieldBinder,
  InputField,
  NumberFields,
  SelectField,
} from '../../../components/field';
import { KindsFieldset } from '../../../components/kinds-fieldset';
import { instant } from '../../../lib/format';
import type { PolicyDto, User } from '../../../lib/types';
import { type AdminFormState, createUser, savePolicy } from '../../actions/admin';
import '../../../components/readiness.css';

/** The one-time setup link of the person just added, shown once (or how they sign in). */
function AddedPerson({
  added,
  timeZone,
  ssoName,
}: {
  added: NonNullable<AdminFormState['added']>;
  timeZone: string;
  ssoName: string | null;
}) {
  if (!added.setupUrl) {
    return (
      <p className="notice small">
        {added.name} signs in with {ssoName ?? 'single sign-on'}, with their work email.
      </p>
    );
  }
  return (
    <div className="notice stack small">
      <p>
        Setup link for {added.name}, usable once until {instant(added.expiresAt, timeZone)}.{' '}
        {added.mailed
          ? 'It was also mailed to them.'
          : 'Copy it now and send it privately: it is not shown again.'}
      </p>
      <OneTimeSecret value={added.setupUrl} label="Setup link" />
    </div>
  );
}

export function CreateUserForm({
  managers,
  zones,
  timeZone,
  ssoName,
}: {
  managers: User[];
  /** Every zone by its current IANA name (@leadtrack/core timeZoneNames). */
  zones: string[];
  /** The admin's own zone: the default, as the API's. */
  timeZone: string;
  ssoName: string | null;
}) {
  const run = useActionState<AdminFormState, FormData>(createUser, {});
  const [state] = run;
  const v = state.values ?? {};
  const bind = fieldBinder(state.errors, v, (name) => `new-${name}`);
  return (
    <ActionForm
      run={run}
      done={state.saved ? 'Person added.' : null}
      submit="Add person"
      className="stack"
    >
      {state.added ? (
        <AddedPerson added={state.added} timeZone={timeZone} ssoName={ssoName} />
      ) : null}
      <div className="row">
        <InputField {...bind('name')} label="Name" />
        <InputField {...bind('email')} label="Email" type="email" />
      </div>
      <p className="muted small">
        They get a one-time link (7 days) to choose their own password, and confirm their time zone
        on their first visit.
      </p>
      <div className="row">
        <SelectField {...bind('timeZone', timeZone)} label="Time zone">
          {zones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </SelectField>
        <SelectField {...bind('role', 'engineer')} label="Role">
          <option value="engineer">Engineer</option>
          <option value="manager">Manager</option>
          <option value="admin">Admin</option>
        </SelectField>
        <SelectField {...bind('managerId')} label="Reports to">
          <option value="">Nobody</option>
          {managers.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </SelectField>
      </div>
    </ActionForm>
  );
}

const { windowWeeks: WINDOW, thresholdWeeks: THRESHOLD } = POLICY_LIMITS;

/** The policy's two week counts: each a whole number of weeks within the policy's limits. */
const WEEK_FIELDS = [
  {
    key: 'windowWeeks',
    label: 'Window (weeks)',
    hint: `Non-leave weeks a window spans, ${WINDOW.min} to ${WINDOW.max}.`,
    ...WINDOW,
  },
  {
    key: 'thresholdWeeks',
    label: 'Threshold (weeks)',
    hint: `Consistent weeks in a row to be ready, ${THRESHOLD.min} to ${THRESHOLD.max}.`,
    ...THRESHOLD,
  },
] as const;

export function PolicyForm({ policy }: { policy: PolicyDto }) {
  const run = useActionState<AdminFormState, FormData>(savePolicy, {});
  const [state] = run;
  // The form starts from the policy as it is, and keeps what was sent when it is refused.
  const bind = fieldBinder(
    state.errors,
    state.values ?? {
      ...policy,
      windowWeeks: String(policy.windowWeeks),
      thresholdWeeks: String(policy.thresholdWeeks),
    },
  );
  return (
    <ActionForm run={run} submit="Save policy" className="stack form">
      <KindsFieldset
        {...bind.choices('requiredKinds')}
        optionIdPrefix="req"
        legend="Required behaviours"
        hint="Every window must show each of these for a week to count as consistent."
      />
      <NumberFields fields={WEEK_FIELDS} bind={bind} />
      <CheckboxField
        {...bind.checked('requireVisibility')}
        label="Require visibility"
        hint="A week counts only when at least half the entries in its window were acknowledged."
      />
    </ActionForm>
  );
}
