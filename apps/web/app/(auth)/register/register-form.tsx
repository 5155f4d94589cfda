'use client';
import Link from 'next/link';
import { useActionState, useEffect, useState } from 'react';
import { FormAlert, InputField, PasswordField, SubmitButton } from '../../../components/field';
import { type AuthState, register } from '../../actions/auth';

export function RegisterForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState<AuthState, FormData>(register, {});
  const f = state.fields ?? {};
  // The browser's time zone, filled in once the page runs: the account's "today" is the
  // person's own. Without JavaScript it stays empty and the account starts in UTC
  // (Settings changes it).
  const [timeZone, setTimeZone] = useState('');
  useEffect(() => {
    setTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone ?? '');
  }, []);
  return (
    <form action={action} className="stack" noValidate key={JSON.stringify(state.values ?? {})}>
      <FormAlert message={state.error} />
      <input type="hidden" name="next" value={next} />
      <input type="hidden" name="timeZone" value={timeZone} />
      <InputField
        id="name"
        label="Name"
        error={f.name}
        autoComplete="name"
        required
        defaultValue={state.values?.name ?? ''}
        aria-invalid={f.name ? true : undefined}
      />
      <InputField
        id="email"
        label="Email"
        error={f.email}
        type="email"
        autoComplete="username"
        required
        defaultValue={state.values?.email ?? ''}
        aria-invalid={f.email ? true : undefined}
      />
      <PasswordField
        id="password"
        label="Password"
        error={f.password}
        hint="At least 12 characters."
        autoComplete="new-password"
        required
        minLength={12}
        aria-invalid={f.password ? true : undefined}
      />
      <SubmitButton pending={pending} pendingText="Creating…">
        Create account
      </SubmitButton>
      <p className="muted">
        Have an account? <Link href="/login">Sign in</Link>
      </p>
    </form>
  );
}
