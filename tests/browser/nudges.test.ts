// Nudges on the dashboard: switching the weekly reminder off (and choosing its day and
// hour) in Settings, and the one-click unsubscribe link of an email working signed out.
import { openDatabase } from '@leadtrack/db';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { signUnsubscribeToken } from '../../apps/api/src/services/mail/unsubscribe-token';
import { useFixture } from '../support/fixtures';
import { callApi, newContext, registerUser, signIn, useBrowser, webUrl } from './support';

const browser = useBrowser();
const SHOTS = process.env.LEADTRACK_NUDGE_SHOTS;
// The instance's own database: a link signed as the API signs the links it mails.
const database = useFixture(
  () => openDatabase({ url: inject('databaseUrl'), maxConnections: 1 }),
  (db) => db.close(),
);

const opened: Page[] = [];
afterAll(async () => {
  for (const page of opened) await page.context().close();
});

async function pageFor(options: { dark?: boolean; width?: number } = {}) {
  const context = await newContext(browser, options);
  const page = await context.newPage();
  opened.push(page);
  return page;
}

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

const preferencesOf = async (token: string) =>
  (await callApi('GET', '/me/preferences', { token })).body;

describe('Settings → Email and reminders', () => {
  it('switches the weekly reminder off and moves it to Monday 08:00', async () => {
    const user = await registerUser('Reminded Person');
    const page = await pageFor();
    await signIn(page, user.email, undefined, '/settings');
    const section = page.getByRole('region', { name: 'Email and reminders' });
    const reminder = section.getByRole('checkbox', { name: 'Weekly reminder' });
    expect(await reminder.isChecked()).toBe(true);
    expect(await section.getByLabel('Reminder day').inputValue()).toBe('friday');
    expect(await section.getByLabel('Reminder time').inputValue()).toBe('15');
    await reminder.uncheck();
    await section.getByLabel('Reminder day').selectOption({ label: 'Monday' });
    await section.getByLabel('Reminder time').selectOption({ label: '08:00' });
    await section.getByRole('button', { name: 'Save email preferences' }).click();
    await section.getByRole('status').filter({ hasText: 'Email preferences saved.' }).waitFor();
    expect(await preferencesOf(user.token)).toEqual({
      weeklyReminder: false,
      managerDigest: true,
      emailNotifications: true,
      reminderDay: 'monday',
      reminderHour: 8,
    });
    await page.reload();
    expect(await section.getByRole('checkbox', { name: 'Weekly reminder' }).isChecked()).toBe(
      false,
    );
    expect(await section.getByLabel('Reminder day').inputValue()).toBe('monday');
    await shot(page, 'settings-light');
  });
});

describe('the unsubscribe link', () => {
  it('turns the message off without signing in, and says so', async () => {
    const user = await registerUser('Unsubscribing Person');
    const token = await signUnsubscribeToken(database, user.id, 'weekly-reminder');
    const page = await pageFor();
    await page.goto(`/unsubscribe?token=${encodeURIComponent(token)}`);
    expect(new URL(page.url()).pathname).toBe('/unsubscribe');
    await page
      .getByRole('status')
      .filter({ hasText: 'you will no longer receive the weekly reminder to log your week' })
      .waitFor();
    expect((await preferencesOf(user.token)).weeklyReminder).toBe(false);
    await shot(page, 'unsubscribe-light');
    for (const [name, options] of [
      ['unsubscribe-dark', { dark: true }],
      ['unsubscribe-phone', { width: 390 }],
    ] as const) {
      const other = await pageFor(options);
      await other.goto(`/unsubscribe?token=${encodeURIComponent(token)}`);
      await other.getByRole('status').waitFor();
      await shot(other, name);
    }
  });

  it('refuses a link that is not the instance’s, signed out', async () => {
    const page = await pageFor();
    await page.goto('/unsubscribe?token=not-a-real-token');
    await page
      .getByRole('alert')
      .filter({ hasText: 'This unsubscribe link is not valid' })
      .waitFor();
    expect(new URL(page.url()).pathname).toBe('/unsubscribe');
  });

  it('answers the one-click POST mail clients send (RFC 8058)', async () => {
    const user = await registerUser('One Click');
    const token = await signUnsubscribeToken(database, user.id, 'manager-digest');
    const res = await fetch(
      `${webUrl()}/unsubscribe/one-click?token=${encodeURIComponent(token)}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
        redirect: 'manual',
      },
    );
    expect(res.status).toBe(200);
    expect((await preferencesOf(user.token)).managerDigest).toBe(false);
    const forged = await fetch(`${webUrl()}/unsubscribe/one-click?token=x.y`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
      redirect: 'manual',
    });
    expect(forged.status).toBe(400);
  });
});

describe('screens for review', () => {
  it.skipIf(!SHOTS)('settings in dark and on a phone', async () => {
    const user = await registerUser('Screen Person');
    for (const [name, options] of [
      ['settings-dark', { dark: true }],
      ['settings-phone', { width: 390 }],
    ] as const) {
      const page = await pageFor(options);
      await signIn(page, user.email, undefined, '/settings');
      await page.getByRole('region', { name: 'Email and reminders' }).waitFor();
      await shot(page, name);
    }
  });
});
