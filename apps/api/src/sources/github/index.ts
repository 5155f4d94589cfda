// GitHub (and GitHub Enterprise) as a source: connect with a personal access token (checked
// with GET /user, stored encrypted, never returned; a 26-week backfill then runs in the
// background), read, disconnect, sync now, and the weekly github-sync job (token-host/).
import { GITHUB_DEFAULT_BASE_URL, GithubSchemas } from '@leadtrack/schemas';
import { defineTokenHostSource } from '../token-host';
import { GITHUB_TOKEN, githubLimits } from './env';
import { GITHUB_REFUSALS, githubClient, githubFailure } from './github-client';
import { proposalDrafts, reviewWeekDrafts } from './github-drafts';
import { readDesignPulls, readReviewedPulls, weekWindows } from './read-github-activity';

export { GITHUB_ENV } from './env';

export const githubSource = defineTokenHostSource({
  id: 'github',
  label: 'GitHub',
  schemas: GithubSchemas,
  summaries: {
    connect:
      'Connect GitHub (or GitHub Enterprise) with a personal access token: checked with GET /user, stored encrypted, never returned; a 26-week backfill then runs in the background',
    read: 'Your GitHub connection: the login, the address, and the last sync and its error',
    disconnect:
      'Disconnect GitHub: the token is forgotten (suggestions already offered stay); done when nothing was connected',
    sync: 'Sync now: reviews of others’ pull requests (one suggestion per ended week) and your design pull requests become suggestions; nothing is offered twice',
  },
  table: 'github_integrations',
  accountColumn: 'login',
  accountField: 'login',
  defaultBaseUrl: GITHUB_DEFAULT_BASE_URL,
  purpose: GITHUB_TOKEN,
  words: {
    ...GITHUB_REFUSALS,
    userPath: '/user',
    addressHint: 'https://host/api/v3 for GitHub Enterprise',
    addressQuestion:
      "the REST API's root (https://api.github.com, or https://host/api/v3 for GitHub Enterprise)",
    addressLabel: 'GitHub API address',
  },
  limits: githubLimits,
  failure: githubFailure,
  account: (options) => githubClient(options).login(),
  async read({ connection, token, limits, signal, since, now, timeZone, fromWeek, lastWeek }) {
    const client = githubClient({ baseUrl: connection.baseUrl, token, limits, signal });
    const windows = weekWindows(since, now);
    const login = connection.account;
    const reviewed = await readReviewedPulls(client, login, windows);
    const designed = await readDesignPulls(client, login, windows);
    const context = { login, host: new URL(connection.baseUrl).host, timeZone, fromWeek, lastWeek };
    return [...reviewWeekDrafts(reviewed, context), ...proposalDrafts(designed, context)];
  },
});
