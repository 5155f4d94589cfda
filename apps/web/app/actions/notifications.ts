'use server';
// Marking notifications read: one (its row's button) or all ("Mark all read"). The API only
// ever marks the caller's own; the page comes back saying what happened.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { notificationsApi } from '../../lib/api';
import { formText } from '../../lib/form-state';

async function markRead(body: { ids: string[] } | { all: true }, done: string) {
  const res = await notificationsApi.markRead(body);
  // The unread count lives in the layout's navigation.
  revalidatePath('/', 'layout');
  redirect(res.ok ? `/notifications?done=${done}` : '/notifications?error=1');
}

export async function markNotificationRead(form: FormData): Promise<void> {
  const id = formText(form, 'id');
  if (!id) redirect('/notifications');
  await markRead({ ids: [id] }, 'one');
}

export async function markAllNotificationsRead(): Promise<void> {
  await markRead({ all: true }, 'all');
}
