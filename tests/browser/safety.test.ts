// The dashboard against a visitor who edits links and forms: `next` that a browser could
// read as another origin (a signed-in visitor opening /login?next=…, and the sign-in
// action posted directly), text in a link shown as the dashboard's own banner, a double
// click sending twice, and whose X-Forwarded-For the dashboard believes (WEB_TRUST_PROXY).
import { addDays, todayUtc } from '@leadtrack/core';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { clientAddress, parseTrustProxy, TRUST_NOBODY } from '../../apps/web/lib/client-address';
import { safeNext, safePath } from '../../apps/web/lib/config';
import { readEnv } from '../../apps/web/lib/env';
import { FAILURES } from '../../apps/web/lib/notices';
import { useFixture } from '../support/fixtures';
import {
  adminUser,
  expectFourthAttemptRefused,
  newContext,
  PASSWORD,
  registerUser,
  reportWithEntry,
  signedInPage,
  useBrowser,
  withSignInBudgetOfThree,
  wrongSignIn,
} from './support';

const browser = useBrowser();

/** Every way of writing "another host" the audit tried, and the classic ones. */
const BYPASSES = [
  '//evil.example/x',
  '/.//evil.example/x',
  '/a/..//evil.example/x',
  '/%2e//evil.example/x',
  '/%2E%2E//evil.example/x',
  '/\\evil.example/x',
  '/./\\evil.example/x',
  '/%5Cevil.example/x',
  '/%2F%2Fevil.example/x',
  '/%252F%252Fevil.example/x',
  '/%09/evil.example/x',
  '/\t/evil.example/x',
  '/\u0000/evil.example/x',
  'https://evil.example/x',
];

/** Where a Location header sends a browser that is on `origin`. */
const landing = (location: string | null, origin: string) => new URL(location ?? '', origin);

describe('next: only paths of the dashboard itself', () => {
  it('keeps its own paths and sends everything a browser could read as another origin to /', () => {
    for (const own of ['/evidence?kind=review', '/team/abc#feedback', '/evidence?back=%2F%2Fx']) {
      expect(safeNext(own), own).toBe(own);
    }
    expect(safeNext('/evidence/../checkin')).toBe('/checkin');
    for (const bad of [...BYPASSES, '/\u0085/evil.example', '/x\u007f', '/login?next=/x']) {
      expect(safeNext(bad), JSON.stringify(bad)).toBe('/');
      expect(safePath(bad, '/evidence'), JSON.stringify(bad)).not.toMatch(/evil/);
    }
  });

  it('a signed-in visitor opening /login?next=… stays on the dashboard', async () => {
    const user = await registerUser('Nora Next');
    const origin = new URL(inject('webUrl')).origin;
    const page = await signedInPage(browser, user);
    for (const next of BYPASSES) {
      // The server's answer itself (before any browser normalisation of the Location).
      const res = await page.request.get(`/login?next=${encodeURIComponent(next)}`, {
        maxRedirects: 0,
      });
      // A request Next.js itself refuses (a NUL byte) is no redirect at all: fine too.
      if (res.status() < 300 || res.status() >= 400) {
        expect(res.status(), next).toBeLessThan(500);
        continue;
      }
      const to = landing(res.headers().location ?? null, origin);
      expect(to.origin, `${next} → ${res.headers().location}`).toBe(origin);
      expect(to.pathname, next).toBe('/');
      // Also as an attacker writes it into a link, decoded once by the page.
      if (!next.includes('\t') && !next.includes('\u0000')) {
        const raw = await page.request.get(`/login?next=${next}`, { maxRedirects: 0 });
        const rawTo = landing(raw.headers().location ?? null, origin);
        expect(rawTo.origin, `${next} (raw) → ${raw.headers().location}`).toBe(origin);
        expect(rawTo.host).not.toContain('evil');
      }
    }
    // In Chromium, following the redirect: the dashboard's home.
    await page.goto('/login?next=/.//evil.example/x');
    await page.getByRole('heading', { name: 'Readiness', level: 1 }).waitFor();
    expect(new URL(page.url()).origin).toBe(origin);
    // Its own path is still followed.
    await page.goto('/login?next=/checkin');
    await page.waitForURL((url) => url.pathname === '/checkin');
    await page.context().close();
  });

  it('the sign-in action posted directly with a forged next answers with a Location on the dashboard', async () => {
    const user = await registerUser('Otto Posted');
    const origin = new URL(inject('webUrl')).origin;
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/login?next=/checkin');
    // The form as the page rendered it (its action's hidden fields), as a visitor with
    // JavaScript off would post it; only `next` is forged.
    const fields = (await page.evaluate(
      `[...new FormData(document.querySelector('main form'))].map(([k, v]) => [k, String(v)])`,
    )) as [string, string][];
    expect(fields.map(([k]) => k)).toContain('next');
    /** Posts that form with `values` in place of its own; the answer, not followed. */
    const post = (values: Record<string, string>) => {
      const form = new FormData();
      for (const [key, value] of fields) if (!Object.hasOwn(values, key)) form.append(key, value);
      for (const [key, value] of Object.entries(values)) form.append(key, value);
      return fetch(`${origin}/login`, {
        method: 'POST',
        body: form,
        headers: { origin },
        redirect: 'manual',
      });
    };
    for (const next of BYPASSES) {
      const res = await post({ email: user.email, password: PASSWORD, next });
      expect(res.status, next).toBe(303);
      const to = landing(res.headers.get('location'), origin);
      expect(to.origin, `${next} → ${res.headers.get('location')}`).toBe(origin);
      expect(to.pathname, next).toBe('/');
    }
    // The same post with the dashboard's own path goes there: the test reaches the action.
    const res = await post({ email: user.email, password: PASSWORD });
    expect(res.status).toBe(303);
    expect(landing(res.headers.get('location'), origin).pathname).toBe('/checkin');
    await context.close();
  });
});

