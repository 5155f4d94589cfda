'use server';
// Settings › Calendar: connect a calendar feed (an iCalendar address); reading it now and
// disconnecting are in integrations.ts.
import type { CalendarSyncResult, PutCalendarFeedBody } from '@leadtrack/schemas';
import { revalidatePath } from 'next/cache';
import type { IntegrationState } from '../../app/actions/integrations';
import { meApi } from '../../lib/api';
import { actionFailure, formText, succeeded } from '../../lib/form-state';
import { syncFound } from '../../lib/format';

export type CalendarState = IntegrationState;

export async function connectCalendar(prev: CalendarState, form: FormData): Promise<CalendarState> {
  const url = formText(form, 'url').trim();
  const res = await meApi.connect<PutCalendarFeedBody, CalendarSyncResult>('calendar', { url });
  // The address can hold the calendar's private key: it is not sent back to the form.
  if (!res.ok) return actionFailure(res, {}, 'Connecting the calendar failed.');
  revalidatePath('/settings');
  return succeeded(prev, `Calendar connected and read: ${syncFound(res.data)}.`);
}
