// What a newcomer meets in the first hour: the first admin's checklist on a fresh
// instance, the quick form carried over into the full one, plurals, one date format, the
// heatmap legend in the behaviours' colours, refused markdown links, real 404s, the
// favicon, the trash, the list's total and compact density, empty states that say what to
// do, and logging first on a phone. Screenshots go to /tmp/shots-newcomer.
import { mkdirSync } from 'node:fs';
import { addDays, todayUtc, weekStartOf } from '@leadtrack/core';
import { migratePostgres } from '@leadtrack/db';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, dropDatabase, uniqueName } from '../support/databases';
import { freePort, type Running, startApi, startWeb, stop } from './servers';
import {
  type ApiUser,
  type ContextOptions,
  callApi,
  checkIn,
  describedEntryPage,
  LOOKS,
  logEvidence,
  type NewEntry,
  registerUser,
  signedInPage,
  useBrowser,
} from './support';

const SHOTS = '/tmp/shots-newcomer';
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/;

const browser = useBrowser();
beforeAll(() => {
  mkdirSync(SHOTS, { recursive: true });
});

const signedIn = (user: { email: string }, options: ContextOptions = {}): Promise<Page> =>
  signedInPage(browser, user, options);

/** A new person who logged `count` entries, the i-th (from 0) as `entry(i)` says. */
async function registerWithEntries(
  name: string,
  count: number,
  entry: (i: number) => NewEntry,
): Promise<ApiUser> {
  const user = await registerUser(name);
  for (let i = 0; i < count; i++) await logEvidence(user, entry(i));
  return user;
}

/** Light and dark, 1280 and 390 px wide, full page. */
async function shoot(
  user: { email: string },
  path: string,
  name: string,
  options: { baseURL?: string; compact?: boolean } = {},
) {
  const { baseURL } = options;
  for (const [width, dark] of LOOKS) {
    const page = await signedIn(user, { width, dark, height: width === 390 ? 844 : 900, baseURL });
    if (options.compact) {
      await page
        .context()
        .addCookies([{ name: 'lt_density', value: 'compact', url: baseURL ?? page.url() }]);
    }
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    await page.screenshot({
      path: `${SHOTS}/${name}-${width}-${dark ? 'dark' : 'light'}.png`,
      fullPage: true,
    });
    await page.context().close();
  }
}

