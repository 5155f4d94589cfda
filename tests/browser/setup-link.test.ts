// Bringing people in (issue 19) in Chromium: the admin adds a person with their time zone
// and gets a one-time setup link; the person opens it, chooses a password, lands signed in
// and confirms their zone once (their browser's suggested). Screenshots of the new pages at
// 1280 and 390 px, light and dark, for looking at.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, inject, it } from 'vitest';
import { newContext, reuseOneTimeLink, signIn, uniqueEmail, useBrowser } from './support';

const browser = useBrowser();
const SHOTS = `${process.env.LEADTRACK_SCREENSHOTS_EXTRA ?? tmpdir()}/setup-link/`;

describe('a setup link', () => {
  it('lets an added person choose a password and confirm their zone', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const admin = await newContext(browser);
    const adminPage = await admin.newPage();
    await signIn(adminPage, inject('adminEmail'), inject('adminPassword'), '/admin');
    const email = uniqueEmail('Kavya Setup');
    await adminPage.getByLabel('Name').first().fill('Kavya Setup');
    await adminPage.getByLabel('Email').first().fill(email);
    await adminPage.getByLabel('Time zone').selectOption('Asia/Kolkata');
    expect(await adminPage.locator('#new-timeZone option[value="Asia/Calcutta"]').count()).toBe(0);
    await adminPage.getByRole('button', { name: 'Add person' }).click();
    const secret = adminPage.locator('.secret code').first();
    await secret.waitFor();
    const shown = (await secret.textContent()) ?? '';
    // The page's own path and query: the link is on the first WEB_ORIGIN.
    const path = /\/setup\?token=[A-Za-z0-9_%-]+/.exec(shown)?.[0] ?? '';
    expect(path, shown).not.toBe('');
    await adminPage.screenshot({ path: `${SHOTS}admin-added-1280-light.png`, fullPage: false });
    await admin.close();

    for (const [width, dark] of [
      [1280, false],
      [390, true],
    ] as const) {
      const look = await newContext(browser, { width, height: 800, dark });
      const page = await look.newPage();
      await page.goto(path);
      await page.getByRole('heading', { name: 'Choose your password' }).waitFor();
      await page.screenshot({ path: `${SHOTS}setup-${width}-${dark ? 'dark' : 'light'}.png` });
      await look.close();
    }

    const person = await newContext(browser, { timeZone: 'Asia/Kolkata' });
    const page = await person.newPage();
    await page.goto(path);
    await page.getByLabel('Password', { exact: true }).fill('a long enough password');
    await page.getByLabel('Password again').fill('a long enough password');
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    expect(await page.locator('.account').textContent()).toContain('Kavya Setup');
    // Added with Asia/Kolkata, in Kolkata: asked once to keep it.
    await page.getByRole('heading', { name: 'Confirm your time zone' }).waitFor();
    await page.screenshot({ path: `${SHOTS}zone-prompt-1280-light.png` });
    await page.getByRole('button', { name: 'Keep Asia/Kolkata' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Confirm your time zone' }).count(), {
        timeout: 15_000,
      })
      .toBe(0);
    await page.reload();
    expect(await page.getByRole('heading', { name: 'Confirm your time zone' }).count()).toBe(0);

    // The link worked once.
    const second = await reuseOneTimeLink(browser, path, {
      field: 'Password',
      password: 'another long password',
      button: 'Set password and sign in',
    });
    await second.context().close();
    await person.close();
  });
});
