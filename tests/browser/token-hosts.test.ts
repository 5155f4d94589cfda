// Settings › GitHub and Settings › GitLab, the two token hosts: a token the host refuses named
// beside the field, then connecting with a token and the host's own address, the backfill, a
// sync, the week of reviews in the inbox, and disconnecting. One test body runs for each host;
// what only one host's test checks is in its case.
import { addDays, addWeeks, todayUtc, weekStartOf } from '@leadtrack/core';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useFixture } from '../support/fixtures';
import { startGithubStandIn } from '../support/github-stand-in';
import { startGitlabStandIn } from '../support/gitlab-stand-in';
import {
  type ApiUser,
  type ContextOptions,
  callApi,
  registerUser,
  shootExtra,
  signedInPage,
  useBrowser,
} from './support';

const browser = useBrowser();
const github = useFixture(
  () => startGithubStandIn({ searchLimit: 1_000 }),
  (s) => s.stop(),
);
const gitlab = useFixture(
  () => startGitlabStandIn(),
  (s) => s.stop(),
);

const lastWeek = addWeeks(weekStartOf(todayUtc()), -1);
const GITHUB_WEEK = 'Reviewed 2 pull requests in 2 repositories for 2 authors';

interface TokenHost {
  /** As the API's paths and the panel's heading (`#github-h`) spell it. */
  id: 'github' | 'gitlab';
  name: 'GitHub' | 'GitLab';
  test: string;
  person: string;
  token: string;
  wrongToken: string;
  /** The name the host gives the person whose token it is. */
  login: string;
  addressLabel: string;
  baseUrl: () => string;
  /** The field error for `wrongToken`. */
  refused: RegExp;
  /** The suggestion the week of reviews becomes. */
  week: string;
  /** Gives the stand-in the token and a week of reviews: two changes, two places, two authors. */
  seed: () => void;
  /** Checked once connected, before "Sync … now". */
  afterConnect?: (user: ApiUser) => Promise<void>;
  /** Checked on the inbox after the sync, with the week's suggestion card. */
  inInbox: (page: Page, card: Locator) => Promise<void>;
  /** Checked on Settings just before disconnecting. */
  beforeDisconnect?: (page: Page, panel: Locator) => Promise<void>;
}

const HOSTS: TokenHost[] = [
  {
    id: 'github',
    name: 'GitHub',
    test: 'connects with a token and an Enterprise address, syncs, and disconnects',
    person: 'Gia Github',
    token: 'ghp_browser',
    wrongToken: 'ghp_wrong',
    login: 'octo-browser',
    addressLabel: 'GitHub Enterprise address (optional)',
    baseUrl: () => github.baseUrl,
    refused: /^Token: this token was refused by GitHub \(401 Bad credentials\)/,
    week: GITHUB_WEEK,
    seed: () => {
      github.addUser('ghp_browser', 'octo-browser');
      github.pulls.push(
        ...[1, 2].map((n) => ({
          repo: `acme/${n === 1 ? 'api' : 'web'}`,
          number: n,
          title: `Change ${n}`,
          author: n === 1 ? 'alice' : 'bob',
          createdAt: `${addDays(lastWeek, -14)}T09:00:00Z`,
          reviews: [{ user: 'octo-browser', submittedAt: `${addDays(lastWeek, n)}T15:00:00Z` }],
        })),
      );
    },
    afterConnect: async (user) => {
      const suggestions = await callApi('GET', '/suggestions?status=open', { token: user.token });
      expect(suggestions.status, JSON.stringify(suggestions.body)).toBe(200);
      expect(suggestions.body.items.map((s: { title: string }) => s.title)).toContain(GITHUB_WEEK);
    },
    // The review week accepted with one more behaviour is on the timeline.
    inInbox: async (page, card) => {
      await card.getByText('Adjust before accepting').click();
      await card.getByRole('checkbox', { name: 'Mentoring' }).check();
      await card.getByRole('button', { name: /^Accept/ }).click();
      await page.getByRole('status').filter({ hasText: 'Accepted' }).waitFor();
      await page.goto('/evidence');
      const entry = page.getByRole('article', { name: GITHUB_WEEK });
      await entry.waitFor();
      const behaviours = await entry.getByRole('list', { name: 'Behaviours' }).textContent();
      expect(behaviours).toContain('Broad review');
      expect(behaviours).toContain('Mentoring');
    },
  },
  {
    id: 'gitlab',
    name: 'GitLab',
    test: 'connects with a token and a self-managed address, syncs, shows the inbox label, and disconnects',
    person: 'Gil Gitlab',
    token: 'glpat-browser',
    wrongToken: 'glpat-wrong',
    login: 'gl-browser',
    addressLabel: 'Self-managed GitLab address (optional)',
    baseUrl: () => gitlab.baseUrl,
    refused: /^Token: this token was refused by GitLab \(401 Unauthorized\)/,
    week: 'Reviewed 2 merge requests in 2 projects for 2 authors',
    seed: () => {
      gitlab.addUser('glpat-browser', 'gl-browser');
      gitlab.mergeRequests.push(
        ...[1, 2].map((n) => ({
          project: n === 1 ? 'acme/api' : 'acme/web',
          iid: n,
          author: n === 1 ? 'alice' : 'bob',
          createdAt: `${addDays(lastWeek, -14)}T09:00:00Z`,
          reviewers: ['gl-browser'],
          approvals: [{ user: 'gl-browser', at: `${addDays(lastWeek, n)}T15:00:00Z` }],
        })),
      );
    },
    // The inbox labels the suggestion as GitLab's.
    inInbox: async (_page, card) => {
      await card.waitFor();
      expect(await card.locator('.badge').first().textContent()).toBe('GitLab');
    },
    // A sync that GitLab refuses is shown in words.
    beforeDisconnect: async (page, panel) => {
      gitlab.tokens.delete('glpat-browser');
      await panel.getByRole('button', { name: 'Sync GitLab now' }).click();
      await expect
        .poll(() => panel.locator('.form-alert').first().textContent())
        .toMatch(/GitLab refused the token/);
      await page.reload();
      await panel.getByText(/^The last GitLab sync stopped: GitLab refused the token/).waitFor();
      await shootExtra(page, 'gitlab-settings-last-error.png', '#gitlab-h');
    },
  },
];