describe('the first admin of a fresh instance', () => {
  // A fresh instance of its own: the shared one has other tests' people and managers.
  const dbName = uniqueName('leadtrack_newcomer');
  let api: Running | undefined;
  let web: Running | undefined;
  beforeAll(async () => {
    const databaseUrl = await createDatabase(dbName);
    await migratePostgres(databaseUrl);
    const port = await freePort();
    api = await startApi(databaseUrl, `http://localhost:${port}`);
    web = await startWeb(api.url, port);
  });
  afterAll(async () => {
    await stop(web?.child);
    await stop(api?.child);
    await dropDatabase(dbName);
  });

  it('lands on a setup checklist that links to each step, and it follows their progress', async () => {
    const register = async (name: string) => {
      const email = `${name.toLowerCase()}-${Date.now()}@example.test`;
      const res = await fetch(`${api?.url}/api/v1/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, name, password: 'correct horse battery staple' }),
      });
      expect(res.status).toBe(201);
      return { email, ...((await res.json()) as { user: { id: string }; accessToken: string }) };
    };
    const admin = await register('Founder');
    const page = await signedIn(admin, { baseURL: web?.url });
    await page.getByRole('heading', { name: 'Getting started', level: 1 }).waitFor();
    const checklist = page.getByRole('region', { name: 'Set up Leadtrack for your team' });
    for (const [link, href] of [
      ['Add people', '/admin#new-user-h'],
      ['Set managers', '/admin#people-h'],
      ['Review the policy', '/admin#policy-h'],
    ]) {
      expect(await checklist.getByRole('link', { name: link }).getAttribute('href')).toBe(href);
    }
    expect(await checklist.locator('li.done').count()).toBe(0);
    // No empty heatmap or chart: what to do instead.
    expect(await page.getByRole('heading', { name: 'Evidence by week' }).count()).toBe(0);
    await page.getByText('Your readiness starts with one entry').waitFor();
    if (web) await shoot(admin, '/', 'first-run', { baseURL: web.url });

    // Someone joins: the first step is done; still nobody has a manager.
    const engineer = await register('Newbie');
    // Read after a reload, reloading again if a render came back without the checklist
    // (seen once in CI on a loaded machine); the page's heading says what was shown instead.
    await expect
      .poll(
        async () => {
          await page.reload();
          const shown = await page.locator('h1').first().textContent();
          return `${shown}: ${await checklist.locator('li.done').count()} done`;
        },
        { timeout: 60_000, interval: 2_000 },
      )
      .toBe('Getting started: 1 done');
    // A reporting line: no longer a fresh instance, the readiness page's heading.
    const patched = await fetch(`${api?.url}/api/v1/users/${engineer.user.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.accessToken}` },
      body: JSON.stringify({ managerId: admin.user.id }),
    });
    expect(patched.status).toBe(200);
    await page.reload();
    await page.getByRole('heading', { name: 'Readiness', level: 1 }).waitFor();
    // The checklist stays until its last step, reviewing the policy, is done too.
    await checklist.waitFor();
    expect(await checklist.locator('li.done').count()).toBe(2);
    const auth = { authorization: `Bearer ${admin.accessToken}` };
    const policy = await (await fetch(`${api?.url}/api/v1/policy`, { headers: auth })).json();
    const saved = await fetch(`${api?.url}/api/v1/policy`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify(policy),
    });
    expect(saved.status).toBe(200);
    await page.reload();
    await page.getByRole('heading', { name: 'Readiness', level: 1 }).waitFor();
    expect(await checklist.count()).toBe(0);
    await page.context().close();
  }, 300_000);
});

describe('a new engineer', () => {
  let user: ApiUser;
  beforeAll(async () => {
    user = await registerUser('Nina Newcomer');
  });

  it('sees empty states that say what to do next', async () => {
    const page = await signedIn(user);
    await page.getByText('Your readiness starts with one entry').waitFor();
    expect(await page.getByRole('link', { name: 'Check in for this week' }).count()).toBe(1);
    await page.goto('/evidence');
    expect(await page.getByRole('link', { name: 'Log your first entry' }).count()).toBe(1);
    await page.goto('/evidence/trash');
    await page.getByText('Nothing deleted in the last 30 days.').waitFor();
    await page.goto('/packet');
    await page.getByText('No evidence in this period.').waitFor();
    expect(await page.getByRole('link', { name: 'Log evidence' }).count()).toBeGreaterThan(0);
    await page.goto('/team');
    await page.getByText('ask an admin to set you as their manager').waitFor();
    await page.context().close();
  });

  it('carries what the quick form holds into the full form with "More detail…"', async () => {
    const page = await signedIn(user);
    const quick = page.getByRole('region', { name: 'Log this week' });
    await quick.getByLabel('What did you do this week?').fill('Paired on the flaky test hunt');
    await quick.getByLabel('Mentoring').check();
    await quick.getByLabel('Broad review').check();
    await quick.getByRole('button', { name: 'More detail…' }).click();
    await page.waitForURL((url) => url.pathname === '/evidence/new');
    await page.getByRole('heading', { name: 'Log evidence' }).waitFor();
    expect(await page.getByLabel('Title').inputValue()).toBe('Paired on the flaky test hunt');
    expect(await page.getByRole('checkbox', { name: /Mentoring/ }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /Broad review/ }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /Domain ownership/ }).isChecked()).toBe(false);
    expect(await page.getByLabel('Date').inputValue()).toBe(todayUtc());
    // Nothing was saved on the way.
    const list = await callApi('GET', '/evidence', { token: user.token });
    expect(list.body.total).toBe(0);
    // Kinds the policy does not require say so.
    const optional = page.locator('.kind-option label', { hasText: 'not required by the policy' });
    expect(await optional.count()).toBeGreaterThan(0);
    expect(await page.getByText('(optional)', { exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'Log evidence' }).click();
    await page.waitForURL((url) => url.pathname === '/evidence');
    const saved = await callApi('GET', '/evidence', { token: user.token });
    expect(saved.body.items[0]).toMatchObject({
      title: 'Paired on the flaky test hunt',
      kinds: expect.arrayContaining(['mentoring', 'review']),
      occurredOn: todayUtc(),
    });
    await page.context().close();
  });

  it('sees one date format, plurals that agree, and the legend in the behaviours’ colours', async () => {
    const other = await registerUser('Dora Dates');
    await logEvidence(other, {
      title: 'Reviewed the ingest design',
      kinds: ['review', 'ownership'],
      occurredOn: addDays(todayUtc(), -9),
    });
    await checkIn(other, weekStartOf(todayUtc()), {
      handsOnPercent: 50,
      deepWorkBlocks: 1,
      onLeave: false,
    });
    const page = await signedIn(other);
    for (const path of ['/', '/evidence', '/checkin', '/packet']) {
      await page.goto(path);
      await page.locator('main h1').first().waitFor();
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text, `${path} shows an ISO date`).not.toMatch(ISO_DATE);
      const labels = await page
        .locator('main [aria-label], main [title]')
        .evaluateAll((els) =>
          els.map((e) => `${e.getAttribute('aria-label') ?? ''} ${e.getAttribute('title') ?? ''}`),
        );
      expect(
        labels.filter((l) => ISO_DATE.test(l)),
        path,
      ).toEqual([]);
      expect(text, path).not.toMatch(/\b1 (weeks|entries|blocks|days)\b/);
      // Each shown date keeps the ISO date in <time dateTime>.
      const times = await page
        .locator('main time')
        .evaluateAll((els) => els.map((e) => [e.getAttribute('datetime'), e.textContent]));
      for (const [iso, shown] of times) {
        expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}/);
        expect(shown).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);
      }
    }
    await page.goto('/checkin');
    await page.getByRole('cell', { name: '1 block', exact: true }).waitFor();
    await page.goto('/packet');
    await page.getByText(/1 entry, 0 acknowledged/).waitFor();

    // The legend's level swatches use each behaviour's colour, like the cells.
    await page.goto('/');
    const colours = await page.evaluate(() => {
      const cell = document.querySelector<HTMLElement>('.hm-cell.lvl-1');
      const kinds = [...document.querySelectorAll<HTMLElement>('.legend .lg-3[data-kind]')];
      return {
        swatches: kinds.map((k) => [k.dataset.kind, getComputedStyle(k).backgroundColor]),
        expected: kinds.map((k) => {
          const probe = document.createElement('span');
          probe.style.background = `var(--kind-${k.dataset.kind})`;
          document.body.append(probe);
          const colour = getComputedStyle(probe).backgroundColor;
          probe.remove();
          return [k.dataset.kind, colour];
        }),
        cellUsesKind: cell?.style.getPropertyValue('--c') ?? '',
      };
    });
    expect(colours.swatches.length).toBe(7);
    expect(colours.swatches).toEqual(colours.expected);
    expect(new Set(colours.swatches.map(([, c]) => c)).size).toBe(7);
    expect(colours.cellUsesKind).toMatch(/var\(--kind-/);
    await page.context().close();
  });

  it('sees a refused link say so, instead of an empty dead link', async () => {
    const { page, description: desc } = await describedEntryPage(browser, 'Lina Links', {
      title: 'Shared the incident notes',
      description: 'See [the notes](javascript:alert(1)) and [the doc](https://example.com/doc).',
    });
    expect(await desc.textContent()).toContain('the notes (link refused: javascript:alert(1))');
    expect(await desc.locator('a').count()).toBe(1);
    expect(await desc.locator('a').getAttribute('href')).toBe('https://example.com/doc');
    expect(await page.locator('a[href^="javascript"], main a:not([href])').count()).toBe(0);
    await page.context().close();
  });

  it('gets HTTP 404 for what is not there or not theirs, and the app has a favicon', async () => {
    const stranger = await registerUser('Sam Stranger');
    const page = await signedIn(user);
    const request = page.context().request;
    for (const path of [
      `/team/${stranger.id}`,
      '/team/no-such-person',
      '/evidence/no-such-entry/edit',
      `/packet?userId=${stranger.id}`,
      '/no-such-page',
    ]) {
      const res = await request.get(path, { maxRedirects: 0 });
      expect(res.status(), path).toBe(404);
      expect(await res.text(), path).toContain('Not found');
    }
    const icon = await request.get('/icon.svg');
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toMatch(/^image\/svg\+xml/);
    await page.goto('/');
    expect(await page.locator('head link[rel="icon"]').getAttribute('href')).toMatch(/icon/);
    await page.context().close();
  });

  it('restores a deleted entry from the trash', async () => {
    const owner = await registerUser('Tess Trash');
    await logEvidence(owner, {
      title: 'Wrote the rollback runbook',
      kinds: ['ownership'],
      occurredOn: todayUtc(),
    });
    const page = await signedIn(owner);
    await page.goto('/evidence');
    await page.getByRole('button', { name: 'Delete “Wrote the rollback runbook”' }).click();
    await page.getByText('Entry deleted.').waitFor();
    await page.getByRole('link', { name: 'Deleted entries' }).first().click();
    await page.waitForURL((url) => url.pathname === '/evidence/trash');
    const entry = page.getByRole('article', { name: 'Wrote the rollback runbook' });
    await entry.waitFor();
    expect(await entry.textContent()).toMatch(
      /restorable until \d{1,2} [A-Z][a-z]{2} \d{4} \(30 days left\)/,
    );
    await shoot(owner, '/evidence/trash', 'trash');
    await entry.getByRole('button', { name: 'Restore “Wrote the rollback runbook”' }).click();
    await page.getByText('Entry restored.').waitFor();
    expect(await page.getByRole('article', { name: 'Wrote the rollback runbook' }).count()).toBe(0);
    await page.goto('/evidence');
    await page.getByRole('heading', { name: 'Wrote the rollback runbook' }).waitFor();
    await page.context().close();
  }, 300_000);

  it('sees the list’s total and pages, and a compact density it remembers', async () => {
    const busy = await registerWithEntries('Bea Busy', 23, (i) => ({
      title: `Entry number ${i + 1}`,
      kinds: [i % 2 ? 'review' : 'ownership'],
      occurredOn: addDays(todayUtc(), -i),
    }));
    const page = await signedIn(busy);
    await page.goto('/evidence');
    await page.getByText('Showing 1–20 of 23 entries.').waitFor();
    await page.getByText('Page 1 of 2').waitFor();
    await page.getByRole('link', { name: 'Older entries' }).click();
    await page.getByText('Showing 21–23 of 23 entries.').waitFor();
    await page.getByText('Page 2 of 2').waitFor();
    await page.goto('/evidence?kind=review');
    await page.getByText('Showing 1–11 of 11 entries matching the filters.').waitFor();

    await page.goto('/evidence');
    // Heights are read in the page in one step, polled until the list is on screen: a box read
    // through a locator mid-navigation can come back null.
    const firstEntryHeight = () =>
      page.evaluate(() => document.querySelector('.entry')?.getBoundingClientRect().height ?? 0);
    await expect.poll(firstEntryHeight).toBeGreaterThan(0);
    const comfortable = await firstEntryHeight();
    await page.getByRole('button', { name: 'Compact' }).click();
    await page.waitForFunction(() => document.querySelector('.entries.compact') !== null);
    expect(await page.getByRole('button', { name: 'Compact' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    await expect.poll(firstEntryHeight).toBeLessThan(comfortable * 0.8);
    await shoot(busy, '/evidence', 'evidence-compact', { compact: true });
    // Remembered: a fresh visit is still compact, until switched back.
    await page.goto('/evidence');
    expect(await page.locator('.entries.compact').count()).toBe(1);
    await page.getByRole('button', { name: 'Comfortable' }).click();
    await page.waitForFunction(() => document.querySelector('.entries.compact') === null);
    await shoot(busy, '/evidence', 'evidence');
    await page.context().close();
  }, 300_000);

  it('on a phone, finds "Log this week" first on the home page', async () => {
    const phone = await registerWithEntries('Pat Phone', 6, (i) => ({
      title: `Week ${i} work`,
      kinds: ['ownership', 'review', 'proposal'],
      occurredOn: addDays(todayUtc(), -7 * i),
    }));
    const page = await signedIn(phone, { width: 390, height: 844 });
    const quick = page.getByRole('heading', { name: 'Log this week' });
    await quick.waitFor();
    const quickTop = (await quick.boundingBox())?.y ?? Number.POSITIVE_INFINITY;
    const heatmapTop =
      (await page.getByRole('heading', { name: 'Evidence by week' }).boundingBox())?.y ?? 0;
    expect(quickTop).toBeLessThan(heatmapTop);
    expect(quickTop).toBeLessThan(844);
    await page.screenshot({ path: `${SHOTS}/home-phone-viewport.png` });
    // On a wide screen the readiness comes first, as before.
    const wide = await signedIn(phone);
    const wideQuick = (await wide.getByRole('heading', { name: 'Log this week' }).boundingBox())?.y;
    const wideHeatmap = (
      await wide.getByRole('heading', { name: 'Evidence by week' }).boundingBox()
    )?.y;
    expect(wideQuick ?? 0).toBeGreaterThan(wideHeatmap ?? 0);
    await shoot(phone, '/', 'home');
    await page.context().close();
    await wide.context().close();
  }, 300_000);
});
