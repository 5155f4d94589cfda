'use server';
// The signed-in person's own account: password, time zone, personal access tokens and
// signing out other devices. Each calls the API's /me routes with the caller's token.
import { TOKEN_LIMITS } from '@leadtrack/schemas';
import { revalidatePath } from 'next/cache';
import { meApi } from '../../lib/api';
import {
  actionFailure,
  type FormState,
  formText,
  needsAttention,
  passwordsDiffer,
  settled,
  succeeded,
} from '../../lib/form-state';
import type { CreatedToken } from '../../lib/types';

export interface SettingsState extends FormState {
  /** The new token's secret: shown once, never stored by the dashboard. */
  created?: CreatedToken;
}

export async function changePassword(prev: SettingsState, form: FormData): Promise<SettingsState> {
  const differ = passwordsDiffer(
    form,
    'newPassword',
    'The two new passwords differ: type the same one twice.',
  );
  if (differ) return differ;
  const currentPassword = formText(form, 'currentPassword');
  const newPassword = formText(form, 'newPassword');
  const res = await meApi.changePassword({ currentPassword, newPassword });
  if (!res.ok) {
    return actionFailure(res, undefined, 'Changing the password failed.');
  }
  return succeeded(
    prev,
    'Password changed. Every other device you were signed in on is now signed out.',
  );
}

export async function saveTimeZone(prev: SettingsState, form: FormData): Promise<SettingsState> {
  const timeZone = formText(form, 'timeZone');
  const res = await meApi.update({ timeZone });
  if (!res.ok) {
    return actionFailure(res, { timeZone }, 'Saving the time zone failed.');
  }
  revalidatePath('/', 'layout');
  return succeeded(prev, `Time zone set to ${timeZone}.`);
}

export async function createToken(prev: SettingsState, form: FormData): Promise<SettingsState> {
  const values = {
    name: formText(form, 'name'),
    expiresInDays: formText(form, 'expiresInDays'),
  };
  const days = Number(values.expiresInDays);
  const { daysMin, daysMax } = TOKEN_LIMITS;
  if (!Number.isInteger(days) || days < daysMin || days > daysMax) {
    return needsAttention(
      { expiresInDays: `Enter a whole number of days from ${daysMin} to ${daysMax}.` },
      values,
    );
  }
  // The password is never sent back into the form: a failed attempt asks for it again.
  const res = await meApi.createToken({
    name: values.name,
    expiresInDays: days,
    currentPassword: formText(form, 'currentPassword'),
  });
  if (!res.ok) {
    return actionFailure(res, values, 'Creating the token failed.');
  }
  revalidatePath('/settings');
  return { ...succeeded(prev), created: res.data };
}

export async function revokeToken(prev: SettingsState, form: FormData): Promise<SettingsState> {
  const id = formText(form, 'id');
  const name = formText(form, 'name', 'The token');
  const res = await meApi.revokeToken(id);
  if (!res.ok && res.status !== 404) {
    return { message: res.problem.detail || 'Revoking the token failed.' };
  }
  revalidatePath('/settings');
  return succeeded(prev, `${name} is revoked: it no longer works.`);
}

export async function signOutElsewhere(prev: SettingsState): Promise<SettingsState> {
  const res = await meApi.endOtherSessions();
  return settled(
    prev,
    res,
    'Signed out everywhere else and every personal access token revoked. This browser stays signed in.',
    'Signing out the other devices failed.',
  );
}

/** The one-time zone prompt (components/zone-prompt.tsx): saving the zone confirms it. */
export async function confirmTimeZone(
  _prev: SettingsState,
  form: FormData,
): Promise<SettingsState> {
  const timeZone = formText(form, 'timeZone');
  const res = await meApi.update({ timeZone });
  if (!res.ok) return { message: 'Saving the time zone failed. Choose it in Settings.' };
  revalidatePath('/', 'layout');
  return { saved: 1, done: `Time zone set to ${timeZone}.` };
}
