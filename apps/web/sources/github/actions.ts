'use server';
// Settings › GitHub: connect with a personal access token (optionally GitHub Enterprise's
// address); syncing now and disconnecting are in integrations.ts.
import type { PutGithubIntegrationBody } from '@leadtrack/schemas';
import { revalidatePath } from 'next/cache';
import type { IntegrationState } from '../../app/actions/integrations';
import { meApi } from '../../lib/api';
import { actionFailure, formText, succeeded } from '../../lib/form-state';

export type GithubState = IntegrationState;

export async function connectGithub(prev: GithubState, form: FormData): Promise<GithubState> {
  const token = formText(form, 'token').trim();
  const baseUrl = formText(form, 'baseUrl').trim();
  const res = await meApi.connect<PutGithubIntegrationBody>('github', {
    token,
    ...(baseUrl && { baseUrl }),
  });
  // The token is never sent back to the form, even when it was refused.
  if (!res.ok) return actionFailure(res, { baseUrl }, 'Connecting GitHub failed.');
  revalidatePath('/settings');
  return succeeded(
    prev,
    'GitHub is connected. The last 26 weeks are being read now: suggestions arrive in your inbox.',
  );
}
