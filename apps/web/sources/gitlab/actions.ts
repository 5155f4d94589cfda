'use server';
// Settings › GitLab: connect with a personal access token (and a self-managed instance's
// address); syncing now and disconnecting are in app/actions/integrations.ts.
import type { PutGitlabIntegrationBody } from '@leadtrack/schemas';
import { revalidatePath } from 'next/cache';
import type { IntegrationState } from '../../app/actions/integrations';
import { meApi } from '../../lib/api';
import { actionFailure, formText, succeeded } from '../../lib/form-state';

export async function connectGitlab(
  prev: IntegrationState,
  form: FormData,
): Promise<IntegrationState> {
  const token = formText(form, 'token').trim();
  const baseUrl = formText(form, 'baseUrl').trim();
  const res = await meApi.connect<PutGitlabIntegrationBody>('gitlab', {
    token,
    ...(baseUrl && { baseUrl }),
  });
  // The token is never sent back to the form, even when it was refused.
  if (!res.ok) return actionFailure(res, { baseUrl }, 'Connecting GitLab failed.');
  revalidatePath('/settings');
  return succeeded(
    prev,
    'GitLab is connected. The last 26 weeks are being read now: suggestions arrive in your inbox.',
  );
}
