'use client';
import '../../../../lib/zod-in-the-browser';
import { FEEDBACK_LIMITS } from '@leadtrack/schemas';
import { useActionState } from 'react';
import { describedBy, Field } from '../../../../components/field';
import { type FeedbackState, sendFeedback } from '../../../actions/feedback';

export function FeedbackForm({ userId, name }: { userId: string; name: string }) {
  const [state, action, pending] = useActionState<FeedbackState, FormData>(sendFeedback, {});
  return (
    <form action={action} className="stack" noValidate key={state.sent ?? 0}>
      {state.sent ? (
        <p className="flash" role="status">
          Feedback sent to {name}.
        </p>
      ) : null}
      <input type="hidden" name="userId" value={userId} />
      <Field
        id="feedback-body"
        label="Feedback"
        error={state.error}
        hint={`${name} sees this on their readiness page.`}
      >
        <textarea
          id="feedback-body"
          name="body"
          rows={4}
          maxLength={FEEDBACK_LIMITS.bodyMax}
          defaultValue={state.body ?? ''}
          aria-invalid={state.error ? true : undefined}
          aria-describedby={describedBy('feedback-body', state.error, true)}
        />
      </Field>
      <div>
        <button type="submit" className="button primary" disabled={pending}>
          {pending ? 'Sending…' : 'Send feedback'}
        </button>
      </div>
    </form>
  );
}
