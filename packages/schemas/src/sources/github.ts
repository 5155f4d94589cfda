// Connecting GitHub (or GitHub Enterprise) and syncing what it shows into suggestions.
import type { z } from 'zod';
import { tokenHostSchemas, withoutTrailingSlash } from './token-host';

export const GITHUB_DEFAULT_BASE_URL = 'https://api.github.com';

/** How far back a sync may reach: a year of weeks (each week costs two searches). */
export const GITHUB_SYNC_MAX_WEEKS = 52;

/** The weeks a sync on connecting covers. */
export const GITHUB_BACKFILL_WEEKS = 26;

/**
 * The address is the REST API's root (GitHub Enterprise's is `https://host/api/v3`); the
 * token a classic `ghp_…`, a fine-grained `github_pat_…`, or an Enterprise one.
 */
const github = tokenHostSchemas({
  name: 'GitHub',
  id: 'Github',
  account: 'login',
  examples: 'https://api.github.com or https://github.example.com/api/v3',
  normalise: withoutTrailingSlash,
  token: 'A personal access token (never returned)',
  baseUrl: `The REST API's root: ${GITHUB_DEFAULT_BASE_URL} (default) or https://host/api/v3 for GitHub Enterprise`,
});

export const PutGithubIntegrationBodySchema = github.config;
export type PutGithubIntegrationBody = z.infer<typeof PutGithubIntegrationBodySchema>;

export const GithubIntegrationSchema = github.connection;
export type GithubIntegration = z.infer<typeof GithubIntegrationSchema>;

export const SyncGithubBodySchema = github.syncBody;
export type SyncGithubBody = z.infer<typeof SyncGithubBodySchema>;

export const GithubSyncResultSchema = github.syncResult;
export type GithubSyncResult = z.infer<typeof GithubSyncResultSchema>;