/** The text `page` shows (not its scripts: the page's own data names the query string). */
// biome-ignore lint/performance/useDomNodeTextContent: rendered text is the point.
const shown = (page: Page) => page.locator('body').innerText();

/** A manager, their report and the report's entry: whom the edited links and forms below act on. */
const cast = useFixture(() =>
  reportWithEntry('Mona Banner', 'Ezra Banner', {
    title: 'Wrote the runbook',
    kinds: ['communication'],
    occurredOn: addDays(todayUtc(), -1),
  }),
);

describe('banners come from codes, never from a link', () => {
  it('shows no text written into a link as its own message, and the code’s sentence for a code', async () => {
    const { manager, engineer, entry } = cast;
    const admin = await signedInPage(browser, adminUser(), { path: '/admin' });
    const lie = 'Your account will be deleted tonight. Call IT on 555-0100';
    const q = encodeURIComponent(lie);
    const asEngineer = await signedInPage(browser, engineer);
    for (const path of [
      `/inbox?error=${q}`,
      `/inbox?accepted=${q}`,
      `/inbox?dismissed=${q}`,
      `/inbox?merged=${q}`,
      `/endorsements?error=${q}`,
      `/reflection?error=${q}`,
      `/evidence?error=${q}`,
      `/evidence/${entry.id}/endorse?error=${q}`,
      `/evidence/${entry.id}/endorse?asked=${q}`,
      `/settings?sponsorError=${q}`,
      `/settings?sponsorGranted=${q}`,
      `/agreement?error=refused&detail=${q}`,
      `/notifications?error=${q}`,
      `/?error=${q}&logged=${q}`,
    ]) {
      await asEngineer.goto(path);
      await asEngineer.locator('main h1').first().waitFor();
      expect(await shown(asEngineer), path).not.toContain('deleted tonight');
    }
    const asManager = await signedInPage(browser, manager, { path: `/team/${engineer.id}` });
    await asManager.goto(`/team/${engineer.id}?error=${q}&acknowledged=${q}`);
    await asManager.locator('main h1').first().waitFor();
    expect(await shown(asManager)).not.toContain('deleted tonight');
    await admin.goto(`/admin?failed=${engineer.id}&reason=${q}`);
    await admin.getByRole('alert').filter({ hasText: 'Could not change Ezra Banner' }).waitFor();
    expect(await shown(admin)).not.toContain('deleted tonight');

    // A code on the list shows its own sentence.
    await asEngineer.goto('/inbox?error=not-found');
    await asEngineer.getByRole('alert').filter({ hasText: FAILURES['not-found'] }).waitFor();
    await asEngineer.goto(`/evidence/${entry.id}/endorse?error=asked-already`);
    await asEngineer
      .getByRole('alert')
      .filter({ hasText: `Not asked. ${FAILURES['asked-already']}` })
      .waitFor();
    // A name comes from the data by id, never from the link.
    await admin.goto(`/admin?failed=${manager.id}&reason=has-reports`);
    await admin
      .getByRole('alert')
      .filter({ hasText: 'They still manage Ezra Banner: give them another manager first.' })
      .waitFor();
    for (const page of [asEngineer, asManager, admin]) await page.context().close();
  }, 300_000);
});

