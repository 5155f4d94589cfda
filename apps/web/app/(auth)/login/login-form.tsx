'use client';
import Link from 'next/link';
import { useActionState } from 'react';
import { FormAlert, SubmitButton } from '../../../components/field';
import { type AuthState, signIn } from '../../actions/auth';

export function LoginForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState<AuthState, FormData>(signIn, {});
  return (
    <form action={action} className="stack" noValidate>
      <FormAlert message={state.error} />
      <input type="hidden" name="next" value={next} />
      <div className="field">
        <label htmlFor="email">Email</label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.values?.email ?? ''}
          key={state.values?.email ?? ''}
        />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
      </div>
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
