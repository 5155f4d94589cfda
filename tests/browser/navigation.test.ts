// The navigation fits (six items at most in the bar at 1280 px, the rest under "More"; on a
// 390 px phone one row until "Menu" opens it), for the admin, who has the most items, light
// and dark; and each heatmap cell speaks of its own behaviour. Leaves screenshots of both
// in LEADTRACK_NAV_SHOTS (default /tmp/shots-nav) to look at.
import { mkdirSync } from 'node:fs';
import { addDays, KIND_INFO, todayUtc, weekStartOf } from '@leadtrack/core';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  adminToken,
  adminUser,
  callApi,
  logEvidence,
  registerUser,
  shownDate,
  signedInPage,
  useBrowser,
  webUrl,
} from './support';

const SHOTS = process.env.LEADTRACK_NAV_SHOTS ?? '/tmp/shots-nav';

const browser = useBrowser();
beforeAll(() => {
  mkdirSync(SHOTS, { recursive: true });
});

const topbarHeight = async (page: Page) =>
  (await page.locator('header.topbar').boundingBox())?.height ?? Number.POSITIVE_INFINITY;

/** The main navigation's links a person can see (not those in a closed menu). */
const visibleLinks = (page: Page) =>
  page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link')
    .evaluateAll(
      (links) =>
        links.filter((a) => (a as unknown as { offsetParent: unknown }).offsetParent !== null)
          .length,
    );

/**
 * The admin's /admin page `width` px wide, its main navigation, and the navigation's `button`
 * (More on a laptop, Menu on a phone) once it is shown.
 */
async function adminNavigation(width: number, dark: boolean, button: RegExp) {
  const page = await signedInPage(browser, adminUser(), { width, dark, path: '/admin' });
  const nav = page.getByRole('navigation', { name: 'Main' });
  const toggle = nav.getByRole('button', { name: button });
  await toggle.waitFor();
  return { page, nav, button: toggle };
}

describe('the navigation', () => {
  it('fits the admin in one row: six items and More at 1280 px (≤ 60 px), Menu alone at 390 px (≤ 72 px), light and dark', async () => {
    // Something waiting behind the menu: an endorsement request to the admin.
    const admin = await callApi('GET', '/me', { token: await adminToken() });
    const asker = await registerUser('Nadia Navigation');
    const entry = await logEvidence(asker, {
      title: 'Led the incident review',
      kinds: ['communication'],
      occurredOn: addDays(todayUtc(), -1),
    });
    const asked = await callApi('POST', `/evidence/${entry.id}/endorsement-requests`, {
      token: asker.token,
      body: { userId: admin.body.id },
    });
    expect(asked.status, JSON.stringify(asked.body)).toBeLessThan(300);

    for (const dark of [false, true]) {
      const scheme = dark ? 'dark' : 'light';
      // A laptop.
      const { page, nav, button: more } = await adminNavigation(1280, dark, /^More/);
      expect(await topbarHeight(page), `1280 ${scheme}`).toBeLessThanOrEqual(60);
      expect(await visibleLinks(page)).toBe(6);
      expect(await more.getAttribute('aria-expanded')).toBe('false');
      // The waiting request is said on the button while the menu is closed.
      expect(await more.getAttribute('aria-controls')).toBeTruthy();
      const said = (await more.textContent()) ?? '';
      expect(said.startsWith('More')).toBe(true);
      expect(said).toContain(' waiting');
      await page.screenshot({ path: `${SHOTS}/nav-admin-1280-${scheme}.png` });
      await more.click();
      expect(await more.getAttribute('aria-expanded')).toBe('true');
      // The current page (Admin) is in the menu, marked as such.
      await nav.getByRole('link', { name: 'Admin' }).waitFor();
      expect(await nav.getByRole('link', { name: 'Admin' }).getAttribute('aria-current')).toBe(
        'page',
      );
      // What waits is in the menu, said on its link.
      expect(await nav.getByRole('link').allTextContents()).toContain('Endorsements, 1 waiting');
      await page.screenshot({ path: `${SHOTS}/nav-admin-1280-${scheme}-open.png` });
      // Escape closes it and gives focus back to the button.
      await page.keyboard.press('Escape');
      expect(await more.getAttribute('aria-expanded')).toBe('false');
      expect(await more.evaluate((b) => b === b.ownerDocument.activeElement)).toBe(true);
      expect(await visibleLinks(page)).toBe(6);
      await page.context().close();

      // A phone.
      const {
        page: phone,
        nav: phoneNav,
        button: menu,
      } = await adminNavigation(390, dark, /^Menu/);
      expect(await topbarHeight(phone), `390 ${scheme}`).toBeLessThanOrEqual(72);
      expect(await visibleLinks(phone)).toBe(0);
      await phone.screenshot({ path: `${SHOTS}/nav-admin-390-${scheme}.png` });
      await menu.click();
      expect(await menu.getAttribute('aria-expanded')).toBe('true');
      // Everything is there once opened, and a link closes it by going there.
      expect(await visibleLinks(phone)).toBeGreaterThanOrEqual(12);
      await phone.screenshot({ path: `${SHOTS}/nav-admin-390-${scheme}-open.png` });
      await phoneNav.getByRole('link', { name: 'Settings' }).click();
      await phone.waitForURL((url) => url.pathname === '/settings');
      await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('false');
      expect(await topbarHeight(phone)).toBeLessThanOrEqual(72);
      await phone.context().close();
    }
  }, 300_000);
});

