// GitLab (gitlab.com or self-managed) as a source: connect with a personal access token
// (checked with GET /api/v4/user, sealed, never returned; a 26-week backfill then runs in
// the background), read, disconnect, sync now, and the weekly gitlab-sync job (token-host/).
import { GITLAB_DEFAULT_BASE_URL, GitlabSchemas } from '@leadtrack/schemas';
import { defineTokenHostSource } from '../token-host';
import { GITLAB_TOKEN, gitlabLimits } from './env';
import { GITLAB_REFUSALS, GitlabAnswered, gitlabClient, gitlabFailure } from './gitlab-client';
import { readGitlabActivity } from './read-gitlab-activity';

export { GITLAB_ENV } from './env';

export const gitlabSource = defineTokenHostSource({
  id: 'gitlab',
  label: 'GitLab',
  schemas: GitlabSchemas,
  summaries: {
    connect:
      'Connect GitLab (gitlab.com or a self-managed instance) with a personal access token: checked with GET /api/v4/user, stored encrypted, never returned; a 26-week backfill then runs in the background',
    read: 'Your GitLab connection: the username, the address, and the last sync and its error',
    disconnect:
      'Disconnect GitLab: the token is forgotten (suggestions already offered stay); done when nothing was connected',
    sync: 'Sync now: reviews of others’ merge requests (one suggestion per ended week) and your design merge requests become suggestions; nothing is offered twice',
  },
  table: 'gitlab_integrations',
  accountColumn: 'username',
  accountField: 'username',
  defaultBaseUrl: GITLAB_DEFAULT_BASE_URL,
  purpose: GITLAB_TOKEN,
  words: {
    ...GITLAB_REFUSALS,
    userPath: '/api/v4/user',
    addressHint: "https://gitlab.com, or your instance's address",
    addressQuestion: "a GitLab instance's address (https://gitlab.com, https://gitlab.example.com)",
    addressLabel: 'GitLab address',
  },
  limits: gitlabLimits,
  failure: gitlabFailure,
  async account(options) {
    const user = await gitlabClient(options).user();
    if (typeof user?.username !== 'string' || user.username === '')
      throw new GitlabAnswered(200, '/api/v4/user');
    return user.username;
  },
  read: readGitlabActivity,
});
