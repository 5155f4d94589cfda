'use client';
import { useActionState } from 'react';
import { OneTimeSecret } from '../../../components/copy-button';
import {
  describedBy,
  Field,
  FormAlert,
  InputField,
  PasswordField,
  SubmitButton,
} from '../../../components/field';
import { Flash } from '../../../components/flash';
import { instant } from '../../../lib/format';
import type { PersonalToken } from '../../../lib/types';
import {
  changePassword,
  createToken,
  revokeToken,
  type SettingsState,
  saveTimeZone,
  signOutElsewhere,
} from '../../actions/settings';

function Done({ text }: { text?: string | undefined }) {
  return text ? <Flash>{text}</Flash> : null;
}

export function PasswordForm() {
  const [state, action, pending] = useActionState<SettingsState, FormData>(changePassword, {});
  const e = state.errors ?? {};
  return (
    <form action={action} className="stack narrow" noValidate key={state.saved ?? 0}>
      <Done text={state.done} />
      <FormAlert message={state.message} />
      <PasswordField
        id="currentPassword"
        label="Current password"
        error={e.currentPassword}
        autoComplete="current-password"
      />
      <PasswordField
        id="newPassword"
        label="New password"
        error={e.newPassword}
        hint="12 characters or more. Other devices are signed out when it changes."
        autoComplete="new-password"
      />
      <PasswordField
        id="repeatPassword"
        label="New password again"
        error={e.repeatPassword}
        autoComplete="new-password"
      />
      <div>
        <SubmitButton pending={pending}>Change password</SubmitButton>
      </div>
    </form>
  );
}

export function TimeZoneForm({ current, zones }: { current: string; zones: string[] }) {
  const [state, action, pending] = useActionState<SettingsState, FormData>(saveTimeZone, {});
  const e = state.errors ?? {};
  const value = state.values?.timeZone ?? current;
  return (
    <form action={action} className="stack narrow" noValidate key={`${state.saved ?? 0}-${value}`}>
      <Done text={state.done} />
      <FormAlert message={state.message} />
      <Field
        id="timeZone"
        label="Your time zone"
        error={e.timeZone}
        hint="Your today and this week follow it (the dates forms start from, the week in progress, reminders), and times on the dashboard are shown in it."
      >
        <select
          id="timeZone"
          name="timeZone"
          defaultValue={value}
          aria-describedby={describedBy('timeZone', e.timeZone, true)}
        >
          {zones.map((z) => (
            <option key={z} value={z}>
              {z.replaceAll('_', ' ')}
            </option>
          ))}
        </select>
      </Field>
      <div>
        <SubmitButton pending={pending}>Save time zone</SubmitButton>
      </div>
    </form>
  );
}

export function SessionsForm() {
  const [state, action, pending] = useActionState<SettingsState, FormData>(signOutElsewhere, {});
  return (
    <form action={action} className="stack">
      <Done text={state.done} />
      <FormAlert message={state.message} />
      <p className="muted">
        Ends every session but this one: other browsers and devices must sign in again.
      </p>
      <div>
        <SubmitButton pending={pending} className="button">
          Sign out everywhere else
        </SubmitButton>
      </div>
    </form>
  );
}

export function TokenForm() {
  const [state, action, pending] = useActionState<SettingsState, FormData>(createToken, {});
  const e = state.errors ?? {};
  const v = state.values ?? {};
  return (
    <div className="stack">
      {state.created ? (
        <div className="notice stack" role="status">
          <p>
            <strong>{state.created.name}</strong> is ready. Copy it now: it is shown only this once.
          </p>
          <OneTimeSecret value={state.created.token} label="Token" />
        </div>
      ) : null}
      <form
        action={action}
        className="stack form"
        noValidate
        key={`${state.saved ?? 0}-${JSON.stringify(v)}`}
      >
        <FormAlert message={state.message} />
        <div className="row">
          <InputField
            id="token-name"
            label="Name"
            error={e.name}
            hint="What uses it, e.g. “CI import”."
            name="name"
            defaultValue={v.name ?? ''}
          />
          <InputField
            id="token-days"
            label="Expires in (days)"
            error={e.expiresInDays}
            hint="1 to 365."
            name="expiresInDays"
            type="number"
            min={1}
            max={365}
            defaultValue={v.expiresInDays ?? '90'}
          />
        </div>
        <div>
          <SubmitButton pending={pending}>Create token</SubmitButton>
        </div>
      </form>
    </div>
  );
}

export function TokenList({ tokens, timeZone }: { tokens: PersonalToken[]; timeZone: string }) {
  const [state, action, pending] = useActionState<SettingsState, FormData>(revokeToken, {});
  return (
    <div className="stack">
      <div aria-live="polite">
        <Done text={state.done} />
        <FormAlert message={state.message} />
      </div>
      {tokens.length === 0 ? (
        <p className="empty">No tokens yet.</p>
      ) : (
        <div className="table-wrap contained">
          <table className="table stack-table">
            <caption className="sr-only">Your personal access tokens</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Created</th>
                <th scope="col">Expires</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <th scope="row">{t.name}</th>
                  <td className="nowrap" data-label="Created">
                    {instant(t.createdAt, timeZone)}
                  </td>
                  <td className="nowrap" data-label="Expires">
                    {instant(t.expiresAt, timeZone)}
                  </td>
                  <td className="nowrap" data-label="Last used">
                    {t.lastUsedAt ? instant(t.lastUsedAt, timeZone) : 'Never'}
                  </td>
                  <td>
                    <form action={action}>
                      <input type="hidden" name="id" value={t.id} />
                      <input type="hidden" name="name" value={t.name} />
                      <button
                        type="submit"
                        className="button small danger"
                        disabled={pending}
                        aria-label={`Revoke ${t.name}`}
                      >
                        Revoke
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
