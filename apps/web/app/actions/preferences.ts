'use server';
// The signed-in person's message preferences (PUT /me/preferences): which messages they
// are mailed and when the weekly reminder comes.
import { revalidatePath } from 'next/cache';
import { meApi } from '../../lib/api';
import { actionFailure, formText, succeeded } from '../../lib/form-state';
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
  const res = await meApi.putPreferences(body);
  if (!res.ok) return actionFailure(res, values, 'Saving your email preferences failed.');
  revalidatePath('/settings');
  return succeeded(prev, 'Email preferences saved.');
}
