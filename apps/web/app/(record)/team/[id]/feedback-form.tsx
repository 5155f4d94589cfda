'use client';
import '../../../../lib/zod-in-the-browser';
import { FEEDBACK_LIMITS } from '@leadtrack/schemas';
import { useActionState } from 'react';
import { ActionForm } from '../../../../components/action-form';
import { fieldBinder, TextAreaField } from '../../../../components/field';
import { type FeedbackState, sendFeedback } from '../../../actions/feedback';

export function FeedbackForm({ userId, name }: { userId: string; name: string }) {
  const run = useActionState<FeedbackState, FormData>(sendFeedback, {});
  const [state] = run;
  const bind = fieldBinder(state.errors, state.values, (field) => `feedback-${field}`);
  return (
    <ActionForm
      run={run}
      done={state.saved ? `Feedback sent to ${name}.` : null}
      submit="Send feedback"
      pendingText="Sending…"
      className="stack"
    >
      <input type="hidden" name="userId" value={userId} />
      <TextAreaField
        {...bind('body')}
        name="body"
        label="Feedback"
        hint={`${name} sees this on their readiness page.`}
        rows={4}
        maxLength={FEEDBACK_LIMITS.bodyMax}
      />
    </ActionForm>
  );
}
