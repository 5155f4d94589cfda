'use client';
import { useActionState } from 'react';
import { fieldBinder, PasswordField } from '../../../components/field';
import { PASSWORD_HINT } from '../../../lib/form-words';
import { completeSetup, type SetupState } from '../../actions/auth';
import { AuthForm, SpentLink } from '../auth-form';

export function SetupForm({ token }: { token: string }) {
  const run = useActionState<SetupState, FormData>(completeSetup, {});
  const [state] = run;
  if (state.linkDead) return <SpentLink message={state.message} />;
  const bind = fieldBinder(state.errors, undefined);
  return (
    <AuthForm run={run} hidden={{ token }} submit="Set password and sign in" pendingText="Saving…">
      <p>Welcome to Leadtrack. Choose the password you will sign in with.</p>
      <PasswordField
        {...bind('password')}
        label="Password"
        hint={PASSWORD_HINT}
        autoComplete="new-password"
        required
      />
      <PasswordField
        {...bind('repeatPassword')}
        label="Password again"
        autoComplete="new-password"
        required
      />
    </AuthForm>
  );
}
