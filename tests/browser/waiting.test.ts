// What waits for a manager (issue 19) on a laptop (1280 × 800) and a phone (390 × 844),
// light and dark: their home leads with "Waiting for you", an entry to acknowledge shows
// without scrolling and acknowledging it there takes it off the list; the Team page counts
// each report's unacknowledged entries; the report's page shows the fit reflections shared
// with the manager (the trend and the notes). Screenshots in LEADTRACK_WAITING_SHOTS
// (default /tmp/shots-waiting) to look at.
import { mkdirSync } from 'node:fs';
import { addDays, addWeeks, todayUtc, weekStartOf } from '@leadtrack/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  type ApiUser,
  callApi,
  logEvidence,
  registerManagerAndReport,
  shownDate,
  signedInPage,
  useBrowser,
} from './support';

const browser = useBrowser();
const SHOTS = process.env.LEADTRACK_WAITING_SHOTS ?? '/tmp/shots-waiting';

const VIEWS = [
  { width: 1280, height: 800, dark: false },
  { width: 1280, height: 800, dark: true },
  { width: 390, height: 844, dark: false },
  { width: 390, height: 844, dark: true },
] as const;

/** Two fit reflections shared with the manager, two weeks apart, with notes. */
async function shareReflections(engineer: ApiUser) {
  const statements = (await callApi('GET', '/reflection-statements', { token: engineer.token }))
    .body.items as { id: string; suitsRole: boolean }[];
  const thisWeek = weekStartOf(todayUtc());
  const shared = [
    { weekStart: addWeeks(thisWeek, -2), agree: 2, note: 'Planning drained me this week.' },
    { weekStart: thisWeek, agree: 5, note: 'Enjoyed running the design review.' },
  ];
  for (const { weekStart, agree, note } of shared) {
    const res = await callApi('PUT', `/reflections/${weekStart}`, {
      token: engineer.token,
      body: {
        answers: Object.fromEntries(statements.map((s) => [s.id, s.suitsRole ? agree : 6 - agree])),
        note,
        shared: true,
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  return shared;
}

/** The bottom of `selector`'s box, measured without scrolling, and the viewport's height. */
async function fold(page: Page, selector: string) {
  return page.evaluate((sel) => {
    const doc = globalThis as unknown as {
      document: {
        querySelector(s: string): { getBoundingClientRect(): { top: number; bottom: number } };
      };
      innerHeight: number;
      scrollY: number;
    };
    const box = doc.document.querySelector(sel).getBoundingClientRect();
    return { top: box.top, bottom: box.bottom, viewport: doc.innerHeight, scrollY: doc.scrollY };
  }, selector);
}

describe('what waits for a manager', () => {
  for (const { width, height, dark } of VIEWS) {
    const tag = `${width}-${dark ? 'dark' : 'light'}`;
    it(`at ${width} px, ${dark ? 'dark' : 'light'}: the home leads with an entry to acknowledge there, the Team page counts, the report's page shows shared reflections`, async () => {
      mkdirSync(SHOTS, { recursive: true });
      const { manager, engineer } = await registerManagerAndReport(
        'Maya Waiting',
        'Jordan Waiting',
      );
      const older = await logEvidence(engineer, {
        title: `Reviewed the tenant-isolation PR (${tag})`,
        kinds: ['review'],
        occurredOn: addDays(todayUtc(), -3),
      });
      const newer = await logEvidence(engineer, {
        title: `Ran the incident review for the ingest outage (${tag})`,
        kinds: ['communication', 'ownership'],
        occurredOn: addDays(todayUtc(), -1),
      });
      const shared = await shareReflections(engineer);

      const page = await signedInPage(browser, manager, { width, height, dark });
      const agenda = page.getByRole('region', { name: 'Waiting for you' });
      await agenda.waitFor();
      const item = agenda.getByRole('listitem').filter({ hasText: older.title });
      await item.waitFor();
      // Above the fold: the whole item (its words and its button) without scrolling.
      const id = await item.evaluate((li) => {
        const el = li as unknown as { id: string };
        el.id ||= 'waiting-under-test';
        return el.id;
      });
      // The home leads with it: before the quick log, on a phone too.
      const quick = await page.getByRole('region', { name: 'Log this week' }).boundingBox();
      expect((await agenda.boundingBox())?.y).toBeLessThan(quick?.y ?? 0);
      const box = await fold(page, `#${id}`);
      expect(box.scrollY).toBe(0);
      expect(box.top, JSON.stringify(box)).toBeGreaterThanOrEqual(0);
      expect(box.bottom, JSON.stringify(box)).toBeLessThanOrEqual(box.viewport);
      // Each item is a link to where the manager acts: the entry on the report's page.
      expect(await item.getByRole('link').getAttribute('href')).toBe(
        `/team/${engineer.id}#entry-${older.id}`,
      );
      // The shared reflection waits too, linked to the report's reflections.
      const reflection = agenda
        .getByRole('listitem')
        .filter({ hasText: 'Jordan Waiting shared their fit reflection' });
      expect(await reflection.count()).toBeGreaterThan(0);
      expect(await reflection.first().getByRole('link').getAttribute('href')).toBe(
        `/team/${engineer.id}#reflections`,
      );
      await page.screenshot({ path: `${SHOTS}/home-manager-${tag}.png` });

      // Acknowledging it there takes it off the list; the other entry still waits.
      await item
        .getByRole('button', { name: `Acknowledge “${older.title}” by Jordan Waiting` })
        .click();
      await page
        .getByRole('status')
        .filter({ hasText: 'Acknowledged: it has left your list.' })
        .waitFor();
      await expect.poll(() => item.count()).toBe(0);
      await agenda.getByRole('listitem').filter({ hasText: newer.title }).waitFor();
      await page.screenshot({ path: `${SHOTS}/home-manager-${tag}-acknowledged.png` });
      // And it stays off once the page is read again.
      await page.reload();
      await agenda.getByRole('listitem').filter({ hasText: newer.title }).waitFor();
      expect(await agenda.getByRole('listitem').filter({ hasText: older.title }).count()).toBe(0);

      // The Team page counts the one still waiting.
      await page.goto('/team');
      await page.getByRole('heading', { name: 'Team', level: 1 }).waitFor();
      const row = page.locator('tbody tr').filter({ hasText: 'Jordan Waiting' });
      const count = row.locator('td[data-label="Unacknowledged"]');
      await expect.poll(() => count.textContent()).toBe('1 entry to acknowledge');
      expect(await count.getByRole('link').getAttribute('href')).toBe(
        `/team/${engineer.id}?unacknowledged=1#evidence-h`,
      );
      // The table fits: no column cut off behind a sideways scroll.
      const wrap = page.locator('.table-wrap').filter({ has: row });
      expect(await wrap.evaluate((w) => w.scrollWidth - w.clientWidth)).toBeLessThanOrEqual(1);
      await page.screenshot({ path: `${SHOTS}/team-${tag}.png`, fullPage: true });

      // The report's page: the shared reflections as a trend, and their notes.
      await page.goto(`/team/${engineer.id}`);
      const section = page.getByRole('region', { name: 'Fit reflections Jordan shared with you' });
      await section.waitFor();
      const caption = section.locator('figcaption');
      await expect
        .poll(() => caption.textContent())
        .toBe(
          `Fit score over 2 reflections: from 25 in the week of ${shownDate(shared[0]?.weekStart ?? '')} to 100 in the week of ${shownDate(shared[1]?.weekStart ?? '')}.`,
        );
      await expect.poll(() => section.locator('.recharts-line-dot, .recharts-dot').count()).toBe(2);
      const notes = section.getByRole('listitem');
      expect(await notes.allTextContents()).toEqual([
        `Week of ${shownDate(shared[1]?.weekStart ?? '')}: fit score 100${shared[1]?.note}`,
        `Week of ${shownDate(shared[0]?.weekStart ?? '')}: fit score 25${shared[0]?.note}`,
      ]);
      await section.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/report-reflections-${tag}.png` });
      await page.context().close();
    });
  }
});
