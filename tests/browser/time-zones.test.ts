// A person's own date on the dashboard (issue 12): sign-up takes the browser's time zone,
// and forms start from the person's today in it, not the server's (UTC) date.
import { addDays, localDateIn, todayUtc, weekStartOf } from '@leadtrack/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { callApi, newContext, PASSWORD, uniqueEmail, useBrowser, webUrl } from './support';

const browser = useBrowser();

/**
 * A zone whose date differs from UTC's right now: Kiritimati (UTC+14) from 10:00 UTC,
 * Pago Pago (UTC-11) before 11:00 UTC. One of the two always does.
 */
function zoneOffTheUtcDate(): { zone: string; today: string } {
  const now = new Date();
  for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
    const today = localDateIn(zone, now);
    if (today !== todayUtc(now)) return { zone, today };
  }
  throw new Error('no zone off the UTC date: impossible');
}

/** Opens the sign-up form and fills it in for `name` (a fresh address), returning the address. */
async function fillSignUp(page: Page, name: string): Promise<string> {
  const email = uniqueEmail(name);
  await page.goto('/register');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  return email;
}

describe('the person’s own date', () => {
  it('signs up in the browser’s zone; the evidence form, quick log and check-in start from their today', async () => {
    const { zone, today } = zoneOffTheUtcDate();
    const context = await newContext(browser, { timeZone: zone });
    const page = await context.newPage();
    const email = await fillSignUp(page, 'Zoe Zone');
    // The hidden field is filled in once the page runs.
    await expect.poll(() => page.locator('input[name="timeZone"]').inputValue()).toBe(zone);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL((url) => url.pathname === '/');

    const login = await callApi('POST', '/auth/login', { body: { email, password: PASSWORD } });
    const me = await callApi('GET', '/me', { token: login.body.accessToken });
    expect(me.body.timeZone).toBe(zone);

    // Home: "Log this week" dates the entry with their today.
    expect(await page.locator('input[name="occurredOn"]').first().inputValue()).toBe(today);

    await page.goto('/evidence/new');
    const date = page.getByLabel('Date');
    expect(await date.inputValue()).toBe(today);
    expect(await date.getAttribute('max')).toBe(today);
    expect(today).not.toBe(todayUtc());

    // Logged with the default date, the entry is accepted: their today is not "the future".
    await page.getByLabel('Title').fill('Reviewed the rollout plan');
    await page.getByRole('checkbox', { name: 'Broad review' }).check();
    await page.getByRole('button', { name: 'Log evidence' }).click();
    await page.waitForURL((url) => url.pathname !== '/evidence/new');
    const list = await callApi('GET', '/evidence', { token: login.body.accessToken });
    expect(list.body.items.map((e: { occurredOn: string }) => e.occurredOn)).toEqual([today]);

    // The check-in form opens on their week.
    await page.goto('/checkin');
    const week = weekStartOf(today);
    const options = page.getByLabel('Week').locator('option');
    expect(await options.first().getAttribute('value')).toBe(week);
    expect(await page.getByLabel('Week').inputValue()).toBe(week);
    expect(addDays(week, 7) > today).toBe(true);

    // Settings shows the zone saved.
    await page.goto('/settings');
    expect(await page.getByLabel('Your time zone').inputValue()).toBe(zone);
    await context.close();
  });

  it('without JavaScript the zone stays empty and the account starts in UTC', async () => {
    const context = await browser.newContext({
      baseURL: webUrl(),
      javaScriptEnabled: false,
      timezoneId: 'Pacific/Auckland',
    });
    const page = await context.newPage();
    const email = await fillSignUp(page, 'Nora Noscript');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    const login = await callApi('POST', '/auth/login', { body: { email, password: PASSWORD } });
    const me = await callApi('GET', '/me', { token: login.body.accessToken });
    expect(me.body.timeZone).toBe('UTC');
    await context.close();
  });
});
