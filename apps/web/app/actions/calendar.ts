'use server';
// Settings › Calendar: connect a calendar feed (an iCalendar address), read it now,
// disconnect. Each calls the API's /me/integrations/calendar routes.
import type { CalendarSyncResult } from '@leadtrack/schemas';
import { revalidatePath } from 'next/cache';
import { api } from '../../lib/api';
import { actionFailure, type FormState } from '../../lib/form-state';
import { plural } from '../../lib/format';

export interface CalendarState extends FormState {
  /** Bumped on every success, so a form can reset. */
  saved?: number;
  done?: string;
}

function found({ suggested, skipped }: CalendarSyncResult): string {
  if (suggested > 0) return `${plural(suggested, 'new suggestion')} in your inbox`;
  return `nothing new${skipped > 0 ? ` (${plural(skipped, 'item')} already offered)` : ''}`;
}

export async function connectCalendar(prev: CalendarState, form: FormData): Promise<CalendarState> {
  const url = String(form.get('url') ?? '').trim();
  const res = await api<CalendarSyncResult>('/me/integrations/calendar', {
    method: 'PUT',
    body: { url },
  });
  // The address can hold the calendar's private key: it is not sent back to the form.
  if (!res.ok) return actionFailure(res, {}, 'Connecting the calendar failed.');
  revalidatePath('/settings');
  return { saved: (prev.saved ?? 0) + 1, done: `Calendar connected and read: ${found(res.data)}.` };
}

export async function syncCalendar(prev: CalendarState): Promise<CalendarState> {
  const res = await api<CalendarSyncResult>('/me/integrations/calendar/sync', { method: 'POST' });
  revalidatePath('/settings');
  if (!res.ok) return { message: res.problem.detail || 'Reading the calendar failed.' };
  return { saved: (prev.saved ?? 0) + 1, done: `Calendar read: ${found(res.data)}.` };
}

export async function disconnectCalendar(prev: CalendarState): Promise<CalendarState> {
  const res = await api('/me/integrations/calendar', { method: 'DELETE' });
  if (!res.ok) return { message: res.problem.detail || 'Disconnecting the calendar failed.' };
  revalidatePath('/settings');
  return {
    saved: (prev.saved ?? 0) + 1,
    done: 'The calendar is disconnected and its address forgotten. Suggestions already offered stay.',
  };
}
