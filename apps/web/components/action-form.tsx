// A form run by a server action through useActionState: what worked above it, the action's
// sentence when it failed, the fields, and one submit button that waits while it runs.
import type { ReactNode } from 'react';
import { FormAlert, SubmitButton } from './field';
import { Flash } from './flash';

/** The parts of an action's answer the frame reads. */
interface ActionAnswer {
  message?: string | undefined;
  done?: string | undefined;
  /** Bumped (or set) on every success. */
  saved?: number | string | undefined;
  /** What was typed, sent back on error. */
  values?: unknown;
}

interface ActionFormProps {
  /** What useActionState gave: the action's answer, the action, and whether it runs. */
  run: readonly [ActionAnswer, (form: FormData) => void, boolean];
  /** What the submit button says. */
  submit: ReactNode;
  /** What the submit button says while the action runs; it keeps `submit` when absent. */
  pendingText?: string;
  /** Said above the form after the action worked: the answer's own `done` unless given (null: nothing). */
  done?: ReactNode;
  className?: string;
  submitClassName?: string;
  children?: ReactNode;
}

export function ActionForm({
  run: [state, action, pending],
  submit,
  pendingText,
  done = state.done,
  className = 'stack narrow',
  submitClassName,
  children,
}: ActionFormProps) {
  return (
    // A new key after every answer remounts the fields: empty after a success, holding what was
    // typed after an error (their defaultValues come from the answer's values).
    <form
      action={action}
      className={className}
      noValidate
      // It answers in place: banners the page showed before are stale (StaleBanners).
      data-answers-here=""
      key={`${state.saved ?? 0}-${JSON.stringify(state.values ?? null)}`}
    >
      {done ? <Flash>{done}</Flash> : null}
      <FormAlert message={state.message} />
      {children}
      <div>
        <SubmitButton
          pending={pending}
          {...(pendingText && { pendingText })}
          {...(submitClassName && { className: submitClassName })}
        >
          {submit}
        </SubmitButton>
      </div>
    </form>
  );
}
