// The frame of the sign-in, sign-up and password-reset forms: the action's sentence when it
// failed, the hidden values it carries, the fields, one submit button and what follows it.
import Link from 'next/link';
import type { ReactNode } from 'react';
import { FormAlert, SubmitButton } from '../../components/field';

/** A one-time link that is spent or stale: why, and the way to sign in instead. */
export function SpentLink({ message }: { message?: string | undefined }) {
  return (
    <div className="stack">
      <FormAlert message={message} />
      <p>
        <Link href="/login">Go to sign in</Link>
      </p>
    </div>
  );
}

interface AuthFormProps {
  /** What useActionState gave: the answer (its `message` above the fields), the action, pending. */
  run: readonly [{ message?: string | undefined }, (form: FormData) => void, boolean];
  /** Hidden inputs, by name: where to go next, the reset link's token, the time zone. */
  hidden: Record<string, string>;
  submit: string;
  pendingText: string;
  children: ReactNode;
  /** Below the button: the way to the other form. */
  footer?: ReactNode;
}

export function AuthForm({
  run: [{ message }, action, pending],
  hidden,
  submit,
  pendingText,
  children,
  footer,
}: AuthFormProps) {
  return (
    <form action={action} className="stack" noValidate>
      <FormAlert message={message} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <SubmitButton pending={pending} pendingText={pendingText}>
        {submit}
      </SubmitButton>
      {footer ? <p className="muted">{footer}</p> : null}
    </form>
  );
}
