'use server';
// Settings › Calendar: connect a calendar feed (an iCalendar address), read it now,
// disconnect. Each calls the API's /me/integrations/calendar routes.
import type { CalendarSyncResult } from '@leadtrack/schemas';
import { revalidatePath } from 'next/cache';
import { api } from '../../lib/api';
import { actionFailure, type FormState, formText, settled } from '../../lib/form-state';
import { syncFound } from '../../lib/format';

export interface CalendarState extends FormState {
  /** Bumped on every success, so a form can reset. */
  saved?: number;
  done?: string;
}

export async function connectCalendar(prev: CalendarState, form: FormData): Promise<CalendarState> {
  const url = formText(form, 'url').trim();
  const res = await api<CalendarSyncResult>('/me/integrations/calendar', {
    method: 'PUT',
    body: { url },
  });
  // The address can hold the calendar's private key: it is not sent back to the form.
  if (!res.ok) return actionFailure(res, {}, 'Connecting the calendar failed.');
  revalidatePath('/settings');
  return {
    saved: (prev.saved ?? 0) + 1,
    done: `Calendar connected and read: ${syncFound(res.data)}.`,
  };
}

export async function syncCalendar(prev: CalendarState): Promise<CalendarState> {
  const res = await api<CalendarSyncResult>('/me/integrations/calendar/sync', { method: 'POST' });
  revalidatePath('/settings');
  return settled(
    prev,
    res,
    (found) => `Calendar read: ${syncFound(found)}.`,
    'Reading the calendar failed.',
  );
}

export async function disconnectCalendar(prev: CalendarState): Promise<CalendarState> {
  const res = await api('/me/integrations/calendar', { method: 'DELETE' });
  if (res.ok) revalidatePath('/settings');
  return settled(
    prev,
    res,
    'The calendar is disconnected and its address forgotten. Suggestions already offered stay.',
    'Disconnecting the calendar failed.',
  );
}
