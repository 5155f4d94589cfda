// The rest of the role in the browser: the week in progress (rule 8) on a Wednesday, a
// working agreement both sides confirm (and a 412 said in words), a fit reflection drawn
// as a trend, and an endorsement asked, given and shown in the packet. With
// LEADTRACK_ROLE_SHOTS=1 it also takes the new pages at 1280 and 390 px, light and dark,
// into docs/screenshots/ (and /tmp/role-shots for checks).
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { addDays, addWeeks, KIND_INFO, todayUtc, weekStartOf } from '@leadtrack/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { feedback } from './seed';
import {
  type ApiUser,
  callApi,
  checkIn,
  LOOKS,
  logEvidence,
  registerUser,
  setManager,
  shownDate,
  signedInPage,
  useBrowser,
} from './support';

const browser = useBrowser();

/** A page signed in as `user`, at `path` even when signing in lands elsewhere. */
async function pageFor(
  user: ApiUser,
  path = '/',
  options: { width?: number; dark?: boolean } = {},
): Promise<Page> {
  const page = await signedInPage(browser, user, { ...options, path });
  if (new URL(page.url()).pathname !== path.split('?')[0]) await page.goto(path);
  return page;
}

const thisWeek = () => weekStartOf(todayUtc());

const WORK = [
  'Walked the product team through the reindex trade-offs',
  'Reviewed the tenant-isolation PR across two teams',
  'Wrote the RFC for idempotent webhooks',
  'Paired with Sam on the billing codebase',
  'Explained the outage to customer success',
  'Documented the payments retry pipeline',
  'Proposed splitting the ingest queue by tenant',
  'Coached the graduates on code review',
];

/**
 * An 11-week streak with this week in progress: every required kind each week, except one
 * kind (ownership when required) logged only often enough to keep each earlier week's window
 * whole, and absent from this week's window. Reads the policy so it holds whatever an
 * earlier test file set.
 */
async function seedWednesday(user: ApiUser) {
  const policy = (await callApi('GET', '/policy', { token: user.token })).body as {
    requiredKinds: string[];
    windowWeeks: number;
  };
  const missing = policy.requiredKinds.includes('ownership')
    ? 'ownership'
    : (policy.requiredKinds[0] as string);
  const W = policy.windowWeeks;
  const sparse = new Set<number>([11]);
  for (let b = W; b <= 11; b += W) sparse.add(b);
  const week = thisWeek();
  for (let back = 11; back >= 0; back--) {
    const monday = addWeeks(week, -back);
    const kinds = policy.requiredKinds.filter((k) => k !== missing || sparse.has(back));
    // An entry holds at most three kinds.
    for (let i = 0; i < kinds.length; i += 3) {
      await logEvidence(user, {
        title:
          back === 0 && i === 0
            ? 'Reviewed the queue design with three teams'
            : (WORK[(back * 2 + i / 3) % WORK.length] as string),
        kinds: kinds.slice(i, i + 3),
        occurredOn: monday,
      });
    }
    await checkIn(user, monday, { handsOnPercent: 55, deepWorkBlocks: 3, onLeave: false });
  }
  return { missing, policy };
}

