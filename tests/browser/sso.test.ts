// Single sign-on in Chromium (issue 21): the dashboard's "Sign in with …" through a real
// OpenID provider started here (oidc-provider, its development login and consent pages),
// an API and a dashboard of this file's own with OIDC set, on the run's database. Signed in
// at a safe `next`; every refusal a sentence on the sign-in page; SSO_ONLY hides the form.
import { addDays, todayUtc } from '@leadtrack/core';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type OidcStandIn, startOidcStandIn } from '../support/oidc-stand-in';
import { freePort, type Running, startApi, startWeb, stop } from './servers';
import { adminToken, callApi, logEvidence, PASSWORD, registerUser, useBrowser } from './support';

const browser = useBrowser();
let idp: OidcStandIn;
const servers: Running[] = [];
let web = '';
let ssoOnlyWeb = '';
let ssoOnlyApi = '';

beforeAll(async () => {
  const [port, onlyPort] = [await freePort(), await freePort()];
  web = `http://localhost:${port}`;
  ssoOnlyWeb = `http://localhost:${onlyPort}`;
  idp = await startOidcStandIn([
    `${web}/api/v1/auth/oidc/callback`,
    `${ssoOnlyWeb}/api/v1/auth/oidc/callback`,
  ]);
  // The provider's people: their email verified, but Una's.
  for (const person of [
    { login: 'newcomer', email: 'newcomer@acme.test', name: 'Nia Newcomer' },
    { login: 'linked', email: 'linda.linked@elsewhere.test', name: 'Linda at the provider' },
    { login: 'outsider', email: 'outsider@elsewhere.test', name: 'Otto Outsider' },
    { login: 'unverified', email: 'unverified@acme.test', name: 'Una Verified' },
    { login: 'departed', email: 'departed.sso@acme.test', name: 'Dee Parted' },
    { login: 'nexter', email: 'nexter@acme.test', name: 'Nex Ter' },
  ]) {
    idp.addPerson({ ...person, emailVerified: person.login !== 'unverified' });
  }
  const env = {
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: idp.clientId,
    OIDC_CLIENT_SECRET: idp.clientSecret,
    OIDC_NAME: 'Acme ID',
    OIDC_ALLOWED_DOMAINS: 'acme.test',
  };
  const api = await startApi(inject('databaseUrl'), web, env);
  servers.push(api, await startWeb(api.url, port));
  const only = await startApi(inject('databaseUrl'), ssoOnlyWeb, { ...env, SSO_ONLY: '1' });
  ssoOnlyApi = only.url;
  servers.push(only, await startWeb(only.url, onlyPort));
}, 180_000);

afterAll(async () => {
  for (const s of servers.reverse()) await stop(s.child);
  await idp?.close();
});

async function contextAt(baseURL: string, timezoneId = 'UTC'): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1280, height: 900 },
    timezoneId,
  });
  context.setDefaultTimeout(20_000);
  return context;
}

/** Sent to the provider: its login page, then its consent page if it shows one. */
async function atProvider(page: Page, login: string) {
  await page.waitForURL((url) => url.origin === idp.issuer);
  await page.locator('input[name="login"]').fill(idp.subjectOf(login));
  await page.locator('input[name="password"]').fill('any');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  // The consent page, the first time this person meets Leadtrack.
  const consent = page.getByRole('button', { name: 'Continue' });
  await Promise.race([
    consent.waitFor().then(() => consent.click()),
    page.waitForURL((url) => url.origin !== idp.issuer),
  ]);
}

/** On the sign-in page: the button, then the provider's pages, and back. */
async function signInWithProvider(page: Page, login: string) {
  await page.getByRole('link', { name: 'Sign in with Acme ID' }).click();
  await atProvider(page, login);
  await page.waitForURL((url) => url.origin !== idp.issuer);
}

async function emails(): Promise<string[]> {
  const res = await callApi<{ items: { email: string }[] }>('GET', '/users', {
    token: await adminToken(),
  });
  return res.body.items.map((u) => u.email);
}

const alertSaying = (page: Page, text: string) =>
  page.getByRole('alert').filter({ hasText: text }).waitFor();

