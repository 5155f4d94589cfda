// Accessibility: every page of the dashboard, light and dark, has no serious or critical
// axe-core violation of WCAG 2.1 A/AA (the team's rule). People are seeded so each page
// shows its real content (history, a report, an agreement, an endorsement to give, a
// sponsored colleague), not only its empty state. A page added to apps/web belongs here.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { addWeeks, todayUtc, weekStartOf } from '@leadtrack/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type GithubStandIn, startGithubStandIn } from '../support/github-stand-in';
import { acknowledge, feedback, seedHistory } from './seed';
import {
  type ApiUser,
  adminToken,
  callApi,
  launchChromium,
  logEvidence,
  newContext,
  PASSWORD,
  registerUser,
  setManager,
  signIn,
  uniqueEmail,
} from './support';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

// The page's globals as the evaluated functions see them (the tests compile without DOM types).
type AxeGlobals = {
  document: unknown;
  axe?: { run(context: unknown, options: unknown): Promise<{ violations: Violation[] }> };
};

/**
 * axe-core's serious and critical violations on the page as it is now. addScriptTag works
 * under the dashboard's nonce CSP in this Chromium (checked: axe is defined after it); should
 * a stricter policy ever refuse the tag, page.evaluate (not subject to the page's CSP)
 * defines axe instead, so the audit never silently runs nothing.
 */
async function audit(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ content: axeSource }).catch(() => undefined);
  const defined = await page.evaluate(
    () => typeof (globalThis as unknown as AxeGlobals).axe?.run === 'function',
  );
  if (!defined) await page.evaluate(axeSource);
  const violations = await page.evaluate(async (tags) => {
    const { axe, document } = globalThis as unknown as AxeGlobals;
    if (!axe) throw new Error('axe-core did not load');
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations;
  }, TAGS);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

