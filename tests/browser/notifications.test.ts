import { todayUtc } from '@leadtrack/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { acknowledge, feedback } from './seed';
import { extraShots, reportWithEntry, shootExtra, signedInPage, useBrowser } from './support';

const browser = useBrowser();

/** The Notifications link; under "More" once the bar holds its six items, so opened first. */
const navLink = async (page: Page) => {
  const main = page.getByRole('navigation', { name: 'Main' });
  const link = main.getByRole('link', { name: /^Notifications/ });
  const more = main.getByRole('button', { name: /^More/ });
  if (!(await link.isVisible()) && (await more.isVisible())) await more.click();
  return link;
};

/** The Notifications link's accessible name, as a screen reader announces it. */
const navName = async (page: Page) => ((await (await navLink(page)).textContent()) ?? '').trim();

describe('notifications', () => {
  it('counts unread ones in the navigation after feedback arrives; reading them clears it', async () => {
    const { manager, engineer, entry } = await reportWithEntry('Nia Manager', 'Noor Engineer', {
      title: 'Ran the incident review',
      kinds: ['communication'],
      occurredOn: todayUtc(),
    });

    const page = await signedInPage(browser, engineer);
    expect(await navName(page)).toBe('Notifications');
    await (await navLink(page)).click();
    await page.waitForURL((url) => url.pathname === '/notifications');
    await page.getByText('No notifications yet.').waitFor();
    expect(await page.getByRole('button', { name: 'Mark all read' }).count()).toBe(0);

    await feedback(manager, engineer.id, 'Clear write-up, thank you.');
    await acknowledge(manager, entry.id, 'Seen');
    await page.goto('/');
    expect(await navName(page)).toBe('Notifications, 2 unread');
    // The accessible name, as Chromium computes it (it puts a space before the visually
    // hidden comma: the hidden span is positioned, so it reads as a separate block).
    await page.getByRole('link', { name: /^Notifications ?, 2 unread$/ }).waitFor();
    await (await navLink(page)).click();
    await page.waitForURL((url) => url.pathname === '/notifications');

    // Newest first; unread ones say so to a screen reader too.
    const acknowledged = page.getByRole('link', {
      name: 'Unread: Nia Manager acknowledged “Ran the incident review”.',
    });
    const wrote = page.getByRole('link', { name: 'Unread: Nia Manager wrote you feedback.' });
    await acknowledged.waitFor();
    const items = page.locator('.notification-list > li');
    expect(await items.count()).toBe(2);
    expect(await acknowledged.getAttribute('href')).toBe(`/evidence#entry-${entry.id}`);
    expect(await wrote.getAttribute('href')).toBe('/#feedback-h');
    expect(await items.first().textContent()).toContain('acknowledged');
    await page.getByText('2 unread, marked with a dot.').waitFor();

    // Screenshots for a person to look at (light, dark, a 390px phone) when a folder is given.
    if (extraShots) {
      await shootExtra(page, 'notifications.png');
      for (const [name, options] of [
        ['notifications-dark.png', { dark: true }],
        ['notifications-phone.png', { width: 390 }],
      ] as const) {
        const other = await signedInPage(browser, engineer, options);
        await other.goto('/notifications');
        await other.waitForLoadState('networkidle');
        await shootExtra(other, name);
        await other.context().close();
      }
    }

    // Marking one read: its button names it; the count drops to 1.
    await page.getByRole('button', { name: 'Mark read: Nia Manager wrote you feedback.' }).click();
    await page.getByRole('status').filter({ hasText: 'Marked read.' }).waitFor();
    expect(await navName(page)).toBe('Notifications, 1 unread');
    await page
      .getByRole('link', { name: 'Nia Manager wrote you feedback.', exact: true })
      .waitFor();

    // Following a link leads to its subject: the feedback on the home page.
    await page.getByRole('link', { name: 'Nia Manager wrote you feedback.', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByText('Clear write-up, thank you.').waitFor();

    // Mark all read: the count is gone from the navigation, nothing is left marked.
    await (await navLink(page)).click();
    await page.waitForURL((url) => url.pathname === '/notifications');
    await page.getByRole('button', { name: 'Mark all read' }).click();
    await page.getByRole('status').filter({ hasText: 'All marked read.' }).waitFor();
    expect(await navName(page)).toBe('Notifications');
    expect(await page.getByRole('link', { name: /^Unread:/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Mark all read' }).count()).toBe(0);
    await page.getByText('nothing unread.').waitFor();
    await page.context().close();
  });
});
