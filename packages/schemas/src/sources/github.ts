// Connecting GitHub (or GitHub Enterprise) and syncing what it shows into suggestions.
import { z } from 'zod';
import {
  addressSchema,
  CalendarDateSchema,
  CONNECTION_STATE,
  isHttpsOrLoopback,
  OFFER_COUNTS,
  PastDateSchema,
  plainString,
} from '../common';
import { rule } from '../messages';

export const GITHUB_DEFAULT_BASE_URL = 'https://api.github.com';

/** How far back a sync may reach: a year of weeks (each week costs two searches). */
export const GITHUB_SYNC_MAX_WEEKS = 52;

/** The weeks a sync on connecting covers. */
export const GITHUB_BACKFILL_WEEKS = 26;

/**
 * Why `value` cannot be a GitHub REST API root, or null when it can: an absolute https URL
 * (plain http only on a loopback address, for a local stand-in or tunnel), without
 * credentials, query or fragment. GitHub Enterprise's is `https://host/api/v3`.
 */
export function githubBaseUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an https URL such as https://api.github.com or https://github.example.com/api/v3';
  }
  if (!isHttpsOrLoopback(url))
    return 'must be an https URL (plain http only for a loopback address)';
  if (url.username || url.password) return 'must not contain a user name or password';
  if (url.search || url.hash || value.includes('?') || value.includes('#'))
    return 'must not contain a query or a fragment';
  return null;
}

/** The address as stored: parsed and without a trailing slash. */
export function normaliseGithubBaseUrl(value: string): string {
  return new URL(value).href.replace(/(?<!\/)\/+$/, '');
}

export const GithubBaseUrlSchema = addressSchema(500, githubBaseUrlProblem, normaliseGithubBaseUrl);

/**
 * A personal access token (classic `ghp_…`, fine-grained `github_pat_…`, or an Enterprise
 * one): visible ASCII without spaces, since it travels in a header.
 */
export const GithubTokenSchema = plainString()
  .trim()
  .min(1)
  .max(255)
  .refine(
    (value) => /^[\x21-\x7e]+$/.test(value),
    rule('must be a token as GitHub shows it, without spaces'),
  );

export const PutGithubIntegrationBodySchema = z.strictObject({
  token: GithubTokenSchema.describe('A personal access token (never returned)'),
  baseUrl: GithubBaseUrlSchema.optional().describe(
    `The REST API's root: ${GITHUB_DEFAULT_BASE_URL} (default) or https://host/api/v3 for GitHub Enterprise`,
  ),
});
export type PutGithubIntegrationBody = z.infer<typeof PutGithubIntegrationBodySchema>;

export const GithubIntegrationSchema = z
  .object({
    login: z.string(),
    baseUrl: z.string(),
    ...CONNECTION_STATE,
    /** A sync is running now (the one on connecting, the weekly one, or "sync now"). */
    syncing: z.boolean(),
  })
  .meta({ id: 'GithubIntegration' });
export type GithubIntegration = z.infer<typeof GithubIntegrationSchema>;

export const SyncGithubBodySchema = z.strictObject({
  from: PastDateSchema.optional().describe(
    'The first day to look at (its whole ISO week is read); default the week before the last sync, or 26 weeks back',
  ),
});
export type SyncGithubBody = z.infer<typeof SyncGithubBodySchema>;

export const GithubSyncResultSchema = z
  .object({
    ...OFFER_COUNTS,
    /** The days read: the first week's Monday, and today (in the person's time zone). */
    from: CalendarDateSchema,
    to: CalendarDateSchema,
  })
  .meta({ id: 'GithubSyncResult' });
export type GithubSyncResult = z.infer<typeof GithubSyncResultSchema>;