const settingsPage = (email: string, options: ContextOptions = {}) =>
  signedInPage(browser, { email }, { ...options, path: '/settings' });

describe.each(HOSTS)('Settings › $name', (host) => {
  const { id, name } = host;
  /** The host's panel in a screenshot named like `github-settings-dark.png`. */
  const shoot = (page: Page, suffix = '') =>
    shootExtra(page, `${id}-settings${suffix}.png`, `#${id}-h`);

  it(host.test, async () => {
    host.seed();
    const user = await registerUser(host.person);
    const page = await settingsPage(user.email);
    const panel = page.locator(`section[aria-labelledby="${id}-h"]`);
    await shoot(page);

    // A token the host refuses: named beside the field, nothing connected.
    await panel.getByLabel('Personal access token').fill(host.wrongToken);
    await panel.getByLabel(host.addressLabel).fill(host.baseUrl());
    await panel.getByRole('button', { name: `Connect ${name}` }).click();
    await expect
      .poll(() => panel.locator('.field-error').first().textContent())
      .toMatch(host.refused);
    await shoot(page, '-error');

    await panel.getByLabel('Personal access token').fill(host.token);
    await panel.getByRole('button', { name: `Connect ${name}` }).click();
    await panel.getByText(`@${host.login}`).waitFor();
    // The page refreshes itself while the backfill runs, then shows when it ended.
    await expect
      .poll(() => panel.locator('dd [role="status"]').textContent(), { timeout: 60_000 })
      .toMatch(/^\d{1,2} \w{3} \d{4}, \d\d:\d\d$/);
    expect(await page.content()).not.toContain(host.token);
    await shoot(page, '-connected');
    await host.afterConnect?.(user);

    await panel.getByRole('button', { name: `Sync ${name} now` }).click();
    await panel
      .getByText(new RegExp(`^${name} synced: nothing new \\(1 item already offered\\)\\.$`))
      .waitFor();

    await page.goto('/inbox');
    await host.inInbox(page, page.getByRole('article', { name: host.week }));
    await page.goto('/settings');

    const dark = await settingsPage(user.email, { dark: true });
    await dark.locator(`#${id}-h`).waitFor();
    await shoot(dark, '-dark');
    const phone = await settingsPage(user.email, { width: 390 });
    await phone.locator(`#${id}-h`).waitFor();
    await shoot(phone, '-phone');

    await host.beforeDisconnect?.(page, panel);
    await panel.getByRole('button', { name: `Disconnect ${name}` }).click();
    await panel.getByText(new RegExp(`^${name} is disconnected and its token forgotten`)).waitFor();
    await panel.getByRole('button', { name: `Connect ${name}` }).waitFor();
    expect((await callApi('GET', `/me/integrations/${id}`, { token: user.token })).status).toBe(
      404,
    );
  }, 180_000);
});
