// Connecting GitLab (gitlab.com or a self-managed instance) and syncing the merge requests a
// person reviewed and the design merge requests they opened into suggestions.
import type { z } from 'zod';
import { tokenHostSchemas, withoutTrailingSlash } from './token-host';

export const GITLAB_DEFAULT_BASE_URL = 'https://gitlab.com';

/** The weeks a sync on connecting covers, and the furthest back a sync may reach. */
export const GITLAB_BACKFILL_WEEKS = 26;
export const GITLAB_SYNC_MAX_WEEKS = 52;

/**
 * The address is the instance's root (`https://gitlab.example.com`, or under a path; the API
 * is at `<address>/api/v4`, and an address given with it is stored without); the token a
 * `glpat-…` or an older one.
 */
const gitlab = tokenHostSchemas({
  name: 'GitLab',
  id: 'Gitlab',
  account: 'username',
  examples: 'https://gitlab.com or https://gitlab.example.com',
  normalise: (value) => withoutTrailingSlash(value).replace(/\/api\/v4$/i, ''),
  token: 'A personal access token with the read_api scope (never returned)',
  baseUrl: `The instance's address: ${GITLAB_DEFAULT_BASE_URL} (default) or a self-managed one such as https://gitlab.example.com`,
});

export const PutGitlabIntegrationBodySchema = gitlab.config;
export type PutGitlabIntegrationBody = z.infer<typeof PutGitlabIntegrationBodySchema>;

export const GitlabIntegrationSchema = gitlab.connection;
export type GitlabIntegration = z.infer<typeof GitlabIntegrationSchema>;

export const SyncGitlabBodySchema = gitlab.syncBody;
export type SyncGitlabBody = z.infer<typeof SyncGitlabBodySchema>;

export const GitlabSyncResultSchema = gitlab.syncResult;
export type GitlabSyncResult = z.infer<typeof GitlabSyncResultSchema>;
