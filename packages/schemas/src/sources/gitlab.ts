// Connecting GitLab (gitlab.com or a self-managed instance) and syncing the merge requests a
// person reviewed and the design merge requests they opened into suggestions.
import type { z } from 'zod';
import { tokenHostSchemas, withoutTrailingSlash } from './token-host';

export const GITLAB_DEFAULT_BASE_URL = 'https://gitlab.com';

/**
 * The address is the instance's root (`https://gitlab.example.com`, or under a path; the API
 * is at `<address>/api/v4`, and an address given with it is stored without); the token a
 * `glpat-…` or an older one.
 */
export const GitlabSchemas = tokenHostSchemas({
  name: 'GitLab',
  id: 'Gitlab',
  account: 'username',
  examples: 'https://gitlab.com or https://gitlab.example.com',
  normalise: (value) => withoutTrailingSlash(value).replace(/\/api\/v4$/i, ''),
  token: 'A personal access token with the read_api scope (never returned)',
  baseUrl: `The instance's address: ${GITLAB_DEFAULT_BASE_URL} (default) or a self-managed one such as https://gitlab.example.com`,
});

/** GET /me/integrations/gitlab. */
export type GitlabIntegration = z.infer<typeof GitlabSchemas.connection>;
