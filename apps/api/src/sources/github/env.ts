// GitHub's settings in the environment (merged into the API's configuration by env.ts).
import { z } from 'zod';
import type { SealPurpose } from '../../services/sealed-secrets';
import type { SourceContext } from '../source';
import { DEFAULT_GITHUB_LIMITS, type GithubLimits } from './github-client';

export const GITHUB_ENV = {
  // The longest one wait for GitHub's rate limit may be (seconds); a sync facing a longer
  // one stops and records when the limit resets. Search resets every minute, the rest hourly.
  GITHUB_MAX_WAIT_SECONDS: z.coerce.number().min(0).max(3600).default(900),
};

/** The limits every GitHub client of this app keeps (GITHUB_MAX_WAIT_SECONDS, the outbound fetch). */
export function githubLimits(ctx: SourceContext): GithubLimits {
  return {
    ...DEFAULT_GITHUB_LIMITS,
    maxWaitMs: ctx.config.GITHUB_MAX_WAIT_SECONDS * 1000,
    fetch: ctx.fetch,
  };
}

/** How a person's token is sealed in `github_integrations.token_encrypted`. */
export const GITHUB_TOKEN: SealPurpose = {
  secretName: 'github-token-key',
  info: 'leadtrack github token v1',
  label: 'GitHub token',
};
