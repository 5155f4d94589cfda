'use server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { usersApi } from '../../lib/api';
import {
  actionFailure,
  type FormState,
  formText,
  needsAttention,
  succeeded,
} from '../../lib/form-state';

export type FeedbackState = FormState<{ body: string }>;

export async function sendFeedback(prev: FeedbackState, form: FormData): Promise<FeedbackState> {
  const userId = formText(form, 'userId');
  const body = formText(form, 'body');
  if (!body.trim()) return needsAttention({ body: 'Write some feedback first.' }, { body });
  const res = await usersApi.sendFeedback(userId, { body });
  if (!res.ok) {
    if (res.status === 401) redirect(`/login?next=/team/${userId}`);
    return actionFailure(res, { body }, 'Sending failed.');
  }
  revalidatePath(`/team/${userId}`);
  return succeeded(prev);
}
