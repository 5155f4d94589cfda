// Trust on the dashboard: where signing in may send a visitor, the Content-Security-Policy
// and cookies, the visitor's address reaching the API's rate limit, and the account
// lifecycle (deactivation, reset links, password change, personal access tokens, the
// audit log) as the admin and the person see them.
import { addDays, todayUtc, weekStartOf } from '@leadtrack/core';
import pg from 'pg';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { SESSION_ENDED_PARAM, safeNext } from '../../apps/web/lib/config';
import { contentSecurityPolicy } from '../../apps/web/lib/csp';
import { readEnv } from '../../apps/web/lib/env';
import {
  adminToken,
  adminUser,
  callApi,
  checkIn,
  expectFourthAttemptRefused,
  logEvidence,
  newContext,
  PASSWORD,
  registerUser,
  reuseOneTimeLink,
  setManager,
  signedInPage,
  signIn,
  useBrowser,
  withSignInBudgetOfThree,
  wrongSignIn,
} from './support';

const SHOTS = process.env.LEADTRACK_TRUST_SHOTS;

const browser = useBrowser();

/** Signs in as the instance's admin in a fresh context. */
async function adminPage(): Promise<{ context: BrowserContext; page: Page }> {
  const page = await signedInPage(browser, adminUser(), { path: '/admin' });
  await page.getByRole('heading', { name: 'Admin', level: 1 }).waitFor();
  return { context: page.context(), page };
}

async function userPage(email: string, path = '/', password = PASSWORD) {
  const page = await signedInPage(browser, { email, password }, { path });
  return { context: page.context(), page };
}

/** The secret inside a one-time notice (the `<code>` also holds a screen-reader label). */
async function secretIn(page: Page): Promise<string> {
  const code = page.locator('.secret code').first();
  await code.waitFor();
  const text = (await code.textContent()) ?? '';
  return text.replace(/^[^:]*:\s*/, '').trim();
}

async function sessionEndedOn(page: Page) {
  await page.waitForURL((url) => url.pathname === '/login');
  expect(new URL(page.url()).searchParams.has(SESSION_ENDED_PARAM)).toBe(true);
  await page.getByText('You were signed out: your session has ended.').waitFor();
  // The proxy cleared the cookies once the API confirmed it refuses them.
  const names = (await page.context().cookies()).map((c) => c.name);
  expect(names).not.toContain('lt_access');
  expect(names).not.toContain('lt_refresh');
}

