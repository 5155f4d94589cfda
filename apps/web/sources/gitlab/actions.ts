'use server';
// Settings › GitLab: connect with a personal access token (and a self-managed instance's
// address); the rest is every code host's (sources/token-host-actions.ts).
import type { IntegrationState } from '../../app/actions/integrations';
import { connectTokenHost } from '../token-host-actions';

export async function connectGitlab(
  prev: IntegrationState,
  form: FormData,
): Promise<IntegrationState> {
  return connectTokenHost('gitlab', 'GitLab', prev, form);
}
