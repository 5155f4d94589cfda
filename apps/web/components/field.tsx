// A labelled form field whose error (and hint) are linked to the control for screen readers.
import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from 'react';

export function FieldError({ id, error }: { id: string; error?: string | undefined }) {
  if (!error) return null;
  return (
    <p className="field-error" id={`${id}-error`}>
      {error}
    </p>
  );
}

export function describedBy(id: string, error?: string, hint?: boolean): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

interface FieldProps {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  children: ReactNode;
  className?: string;
}

/** Wraps one control: label above, hint and error below. The control sets its own id. */
export function Field({ id, label, error, hint, children, className }: FieldProps) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <FieldError id={id} error={error} />
    </div>
  );
}

export function FormAlert({ message }: { message?: string | undefined }) {
  if (!message) return null;
  return (
    <p className="form-alert" role="alert">
      {message}
    </p>
  );
}

interface InputFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  /** The control's id, and its form name unless `name` says otherwise. */
  id: string;
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  fieldClassName?: string;
}

/** A Field holding one <input>, its hint and error already linked through aria-describedby. */
export function InputField({
  id,
  name = id,
  label,
  error,
  hint,
  fieldClassName,
  ...input
}: InputFieldProps) {
  return (
    <Field id={id} label={label} error={error} hint={hint} className={fieldClassName}>
      <input
        id={id}
        name={name}
        {...input}
        aria-describedby={describedBy(id, error, Boolean(hint))}
      />
    </Field>
  );
}

interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
}

/** A Field holding one <textarea>, marked invalid while it has an error. */
export function TextAreaField({
  id,
  name = id,
  label,
  error,
  hint,
  ...textarea
}: TextAreaFieldProps) {
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      <textarea
        id={id}
        name={name}
        {...textarea}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, Boolean(hint))}
      />
    </Field>
  );
}

/** A password input; autoComplete says whether it is the current or a new one. */
export function PasswordField(
  props: Omit<InputFieldProps, 'type' | 'autoComplete'> & {
    autoComplete: 'current-password' | 'new-password';
  },
) {
  return <InputField type="password" {...props} />;
}

interface SubmitButtonProps {
  pending: boolean;
  children: ReactNode;
  /** Shown while the action runs; the label stays as it is when absent. */
  pendingText?: string;
  className?: string;
}

export function SubmitButton({
  pending,
  children,
  pendingText,
  className = 'button primary',
}: SubmitButtonProps) {
  return (
    <button type="submit" className={className} disabled={pending}>
      {pending && pendingText ? pendingText : children}
    </button>
  );
}
