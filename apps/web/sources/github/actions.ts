'use server';
// Settings › GitHub: connect with a personal access token (optionally GitHub Enterprise's
// address); the rest is every code host's (sources/token-host-actions.ts).
import type { IntegrationState } from '../../app/actions/integrations';
import { connectTokenHost } from '../token-host-actions';

export async function connectGithub(
  prev: IntegrationState,
  form: FormData,
): Promise<IntegrationState> {
  return connectTokenHost('github', 'GitHub', prev, form);
}
