'use client';
import Link from 'next/link';
import { useActionState } from 'react';
import { FormAlert, fieldBinder, PasswordField } from '../../../components/field';
import { type ResetState, usePasswordReset } from '../../actions/password-reset';
import { AuthForm } from '../auth-form';

export function ResetForm({ token }: { token: string }) {
  const run = useActionState<ResetState, FormData>(usePasswordReset, {});
  const [state] = run;
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
  const bind = fieldBinder(state.fields, undefined);
  return (
    <AuthForm run={run} hidden={{ token }} submit="Set password" pendingText="Saving…">
      <PasswordField
        {...bind('newPassword')}
        label="New password"
        hint="12 characters or more."
        autoComplete="new-password"
        required
      />
      <PasswordField
        {...bind('repeatPassword')}
        label="New password again"
        autoComplete="new-password"
        required
      />
    </AuthForm>
  );
}
