// A labelled form field whose error (and hint) are linked to the control for screen readers.
import {
  createElement,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { CharCounter } from './char-counter';

export function FieldError({ id, error }: { id: string; error?: string | undefined }) {
  if (!error) return null;
  return (
    <p className="field-error" id={`${id}-error`}>
      {error}
    </p>
  );
}

export function describedBy(
  id: string,
  error?: string,
  hint?: boolean,
  counted?: boolean,
): string | undefined {
  const ids = [
    hint ? `${id}-hint` : null,
    counted ? `${id}-count` : null,
    error ? `${id}-error` : null,
  ].filter(Boolean);
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

/**
 * The form-level message of every form, whether it answers in place (a FormState's
 * `message`) or by redirect (a code from lib/notices.ts, FailedAction): why the action did
 * not work, above the fields, announced at once.
 */
export function FormAlert({
  message,
  children,
  small,
}: {
  message?: string | undefined;
  children?: ReactNode;
  small?: boolean;
}) {
  const said = message || children;
  if (!said) return null;
  return (
    <p className={small ? 'form-alert small' : 'form-alert'} role="alert">
      {said}
    </p>
  );
}

/**
 * Ties controls to a form's answer: `bind('title')` gives the control's id (and form name),
 * its error and what was typed (else `fallback`), so each field names its key once;
 * `bind.checked` does so for a checkbox, `bind.choices` for a group of checkboxes sharing a
 * name (what was ticked). `idOf` prefixes ids where several forms share a page.
 */
export function fieldBinder(
  errors: Record<string, string> | undefined,
  values: object | null | undefined,
  idOf: (name: string) => string = (name) => name,
) {
  const sent = (name: string) => (values as Record<string, unknown> | null | undefined)?.[name];
  const control = (name: string) => ({ id: idOf(name), name, error: errors?.[name] });
  return Object.assign(
    (name: string, fallback = '') => {
      const typed = sent(name);
      return { ...control(name), defaultValue: typeof typed === 'string' ? typed : fallback };
    },
    {
      checked: (name: string, fallback = false) => {
        const ticked = sent(name);
        return {
          id: idOf(name),
          name,
          defaultChecked: typeof ticked === 'boolean' ? ticked : fallback,
        };
      },
      choices: (name: string, fallback: readonly string[] = []) => {
        const ticked = sent(name);
        return { ...control(name), defaultValue: Array.isArray(ticked) ? ticked : fallback };
      },
    },
  );
}

/** What `fieldBinder` makes. */
export type FieldBinder = ReturnType<typeof fieldBinder>;

/** What every labelled control takes besides its own attributes. */
interface LabelledProps {
  /** The control's id, and its form name unless `name` says otherwise. */
  id: string;
  name?: string | undefined;
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
}

/**
 * A Field holding one control of the given tag: label above, hint and error below, the
 * control marked invalid while it has an error, its hint and error linked to it. A text
 * control with a `maxLength` counts its characters under it (CharCounter).
 */
function LabelledControl({
  tag,
  id,
  name,
  label,
  error,
  hint,
  fieldClassName,
  ...control
}: LabelledProps & {
  tag: 'input' | 'textarea' | 'select';
  fieldClassName?: string | undefined;
  maxLength?: number | undefined;
  defaultValue?: unknown;
}) {
  const max = tag === 'select' ? undefined : control.maxLength;
  return (
    <Field id={id} label={label} error={error} hint={hint} className={fieldClassName}>
      {createElement(tag, {
        ...control,
        id,
        name: name ?? id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy(id, error, Boolean(hint), max !== undefined),
      })}
      {max !== undefined ? (
        <CharCounter id={id} max={max} initial={String(control.defaultValue ?? '').length} />
      ) : null}
    </Field>
  );
}

type InputFieldProps = LabelledProps &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name'> & { fieldClassName?: string };

export const InputField = (props: InputFieldProps) => <LabelledControl tag="input" {...props} />;

/** Three lines high unless `rows` says otherwise. */
export const TextAreaField = (
  props: LabelledProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'name'>,
) => <LabelledControl tag="textarea" rows={3} {...props} />;

/** Its children are the <option>s. */
export const SelectField = (
  props: LabelledProps & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'name'>,
) => <LabelledControl tag="select" {...props} />;

/** One whole-number field of a NumberFields row. */
export interface NumberFieldSpec {
  /** The form name, as the form's binder knows it. */
  key: string;
  label: string;
  hint: string;
  min: number;
  max: number;
}

/** Whole-number fields side by side: number inputs (a numeric keypad on phones) within limits. */
export function NumberFields({
  fields,
  bind,
}: {
  fields: readonly NumberFieldSpec[];
  /** The form's binder, or one giving each field's value when nothing was typed. */
  bind: (name: string) => ReturnType<FieldBinder>;
}) {
  return (
    <div className="row">
      {fields.map(({ key, ...field }) => (
        <InputField key={key} {...bind(key)} {...field} type="number" inputMode="numeric" />
      ))}
    </div>
  );
}

/** A checkbox with its label beside it and a hint below, the hint linked to it. */
export function CheckboxField({
  id,
  name = id,
  label,
  hint,
  defaultChecked,
}: {
  id: string;
  name?: string;
  label: string;
  hint: ReactNode;
  defaultChecked: boolean;
}) {
  return (
    <div className="field checkbox-field">
      <input
        type="checkbox"
        id={id}
        name={name}
        defaultChecked={defaultChecked}
        aria-describedby={`${id}-hint`}
      />
      <label htmlFor={id}>{label}</label>
      <p className="hint" id={`${id}-hint`}>
        {hint}
      </p>
    </div>
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
