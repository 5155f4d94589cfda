// A manager opens the team page and a report, acknowledges an entry and leaves feedback;
// the engineer then sees both.
import { addDays, todayUtc } from '@leadtrack/core';
import { describe, expect, it } from 'vitest';
import { registerUser, reportWithEntry, setManager, signedInPage, useBrowser } from './support';

const browser = useBrowser();

describe('a manager', () => {
  it('acknowledges a report’s entry and leaves feedback, and the engineer sees both', async () => {
    const title = 'Proposed splitting the ingest queue by tenant';
    const { manager, engineer } = await reportWithEntry('Morgan Manager', 'Riley Report', {
      title,
      kinds: ['proposal', 'communication'],
      occurredOn: addDays(todayUtc(), -2),
      description: 'Wrote the proposal, ran the review with product, got a decision.',
    });

    const mpage = await signedInPage(browser, manager);
    await mpage.getByRole('link', { name: 'Team' }).click();
    await mpage.getByRole('heading', { name: 'Team', level: 1 }).waitFor();
    const row = mpage.getByRole('row', { name: /Riley Report/ });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/Building/);
    expect(await row.textContent()).toMatch(/0 of 26 weeks/);

    await mpage.getByRole('link', { name: 'Riley Report' }).click();
    await mpage.waitForURL((url) => url.pathname === `/team/${engineer.id}`);
    await mpage.getByRole('heading', { name: 'Riley Report', level: 1 }).waitFor();
    await mpage.getByRole('heading', { name: title }).waitFor();
    await mpage.getByRole('grid').waitFor();

    await mpage.getByLabel(`Comment on “${title}” (optional)`).fill('Great write-up.');
    await mpage.getByRole('button', { name: `Acknowledge “${title}”` }).click();
    await mpage.getByText('Entry acknowledged.').waitFor();
    await mpage.getByText('Acknowledged by Morgan Manager').waitFor();
    expect(await mpage.getByRole('button', { name: /Acknowledge/ }).count()).toBe(0);

    const feedback =
      'Your tenant-split proposal was clear; next, let Sam run the follow-up review.';
    await mpage.getByRole('textbox', { name: 'Feedback', exact: true }).fill(feedback);
    await mpage.getByRole('button', { name: 'Send feedback' }).click();
    await mpage.getByText('Feedback sent to Riley.').waitFor();
    await mpage.getByText(feedback).waitFor();
    await mpage.context().close();

    const epage = await signedInPage(browser, engineer);
    await epage.getByRole('heading', { name: 'Feedback from your manager' }).waitFor();
    await epage.getByText(feedback).waitFor();
    await epage.getByRole('link', { name: 'Evidence', exact: true }).click();
    await epage.getByRole('heading', { name: title }).waitFor();
    await epage.getByText('Acknowledged by Morgan Manager').waitFor();
    await epage.getByText('Great write-up.').waitFor();
    // An engineer has no team page in the navigation.
    expect(await epage.getByRole('link', { name: 'Team' }).count()).toBe(0);
    await epage.context().close();
  });

  it('cannot open someone who is not their report', async () => {
    const manager = await registerUser('Nico Manager');
    const report = await registerUser('Pat Report');
    const stranger = await registerUser('Stan Stranger');
    await setManager(report.id, manager.id);
    const page = await signedInPage(browser, manager);
    // (The page streams behind a loading state, so the status is already sent: check the page.)
    await page.goto(`/team/${stranger.id}`);
    await page.getByRole('heading', { name: 'Not found' }).waitFor();
    expect(await page.getByText('Stan Stranger').count()).toBe(0);
    await page.context().close();
  });
});
