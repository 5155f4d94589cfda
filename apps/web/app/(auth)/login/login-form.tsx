'use client';
import Link from 'next/link';
import { useActionState } from 'react';
import { FormAlert, InputField, PasswordField, SubmitButton } from '../../../components/field';
import { type AuthState, signIn } from '../../actions/auth';

export function LoginForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState<AuthState, FormData>(signIn, {});
  return (
    <form action={action} className="stack" noValidate>
      <FormAlert message={state.error} />
      <input type="hidden" name="next" value={next} />
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
      <SubmitButton pending={pending} pendingText="Signing in…">
        Sign in
      </SubmitButton>
      <p className="muted">
        New here?{' '}
        <Link href={next === '/' ? '/register' : `/register?next=${encodeURIComponent(next)}`}>
          Create an account
        </Link>
      </p>
    </form>
  );
}
