'use client';
import Link from 'next/link';
import { useActionState } from 'react';
import { FormAlert, PasswordField, SubmitButton } from '../../../components/field';
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
      <PasswordField
        id="newPassword"
        label="New password"
        error={e.newPassword}
        hint="12 characters or more."
        autoComplete="new-password"
        required
      />
      <PasswordField
        id="repeatPassword"
        label="New password again"
        error={e.repeatPassword}
        autoComplete="new-password"
        required
      />
      <SubmitButton pending={pending} pendingText="Saving…">
        Set password
      </SubmitButton>
    </form>
  );
}
