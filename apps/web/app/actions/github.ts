'use server';
// Settings › GitHub: connect with a personal access token (optionally GitHub Enterprise's
// address), sync now, disconnect. Each calls the API's /me/integrations/github routes.
import type { GithubSyncResult } from '@leadtrack/schemas';
import { revalidatePath } from 'next/cache';
import { api } from '../../lib/api';
import { actionFailure, type FormState, formText, settled } from '../../lib/form-state';
import { syncFound } from '../../lib/format';

export interface GithubState extends FormState {
  /** Bumped on every success, so a form can reset. */
  saved?: number;
  done?: string;
}

export async function connectGithub(prev: GithubState, form: FormData): Promise<GithubState> {
  const token = formText(form, 'token').trim();
  const baseUrl = formText(form, 'baseUrl').trim();
  const res = await api('/me/integrations/github', {
    method: 'PUT',
    body: { token, ...(baseUrl && { baseUrl }) },
  });
  // The token is never sent back to the form, even when it was refused.
  if (!res.ok) return actionFailure(res, { baseUrl }, 'Connecting GitHub failed.');
  revalidatePath('/settings');
  return {
    saved: (prev.saved ?? 0) + 1,
    done: 'GitHub is connected. The last 26 weeks are being read now: suggestions arrive in your inbox.',
  };
}

export async function syncGithub(prev: GithubState): Promise<GithubState> {
  const res = await api<GithubSyncResult>('/me/integrations/github/sync', { method: 'POST' });
  revalidatePath('/settings');
  return settled(prev, res, (found) => `Synced: ${syncFound(found)}.`, 'The sync failed.');
}

export async function disconnectGithub(prev: GithubState): Promise<GithubState> {
  const res = await api('/me/integrations/github', { method: 'DELETE' });
  if (res.ok) revalidatePath('/settings');
  return settled(
    prev,
    res,
    'GitHub is disconnected and its token forgotten. Suggestions already offered stay.',
    'Disconnecting GitHub failed.',
  );
}
