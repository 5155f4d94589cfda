// GitLab's settings in the environment (merged into the API's configuration by env.ts), the
// limits its clients keep, and how its tokens are sealed.
import { z } from 'zod';
import type { SealPurpose } from '../../services/sealed-secrets';
import type { SourceContext } from '../source';
import { abortableSleep } from '../token-host/failures';
import { GITLAB_ANSWER_MAX_BYTES, type GitlabLimits } from './gitlab-client';

export const GITLAB_ENV = {
  // The longest one wait for GitLab's rate limit may be (seconds); a sync facing a longer
  // one stops and records when the limit resets.
  GITLAB_MAX_WAIT_SECONDS: z.coerce.number().min(0).max(3600).default(900),
};

/** The limits every GitLab client of this app keeps (GITLAB_MAX_WAIT_SECONDS, the outbound fetch). */
export function gitlabLimits(ctx: SourceContext): GitlabLimits {
  return {
    maxWaitMs: ctx.config.GITLAB_MAX_WAIT_SECONDS * 1000,
    timeoutMs: 20_000,
    maxBytes: GITLAB_ANSWER_MAX_BYTES,
    sleep: abortableSleep,
    now: Date.now,
    fetch: ctx.fetch,
  };
}

/** How a person's token is sealed in `gitlab_integrations.token_encrypted`. */
export const GITLAB_TOKEN: SealPurpose = {
  secretName: 'gitlab-token-key',
  info: 'leadtrack gitlab token v1',
  label: 'GitLab token',
};
