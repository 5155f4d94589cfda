'use client';
import { useActionState } from 'react';
import {
  Field,
  FormAlert,
  InputField,
  PasswordField,
  SubmitButton,
} from '../../../components/field';
import { Flash } from '../../../components/flash';
import { KindsFieldset } from '../../../components/kinds-fieldset';
import { EVIDENCE_KINDS } from '../../../lib/format';
import type { PolicyDto, User } from '../../../lib/types';
import { type AdminFormState, createUser, savePolicy } from '../../actions/admin';

export function CreateUserForm({ managers }: { managers: User[] }) {
  const [state, action, pending] = useActionState<AdminFormState, FormData>(createUser, {});
  const e = state.errors ?? {};
  const v = (state.values ?? {}) as Record<string, string>;
  return (
    <form
      action={action}
      className="stack"
      noValidate
      key={`${state.saved ?? 0}-${JSON.stringify(v)}`}
    >
      {state.saved ? <Flash>User created.</Flash> : null}
      <FormAlert message={state.message} />
      <div className="row">
        <InputField
          id="new-name"
          label="Name"
          error={e.name}
          name="name"
          defaultValue={v.name ?? ''}
        />
        <InputField
          id="new-email"
          label="Email"
          error={e.email}
          name="email"
          type="email"
          defaultValue={v.email ?? ''}
        />
      </div>
      <div className="row">
        <PasswordField
          id="new-password"
          label="Initial password"
          error={e.password}
          hint="12 characters or more; share it privately."
          name="password"
          autoComplete="new-password"
        />
        <Field id="new-role" label="Role" error={e.role}>
          <select id="new-role" name="role" defaultValue={v.role ?? 'engineer'}>
            <option value="engineer">Engineer</option>
            <option value="manager">Manager</option>
            <option value="admin">Admin</option>
          </select>
        </Field>
        <Field id="new-manager" label="Reports to" error={e.managerId}>
          <select id="new-manager" name="managerId" defaultValue={v.managerId ?? ''}>
            <option value="">Nobody</option>
            {managers.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div>
        <SubmitButton pending={pending}>Create user</SubmitButton>
      </div>
    </form>
  );
}

export function PolicyForm({ policy }: { policy: PolicyDto }) {
  const [state, action, pending] = useActionState<AdminFormState, FormData>(savePolicy, {});
  const e = state.errors ?? {};
  const v = (state.values as Partial<Record<keyof PolicyDto, unknown>> | undefined) ?? {};
  const kinds = (v.requiredKinds as string[] | undefined) ?? policy.requiredKinds;
  return (
    <form
      action={action}
      className="stack form"
      noValidate
      key={`${state.saved ?? 0}-${JSON.stringify(v)}`}
    >
      {state.saved ? <Flash>Policy saved. Everyone&apos;s readiness now follows it.</Flash> : null}
      <FormAlert message={state.message} />
      <KindsFieldset
        id="requiredKinds"
        name="requiredKinds"
        optionIdPrefix="req"
        legend="Required behaviours"
        hint="Every window must show each of these for a week to count as consistent."
        error={e.requiredKinds}
        kinds={EVIDENCE_KINDS}
        checked={(k) => kinds.includes(k)}
      />
      <div className="row">
        <InputField
          id="windowWeeks"
          label="Window (weeks)"
          error={e.windowWeeks}
          hint="Non-leave weeks a window spans, 1 to 52."
          type="number"
          min={1}
          max={52}
          defaultValue={String(v.windowWeeks ?? policy.windowWeeks)}
        />
        <InputField
          id="thresholdWeeks"
          label="Threshold (weeks)"
          error={e.thresholdWeeks}
          hint="Consistent weeks in a row to be ready, 1 to 104."
          type="number"
          min={1}
          max={104}
          defaultValue={String(v.thresholdWeeks ?? policy.thresholdWeeks)}
        />
      </div>
      <div className="field checkbox-field">
        <input
          type="checkbox"
          id="requireVisibility"
          name="requireVisibility"
          defaultChecked={Boolean(v.requireVisibility ?? policy.requireVisibility)}
          aria-describedby="requireVisibility-hint"
        />
        <label htmlFor="requireVisibility">Require visibility</label>
        <p className="hint" id="requireVisibility-hint">
          A week counts only when at least half the entries in its window were acknowledged.
        </p>
      </div>
      <div>
        <SubmitButton pending={pending}>Save policy</SubmitButton>
      </div>
    </form>
  );
}