describe('the week in progress (rule 8)', () => {
  it('an 11-week streak with this week missing ownership shows the streak carried and what to log', async () => {
    const lead = await registerUser('Wendy Wednesday');
    const { missing } = await seedWednesday(lead);
    const readiness = await callApi('GET', '/users/me/readiness', { token: lead.token });
    expect(readiness.body.current, JSON.stringify(readiness.body.current)).toMatchObject({
      pending: true,
      streak: 11,
    });

    const page = await pageFor(lead);
    const label = KIND_INFO[missing as keyof typeof KIND_INFO].label;
    const sunday = shownDate(addDays(thisWeek(), 6));
    const words = page.getByTestId('week-in-progress');
    await expect.poll(() => words.textContent()).toContain('11 weeks and counting');
    const text = (await words.textContent()) ?? '';
    expect(text).toContain(`log ${label} by Sunday ${sunday} to keep it and make it 12`);
    // Never "0 of 26" for a week that has not ended.
    const summary = (await page.locator('.summary').first().textContent()) ?? '';
    expect(summary).toContain('11 weeks and counting');
    expect(summary).not.toMatch(/\b0 of \d+ weeks/);

    // The heatmap names the pending column and its entries, and a cell opens that week.
    // A cell names only its behaviour's entries: the one holding this week's review.
    const cell = page
      .locator('.hm-cell.pending[aria-label*="Reviewed the queue design with three teams"]')
      .first();
    const name = (await cell.getAttribute('aria-label')) ?? '';
    expect(name).toContain('(in progress)');
    expect(name).toContain('Reviewed the queue design with three teams');
    expect(await page.locator('.hm-cell.pending').count()).toBeGreaterThan(1);
    const streakCell = page.locator('.streak-row .hm-cell.pending');
    expect(await streakCell.getAttribute('aria-label')).toContain(
      'streak of 11 carried until Sunday',
    );
    // The chart says it too: carried, not dropped.
    const chart = (await page.locator('.chart figcaption').textContent()) ?? '';
    expect(chart).toContain('is in progress: the streak of 11 is carried');
    await cell.click();
    await page.waitForURL(/\/evidence\?.*from=/);
    expect(new URL(page.url()).searchParams.get('from')).toBe(thisWeek());
    await expect
      .poll(() => page.getByText('Reviewed the queue design with three teams').count())
      .toBeGreaterThan(0);

    // Logging the missing kind makes the week count: 12.
    await logEvidence(lead, {
      title: 'Owned the ingest runbook',
      kinds: [missing],
      occurredOn: todayUtc(),
    });
    await page.goto('/');
    await expect.poll(() => page.locator('.summary').first().textContent()).toContain('12 of');
    expect(await page.getByTestId('week-in-progress').count()).toBe(0);
    await page.context().close();
  });

  it('the team view names who is at risk this week, in the manager wording', async () => {
    const manager = await registerUser('Rita Risk');
    const lead = await registerUser('Otto Atrisk');
    await setManager(lead.id, manager.id);
    await seedWednesday(lead);
    const page = await pageFor(manager, '/team');
    const risk = page.locator('section.at-risk');
    await expect.poll(() => risk.textContent()).toContain('Otto Atrisk');
    expect(await risk.textContent()).toContain('11 weeks and counting');
    await page.goto(`/team/${lead.id}`);
    const words = page.getByTestId('week-in-progress');
    await expect.poll(() => words.textContent()).toContain('Otto needs');
    // Signals in the manager's wording.
    const signals = (await page.locator('.signals').textContent()) ?? '';
    expect(signals.length).toBeGreaterThan(0);

    // Unacknowledged filter, then two entries acknowledged at once.
    await page.getByRole('link', { name: 'Unacknowledged' }).click();
    await page.waitForURL(/unacknowledged=1/);
    const before = await page.locator('.entries .entry').count();
    expect(before).toBeGreaterThan(2);
    const picks = page.getByRole('checkbox', { name: /Select .* to acknowledge/ });
    await picks.nth(0).check();
    await picks.nth(1).check();
    await page.getByRole('button', { name: 'Acknowledge the ticked entries' }).click();
    await page.getByRole('status').filter({ hasText: 'Acknowledged 2 entries.' }).waitFor();
    expect(new URL(page.url()).searchParams.get('unacknowledged')).toBe('1');
    expect(await page.locator('.entries .entry').count()).toBe(before - 2);
    await page.context().close();
  });
});

