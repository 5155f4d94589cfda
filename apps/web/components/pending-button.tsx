'use client';
// A form's submit button that waits while the form's action runs: disabled from the press
// until the answer arrives, so a double click sends once. For forms whose action is a
// Server Action passed straight to `<form action>` (a row's Acknowledge, Endorse, Undo…),
// where no useActionState tells the button; `useFormStatus` reads the enclosing form.
import { type ComponentProps, type MouseEvent, useEffect, useRef } from 'react';
import { useFormStatus } from 'react-dom';

type Props = Omit<ComponentProps<'button'>, 'type' | 'disabled'> & {
  /** Shown while the action runs; the label stays as it is when absent. */
  pendingText?: string;
  /** Disabled for another reason as well. */
  disabled?: boolean;
};

export function PendingButton({ pendingText, children, disabled, onClick, ...rest }: Props) {
  const { pending } = useFormStatus();
  // The press itself marks the form as sent: a second press before React re-renders the
  // button disabled is dropped too. Cleared once the action has answered.
  const sent = useRef(false);
  useEffect(() => {
    if (!pending) sent.current = false;
  }, [pending]);
  function press(event: MouseEvent<HTMLButtonElement>) {
    if (sent.current) {
      event.preventDefault();
      return;
    }
    onClick?.(event);
    const form = event.currentTarget.form;
    // A press the browser's own validation stops sends nothing: leave the button usable.
    if (event.defaultPrevented || (form && !form.noValidate && !form.checkValidity())) return;
    sent.current = true;
  }
  return (
    <button type="submit" {...rest} disabled={disabled || pending} onClick={press}>
      {pending && pendingText ? pendingText : children}
    </button>
  );
}