function describeViolations(where: string, violations: Violation[]): string {
  return violations
    .map(
      (v) =>
        `${where}: ${v.id} (${v.impact}) ${v.help}\n` +
        v.nodes
          .slice(0, 8)
          .map(
            (n) =>
              `    ${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.split('\n').slice(1, 2).join('').trim()}` : ''}`,
          )
          .join('\n'),
    )
    .join('\n');
}

let browser: Browser;
let github: GithubStandIn;
let people: { engineer: ApiUser; manager: ApiUser; peer: ApiUser };
let entryId: string;
let adminEmail: string;
/** Added by the admin with a password: their zone was never confirmed, so they are asked. */
let newcomerEmail: string;
/** A setup link the admin got for another new person (never opened, so still valid). */
let setupPath: string;

beforeAll(async () => {
  browser = await launchChromium();
  adminEmail = inject('adminEmail');
  const manager = await registerUser('Mara Manager');
  const engineer = await registerUser('Eddie Engineer');
  const peer = await registerUser('Pat Peer');
  await setManager(engineer.id, manager.id);
  const entries = await seedHistory(
    engineer,
    { weeks: 10, leave: [4], gaps: { 6: 'all' }, mentoringEvery: 2 },
    5,
  );
  for (const [i, e] of entries.entries())
    if (i % 3 === 0) await acknowledge(manager, e.id, i % 2 === 0 ? 'Nice work.' : undefined);
  await feedback(manager, engineer.id, 'Great **RFC** on the queue split.');

  const entry = await logEvidence(engineer, {
    title: 'Led the schema migration across four services',
    kinds: ['ownership', 'communication'],
    occurredOn: todayUtc(),
    description: 'Planned the **cut-over**, wrote the runbook and briefed support.',
    links: ['https://git.example.test/pr/7'],
  });
  entryId = entry.id;
  // An endorsement waiting for the peer, the peer as the engineer's sponsor, a reflection
  // and a working agreement: the pages that show them are then not empty.
  await callApi('POST', `/evidence/${entry.id}/endorsement-requests`, {
    token: engineer.token,
    body: { userId: peer.id },
  });
  await callApi('POST', '/me/sponsors', { token: engineer.token, body: { userId: peer.id } });
  const statements = (await callApi('GET', '/reflection-statements', { token: engineer.token }))
    .body.items as { id: string }[];
  const thisWeek = weekStartOf(todayUtc());
  for (const back of [2, 0]) {
    await callApi('PUT', `/reflections/${addWeeks(thisWeek, -back)}`, {
      token: engineer.token,
      body: {
        answers: Object.fromEntries(statements.map((s) => [s.id, 3 + (back % 2)])),
        note: 'Planning drained me less this week.',
        shared: true,
      },
    });
  }
  const agreement = await callApi('GET', `/users/${engineer.id}/agreement`, {
    token: engineer.token,
  });
  if (agreement.status === 200)
    await callApi('PUT', `/users/${engineer.id}/agreement`, {
      token: engineer.token,
      body: {
        items: agreement.body.items.map((i: { area: string }, n: number) => ({
          area: i.area,
          owner: ['shared', 'manager', 'lead'][n % 3],
          note: n === 0 ? 'Eddie runs planning; Mara runs the retro.' : null,
        })),
      },
    });
  // The peer has GitHub connected (a stand-in), so Settings shows a connection and its sync.
  github = await startGithubStandIn({ searchLimit: 1_000 });
  github.addUser('ghp_peer', 'pat-peer');
  await callApi('PUT', '/me/integrations/github', {
    token: peer.token,
    body: { token: 'ghp_peer', baseUrl: github.baseUrl },
  });
  // Suggestions in the inbox, one without a behaviour (its fields shown open).
  await callApi('POST', '/imports', {
    token: engineer.token,
    body: {
      format: 'markdown',
      mode: 'suggest',
      content: '## 2026-11-02\n- Reviewed the cache design #review #mentor\n- Untagged work',
    },
  });
  // Bringing people in: one added with a password (asked to confirm their zone on every
  // page until they answer), one with a setup link.
  const admin = await adminToken();
  newcomerEmail = uniqueEmail('Zoe Zone');
  const added = await callApi('POST', '/users', {
    token: admin,
    body: {
      email: newcomerEmail,
      name: 'Zoe Zone',
      role: 'engineer',
      password: PASSWORD,
      timeZone: 'Asia/Kolkata',
    },
  });
  expect(added.status, JSON.stringify(added.body)).toBe(201);
  const linked = await callApi('POST', '/users', {
    token: admin,
    body: { email: uniqueEmail('Sid Setup'), name: 'Sid Setup', role: 'engineer' },
  });
  expect(linked.status, JSON.stringify(linked.body)).toBe(201);
  const url = new URL(linked.body.setupUrl);
  setupPath = url.pathname + url.search;
  people = { engineer, manager, peer };
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await github?.stop();
});

type Who = 'engineer' | 'manager' | 'peer' | 'admin' | 'newcomer' | 'nobody';

/** Submits the page's form empty so its error messages are audited too. */
const submitEmpty = (button: string) => async (page: Page) => {
  await page.getByRole('button', { name: button }).click();
  await page.locator('[role="alert"], .field-error').first().waitFor();
};

/** Waits for a heading, so the page is audited with what it is there to show. */
const shows = (heading: string) => async (page: Page) => {
  await page.getByRole('heading', { name: heading }).first().waitFor();
};

/**
 * Every page, with who sees it, and optionally what to do there first. Paths are functions:
 * ids exist only after seeding.
 */
const PAGES: [Who, string, () => string, ((page: Page) => Promise<void>)?][] = [
  ['engineer', 'home (readiness)', () => '/'],
  ['engineer', 'evidence list', () => '/evidence'],
  ['engineer', 'new evidence', () => '/evidence/new'],
  ['engineer', 'new evidence, errors shown', () => '/evidence/new', submitEmpty('Log evidence')],
  ['engineer', 'edit evidence', () => `/evidence/${entryId}/edit`],
  ['engineer', 'ask for an endorsement', () => `/evidence/${entryId}/endorse`],
  ['engineer', 'trash', () => '/evidence/trash'],
  ['engineer', 'check-in', () => '/checkin'],
  ['engineer', 'packet', () => '/packet'],
  ['engineer', 'settings', () => '/settings'],
  ['engineer', 'settings, GitHub errors shown', () => '/settings', submitEmpty('Connect GitHub')],
  ['engineer', 'settings, GitLab errors shown', () => '/settings', submitEmpty('Connect GitLab')],
  ['engineer', 'agreement', () => '/agreement'],
  ['engineer', 'reflection', () => '/reflection'],
  ['engineer', 'inbox', () => '/inbox'],
  ['engineer', 'import', () => '/import'],
  ['engineer', 'import, errors shown', () => '/import', submitEmpty('Import')],
  ['engineer', 'notifications', () => '/notifications'],
  ['engineer', 'not found', () => '/no-such-page'],
  ['manager', 'home (waiting for you)', () => '/', shows('Waiting for you')],
  ['manager', 'team (unacknowledged counts)', () => '/team', shows('Team')],
  [
    'manager',
    "a report's page (shared reflections)",
    () => `/team/${people.engineer.id}`,
    shows('Fit reflections Eddie shared with you'),
  ],
  [
    'manager',
    "a report's page, unacknowledged only",
    () => `/team/${people.engineer.id}?unacknowledged=1`,
  ],
  ['manager', 'notifications (a reflection shared)', () => '/notifications'],
  ['manager', "a report's agreement", () => `/team/${people.engineer.id}/agreement`],
  ['peer', 'endorsement requests', () => '/endorsements'],
  ['peer', 'a sponsored colleague', () => `/people/${people.engineer.id}`],
  ['peer', 'settings, GitHub connected', () => '/settings'],
  ['admin', 'home (checklist, waiting for you)', () => '/'],
  ['admin', 'admin', () => '/admin'],
  ['admin', 'admin audit', () => '/admin/audit'],
  ['admin', 'organisation (everyone)', () => '/org'],
  ['admin', 'organisation, filtered', () => '/org?status=building&signal=any'],
  ['manager', 'organisation (own team)', () => '/org'],
  ['admin', 'notifications, none yet', () => '/notifications'],
  ['newcomer', 'home with the zone prompt', () => '/', shows('Confirm your time zone')],
  ['newcomer', 'settings with the zone prompt', () => '/settings', shows('Confirm your time zone')],
  ['nobody', 'login', () => '/login'],
  ['nobody', 'login, errors shown', () => '/login', submitEmpty('Sign in')],
  ['nobody', 'register', () => '/register'],
  ['nobody', 'reset password', () => '/reset-password?token=not-a-real-token'],
  ['nobody', 'reset password (incomplete link)', () => '/reset-password'],
  ['nobody', 'setup link (choose a password)', () => setupPath, shows('Choose your password')],
  ['nobody', 'setup link', () => '/setup?token=not-a-real-token'],
  ['nobody', 'setup link (incomplete)', () => '/setup'],
  ['nobody', 'login, a single sign-on refusal', () => '/login?sso=domain'],
  ['nobody', 'unsubscribe (a link that is not valid)', () => '/unsubscribe?token=not-valid'],
];

async function pageAs(who: Who, dark: boolean): Promise<Page> {
  const context = await newContext(browser, { dark });
  const page = await context.newPage();
  if (who === 'admin') await signIn(page, adminEmail, inject('adminPassword'));
  else if (who === 'newcomer') await signIn(page, newcomerEmail, PASSWORD);
  else if (who !== 'nobody') await signIn(page, people[who].email, PASSWORD);
  return page;
}

describe.each([
  ['light', false],
  ['dark', true],
] as const)('WCAG 2.1 AA, %s', (scheme, dark) => {
  it('no page has a serious or critical axe-core violation', async () => {
    const failures: string[] = [];
    const pages = new Map<Who, Page>();
    for (const [who, name, path, act] of PAGES) {
      let page = pages.get(who);
      if (!page) {
        page = await pageAs(who, dark);
        pages.set(who, page);
      }
      // emulateMedia as well as the context's colorScheme: the scheme under test is the
      // page's, whatever the context was opened with.
      await page.emulateMedia({ colorScheme: dark ? 'dark' : 'light' });
      const response = await page.goto(path());
      // A page that failed to render is not a page that passed.
      const status = response?.status() ?? 0;
      if (status !== (name === 'not found' ? 404 : 200)) {
        failures.push(`${name} ${path()} as ${who}, ${scheme}: HTTP ${status}`);
        continue;
      }
      await page.waitForLoadState('networkidle');
      await act?.(page);
      const violations = await audit(page);
      if (violations.length > 0)
        failures.push(describeViolations(`${name} ${path()} as ${who}, ${scheme}`, violations));
    }
    for (const page of pages.values()) await page.context().close();
    expect(failures, `\n${failures.join('\n')}`).toEqual([]);
  }, 900_000);
});
