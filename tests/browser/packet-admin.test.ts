// The promotion packet (own and a report's; printable, downloadable as Markdown) and the
// admin page (who reports to whom, the policy), plus editing an entry.
import { readFileSync } from 'node:fs';
import { addDays, todayUtc } from '@leadtrack/core';
import { describe, expect, it } from 'vitest';
import { acknowledge } from './seed';
import {
  adminUser,
  callApi,
  logEvidence,
  registerManagerAndReport,
  registerUser,
  reportWithEntry,
  shootExtra,
  signedInPage,
  useBrowser,
} from './support';

const browser = useBrowser();

describe('the packet', () => {
  it('an entry edited after its acknowledgement says "acknowledged an earlier version" on the entry, the report’s page and the packet', async () => {
    const { manager, engineer, entry } = await reportWithEntry('Vera Manager', 'Walt Edited', {
      title: 'Reviewed the billing migration',
      kinds: ['review'],
      occurredOn: addDays(todayUtc(), -4),
    });
    await acknowledge(manager, entry.id, 'Solid **review**, thank you.');
    const edited = await callApi('PATCH', `/evidence/${entry.id}`, {
      token: engineer.token,
      body: { title: 'Led the company-wide architecture migration single-handedly' },
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);

    const page = await signedInPage(browser, engineer, { path: '/evidence' });
    const item = page.getByRole('article', {
      name: 'Led the company-wide architecture migration single-handedly',
    });
    await item.getByText('Vera Manager acknowledged an earlier version').waitFor();
    expect(await item.getByText('Acknowledged by Vera Manager').count()).toBe(0);
    // The comment renders as Markdown.
    await item.locator('.given-comment strong', { hasText: 'review' }).waitFor();
    await shootExtra(page, 'trust-earlier-version-entry-1280.png');

    await page.goto('/packet');
    const reviews = page.getByRole('region', { name: /Broad review/ });
    await reviews.getByText('Vera Manager acknowledged an earlier version').waitFor();
    expect(await reviews.getByText('Acknowledged by Vera Manager').count()).toBe(0);
    await page.getByText(/acknowledged on an earlier version only/).waitFor();
    await shootExtra(page, 'trust-earlier-version-packet-1280.png');
    const markdown = await callApi('GET', `/users/${engineer.id}/packet?format=md`, {
      token: engineer.token,
    });
    expect(String(markdown.body)).toContain('**Vera Manager acknowledged an earlier version**');
    await page.context().close();

    // The manager sees it on the report's page, and may acknowledge again.
    const managerPage = await signedInPage(browser, manager, {
      path: `/team/${engineer.id}`,
      dark: true,
    });
    const onTeam = managerPage.getByRole('article', {
      name: 'Led the company-wide architecture migration single-handedly',
    });
    await onTeam.getByText('Vera Manager acknowledged an earlier version').waitFor();
    await shootExtra(managerPage, 'trust-earlier-version-team-dark.png');
    await managerPage
      .getByRole('button', {
        name: 'Acknowledge “Led the company-wide architecture migration single-handedly”',
      })
      .click();
    await onTeam.getByText('Acknowledged by Vera Manager').waitFor();
    expect(await onTeam.getByText('acknowledged an earlier version').count()).toBe(0);
    await managerPage.context().close();
  });

  it('groups six months by behaviour with acknowledgements, prints, and downloads as Markdown', async () => {
    const { manager, engineer } = await registerManagerAndReport('Paula Manager', 'Quinn Packet');
    const proposal = await logEvidence(engineer, {
      title: 'Drove the decision on event sourcing for orders',
      kinds: ['proposal', 'communication'],
      occurredOn: addDays(todayUtc(), -20),
    });
    await logEvidence(engineer, {
      title: 'Paired weekly with the new graduate',
      kinds: ['mentoring'],
      occurredOn: addDays(todayUtc(), -3),
    });
    await acknowledge(manager, proposal.id, 'Clear and well argued.');

    const page = await signedInPage(browser, engineer, { path: '/packet' });
    await page.getByRole('heading', { name: 'Promotion packet: Quinn Packet' }).waitFor();
    const proposals = page.getByRole('region', { name: /Technical proposal/ });
    await proposals.getByText('Drove the decision on event sourcing for orders').waitFor();
    await proposals.getByText('Acknowledged by Paula Manager').waitFor();
    // An entry with two kinds appears under both.
    await page
      .getByRole('region', { name: /Explaining to non-engineers/ })
      .getByText('Drove the decision on event sourcing for orders')
      .waitFor();
    await page.getByRole('region', { name: 'Readiness' }).getByText('Building').waitFor();

    // Printing hides the navigation and the buttons.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download Markdown' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.md$/);
    const markdown = readFileSync((await download.path()) as string, 'utf8');
    expect(markdown).toContain('Drove the decision on event sourcing for orders');
    expect(markdown).toContain('Paired weekly with the new graduate');
    await page.context().close();

    // The manager opens the report's packet from the report's page.
    const mpage = await signedInPage(browser, manager, { path: `/team/${engineer.id}` });
    await mpage.getByRole('link', { name: 'Promotion packet' }).click();
    await mpage.getByRole('heading', { name: 'Promotion packet: Quinn Packet' }).waitFor();
    await mpage.context().close();
  });
});

describe('editing evidence', () => {
  it('edits an entry and keeps it on the list', async () => {
    const engineer = await registerUser('Eddie Editor');
    await logEvidence(engineer, {
      title: 'Reviewd the caching PR',
      kinds: ['review'],
      occurredOn: addDays(todayUtc(), -1),
    });
    const page = await signedInPage(browser, engineer, { path: '/evidence' });
    await page.getByRole('link', { name: 'Edit “Reviewd the caching PR”' }).click();
    await page.getByRole('heading', { name: 'Edit evidence' }).waitFor();
    expect(await page.getByRole('checkbox', { name: 'Broad review' }).isChecked()).toBe(true);
    await page.getByLabel('Title').fill('Reviewed the caching PR for fit with the audit log');
    await page.getByRole('checkbox', { name: 'Domain ownership' }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL((url) => url.pathname === '/evidence');
    await page.getByText('Changes saved.').waitFor();
    await page
      .getByRole('heading', { name: 'Reviewed the caching PR for fit with the audit log' })
      .waitFor();
    await page.context().close();
  });
});

describe('the admin page', () => {
  it('sets who reports to whom and saves the policy', async () => {
    const lead = await registerUser('Lena Lead');
    const dev = await registerUser('Dev Dawson');
    const page = await signedInPage(browser, adminUser(), { path: '/admin' });
    await page.getByRole('heading', { name: 'Admin', level: 1 }).waitFor();
    await page.getByLabel('reports to (manager of Dev Dawson)').selectOption(lead.id);
    await page.getByRole('button', { name: 'Save Dev Dawson' }).click();
    await page.getByText('Saved Dev Dawson.').waitFor();
    const me = await callApi('GET', `/users/${dev.id}`, { token: lead.token });
    expect(me.status).toBe(200);
    expect(me.body.managerId).toBe(lead.id);

    // The policy form shows the policy in force and saves a change.
    const threshold = page.getByLabel('Threshold (weeks)');
    expect(await threshold.inputValue()).toBe('26');
    await page.getByLabel('Window (weeks)').fill('0');
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.locator('#windowWeeks-error').waitFor();
    expect(await page.getByLabel('Window (weeks)').inputValue()).toBe('0');
    await page.getByLabel('Window (weeks)').fill('4');
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByText('Policy saved.').waitFor();
    await page.context().close();

    // A non-admin sees no admin page.
    const p2 = await signedInPage(browser, lead, { path: '/admin' });
    await p2.getByText('Only admins manage people and the policy.').waitFor();
    expect(await p2.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await p2.context().close();
  });
});
