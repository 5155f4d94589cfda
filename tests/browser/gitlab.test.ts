import { addDays, addWeeks, todayUtc, weekStartOf } from '@leadtrack/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useFixture } from '../support/fixtures';
import { startGitlabStandIn } from '../support/gitlab-stand-in';
import {
  type ContextOptions,
  callApi,
  registerUser,
  shootExtra,
  signedInPage,
  useBrowser,
} from './support';

const browser = useBrowser();
const gitlab = useFixture(
  () => startGitlabStandIn(),
  (s) => s.stop(),
);

const lastWeek = addWeeks(weekStartOf(todayUtc()), -1);

const settingsPage = (email: string, options: ContextOptions = {}) =>
  signedInPage(browser, { email }, { ...options, path: '/settings' });

const shoot = (page: Page, file: string) => shootExtra(page, file, '#gitlab-h');

describe('Settings › GitLab', () => {
  it('connects with a token and a self-managed address, syncs, shows the inbox label, and disconnects', async () => {
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
    const user = await registerUser('Gil Gitlab');
    const page = await settingsPage(user.email);
    const panel = page.locator('section[aria-labelledby="gitlab-h"]');
    await shoot(page, 'gitlab-settings.png');

    // A token GitLab refuses: named beside the field, nothing connected.
    await panel.getByLabel('Personal access token').fill('glpat-wrong');
    await panel.getByLabel('Self-managed GitLab address (optional)').fill(gitlab.baseUrl);
    await panel.getByRole('button', { name: 'Connect GitLab' }).click();
    await expect
      .poll(() => panel.locator('.field-error').first().textContent())
      .toMatch(/^Token: this token was refused by GitLab \(401 Unauthorized\)/);
    await shoot(page, 'gitlab-settings-error.png');

    await panel.getByLabel('Personal access token').fill('glpat-browser');
    await panel.getByRole('button', { name: 'Connect GitLab' }).click();
    await panel.getByText('@gl-browser').waitFor();
    await expect
      .poll(() => panel.locator('dd [role="status"]').textContent(), { timeout: 60_000 })
      .toMatch(/^\d{1,2} \w{3} \d{4}, \d\d:\d\d$/);
    expect(await page.content()).not.toContain('glpat-browser');
    await shoot(page, 'gitlab-settings-connected.png');

    await panel.getByRole('button', { name: 'Sync GitLab now' }).click();
    await panel.getByText(/^GitLab synced: nothing new \(1 item already offered\)\.$/).waitFor();

    // The inbox labels the suggestion as GitLab's.
    const week = 'Reviewed 2 merge requests in 2 projects for 2 authors';
    await page.goto('/inbox');
    const card = page.getByRole('article', { name: week });
    await card.waitFor();
    expect(await card.locator('.badge').first().textContent()).toBe('GitLab');
    await page.goto('/settings');

    const dark = await settingsPage(user.email, { dark: true });
    await dark.locator('#gitlab-h').waitFor();
    await shoot(dark, 'gitlab-settings-dark.png');
    const phone = await settingsPage(user.email, { width: 390 });
    await phone.locator('#gitlab-h').waitFor();
    await shoot(phone, 'gitlab-settings-phone.png');

    // A sync that GitLab refuses is shown in words.
    gitlab.tokens.delete('glpat-browser');
    await panel.getByRole('button', { name: 'Sync GitLab now' }).click();
    await expect
      .poll(() => panel.locator('.form-alert').first().textContent())
      .toMatch(/GitLab refused the token/);
    await page.reload();
    await panel.getByText(/^The last GitLab sync stopped: GitLab refused the token/).waitFor();
    await shoot(page, 'gitlab-settings-last-error.png');

    await panel.getByRole('button', { name: 'Disconnect GitLab' }).click();
    await panel.getByText(/^GitLab is disconnected and its token forgotten/).waitFor();
    await panel.getByRole('button', { name: 'Connect GitLab' }).waitFor();
    expect((await callApi('GET', '/me/integrations/gitlab', { token: user.token })).status).toBe(
      404,
    );
  }, 180_000);
});
