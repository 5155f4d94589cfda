'use client';
import Link from 'next/link';
import { useActionState } from 'react';
import { FormAlert, InputField, PasswordField, SubmitButton } from '../../../components/field';
import { type AuthState, register } from '../../actions/auth';

export function RegisterForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState<AuthState, FormData>(register, {});
  const f = state.fields ?? {};
  return (
    <form action={action} className="stack" noValidate key={JSON.stringify(state.values ?? {})}>
      <FormAlert message={state.error} />
      <input type="hidden" name="next" value={next} />
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
