// Connecting GitHub (or GitHub Enterprise) and syncing what it shows into suggestions.
import type { z } from 'zod';
import { tokenHostSchemas, withoutTrailingSlash } from './token-host';

export const GITHUB_DEFAULT_BASE_URL = 'https://api.github.com';

/**
 * The address is the REST API's root (GitHub Enterprise's is `https://host/api/v3`); the
 * token a classic `ghp_…`, a fine-grained `github_pat_…`, or an Enterprise one.
 */
export const GithubSchemas = tokenHostSchemas({
  name: 'GitHub',
  id: 'Github',
  account: 'login',
  examples: 'https://api.github.com or https://github.example.com/api/v3',
  normalise: withoutTrailingSlash,
  token: 'A personal access token (never returned)',
  baseUrl: `The REST API's root: ${GITHUB_DEFAULT_BASE_URL} (default) or https://host/api/v3 for GitHub Enterprise`,
});

/** GET /me/integrations/github. */
export type GithubIntegration = z.infer<typeof GithubSchemas.connection>;
