'use client';
import { useActionState } from 'react';
import { fieldBinder, PasswordField } from '../../../components/field';
import { PASSWORD_HINT } from '../../../lib/form-words';
import { type ResetState, usePasswordReset } from '../../actions/password-reset';
import { AuthForm, SpentLink } from '../auth-form';

export function ResetForm({ token }: { token: string }) {
  const run = useActionState<ResetState, FormData>(usePasswordReset, {});
  const [state] = run;
  if (state.linkDead) return <SpentLink message={state.message} />;
  const bind = fieldBinder(state.errors, undefined);
  return (
    <AuthForm run={run} hidden={{ token }} submit="Set password" pendingText="Saving…">
      <PasswordField
        {...bind('newPassword')}
        label="New password"
        hint={PASSWORD_HINT}
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
