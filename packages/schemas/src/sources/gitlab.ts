// Connecting GitLab (gitlab.com or a self-managed instance) and syncing the merge requests a
// person reviewed and the design merge requests they opened into suggestions.
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

export const GITLAB_DEFAULT_BASE_URL = 'https://gitlab.com';

/** The weeks a sync on connecting covers, and the furthest back a sync may reach. */
export const GITLAB_BACKFILL_WEEKS = 26;
export const GITLAB_SYNC_MAX_WEEKS = 52;

/**
 * Why `value` cannot be a GitLab instance's address, or null when it can: an absolute https
 * URL (plain http only on a loopback address), without credentials, query or fragment. It
 * is the instance's root (`https://gitlab.example.com`, or under a path); the API is at
 * `<address>/api/v4`.
 */
export function gitlabBaseUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an https URL such as https://gitlab.com or https://gitlab.example.com';
  }
  if (!isHttpsOrLoopback(url))
    return 'must be an https URL (plain http only for a loopback address)';
  if (url.username || url.password) return 'must not contain a user name or password';
  if (url.search || url.hash || value.includes('?') || value.includes('#'))
    return 'must not contain a query or a fragment';
  return null;
}

/** The address as stored: parsed, without a trailing slash or a trailing `/api/v4`. */
export function normaliseGitlabBaseUrl(value: string): string {
  return new URL(value).href.replace(/(?<!\/)\/+$/, '').replace(/\/api\/v4$/i, '');
}

export const GitlabBaseUrlSchema = addressSchema(500, gitlabBaseUrlProblem, normaliseGitlabBaseUrl);

/** A personal access token (`glpat-…`, or an older one): visible ASCII without spaces. */
export const GitlabTokenSchema = plainString()
  .trim()
  .min(1)
  .max(255)
  .refine(
    (value) => /^[\x21-\x7e]+$/.test(value),
    rule('must be a token as GitLab shows it, without spaces'),
  );

export const PutGitlabIntegrationBodySchema = z.strictObject({
  token: GitlabTokenSchema.describe(
    'A personal access token with the read_api scope (never returned)',
  ),
  baseUrl: GitlabBaseUrlSchema.optional().describe(
    `The instance's address: ${GITLAB_DEFAULT_BASE_URL} (default) or a self-managed one such as https://gitlab.example.com`,
  ),
});
export type PutGitlabIntegrationBody = z.infer<typeof PutGitlabIntegrationBodySchema>;

export const GitlabIntegrationSchema = z
  .object({
    username: z.string(),
    baseUrl: z.string(),
    ...CONNECTION_STATE,
    /** A sync is running now (the one on connecting, the weekly one, or "sync now"). */
    syncing: z.boolean(),
  })
  .meta({ id: 'GitlabIntegration' });
export type GitlabIntegration = z.infer<typeof GitlabIntegrationSchema>;

export const SyncGitlabBodySchema = z.strictObject({
  from: PastDateSchema.optional().describe(
    'The first day to look at (its whole ISO week is read); default the week before the last sync, or 26 weeks back',
  ),
});
export type SyncGitlabBody = z.infer<typeof SyncGitlabBodySchema>;

export const GitlabSyncResultSchema = z
  .object({
    ...OFFER_COUNTS,
    /** The days read: the first week's Monday, and today (in the person's time zone). */
    from: CalendarDateSchema,
    to: CalendarDateSchema,
  })
  .meta({ id: 'GitlabSyncResult' });
export type GitlabSyncResult = z.infer<typeof GitlabSyncResultSchema>;
