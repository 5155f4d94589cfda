// Screenshots of the home, team and packet pages and a manager's home (what waits for them,
// on a laptop and a phone) from the running app, with seeded data, for the README. Skipped
// unless LEADTRACK_SCREENSHOTS=1 (they rewrite docs/screenshots).
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { addWeeks, todayUtc, weekStartOf } from '@leadtrack/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { seedTeam } from './seed';
import { type ApiUser, callApi, launchChromium, newContext, registerUser, signIn } from './support';

const enabled = process.env.LEADTRACK_SCREENSHOTS === '1';
const outDir = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const extraDir = process.env.LEADTRACK_SCREENSHOTS_EXTRA;

let browser: Browser;
beforeAll(async () => {
  if (enabled) browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function pageFor(
  user: ApiUser,
  options: { width?: number; height?: number; dark?: boolean } = {},
): Promise<Page> {
  const context = await newContext(browser, {
    width: options.width ?? 1280,
    height: 900,
    ...options,
  });
  const page = await context.newPage();
  await signIn(page, user.email);
  return page;
}

async function shoot(page: Page, path: string, file: string, dir = outDir, fullPage = true) {
  await page.goto(path);
  await page.waitForLoadState('networkidle');
  // Let the chart measure itself.
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${dir}/${file}`, fullPage });
}

describe.skipIf(!enabled)('screenshots', () => {
  it('takes the home, team and packet pages', async () => {
    mkdirSync(outDir, { recursive: true });
    const { maya, jordan } = await seedTeam();
    const home = await pageFor(jordan);
    await shoot(home, '/', 'home.png');
    await shoot(home, '/packet', 'packet.png');
    // Jordan shares two fit reflections with Maya: they wait on her home too.
    const statements = (await callApi('GET', '/reflection-statements', { token: jordan.token }))
      .body.items as { id: string; suitsRole: boolean }[];
    for (const [back, agree] of [
      [1, 3],
      [0, 4],
    ] as const)
      await callApi('PUT', `/reflections/${addWeeks(weekStartOf(todayUtc()), -back)}`, {
        token: jordan.token,
        body: {
          answers: Object.fromEntries(
            statements.map((s) => [s.id, s.suitsRole ? agree : 6 - agree]),
          ),
          note: 'Running the design review felt more like my job than the coding.',
          shared: true,
        },
      });
    const team = await pageFor(maya);
    await shoot(team, '/team', 'team.png');
    // What a manager sees first: their home's first screen, on a laptop and on a phone.
    // So that it shows each kind of item, every entry but the three newest is acknowledged
    // first (through the API; the Team page above counts them all).
    for (;;) {
      const agenda = (await callApi('GET', '/me/agenda', { token: maya.token })).body as {
        items: { type: string; entry?: { id: string } }[];
        counts: Record<string, number>;
      };
      const extra = (agenda.counts.acknowledge ?? 0) - 3;
      if (extra <= 0) break;
      const oldest = agenda.items.filter((i) => i.type === 'acknowledge').slice(0, extra);
      for (const item of oldest)
        await callApi('POST', `/evidence/${item.entry?.id}/acknowledgements`, {
          token: maya.token,
          body: {},
        });
    }
    await shoot(team, '/', 'manager-home.png', outDir, false);
    const managerPhone = await pageFor(maya, { width: 390, height: 844 });
    await shoot(managerPhone, '/', 'manager-home-phone.png', outDir, false);
    if (extraDir) {
      mkdirSync(extraDir, { recursive: true });
      await shoot(team, `/team/${jordan.id}`, 'report.png', extraDir, false);
      await shoot(home, '/packet', 'packet-top.png', extraDir, false);
      await home.emulateMedia({ media: 'print' });
      await shoot(home, '/packet', 'packet-print.png', extraDir, false);
      await home.emulateMedia({ media: 'screen' });
      await shoot(home, '/evidence', 'evidence.png', extraDir);
      await shoot(home, '/evidence/new', 'new.png', extraDir);
      await shoot(home, '/checkin', 'checkin.png', extraDir);
      const dark = await pageFor(jordan, { dark: true });
      await shoot(dark, '/', 'home-dark.png', extraDir);
      const phone = await pageFor(jordan, { width: 390 });
      await shoot(phone, '/', 'home-phone.png', extraDir);
      await shoot(phone, '/evidence', 'evidence-phone.png', extraDir);
      await shoot(managerPhone, '/team', 'team-phone.png', extraDir);
      const fresh = await pageFor(await registerUser('Fresh Start'));
      await shoot(fresh, '/', 'home-empty.png', extraDir);
      await shoot(fresh, '/evidence', 'evidence-empty.png', extraDir, false);
      await shoot(fresh, '/packet', 'packet-empty.png', extraDir, false);
      const adminCtx = await newContext(browser);
      const admin = await adminCtx.newPage();
      await signIn(admin, inject('adminEmail'), inject('adminPassword'));
      await shoot(admin, '/admin', 'admin.png', extraDir);
    }
  }, 300_000);
});
