// Connecting a code host with a personal access token (and a self-hosted address when it is
// one), for each host's server action (sources/<id>/actions.ts); syncing now and
// disconnecting are app/actions/integrations.ts's, as for every source.
import 'server-only';
import type { IntegrationState } from '../app/actions/integrations';
import { meApi } from '../lib/api';
import { formCall, formText } from '../lib/form-state';

export async function connectTokenHost(
  id: 'github' | 'gitlab',
  name: string,
  prev: IntegrationState,
  form: FormData,
): Promise<IntegrationState> {
  const token = formText(form, 'token').trim();
  const baseUrl = formText(form, 'baseUrl').trim();
  const call = meApi.connect<{ token: string; baseUrl?: string }>(id, {
    token,
    ...(baseUrl && { baseUrl }),
  });
  return formCall(prev, call, {
    // The token is never sent back to the form, even when it was refused.
    values: { baseUrl },
    done: `${name} is connected. The last 26 weeks are being read now: suggestions arrive in your inbox.`,
    failed: `Connecting ${name} failed.`,
    revalidate: ['/settings'],
  });
}
