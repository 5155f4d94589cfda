'use client';
import '../../../lib/zod-in-the-browser';
import { PASSWORD_LIMITS } from '@leadtrack/schemas';
import Link from 'next/link';
import { useActionState, useEffect, useState } from 'react';
import { fieldBinder, InputField, PasswordField } from '../../../components/field';
import { PASSWORD_HINT } from '../../../lib/form-words';
import { type AuthState, register } from '../../actions/auth';
import { AuthForm } from '../auth-form';

export function RegisterForm({ next }: { next: string }) {
  const run = useActionState<AuthState, FormData>(register, {});
  const [state] = run;
  const bind = fieldBinder(state.errors, state.values);
  // The browser's time zone, filled in once the page runs: the account's "today" is the
  // person's own. Without JavaScript it stays empty and the account starts in UTC
  // (Settings changes it).
  const [timeZone, setTimeZone] = useState('');
  useEffect(() => {
    setTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone ?? '');
  }, []);
  return (
    <AuthForm
      key={JSON.stringify(state.values ?? {})}
      run={run}
      hidden={{ next, timeZone }}
      submit="Create account"
      pendingText="Creating…"
      footer={
        <>
          Have an account? <Link href="/login">Sign in</Link>
        </>
      }
    >
      <InputField {...bind('name')} label="Name" autoComplete="name" required />
      <InputField {...bind('email')} label="Email" type="email" autoComplete="username" required />
      <PasswordField
        {...bind('password')}
        label="Password"
        hint={PASSWORD_HINT}
        autoComplete="new-password"
        required
        minLength={PASSWORD_LIMITS.min}
      />
    </AuthForm>
  );
}
