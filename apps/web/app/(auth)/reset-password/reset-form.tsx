'use client';
import Link from 'next/link';
import { useActionState } from 'react';
import { describedBy, Field, FormAlert } from '../../../components/field';
import { type ResetState, usePasswordReset } from '../../actions/password-reset';

export function ResetForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<ResetState, FormData>(usePasswordReset, {});
  const e = state.fields ?? {};
  if (state.linkDead) {
    return (
      <div className="stack">
        <FormAlert message={state.error} />
        <p>
          <Link href="/login">Go to sign in</Link>
        </p>
      </div>
    );
  }
  return (
    <form action={action} className="stack" noValidate>
      <FormAlert message={state.error} />
      <input type="hidden" name="token" value={token} />
      <Field
        id="newPassword"
        label="New password"
        error={e.newPassword}
        hint="12 characters or more."
      >
        <input
          id="newPassword"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          aria-describedby={describedBy('newPassword', e.newPassword, true)}
        />
      </Field>
      <Field id="repeatPassword" label="New password again" error={e.repeatPassword}>
        <input
          id="repeatPassword"
          name="repeatPassword"
          type="password"
          autoComplete="new-password"
          required
          aria-describedby={describedBy('repeatPassword', e.repeatPassword)}
        />
      </Field>
      <button type="submit" className="button primary" disabled={pending}>
        {pending ? 'Saving…' : 'Set password'}
      </button>
    </form>
  );
}