describe('where signing in may send a visitor', () => {
  it('keeps same-origin paths and turns everything else into /', () => {
    expect(safeNext('/evidence?kind=review')).toBe('/evidence?kind=review');
    expect(safeNext('/team/abc#feedback')).toBe('/team/abc#feedback');
    for (const bad of [
      '/\\evil.example',
      '/\t/evil.example',
      '/%09/evil.example',
      '/%5Cevil.example',
      '//evil.example',
      '///evil.example',
      '/\n/evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      'evidence',
      '',
      '/login',
      '/login?next=/x',
      '/reset-password?token=x',
      undefined,
      ['/evidence'],
    ]) {
      expect(safeNext(bad), JSON.stringify(bad)).toBe('/');
    }
  });

  it('lands on the dashboard after signing in from an open-redirect attempt', async () => {
    const user = await registerUser('Odile Redirect');
    const webOrigin = new URL(inject('webUrl')).origin;
    // As an attacker writes them into a link (the query is decoded once by the page).
    for (const next of [
      '/%5Cevil.example',
      '/%09/evil.example',
      '//evil.example',
      'https://evil.example',
    ]) {
      const context = await newContext(browser);
      const page = await context.newPage();
      await page.goto(`/login?next=${next}`);
      await page.getByLabel('Email').fill(user.email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      await page.getByRole('heading', { name: 'Readiness', level: 1 }).waitFor();
      const landed = new URL(page.url());
      expect(landed.origin, next).toBe(webOrigin);
      expect(landed.pathname, next).toBe('/');
      // Signed in already, the sign-in page sends the visitor on: to the dashboard too.
      await page.goto(`/login?next=${next}`);
      await page.getByRole('heading', { name: 'Readiness', level: 1 }).waitFor();
      expect(new URL(page.url()).origin).toBe(webOrigin);
      await context.close();
    }
  });
});

describe('configuration, headers and the Content-Security-Policy', () => {
  it('validates the environment in one place', () => {
    const production = readEnv({ NODE_ENV: 'production' });
    expect(production).toMatchObject({ host: '127.0.0.1', port: 3000, secureCookies: true });
    expect(production.hsts).toBe(true);
    const plainHttp = readEnv({ NODE_ENV: 'production', SECURE_COOKIES: '0' });
    expect(plainHttp).toMatchObject({ secureCookies: false, hsts: false });
    expect(readEnv({ NODE_ENV: 'development' }).secureCookies).toBe(false);
    expect(readEnv({ WEB_HOST: '0.0.0.0', API_PORT: '4001' })).toMatchObject({
      host: '0.0.0.0',
      apiUrl: 'http://127.0.0.1:4001',
    });
    expect(() => readEnv({ WEB_PORT: 'eighty', SECURE_COOKIES: 'maybe' })).toThrow(
      /WEB_PORT.*SECURE_COOKIES|SECURE_COOKIES.*WEB_PORT/,
    );
    const csp = contentSecurityPolicy('abc');
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    for (const directive of [
      "frame-ancestors 'none'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toContain('unsafe-eval');
  });

  it('serves every page with a fresh nonce, HSTS and Secure cookies, and Chromium reports no violation', async () => {
    const user = await registerUser('Cora Policy');
    const monday = weekStartOf(todayUtc());
    await logEvidence(user, {
      title: 'Reviewed the rollout plan',
      kinds: ['review', 'communication'],
      occurredOn: addDays(todayUtc(), -8),
      description: 'A **markdown** description with a [link](https://example.com).',
    });
    await checkIn(user, monday, { handsOnPercent: 55, deepWorkBlocks: 3, onLeave: false });

    const context = await newContext(browser);
    const problems: string[] = [];
    // (Scripts as strings: this file is compiled without the DOM's types.)
    await context.addInitScript(
      `document.addEventListener('securitypolicyviolation', (e) =>
        console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + e.blockedURI))`,
    );
    const page = await context.newPage();
    page.on('console', (msg) => {
      const text = msg.text();
      // The unknown page answers 404 on purpose.
      if (/Failed to load resource: .* 404/.test(text)) return;
      if (msg.type() === 'error' || /Content Security Policy/i.test(text))
        problems.push(`${page.url()}: ${text}`);
    });
    page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));

    const nonces = new Set<string>();
    async function visit(path: string) {
      const res = await page.goto(path);
      expect(res, path).not.toBeNull();
      const headers = res?.headers() ?? {};
      const csp = headers['content-security-policy'] ?? '';
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce, `${path} CSP: ${csp}`).toBeTruthy();
      nonces.add(nonce as string);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
      await page.waitForLoadState('networkidle');
      // React hydrated the page: its scripts ran under the policy.
      const hydrated = await page.evaluate(
        `Object.keys(document.querySelector('main') ?? {}).some((k) => k.startsWith('__react'))`,
      );
      expect(hydrated, `${path} hydrated`).toBe(true);
    }

    await visit('/login');
    await visit('/register');
    await visit('/reset-password?token=nothing-here');
    await signIn(page, user.email);
    const cookies = await context.cookies();
    for (const name of ['lt_access', 'lt_refresh']) {
      const cookie = cookies.find((c) => c.name === name);
      expect(cookie?.secure, name).toBe(true);
      expect(cookie?.httpOnly, name).toBe(true);
    }
    for (const path of [
      '/',
      '/evidence',
      '/evidence/new',
      '/checkin',
      '/packet',
      '/settings',
      '/admin',
      '/no-such-page',
    ]) {
      await visit(path);
    }
    // Client-side navigation too (RSC payloads, the chart).
    await page.getByRole('link', { name: 'Readiness' }).click();
    await page.getByRole('heading', { name: 'Readiness', level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(nonces.size).toBe(11);
    expect(problems).toEqual([]);
    await context.close();

    const admin = await adminPage();
    admin.page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`${admin.page.url()}: ${msg.text()}`);
    });
    await admin.page.goto('/admin/audit');
    await admin.page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    await admin.page.waitForLoadState('networkidle');
    expect(problems).toEqual([]);
    await admin.context.close();
  });

  it("keys the API's sign-in limit on the address the dashboard saw, not a visitor's X-Forwarded-For", async () => {
    // A second API with a budget of 3 attempts a minute per address, and a dashboard for it.
    await withSignInBudgetOfThree(browser, {}, async (page) => {
      // Budgets are shared by every API process on the database (attempt_counters), and the
      // address this dashboard reports is loopback, which earlier tests' sign-ins spent.
      const sql = new pg.Client({ connectionString: inject('databaseUrl') });
      await sql.connect();
      await sql.query("DELETE FROM attempt_counters WHERE key LIKE '%auth-ip:%'");
      await sql.end();
      const outcomes: string[] = [];
      for (let i = 1; i <= 4; i++) {
        // A new address and a new email each time: only the address budget can run out,
        // and only if the dashboard ignores the address the visitor claims.
        outcomes.push(await wrongSignIn(page, `203.0.113.${i}`));
      }
      expectFourthAttemptRefused(outcomes);
    });
  });
});

