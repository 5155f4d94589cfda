'use client';
import Link from 'next/link';
import { useActionState } from 'react';
import { InputField, PasswordField } from '../../../components/field';
import { type AuthState, signIn } from '../../actions/auth';
import { AuthForm } from '../auth-form';

/** `signUp`: offer "Create an account" (not when passwords are off). */
export function LoginForm({ next, signUp }: { next: string; signUp: boolean }) {
  const run = useActionState<AuthState, FormData>(signIn, {});
  const [state] = run;
  return (
    <AuthForm
      run={run}
      hidden={{ next }}
      submit="Sign in"
      pendingText="Signing in…"
      footer={
        signUp ? (
          <>
            New here?{' '}
            <Link href={next === '/' ? '/register' : `/register?next=${encodeURIComponent(next)}`}>
              Create an account
            </Link>
          </>
        ) : undefined
      }
    >
      <InputField
        id="email"
        label="Email"
        type="email"
        autoComplete="username"
        required
        defaultValue={state.values?.email ?? ''}
        key={state.values?.email ?? ''}
      />
      <PasswordField id="password" label="Password" autoComplete="current-password" required />
    </AuthForm>
  );
}
