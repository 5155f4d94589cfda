'use server';
import { usersApi } from '../../lib/api';
import { type FormState, formCall, formText, needsAttention } from '../../lib/form-state';

export type FeedbackState = FormState<{ body: string }>;

export async function sendFeedback(prev: FeedbackState, form: FormData): Promise<FeedbackState> {
  const userId = formText(form, 'userId');
  const body = formText(form, 'body');
  if (!body.trim()) return needsAttention({ body: 'Write some feedback first.' }, { body });
  const page = `/team/${userId}`;
  return formCall(prev, usersApi.sendFeedback(userId, { body }), {
    values: { body },
    failed: 'Sending failed.',
    revalidate: [page],
    page,
  });
}