describe('working agreement', () => {
  it('both sides confirm; an edit made meanwhile is a 412 said in words', async () => {
    const manager = await registerUser('Mona Manager');
    const lead = await registerUser('Sam Lead');
    await setManager(lead.id, manager.id);

    const page = await pageFor(lead, '/agreement');
    await page.getByLabel('Owner').first().selectOption('shared');
    await page.getByLabel('Note').first().fill('Sam runs planning; Mona runs the retro.');
    await page.getByRole('button', { name: 'Save the agreement' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await page.getByRole('button', { name: 'Confirm this version' }).click();
    await page.getByRole('status').filter({ hasText: 'Confirmed' }).waitFor();
    const today = shownDate(todayUtc());
    expect(await page.getByTestId('agreement-state').textContent()).toBe(
      `You confirmed on ${today}; waiting for your manager.`,
    );

    const other = await pageFor(manager, `/team/${lead.id}`);
    expect(await other.locator('#agreement-h + p').textContent()).toContain(
      `Sam confirmed on ${today}; waiting for you.`,
    );
    await other.getByRole('link', { name: 'Open the working agreement' }).click();
    await other.waitForURL(`**/team/${lead.id}/agreement`);
    expect(await other.getByLabel('Note').first().inputValue()).toBe(
      'Sam runs planning; Mona runs the retro.',
    );
    await other.getByRole('button', { name: 'Confirm this version' }).click();
    await other.getByRole('status').filter({ hasText: 'Confirmed' }).waitFor();
    expect(await other.getByTestId('agreement-state').textContent()).toBe(
      `Confirmed by both: you on ${today}, Sam on ${today}.`,
    );
    await page.reload();
    expect(await page.getByTestId('agreement-state').textContent()).toContain('Confirmed by both');

    // The manager changes it while the lead's page is open: the lead's save is refused.
    const current = await callApi('GET', `/users/${lead.id}/agreement`, { token: manager.token });
    const items = current.body.items.map((i: { area: string; owner: string | null }) => ({
      area: i.area,
      owner: i.area === 'hiring' ? 'manager' : i.owner,
    }));
    const put = await callApi('PUT', `/users/${lead.id}/agreement`, {
      token: manager.token,
      body: { items },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    await page.getByRole('button', { name: 'Save the agreement' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'changed the agreement after you opened' })
      .waitFor();
    expect(await page.getByTestId('agreement-state').textContent()).toContain('Not confirmed yet');
    await page.context().close();
    await other.context().close();
  });
});

describe('fit reflection', () => {
  it('answered twice across weeks, drawn as a trend; this week pre-filled', async () => {
    const lead = await registerUser('Rosa Reflect');
    const statements = await callApi('GET', '/reflection-statements', { token: lead.token });
    const ids = statements.body.items.map((s: { id: string }) => s.id) as string[];
    const older = addWeeks(thisWeek(), -3);
    const seeded = await callApi('PUT', `/reflections/${older}`, {
      token: lead.token,
      body: { answers: Object.fromEntries(ids.map((id) => [id, 3])), shared: false },
    });
    expect(seeded.status, JSON.stringify(seeded.body)).toBe(200);
    expect(seeded.body.fitScore).toBe(50);

    const page = await pageFor(lead, '/reflection');
    expect(await page.locator('.lede').textContent()).toContain('legitimate endpoint');
    // Agree with every statement that suits the role, disagree with the others: 100.
    const groups = page.locator('fieldset.statement');
    expect(await groups.count()).toBe(8);
    for (const s of statements.body.items as { id: string; text: string; suitsRole: boolean }[]) {
      const group = page.getByRole('group', { name: s.text });
      await group.getByRole('radio', { name: s.suitsRole ? /^5/ : /^1/ }).check();
    }
    await page.getByLabel('Note (optional)').fill('Enjoyed the design review more than coding.');
    await page.getByRole('button', { name: 'Save this week' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved for the week of' }).waitFor();
    const caption = (await page.locator('.chart figcaption').textContent()) ?? '';
    expect(caption).toBe(
      `Fit score over 2 reflections: from 50 in the week of ${shownDate(older)} to 100 in the week of ${shownDate(thisWeek())}.`,
    );
    expect(await page.locator('.chart .recharts-line-dot, .chart .recharts-dot').count()).toBe(2);
    // At most once a week: the form now holds this week's answers, and saves over them.
    expect(await page.getByLabel('Note (optional)').inputValue()).toBe(
      'Enjoyed the design review more than coding.',
    );
    expect(await page.locator('input[type=radio]:checked').count()).toBe(8);
    expect(await page.getByRole('button', { name: 'Save this week again' }).count()).toBe(1);
    await page.context().close();
  });
});

describe('endorsements', () => {
  it('asked for from an entry, given by the colleague, shown in the packet apart from acknowledgements', async () => {
    const lead = await registerUser('Eli Endorsed');
    const peer = await registerUser('Pia Peer');
    const entry = await logEvidence(lead, {
      title: 'Led the schema migration across four services',
      kinds: ['ownership'],
      occurredOn: todayUtc(),
    });

    const page = await pageFor(lead, '/evidence');
    await page
      .getByRole('link', {
        name: 'Ask for an endorsement of “Led the schema migration across four services”',
      })
      .click();
    await page.waitForURL(`**/evidence/${entry.id}/endorse`);
    await page.getByLabel('Colleague to ask').selectOption({ label: 'Pia Peer' });
    await page.getByRole('button', { name: 'Ask for an endorsement' }).click();
    await page.getByRole('status').filter({ hasText: 'Asked Pia Peer' }).waitFor();

    const colleague = await pageFor(peer, '/');
    // Endorsements sits under "More" once the bar holds its six items.
    const main = colleague.getByRole('navigation', { name: 'Main' });
    const more = main.getByRole('button', { name: /^More/ });
    if (await more.isVisible()) await more.click();
    const navLink = main.getByRole('link', { name: /Endorsements/ });
    expect(await navLink.textContent()).toContain('1');
    await navLink.click();
    await colleague.waitForURL('**/endorsements');
    await colleague.getByText('Eli Endorsed asked on').waitFor();
    await colleague.getByLabel('Comment (optional)').fill('Saw it land without a single outage.');
    await colleague
      .getByRole('button', {
        name: 'Endorse “Led the schema migration across four services”',
        exact: true,
      })
      .click();
    await colleague.getByRole('status').filter({ hasText: 'Endorsed' }).waitFor();
    expect(await colleague.getByText('Nothing waiting').count()).toBe(1);

    await page.goto('/packet');
    const endorsed = page
      .locator('.endorsement')
      .filter({ hasText: 'Endorsed by Pia Peer (colleague)' });
    await endorsed.waitFor();
    expect(await endorsed.textContent()).toContain('Saw it land without a single outage.');
    expect(await page.locator('.ack').filter({ hasText: 'Pia Peer' }).count()).toBe(0);
    await page.goto('/evidence');
    await page.locator('.endorsement').filter({ hasText: 'Endorsed by Pia Peer' }).waitFor();
    await page.context().close();
    await colleague.context().close();
  });
});

const shots = process.env.LEADTRACK_ROLE_SHOTS === '1';
const docsDir = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const tmpDir = '/tmp/role-shots';

describe.skipIf(!shots)('screenshots of the new pages', () => {
  it('1280 and 390 px, light and dark', async () => {
    mkdirSync(docsDir, { recursive: true });
    mkdirSync(tmpDir, { recursive: true });
    const manager = await registerUser('Maya Manager');
    const lead = await registerUser('Jordan Lead');
    const peer = await registerUser('Priya Peer');
    await setManager(lead.id, manager.id);
    await seedWednesday(lead);
    const ids = (await callApi('GET', '/reflection-statements', { token: lead.token })).body.items;
    for (const [back, base] of [
      [6, 2],
      [3, 3],
      [0, 4],
    ] as const) {
      await callApi('PUT', `/reflections/${addWeeks(thisWeek(), -back)}`, {
        token: lead.token,
        body: {
          answers: Object.fromEntries(
            ids.map((s: { id: string; suitsRole: boolean }) => [
              s.id,
              s.suitsRole ? base : 6 - base,
            ]),
          ),
          note: 'Planning drained me less this week.',
          shared: true,
        },
      });
    }
    const agreement = await callApi('GET', `/users/${lead.id}/agreement`, { token: lead.token });
    const owners = ['shared', 'manager', 'manager', 'lead', 'shared', 'manager', 'lead', 'shared'];
    await callApi('PUT', `/users/${lead.id}/agreement`, {
      token: lead.token,
      body: {
        items: agreement.body.items.map((i: { area: string }, n: number) => ({
          area: i.area,
          owner: owners[n],
          note: n === 0 ? 'Jordan runs planning; Maya runs the retro.' : null,
        })),
      },
    });
    await callApi('POST', `/users/${lead.id}/agreement/confirm`, { token: lead.token });
    const entry = await logEvidence(lead, {
      title: 'Led the schema migration across four services',
      // Not ownership: the home page shows this week still in progress.
      kinds: ['communication'],
      occurredOn: todayUtc(),
      description: 'Planned the **cut-over**, wrote the runbook and briefed support.',
    });
    await callApi('POST', `/evidence/${entry.id}/endorsement-requests`, {
      token: lead.token,
      body: { userId: peer.id },
    });
    await callApi('POST', '/me/sponsors', { token: lead.token, body: { userId: peer.id } });
    await feedback(
      manager,
      lead.id,
      'Great **RFC** on the queue split. Next: let Priya *drive* the follow-up.',
    );

    const pages: [ApiUser, string, string][] = [
      [lead, '/', 'role-home'],
      [lead, '/agreement', 'role-agreement'],
      [lead, '/reflection', 'role-reflection'],
      [lead, `/evidence/${entry.id}/endorse`, 'role-endorse'],
      [lead, '/settings', 'role-settings-sponsors'],
      [manager, '/team', 'role-team'],
      [manager, `/team/${lead.id}`, 'role-report'],
      [manager, `/team/${lead.id}/agreement`, 'role-report-agreement'],
      [peer, '/endorsements', 'role-endorsements'],
      [peer, `/people/${lead.id}`, 'role-sponsored'],
    ];
    for (const [width, dark] of LOOKS) {
      const tag = `${width}${dark ? '-dark' : ''}`;
      const byUser = new Map<string, Page>();
      for (const [user, path, name] of pages) {
        let page = byUser.get(user.id);
        if (!page) {
          page = await pageFor(user, '/', { width, dark });
          byUser.set(user.id, page);
        }
        await page.goto(path);
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(400);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth > window.innerWidth + 1,
        );
        if (overflow) console.log(`overflow: ${name} at ${tag}`);
        await page.screenshot({ path: `${tmpDir}/${name}-${tag}.png`, fullPage: true });
        if (width === 1280 && !dark)
          await page.screenshot({ path: `${docsDir}/${name}.png`, fullPage: true });
      }
      for (const page of byUser.values()) await page.context().close();
    }
  }, 600_000);
});
