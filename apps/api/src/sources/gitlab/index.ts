// GitLab (gitlab.com or self-managed) as a source: connect with a personal access token
// (checked with GET /api/v4/user, sealed, never returned; a 26-week backfill then runs in
// the background), read, disconnect, sync now, and the weekly gitlab-sync job.
import {
  GitlabIntegrationSchema,
  GitlabSyncResultSchema,
  PutGitlabIntegrationBodySchema,
  SyncGitlabBodySchema,
} from '@leadtrack/schemas';
import { HttpProblem } from '../../lib/problem';
import { defineSource } from '../source';
import { connectGitlab, disconnectGitlab, readGitlabIntegration } from './connection';
import { GITLAB_TOKEN, gitlabLimits } from './env';
import { gitlabSync } from './job';
import { syncGitlab } from './sync-gitlab';

export { GITLAB_ENV } from './env';

export const gitlabSource = defineSource({
  id: 'gitlab',
  label: 'GitLab',
  schemas: {
    config: PutGitlabIntegrationBodySchema,
    connection: GitlabIntegrationSchema,
    connected: GitlabIntegrationSchema,
    syncBody: SyncGitlabBodySchema,
    syncResult: GitlabSyncResultSchema,
  },
  secret: { table: 'gitlab_integrations', column: 'token_encrypted', purpose: GITLAB_TOKEN },
  summaries: {
    connect:
      'Connect GitLab (gitlab.com or a self-managed instance) with a personal access token: checked with GET /api/v4/user, stored encrypted, never returned; a 26-week backfill then runs in the background',
    read: 'Your GitLab connection: the username, the address, and the last sync and its error',
    disconnect:
      'Disconnect GitLab: the token is forgotten (suggestions already offered stay); done when nothing was connected',
    sync: 'Sync now: reviews of others’ merge requests (one suggestion per ended week) and your design merge requests become suggestions; nothing is offered twice',
  },
  async connect(ctx, caller, config) {
    const limits = gitlabLimits(ctx);
    const { integration, lease } = await connectGitlab(ctx.db, caller.id, config, limits);
    ctx.background.start(caller.id, (signal) =>
      // GitLab's refusals are recorded on the connection (lastError); nothing to report here.
      syncGitlab(ctx.db, caller, { lease, limits, signal, now: ctx.clock() }).catch(
        (error: unknown) => {
          if (!(error instanceof HttpProblem)) throw error;
        },
      ),
    );
    return integration;
  },
  read: readGitlabIntegration,
  disconnect: disconnectGitlab,
  sync: (ctx, person, body) =>
    syncGitlab(ctx.db, person, { from: body?.from, limits: gitlabLimits(ctx), now: ctx.now }),
  job: gitlabSync,
});
