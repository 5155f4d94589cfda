'use server';
// The signed-in person's message preferences (PUT /me/preferences): which messages they
// are mailed and when the weekly reminder comes.
import { meApi } from '../../lib/api';
import { formCall, formText } from '../../lib/form-state';
import type { SettingsState } from './settings';

export async function savePreferences(prev: SettingsState, form: FormData): Promise<SettingsState> {
  const values = {
    reminderDay: formText(form, 'reminderDay'),
    reminderHour: formText(form, 'reminderHour'),
  };
  const body = {
    weeklyReminder: form.get('weeklyReminder') === 'on',
    managerDigest: form.get('managerDigest') === 'on',
    emailNotifications: form.get('emailNotifications') === 'on',
    reminderDay: values.reminderDay,
    reminderHour: Number(values.reminderHour),
  };
  return formCall(prev, meApi.putPreferences(body), {
    values,
    done: 'Email preferences saved.',
    failed: 'Saving your email preferences failed.',
    revalidate: ['/settings'],
  });
}
