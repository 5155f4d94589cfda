'use client';
import Link from 'next/link';
import { useActionState } from 'react';
import { describedBy, Field, FormAlert } from '../../../components/field';
import { type AuthState, register } from '../../actions/auth';

export function RegisterForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState<AuthState, FormData>(register, {});
  const f = state.fields ?? {};
  return (
    <form action={action} className="stack" noValidate key={JSON.stringify(state.values ?? {})}>
      <FormAlert message={state.error} />
      <input type="hidden" name="next" value={next} />
      <Field id="name" label="Name" error={f.name}>
        <input
          id="name"
          name="name"
          autoComplete="name"
          required
          defaultValue={state.values?.name ?? ''}
          aria-invalid={f.name ? true : undefined}
          aria-describedby={describedBy('name', f.name)}
        />
      </Field>
      <Field id="email" label="Email" error={f.email}>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.values?.email ?? ''}
          aria-invalid={f.email ? true : undefined}
          aria-describedby={describedBy('email', f.email)}
        />
      </Field>
      <Field id="password" label="Password" error={f.password} hint="At least 12 characters.">
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          aria-invalid={f.password ? true : undefined}
          aria-describedby={describedBy('password', f.password, true)}
        />
      </Field>
      <button type="submit" className="button primary" disabled={pending}>
        {pending ? 'Creating…' : 'Create account'}
      </button>
      <p className="muted">
        Have an account? <Link href="/login">Sign in</Link>
      </p>
    </form>
  );
}