describe('signing in with the provider', () => {
  it('creates the person and lands signed in at next; they confirm their zone once', async () => {
    const context = await contextAt(web, 'Asia/Kolkata');
    const page = await context.newPage();
    await page.goto('/evidence');
    await page.waitForURL((url) => url.pathname === '/login');
    await signInWithProvider(page, 'newcomer');
    await page.waitForURL((url) => url.pathname === '/evidence');
    await page.getByRole('heading', { name: 'Evidence', level: 1 }).waitFor();
    expect(await page.locator('.account').textContent()).toContain('Nia Newcomer');
    // Asked once, with the browser's zone suggested by its current name.
    await page.getByRole('heading', { name: 'Confirm your time zone' }).waitFor();
    await page.getByRole('button', { name: 'Use Asia/Kolkata' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Confirm your time zone' }).count(), {
        timeout: 15_000,
      })
      .toBe(0);
    await page.goto('/settings');
    await page.getByRole('heading', { name: 'How you sign in' }).waitFor();
    expect(await page.getByText('You sign in with Acme ID.').count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Confirm your time zone' }).count()).toBe(0);
    expect(await page.getByLabel('Your time zone').inputValue()).toBe('Asia/Kolkata');
    await context.close();
  });

  it('signs an existing account in by its email, keeping its id and data', async () => {
    const existing = await registerUser('Linda Existing', 'linda.linked@elsewhere.test');
    await logEvidence(existing, {
      title: 'Written before single sign-on',
      kinds: ['review'],
      occurredOn: addDays(todayUtc(), -1),
    });
    const context = await contextAt(web);
    const page = await context.newPage();
    await page.goto('/login?next=/evidence');
    await signInWithProvider(page, 'linked');
    await page.waitForURL((url) => url.pathname === '/evidence');
    await page.getByText('Written before single sign-on').first().waitFor();
    expect(await page.locator('.account').textContent()).toContain('Linda Existing');
    await context.close();
  });

  it('refuses an outsider, an unverified email and a deactivated person with a sentence', async () => {
    const departed = await registerUser('Dee Parted', 'departed.sso@acme.test');
    const off = await callApi('POST', `/users/${departed.id}/deactivate`, {
      token: await adminToken(),
    });
    expect(off.status).toBe(200);
    const cases: [string, string][] = [
      ['outsider', 'not one this Leadtrack creates accounts for'],
      ['unverified', 'Acme ID has not verified your email address'],
      ['departed', 'did not work for this account'],
    ];
    for (const [login, sentence] of cases) {
      const context = await contextAt(web);
      const page = await context.newPage();
      await page.goto('/login');
      await signInWithProvider(page, login);
      await page.waitForURL((url) => url.pathname === '/login');
      await alertSaying(page, sentence);
      expect((await context.cookies()).some((c) => c.name === 'lt_access')).toBe(false);
      await context.close();
    }
    const known = await emails();
    expect(known).not.toContain('outsider@elsewhere.test');
    expect(known).not.toContain('unverified@acme.test');
  });

  it('refuses a tampered state', async () => {
    const context = await contextAt(web);
    const page = await context.newPage();
    // Each form the provider's pages post is followed by hand (redirects are not routed):
    // the hop that would send the browser back is held, and its Location kept.
    let callback = '';
    await context.route(`${idp.issuer}/interaction/**`, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const posted = await route.fetch({ maxRedirects: 0 });
      let location = new URL(posted.headers().location ?? '/', idp.issuer).href;
      for (let i = 0; i < 5 && location.startsWith(idp.issuer); i++) {
        const next = await context.request.get(location, { maxRedirects: 0 });
        const to = next.headers().location;
        if (!to) break;
        location = new URL(to, location).href;
      }
      if (location.startsWith(`${web}/api/v1/auth/oidc/callback`)) {
        callback = location;
        return route.fulfill({ status: 200, contentType: 'text/html', body: '<p>held</p>' });
      }
      return route.fulfill({ status: 303, headers: { location } });
    });
    await page.goto('/login');
    await signInWithProvider(page, 'nexter').catch(() => undefined);
    await expect.poll(() => callback).not.toBe('');
    const tampered = new URL(callback);
    tampered.searchParams.set('state', 'forged-state-value');
    await page.goto(tampered.href);
    await page.waitForURL((url) => url.pathname === '/login');
    await alertSaying(page, 'expired or was opened in another browser');
    expect((await context.cookies()).some((c) => c.name === 'lt_access')).toBe(false);
    await context.close();
  });

  it('keeps a safe next and drops one that leaves the dashboard', async () => {
    const context = await contextAt(web);
    const page = await context.newPage();
    await page.goto(`/api/v1/auth/oidc/start?next=${encodeURIComponent('//evil.test/x')}`);
    await atProvider(page, 'nexter');
    await page.waitForURL((url) => url.origin === web && url.pathname === '/');
    // Signed in: a safe next is kept the next time.
    await context.clearCookies();
    await page.goto('/login?next=/checkin');
    await signInWithProvider(page, 'nexter');
    await page.waitForURL((url) => url.pathname === '/checkin');
    await context.close();
  });
});

describe('SSO_ONLY', () => {
  it('hides the password form, and the API refuses passwords, admins too', async () => {
    const context = await contextAt(ssoOnlyWeb);
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByRole('link', { name: 'Sign in with Acme ID' }).waitFor();
    expect(await page.getByLabel('Password').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Create an account' }).count()).toBe(0);
    const person = await registerUser('Pat Password');
    for (const [email, password] of [
      [person.email, PASSWORD],
      [inject('adminEmail'), inject('adminPassword')],
    ]) {
      const res = await fetch(`${ssoOnlyApi}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      expect(res.status).toBe(403);
    }
    await context.close();
  });
});
