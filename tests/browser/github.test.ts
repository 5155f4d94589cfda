import { addDays, addWeeks, todayUtc, weekStartOf } from '@leadtrack/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useFixture } from '../support/fixtures';
import { startGithubStandIn } from '../support/github-stand-in';
import {
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

const lastWeek = addWeeks(weekStartOf(todayUtc()), -1);

const settingsPage = (email: string, options: ContextOptions = {}) =>
  signedInPage(browser, { email }, { ...options, path: '/settings' });

const shoot = (page: Page, file: string) => shootExtra(page, file, '#github-h');

describe('Settings › GitHub', () => {
  it('connects with a token and an Enterprise address, syncs, and disconnects', async () => {
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
    const user = await registerUser('Gia Github');
    const page = await settingsPage(user.email);
    const panel = page.locator('section[aria-labelledby="github-h"]');
    await shoot(page, 'github-settings.png');

    // A token GitHub refuses: named beside the field, nothing connected.
    await panel.getByLabel('Personal access token').fill('ghp_wrong');
    await panel.getByLabel('GitHub Enterprise address (optional)').fill(github.baseUrl);
    await panel.getByRole('button', { name: 'Connect GitHub' }).click();
    await expect
      .poll(() => panel.locator('.field-error').first().textContent())
      .toMatch(/^Token: this token was refused by GitHub \(401 Bad credentials\)/);
    await shoot(page, 'github-settings-error.png');

    await panel.getByLabel('Personal access token').fill('ghp_browser');
    await panel.getByRole('button', { name: 'Connect GitHub' }).click();
    await panel.getByText('@octo-browser').waitFor();
    // The page refreshes itself while the backfill runs, then shows when it ended.
    await expect
      .poll(() => panel.locator('dd [role="status"]').textContent(), { timeout: 60_000 })
      .toMatch(/^\d{1,2} \w{3} \d{4}, \d\d:\d\d$/);
    expect(await page.content()).not.toContain('ghp_browser');
    await shoot(page, 'github-settings-connected.png');

    const week = 'Reviewed 2 pull requests in 2 repositories for 2 authors';
    const suggestions = await callApi('GET', '/suggestions?status=open', { token: user.token });
    expect(suggestions.status, JSON.stringify(suggestions.body)).toBe(200);
    expect(suggestions.body.items.map((s: { title: string }) => s.title)).toContain(week);

    await panel.getByRole('button', { name: 'Sync GitHub now' }).click();
    await panel.getByText(/^GitHub synced: nothing new \(1 item already offered\)\.$/).waitFor();

    // The inbox: the review week accepted with one more behaviour is on the timeline.
    await page.goto('/inbox');
    const card = page.getByRole('article', { name: week });
    await card.getByText('Adjust before accepting').click();
    await card.getByRole('checkbox', { name: 'Mentoring' }).check();
    await card.getByRole('button', { name: /^Accept/ }).click();
    await page.getByRole('status').filter({ hasText: 'Accepted' }).waitFor();
    await page.goto('/evidence');
    const entry = page.getByRole('article', { name: week });
    await entry.waitFor();
    const behaviours = await entry.getByRole('list', { name: 'Behaviours' }).textContent();
    expect(behaviours).toContain('Broad review');
    expect(behaviours).toContain('Mentoring');
    await page.goto('/settings');

    const dark = await settingsPage(user.email, { dark: true });
    await dark.locator('#github-h').waitFor();
    await shoot(dark, 'github-settings-dark.png');
    const phone = await settingsPage(user.email, { width: 390 });
    await phone.locator('#github-h').waitFor();
    await shoot(phone, 'github-settings-phone.png');

    await panel.getByRole('button', { name: 'Disconnect GitHub' }).click();
    await panel.getByText(/^GitHub is disconnected and its token forgotten/).waitFor();
    await panel.getByRole('button', { name: 'Connect GitHub' }).waitFor();
    expect((await callApi('GET', '/me/integrations/github', { token: user.token })).status).toBe(
      404,
    );
  }, 180_000);
});
