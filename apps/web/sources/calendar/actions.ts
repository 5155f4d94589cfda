'use server';
// Settings › Calendar: connect a calendar feed (an iCalendar address); reading it now and
// disconnecting are in integrations.ts.
import type { CalendarSyncResult, PutCalendarFeedBody } from '@leadtrack/schemas';
import type { IntegrationState } from '../../app/actions/integrations';
import { meApi } from '../../lib/api';
import { formCall, formText } from '../../lib/form-state';
import { syncFound } from '../../lib/format';

export type CalendarState = IntegrationState;

export async function connectCalendar(prev: CalendarState, form: FormData): Promise<CalendarState> {
  const url = formText(form, 'url').trim();
  const call = meApi.connect<PutCalendarFeedBody, CalendarSyncResult>('calendar', { url });
  return formCall(prev, call, {
    // The address can hold the calendar's private key: it is not sent back to the form.
    values: {},
    done: (found) => `Calendar connected and read: ${syncFound(found)}.`,
    failed: 'Connecting the calendar failed.',
    revalidate: ['/settings'],
  });
}
