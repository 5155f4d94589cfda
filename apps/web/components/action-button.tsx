// One button that posts a few fixed fields to a server action: a row's Delete or Restore.
import type { ReactNode } from 'react';
import { PendingButton } from './pending-button';

interface Props {
  action: (form: FormData) => void | Promise<void>;
  /** Hidden fields sent with the press, e.g. the row's id and the page to come back to. */
  fields: Record<string, string>;
  className: string;
  /** The accessible name, naming the row (the visible text alone would be ambiguous). */
  label: string;
  children: ReactNode;
}

export function ActionButton({ action, fields, className, label, children }: Props) {
  return (
    <form action={action}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <PendingButton className={className} aria-label={label}>
        {children}
      </PendingButton>
    </form>
  );
}