describe('the heatmap', () => {
  it("names only its behaviour's entries in a cell (1280 and 390 px, light and dark) and opens those; no Hover on a touch screen", async () => {
    const user = await registerUser('Hana Heatmap');
    const monday = weekStartOf(addDays(todayUtc(), -7));
    await logEvidence(user, {
      title: 'Reviewed the cache invalidation PR',
      kinds: ['review'],
      occurredOn: monday,
    });
    await logEvidence(user, {
      title: 'Wrote the ingest runbook',
      kinds: ['ownership'],
      occurredOn: addDays(monday, 1),
    });
    await logEvidence(user, {
      title: 'Explained the reindex to product',
      kinds: ['communication', 'review'],
      occurredOn: addDays(monday, 2),
    });
    for (const dark of [false, true]) {
      const page = await signedInPage(browser, user, { width: 1280, dark });
      const cell = page.getByRole('gridcell', {
        name: new RegExp(`^Week of ${shownDate(monday)}, ${KIND_INFO.review.label}`),
      });
      const name = (await cell.getAttribute('aria-label')) ?? '';
      expect(name).toContain('2 entries');
      expect(name).toContain('Reviewed the cache invalidation PR');
      expect(name).toContain('Explained the reindex to product');
      expect(name).not.toContain('Wrote the ingest runbook');
      const ownership = page.getByRole('gridcell', {
        name: new RegExp(`^Week of ${shownDate(monday)}, ${KIND_INFO.ownership.label}`),
      });
      const ownershipName = (await ownership.getAttribute('aria-label')) ?? '';
      expect(ownershipName).toContain('Wrote the ingest runbook');
      expect(ownershipName).not.toContain('Reviewed the cache invalidation PR');
      await cell.hover();
      await page.locator('#heatmap-h').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/heatmap-1280-${dark ? 'dark' : 'light'}.png` });
      if (!dark) {
        // Opening the cell lists that behaviour's entries of that week, nothing else.
        await cell.click();
        await page.waitForURL((url) => url.pathname === '/evidence');
        const query = new URL(page.url()).searchParams;
        expect(query.get('kind')).toBe('review');
        expect(query.get('from')).toBe(monday);
        expect(query.get('to')).toBe(addDays(monday, 6));
        await page.getByText('Reviewed the cache invalidation PR').waitFor();
        await page.getByText('Explained the reindex to product').waitFor();
        expect(await page.getByText('Wrote the ingest runbook').count()).toBe(0);
      }
      await page.context().close();

      // A touch screen: no "Hover" in what the heatmap says.
      const context = await browser.newContext({
        baseURL: webUrl(),
        viewport: { width: 390, height: 844 },
        hasTouch: true,
        isMobile: true,
        colorScheme: dark ? 'dark' : 'light',
      });
      context.setDefaultTimeout(20_000);
      const phone = await context.newPage();
      await phone.goto('/login');
      await phone.getByLabel('Email').fill(user.email);
      await phone.getByLabel('Password').fill('correct horse battery staple');
      await phone.getByRole('button', { name: 'Sign in' }).click();
      await phone.getByRole('heading', { name: 'Evidence by week' }).waitFor();
      // The same cell on the phone names the same entries.
      const phoneCell = phone.getByRole('gridcell', {
        name: new RegExp(`^Week of ${shownDate(monday)}, ${KIND_INFO.review.label}`),
      });
      const phoneName = (await phoneCell.getAttribute('aria-label')) ?? '';
      expect(phoneName).toContain('Reviewed the cache invalidation PR');
      expect(phoneName).toContain('Explained the reindex to product');
      expect(phoneName).not.toContain('Wrote the ingest runbook');
      const hint = phone.locator('.hm-detail');
      // biome-ignore lint/performance/useDomNodeTextContent: what is shown is the point.
      const shown = await hint.innerText();
      expect(shown).not.toMatch(/hover/i);
      expect(shown).toMatch(/Tap a cell/);
      await phone.locator('#heatmap-h').scrollIntoViewIfNeeded();
      await phone.screenshot({ path: `${SHOTS}/heatmap-390-${dark ? 'dark' : 'light'}.png` });
      await context.close();
    }
  }, 300_000);
});
