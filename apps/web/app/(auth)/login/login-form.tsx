'use client';
import Link from 'next/link';
import { useActionState } from 'react';
import { InputField, PasswordField } from '../../../components/field';
import { type AuthState, signIn } from '../../actions/auth';
import { AuthForm } from '../auth-form';

export function LoginForm({ next }: { next: string }) {
  const run = useActionState<AuthState, FormData>(signIn, {});
  const [state] = run;
  return (
    <AuthForm
      run={run}
      hidden={{ next }}
      submit="Sign in"
      pendingText="Signing in…"
      footer={
        <>
          New here?{' '}
          <Link href={next === '/' ? '/register' : `/register?next=${encodeURIComponent(next)}`}>
            Create an account
          </Link>
        </>
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