describe('a double click sends once', () => {
  it('Acknowledge with a comment, pressed twice quickly, posts one action', async () => {
    const { manager, engineer, entry } = cast;
    const page = await signedInPage(browser, manager, { path: `/team/${engineer.id}` });
    let actions = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.headers()['next-action']) actions += 1;
    });
    await page.getByLabel(`Comment on “${entry.title}” (optional)`).fill('Solid work.');
    const button = page.getByRole('button', { name: `Acknowledge “${entry.title}”` });
    await button.dblclick();
    await page.getByText('Entry acknowledged.').waitFor();
    expect(actions).toBe(1);
    await page.context().close();
  });
});

describe('WEB_TRUST_PROXY: whose X-Forwarded-For the dashboard believes', () => {
  it('parses the API’s TRUST_PROXY syntax and walks the hops from the right', () => {
    const trusted = parseTrustProxy('loopback, 10.1.0.0/16,192.0.2.7');
    expect(trusted('127.0.0.1')).toBe(true);
    expect(trusted('::1')).toBe(true);
    expect(trusted('::ffff:127.0.0.1')).toBe(true);
    expect(trusted('10.1.200.3')).toBe(true);
    expect(trusted('10.2.0.1')).toBe(false);
    expect(trusted('192.0.2.7')).toBe(true);
    expect(trusted('not an address')).toBe(false);
    // Unset: the peer, whatever the header says.
    expect(clientAddress('203.0.113.9', '198.51.100.1', TRUST_NOBODY)).toBe('203.0.113.9');
    // A trusted peer: the entry it appended; a visitor's own entries further left lose.
    expect(clientAddress('127.0.0.1', '6.6.6.6, 198.51.100.1', trusted)).toBe('198.51.100.1');
    // Two trusted hops: past both.
    expect(clientAddress('127.0.0.1', '198.51.100.1, 10.1.0.5', trusted)).toBe('198.51.100.1');
    // A malformed entry stops at the last trusted hop.
    expect(clientAddress('127.0.0.1', 'nonsense', trusted)).toBe('127.0.0.1');
    expect(clientAddress('127.0.0.1', undefined, trusted)).toBe('127.0.0.1');
    expect(() => readEnv({ WEB_TRUST_PROXY: 'loopback,10.0.0.0/99,proxy.example' })).toThrow(
      /WEB_TRUST_PROXY.*"10\.0\.0\.0\/99", "proxy\.example"/,
    );
    expect(readEnv({ WEB_TRUST_PROXY: '' }).trustProxy('127.0.0.1')).toBe(false);
  });

  it('behind a trusted proxy each visitor keeps their own sign-in budget', async () => {
    // The test's own requests come from loopback: here loopback is the proxy.
    await withSignInBudgetOfThree(browser, { WEB_TRUST_PROXY: 'loopback' }, async (page) => {
      // Four visitors behind the proxy, one attempt each: nobody runs out.
      for (let i = 1; i <= 4; i++) {
        expect(await wrongSignIn(page, `198.51.100.${i}`)).toContain('Wrong email or password');
      }
      // One visitor, four attempts: their own budget of 3 runs out.
      const outcomes: string[] = [];
      for (let i = 1; i <= 4; i++) outcomes.push(await wrongSignIn(page, '198.51.100.77'));
      expectFourthAttemptRefused(outcomes);
    });
  }, 300_000);
});
