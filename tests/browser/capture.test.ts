// Capture in the dashboard: an engineer imports a brag document from the import page (its
// bad line listed), sees the inbox count in the navigation, accepts a suggestion with edited
// behaviours, title and date and finds it among their evidence, dismisses one from the
// keyboard, and downloads their data from the settings.
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newContext, registerUser, signedInPage, signIn, useBrowser } from './support';

const browser = useBrowser();

const BRAG = `## 2026-11-02
- Reviewed the queue design for payments #review
- Paired with Sam on the flaky test #mentor

## 2026-11-03
- Explained the roadmap trade-off to product #comms
- 2026-11-04: Tidied the on-call docs
- An undated line below an undated heading? No: dated by the heading above #own

## Someday
- Nothing dates this one #review
`;

/** The nav link to the inbox, with its count said in words. */
const inboxLink = (page: Page) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Inbox/ });

describe('capture', () => {
  it('imports a file, then accepts a suggestion with edits and dismisses another', async () => {
    const user = await registerUser('Cara Capture');
    const page = await signedInPage(browser, user);
    expect((await inboxLink(page).textContent())?.trim()).toBe('Inbox');

    // The import page: paste the document, keep "Suggest", import; the bad line is listed.
    await page.goto('/import');
    await page.getByRole('heading', { name: 'Import', exact: true }).waitFor();
    await page.getByLabel('Markdown brag document').check();
    await page.getByLabel('…or paste it here').fill(BRAG);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const result = page.getByRole('region', { name: 'Imported' });
    await result.waitFor();
    expect(await result.textContent()).toContain('5 suggestions added to your inbox');
    const row = result.getByRole('row').nth(1);
    expect(await row.textContent()).toMatch(/^11.*no date/);
    await page.reload();
    expect((await inboxLink(page).textContent())?.trim()).toBe('Inbox, 5 waiting');

    // The inbox: accept "Reviewed the queue design" with another behaviour, title and date.
    await inboxLink(page).click();
    await page.waitForURL((url) => url.pathname === '/inbox');
    const card = page.getByRole('article', { name: 'Reviewed the queue design for payments' });
    await card.getByText('Adjust before accepting').click();
    await card.getByRole('checkbox', { name: 'Broad review' }).uncheck();
    await card.getByRole('checkbox', { name: 'Mentoring' }).check();
    await card.getByLabel('Title').fill('Walked Sam through the queue design');
    await card.getByLabel('Date').fill('2026-11-05');
    await card.getByRole('button', { name: /^Accept/ }).click();
    await page.getByRole('status').filter({ hasText: 'Accepted' }).waitFor();
    expect((await inboxLink(page).textContent())?.trim()).toBe('Inbox, 4 waiting');

    // A suggestion without a behaviour opens its fields and says what is missing.
    const untagged = page.getByRole('article', { name: 'Tidied the on-call docs' });
    expect(await untagged.locator('details').getAttribute('open')).not.toBeNull();
    await untagged.getByRole('button', { name: /^Accept/ }).click();
    await untagged.locator('.field-error').first().waitFor();
    expect(await untagged.locator('.field-error').first().textContent()).toMatch(/behaviour/i);

    // Dismiss from the keyboard.
    const dismiss = page.getByRole('button', {
      name: 'Dismiss “Explained the roadmap trade-off to product”',
    });
    await dismiss.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Dismissed' }).waitFor();
    expect(
      await page
        .getByRole('article', { name: 'Explained the roadmap trade-off to product' })
        .count(),
    ).toBe(0);
    expect((await inboxLink(page).textContent())?.trim()).toBe('Inbox, 3 waiting');

    // The accepted entry is in the evidence list as edited, from an imported file.
    await page.goto('/evidence');
    const entry = page.getByRole('article', { name: 'Walked Sam through the queue design' });
    await entry.waitFor();
    expect(await entry.getByRole('list', { name: 'Behaviours' }).textContent()).toBe('Mentoring');
    expect(await entry.textContent()).toContain('5 Nov 2026');

    // Settings: the data download is the account's export.
    await page.goto('/settings');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download my data (JSON)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^leadtrack-export-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(readFileSync((await download.path()) as string, 'utf8'));
    expect(exported).toMatchObject({ format: 'leadtrack-export', version: 1 });
    expect(exported.evidence.map((e: { title: string }) => e.title)).toEqual([
      'Walked Sam through the queue design',
    ]);

    // Screenshots of the new pages (light, dark, phone) when asked for.
    const dir = process.env.LEADTRACK_SCREENSHOTS_EXTRA;
    if (dir) {
      mkdirSync(dir, { recursive: true });
      for (const [name, options] of [
        ['light', {}],
        ['dark', { dark: true }],
        ['phone', { width: 390, height: 844 }],
      ] as const) {
        const shots = await (await newContext(browser, options)).newPage();
        await signIn(shots, user.email);
        for (const path of ['/inbox', '/import']) {
          await shots.goto(path);
          await shots.waitForLoadState('networkidle');
          await shots.screenshot({ path: `${dir}/${path.slice(1)}-${name}.png`, fullPage: true });
        }
      }
    }
    // The flow and, when asked for, six screenshots: more than the default on a busy machine.
  }, 240_000);
});
