// GitHub (and GitHub Enterprise) as a source: connect with a personal access token (checked
// with GET /user, stored encrypted, never returned; a 26-week backfill then runs in the
// background), read, disconnect, sync now, and the weekly github-sync job.
import {
  GithubIntegrationSchema,
  GithubSyncResultSchema,
  PutGithubIntegrationBodySchema,
  SyncGithubBodySchema,
} from '@leadtrack/schemas';
import { defineSource } from '../source';
import { connectGithub, disconnectGithub, readGithubIntegration } from './connect-github';
import { GITHUB_TOKEN, githubLimits } from './env';
import { githubSync } from './job';
import { backfillGithub, syncGithub } from './sync-github';

export const githubSource = defineSource({
  id: 'github',
  label: 'GitHub',
  schemas: {
    config: PutGithubIntegrationBodySchema,
    connection: GithubIntegrationSchema,
    connected: GithubIntegrationSchema,
    syncBody: SyncGithubBodySchema,
    syncResult: GithubSyncResultSchema,
  },
  secret: { table: 'github_integrations', column: 'token_encrypted', purpose: GITHUB_TOKEN },
  summaries: {
    connect:
      'Connect GitHub (or GitHub Enterprise) with a personal access token: checked with GET /user, stored encrypted, never returned; a 26-week backfill then runs in the background',
    read: 'Your GitHub connection: the login, the address, and the last sync and its error',
    disconnect:
      'Disconnect GitHub: the token is forgotten (suggestions already offered stay); done when nothing was connected',
    sync: 'Sync now: reviews of others’ pull requests (one suggestion per ended week) and your design pull requests become suggestions; nothing is offered twice',
  },
  async connect(ctx, caller, config) {
    const limits = githubLimits(ctx);
    const { integration, lease } = await connectGithub(ctx.db, caller.id, config, limits);
    ctx.background.start(caller.id, (signal) =>
      backfillGithub(ctx.db, caller, { lease, limits, signal, now: ctx.clock() }),
    );
    return integration;
  },
  read: readGithubIntegration,
  disconnect: disconnectGithub,
  sync: (ctx, person, body) =>
    syncGithub(ctx.db, person, { from: body?.from, limits: githubLimits(ctx), now: ctx.now }),
  job: githubSync,
});
