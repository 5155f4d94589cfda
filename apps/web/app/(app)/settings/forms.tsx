'use client';
import '../../../lib/zod-in-the-browser';
import { TOKEN_LIMITS } from '@leadtrack/schemas';
import { useActionState } from 'react';
import { ActionForm } from '../../../components/action-form';
import { OneTimeSecret } from '../../../components/copy-button';
import {
  FormAlert,
  fieldBinder,
  InputField,
  PasswordField,
  SelectField,
} from '../../../components/field';
import { Flash } from '../../../components/flash';
import { NewPasswordFields } from '../../../components/password-fields';
import { TableHead } from '../../../components/table-head';
import { PASSWORD_HINT, range } from '../../../lib/form-words';
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
import '../../../components/table-head.css';

export function PasswordForm() {
  const run = useActionState<SettingsState, FormData>(changePassword, {});
  const [state] = run;
  const bind = fieldBinder(state.errors, undefined);
  return (
    <ActionForm run={run} submit="Change password">
      <PasswordField
        {...bind('currentPassword')}
        label="Current password"
        autoComplete="current-password"
      />
      <NewPasswordFields
        bind={bind}
        name="newPassword"
        label="New password"
        hint={`${PASSWORD_HINT} Other devices are signed out when it changes.`}
      />
    </ActionForm>
  );
}

export function TimeZoneForm({ current, zones }: { current: string; zones: string[] }) {
  const run = useActionState<SettingsState, FormData>(saveTimeZone, {});
  const [state] = run;
  const bind = fieldBinder(state.errors, state.values);
  return (
    <ActionForm run={run} submit="Save time zone">
      <SelectField
        {...bind('timeZone', current)}
        label="Your time zone"
        hint="Your today and this week follow it (the dates forms start from, the week in progress, reminders), and times on the dashboard are shown in it."
      >
        {zones.map((z) => (
          <option key={z} value={z}>
            {z.replaceAll('_', ' ')}
          </option>
        ))}
      </SelectField>
    </ActionForm>
  );
}

export function SessionsForm() {
  const run = useActionState<SettingsState, FormData>(signOutElsewhere, {});
  return (
    <ActionForm
      run={run}
      submit="Sign out everywhere else"
      className="stack"
      submitClassName="button"
    >
      <p className="muted">
        Ends every session but this one: other browsers and devices must sign in again. It also
        revokes every personal access token: scripts and the command line using one stop working
        until you create a new token.
      </p>
    </ActionForm>
  );
}

/** The token form's ids, apart from the other forms of Settings (a password, a name). */
const TOKEN_IDS: Record<string, string> = {
  name: 'token-name',
  expiresInDays: 'token-days',
  currentPassword: 'token-password',
};

export function TokenForm() {
  const run = useActionState<SettingsState, FormData>(createToken, {});
  const [state] = run;
  const bind = fieldBinder(state.errors, state.values, (name) => TOKEN_IDS[name] ?? name);
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
      <ActionForm run={run} submit="Create token" className="stack form">
        <div className="row">
          <InputField
            {...bind('name')}
            label="Name"
            hint="What uses it, e.g. “CI import”."
            maxLength={TOKEN_LIMITS.nameMax}
          />
          <InputField
            {...bind('expiresInDays', String(TOKEN_LIMITS.daysDefault))}
            label="Expires in (days)"
            hint={`${range(TOKEN_LIMITS.daysMin, TOKEN_LIMITS.daysMax)}.`}
            type="number"
            min={TOKEN_LIMITS.daysMin}
            max={TOKEN_LIMITS.daysMax}
          />
        </div>
        <PasswordField
          {...bind('currentPassword')}
          label="Current password"
          hint="A token outlives your sessions, so creating one asks for your password."
          autoComplete="current-password"
        />
      </ActionForm>
    </div>
  );
}

export function TokenList({ tokens, timeZone }: { tokens: PersonalToken[]; timeZone: string }) {
  const [state, action, pending] = useActionState<SettingsState, FormData>(revokeToken, {});
  return (
    <div className="stack">
      <div aria-live="polite">
        {state.done ? <Flash>{state.done}</Flash> : null}
        <FormAlert message={state.message} />
      </div>
      {tokens.length === 0 ? (
        <p className="empty">No tokens yet.</p>
      ) : (
        <div className="table-wrap contained">
          <table className="table stack-table">
            <caption className="sr-only">Your personal access tokens</caption>
            <TableHead columns={['Name', 'Created', 'Expires', 'Last used']}>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </TableHead>
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