describe('the account lifecycle', () => {
  it('deactivating someone ends their open session; a manager with reports is refused in words', async () => {
    const leaver = await registerUser('Dora Leaver');
    const boss = await registerUser('Manny Boss');
    const report = await registerUser('Rhea Report');
    await setManager(report.id, boss.id);

    const person = await userPage(leaver.email, '/evidence');
    await person.page.getByRole('heading', { name: 'Evidence', level: 1 }).waitFor();

    const admin = await adminPage();
    // The row's header cell: other rows name Dora too (as a possible manager).
    const row = admin.page.getByRole('rowheader', { name: /^Dora Leaver/ });
    await row.getByText('Active', { exact: true }).waitFor();
    await admin.page.getByRole('button', { name: 'Deactivate Dora Leaver' }).click();
    await admin.page.getByText('Dora Leaver is deactivated').waitFor();
    await row.getByText('Deactivated', { exact: true }).waitFor();

    // Their very next navigation ends the session, with a plain sentence.
    await person.page.goto('/checkin');
    await sessionEndedOn(person.page);
    // And their password no longer signs them in (the same words as a wrong one).
    await person.page.getByLabel('Email').fill(leaver.email);
    await person.page.getByLabel('Password').fill(PASSWORD);
    await person.page.getByRole('button', { name: 'Sign in' }).click();
    await person.page.getByRole('alert').filter({ hasText: 'Wrong email or password' }).waitFor();

    // A manager who still has a report: the API's 409, named on the page.
    await admin.page.getByRole('button', { name: 'Deactivate Manny Boss' }).click();
    await admin.page
      .getByRole('alert')
      .filter({ hasText: /Could not deactivate Manny Boss: .*Rhea Report/ })
      .waitFor();

    // Reactivated, they can sign in again.
    await admin.page.getByRole('button', { name: 'Reactivate Dora Leaver' }).click();
    await admin.page.getByText('Dora Leaver is active again').waitFor();
    await row.getByText('Active', { exact: true }).waitFor();
    await signIn(person.page, leaver.email);
    await person.page.getByRole('heading', { name: 'Readiness', level: 1 }).waitFor();

    // The audit log says who did what.
    await admin.page.goto('/admin/audit');
    const entries = admin.page.getByRole('row').filter({ hasText: 'Dora Leaver' });
    await entries.filter({ hasText: 'reactivated' }).first().waitFor();
    await entries
      .filter({ hasText: /^.*Ada Admin.*deactivated/ })
      .first()
      .waitFor();
    await person.context.close();
    await admin.context.close();
  });

  it('an admin issues a reset link, shown once; it sets a new password once', async () => {
    const forgetful = await registerUser('Fern Forgetful');
    const admin = await adminPage();
    await admin.page.getByRole('button', { name: 'Issue reset link for Fern Forgetful' }).click();
    const url = await secretIn(admin.page);
    expect(url.startsWith(`${inject('webUrl')}/reset-password?token=`)).toBe(true);
    if (SHOTS)
      await admin.page.screenshot({ path: `${SHOTS}/admin-reset-1280.png`, fullPage: true });

    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(url);
    await page.getByRole('heading', { name: 'Set a new password' }).waitFor();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/reset-1280.png`, fullPage: true });
    const fresh = 'a brand new passphrase for fern';
    await page.getByLabel('New password', { exact: true }).fill('too short');
    await page.getByLabel('New password again').fill('too short');
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.locator('#newPassword-error').waitFor();
    await page.getByLabel('New password', { exact: true }).fill(fresh);
    await page.getByLabel('New password again').fill(fresh);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.waitForURL((u) => u.pathname === '/login');
    await page.getByText('Your password is set').waitFor();
    await page.getByLabel('Email').fill(forgetful.email);
    await page.getByLabel('Password').fill(fresh);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Readiness', level: 1 }).waitFor();
    expect(
      (
        await callApi('POST', '/auth/login', {
          body: { email: forgetful.email, password: PASSWORD },
        })
      ).status,
    ).toBe(401);

    // The same link a second time: a plain sentence, no form.
    const second = await reuseOneTimeLink(browser, url, {
      field: 'New password',
      password: 'another new passphrase',
      button: 'Set password',
    });
    if (SHOTS) await second.screenshot({ path: `${SHOTS}/reset-used-1280.png`, fullPage: true });
    expect(await second.getByLabel('New password', { exact: true }).count()).toBe(0);
    await second.context().close();
    await context.close();
    await admin.context.close();
  });

  it('changing the password ends the other sessions; signing out everywhere else does too', async () => {
    const user = await registerUser('Paz Password');
    const here = await userPage(user.email, '/settings');
    const there = await userPage(user.email, '/evidence');
    await here.page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();

    await here.page.locator('#currentPassword').fill('not my password, no');
    await here.page.getByLabel('New password', { exact: true }).fill('a changed passphrase here');
    await here.page.getByLabel('New password again').fill('a changed passphrase here');
    await here.page.getByRole('button', { name: 'Change password' }).click();
    await here.page.locator('#currentPassword-error').waitFor();

    await here.page.locator('#currentPassword').fill(PASSWORD);
    await here.page.getByLabel('New password', { exact: true }).fill('a changed passphrase here');
    await here.page.getByLabel('New password again').fill('a changed passphrase here');
    await here.page.getByRole('button', { name: 'Change password' }).click();
    await here.page.getByText('Password changed.').waitFor();

    // This browser stays signed in; the other one is out on its next navigation.
    await here.page.goto('/evidence');
    await here.page.getByRole('heading', { name: 'Evidence', level: 1 }).waitFor();
    await there.page.goto('/checkin');
    await sessionEndedOn(there.page);
    await signIn(there.page, user.email, 'a changed passphrase here');
    await there.page.getByRole('heading', { name: 'Readiness', level: 1 }).waitFor();

    // "Sign out everywhere else" from the first browser ends the second again, and revokes
    // personal access tokens: the page says so before the click.
    const session = await callApi('POST', '/auth/login', {
      body: { email: user.email, password: 'a changed passphrase here' },
    });
    const pat = await callApi('POST', '/me/tokens', {
      token: session.body.accessToken,
      body: { name: 'script', currentPassword: 'a changed passphrase here' },
    });
    expect(pat.status, JSON.stringify(pat.body)).toBe(201);
    await here.page.goto('/settings');
    await here.page.getByText('It also revokes every personal access token').waitFor();
    await here.page.getByRole('button', { name: 'Sign out everywhere else' }).click();
    await here.page.getByText('Signed out everywhere else').waitFor();
    await there.page.goto('/evidence');
    await sessionEndedOn(there.page);
    expect((await callApi('GET', '/me', { token: pat.body.token })).status).toBe(401);
    await here.page.goto('/');
    await here.page.getByRole('heading', { name: 'Readiness', level: 1 }).waitFor();

    // The time zone: a select of every zone; saved through PATCH /me.
    await here.page.goto('/settings');
    await here.page.getByRole('combobox', { name: 'Your time zone' }).selectOption('Europe/Paris');
    await here.page.getByRole('button', { name: 'Save time zone' }).click();
    await here.page.getByText('Time zone set to Europe/Paris.').waitFor();
    const me = await callApi('POST', '/auth/login', {
      body: { email: user.email, password: 'a changed passphrase here' },
    });
    const profile = await callApi('GET', '/me', { token: me.body.accessToken });
    expect(profile.body.timeZone).toBe('Europe/Paris');
    await here.context.close();
    await there.context.close();
  });

  it('creates a personal access token shown once, which works until it is revoked', async () => {
    const user = await registerUser('Tobi Token');
    const { context, page } = await userPage(user.email, '/settings');
    await page.getByRole('heading', { name: 'Personal access tokens' }).waitFor();
    await page.getByText('No tokens yet.').waitFor();
    await page.getByLabel('Expires in (days)').fill('400');
    await page.getByLabel('Name').fill('CI import');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.locator('#token-days-error').waitFor();
    expect(await page.getByLabel('Name').inputValue()).toBe('CI import');
    await page.getByLabel('Expires in (days)').fill('30');
    // A token asks for the current password: a wrong one is named, the right one works.
    await page.locator('#token-password').fill('not my password at all');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.locator('#token-password-error').waitFor();
    await page.locator('#token-password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = await secretIn(page);
    expect(token).toMatch(/^lt_pat_/);
    await page.getByRole('button', { name: 'Copy token' }).waitFor();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/settings-token-1280.png`, fullPage: true });

    expect((await callApi('GET', '/me', { token })).status).toBe(200);
    const row = page.getByRole('row').filter({ hasText: 'CI import' });
    await row.waitFor();
    const listed = await callApi('GET', '/me/tokens', { token });
    const expiresAt = Date.parse(listed.body.items[0].expiresAt);
    expect(Math.round((expiresAt - Date.now()) / 86_400_000)).toBe(30);

    // Reloading does not show the secret again.
    await page.reload();
    await row.waitFor();
    expect(await page.locator('.secret').count()).toBe(0);

    await page.getByRole('button', { name: 'Revoke CI import' }).click();
    await page.getByText('CI import is revoked').waitFor();
    await page.getByText('No tokens yet.').waitFor();
    expect((await callApi('GET', '/me', { token })).status).toBe(401);
    await context.close();
  });

  it('pages through the audit log with next and previous', async () => {
    const token = await adminToken();
    const subject = await registerUser('Audrey Audited');
    // 30 entries about one person: role changes back and forth.
    for (let i = 0; i < 30; i++) {
      const res = await callApi('PATCH', `/users/${subject.id}`, {
        token,
        body: { role: i % 2 === 0 ? 'admin' : 'engineer' },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    const admin = await adminPage();
    await admin.page.getByRole('link', { name: 'Audit log' }).click();
    await admin.page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    const rows = admin.page.locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(25);
    await rows
      .first()
      .filter({ hasText: /changed the role of\s*Audrey Audited/ })
      .waitFor();
    const firstPage = await rows.allTextContents();
    if (SHOTS) await admin.page.screenshot({ path: `${SHOTS}/audit-1280.png`, fullPage: true });

    await admin.page.getByRole('link', { name: 'Next' }).click();
    await admin.page.getByRole('link', { name: 'Previous' }).waitFor();
    const secondPage = await rows.allTextContents();
    expect(secondPage.length).toBeGreaterThan(0);
    expect(secondPage[0]).not.toBe(firstPage[0]);
    await admin.page.getByRole('link', { name: 'Previous' }).click();
    await admin.page.waitForURL((u) => u.search === '');
    expect(await rows.allTextContents()).toEqual(firstPage);
    await admin.context.close();
  });
});
