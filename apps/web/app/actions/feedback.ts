'use server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { fieldErrors, usersApi } from '../../lib/api';
import { formText } from '../../lib/form-state';

export interface FeedbackState {
  error?: string;
  sent?: number;
  body?: string;
}

export async function sendFeedback(prev: FeedbackState, form: FormData): Promise<FeedbackState> {
  const userId = formText(form, 'userId');
  const body = formText(form, 'body');
  if (!body.trim()) return { error: 'Write some feedback first.', body };
  const res = await usersApi.sendFeedback(userId, { body });
  if (!res.ok) {
    if (res.status === 401) redirect(`/login?next=/team/${userId}`);
    const fe = fieldErrors(res.problem);
    return { error: fe.body ?? (res.problem.detail || 'Sending failed.'), body };
  }
  revalidatePath(`/team/${userId}`);
  return { sent: (prev.sent ?? 0) + 1 };
}
