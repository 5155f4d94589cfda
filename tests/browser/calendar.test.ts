// Settings › Calendar in the browser, against a stand-in calendar server on loopback: an
// address that serves no calendar is named beside its field; connecting shows the feed's host
// and what the first read found; "Read now" offers nothing twice; disconnecting returns to
// the form. Screenshots (light, dark, 390 px phone) go to LEADTRACK_SCREENSHOTS_EXTRA when set.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { addDays, todayUtc, weekStartOf } from '@leadtrack/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useFixture } from '../support/fixtures';
import { registerUser, shootExtra, signedInPage, useBrowser } from './support';

const browser = useBrowser();
const lastWeek = addDays(weekStartOf(todayUtc()), -7);
const ics = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Stand-in//EN',
  'BEGIN:VEVENT',
  'UID:roadmap-browser',
  `DTSTART:${addDays(lastWeek, 2).replaceAll('-', '')}T140000Z`,
  'SUMMARY:Roadmap review with Product',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

const feed = useFixture(
  async () => {
    const server = createServer((req, res) => {
      if (req.url === '/private/key/basic.ics') {
        res.writeHead(200, { 'content-type': 'text/calendar' });
        res.end(ics);
      } else {
        res.writeHead(404).end('Not Found');
      }
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { base, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  },
  (f) => f.stop(),
);
const shoot = (page: Page, file: string) => shootExtra(page, file, '#calendar-h');

describe('Settings › Calendar', () => {
  it('connects a feed, reads it again without offering anything twice, and disconnects', async () => {
    const user = await registerUser('Cal Feed');
    const page = await signedInPage(browser, user, { path: '/settings' });
    const panel = page.locator('section[aria-labelledby="calendar-h"]');
    const address = panel.getByLabel('Calendar address (iCalendar)');

    // An address that serves no calendar: named beside the field, nothing connected.
    await address.fill(`${feed.base}/missing.ics`);
    await panel.getByRole('button', { name: 'Connect calendar' }).click();
    await expect
      .poll(() => panel.locator('#calendar-url-error').textContent())
      .toMatch(/^Address: the calendar answered 404/);
    await shoot(page, 'calendar-settings-error.png');

    await panel
      .getByLabel('Calendar address (iCalendar)')
      .fill(`${feed.base}/private/key/basic.ics`);
    await panel.getByRole('button', { name: 'Connect calendar' }).click();
    await expect
      .poll(() =>
        panel.getByText('Calendar connected and read: 1 new suggestion in your inbox.').count(),
      )
      .toBe(1);
    expect(await panel.getByText(new URL(feed.base).host, { exact: true }).count()).toBe(1);
    // The address itself (its key) is never shown again.
    expect(await page.content()).not.toContain('/private/key/');
    await shoot(page, 'calendar-settings.png');

    await panel.getByRole('button', { name: 'Read now' }).click();
    await expect
      .poll(() => panel.getByText('Calendar read: nothing new (1 item already offered).').count())
      .toBe(1);

    await panel.getByRole('button', { name: 'Disconnect calendar' }).click();
    await expect
      .poll(() => panel.getByRole('button', { name: 'Connect calendar' }).count())
      .toBe(1);
    await page.context().close();
  });

  it('reads well on a phone and in dark mode', async () => {
    const user = await registerUser('Cal Phone');
    for (const [name, options] of [
      ['calendar-settings-phone.png', { width: 390 }],
      ['calendar-settings-dark.png', { dark: true }],
    ] as const) {
      const page = await signedInPage(browser, user, { ...options, path: '/settings' });
      await expect.poll(() => page.locator('#calendar-h').count()).toBe(1);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await shoot(page, name);
      await page.context().close();
    }
  });
});
