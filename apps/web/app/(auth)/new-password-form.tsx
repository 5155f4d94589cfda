'use client';
// The form of a one-time link that chooses a password (a new person's setup, a password
// reset): the password twice, sent with the link's token; a spent link ends the form.
import type { ReactNode } from 'react';
import { useActionState } from 'react';
import { fieldBinder } from '../../components/field';
import { NewPasswordFields } from '../../components/password-fields';
import type { LinkFormState } from '../../lib/form-state';
import { AuthForm, SpentLink } from './auth-form';

export interface NewPasswordFormProps {
  action: (prev: LinkFormState, form: FormData) => Promise<LinkFormState>;
  submit: string;
  /** The password field: its form name (as the API names its errors) and label. */
  password: { name: string; label: string };
  /** Said above the fields. */
  intro?: ReactNode;
}

export function NewPasswordForm({
  token,
  action,
  submit,
  password,
  intro,
}: NewPasswordFormProps & { token: string }) {
  const run = useActionState<LinkFormState, FormData>(action, {});
  const [state] = run;
  if (state.linkDead) return <SpentLink message={state.message} />;
  return (
    <AuthForm run={run} hidden={{ token }} submit={submit} pendingText="Saving…">
      {intro ? <p>{intro}</p> : null}
      <NewPasswordFields bind={fieldBinder(state.errors, undefined)} {...password} required />
    </AuthForm>
  );
}
