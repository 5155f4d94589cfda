'use client';
import Link from 'next/link';
import { useActionState } from 'react';
import { FormAlert, fieldBinder, PasswordField } from '../../../components/field';
import { completeSetup, type SetupState } from '../../actions/auth';
import { AuthForm } from '../auth-form';

export function SetupForm({ token }: { token: string }) {
  const run = useActionState<SetupState, FormData>(completeSetup, {});
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
    <AuthForm run={run} hidden={{ token }} submit="Set password and sign in" pendingText="Saving…">
      <p>Welcome to Leadtrack. Choose the password you will sign in with.</p>
      <PasswordField
        {...bind('password')}
        label="Password"
        hint="12 characters or more."
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
