// Single sign-on (issue 21) against a real OpenID provider started here (oidc-provider with
// its development login and consent pages), driven over real sockets by a cookie-keeping
// client as a browser would: the authorization code flow with PKCE, state and nonce; people
// linked by issuer and subject, existing accounts linked by email, engineers created from
// allowed domains only; every refusal a 302 to the sign-in page with a fixed code.

import { safeNextPath } from '@leadtrack/api/services/sso/oidc';
import { openDatabase } from '@leadtrack/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieClient } from '../support/cookie-client';
import {
  adminOf,
  call,
  expectProblem,
  registerUser,
  TEST_PASSWORD,
  type TestUser,
} from '../support/http';
import { startOidcStandIn, throughProvider } from '../support/oidc-stand-in';
import { freePort } from '../support/processes';
import { buildTestApp, type TestApp, useFixture, useTestApp } from '../support/test-app';

const V1 = '/api/v1';
const port = useFixture(async () => ({ value: await freePort() }));
const web = () => `http://127.0.0.1:${port.value}`;
const callbackPrefix = () => `${web()}/api/v1/auth/oidc/callback`;
const idp = useFixture(
  () => startOidcStandIn([`http://127.0.0.1:${port.value}/api/v1/auth/oidc/callback`]),
  (s) => s.close(),
);
const ssoEnv = (extra: Record<string, string> = {}) => ({
  WEB_ORIGIN: web(),
  OIDC_ISSUER: idp.issuer,
  OIDC_CLIENT_ID: idp.clientId,
  OIDC_CLIENT_SECRET: idp.clientSecret,
  OIDC_NAME: 'Acme ID',
  OIDC_ALLOWED_DOMAINS: 'acme.test, Staff.Acme.test',
  ...extra,
});
const handle = useTestApp(() => ssoEnv());
const { app, sql } = handle;

beforeAll(async () => {
  await app.listen({ port: port.value, host: '127.0.0.1' });
  const people: [string, string, boolean, string][] = [
    ['ada', 'ada@acme.test', true, 'Ada Lovelace'],
    ['grace', 'grace@staff.acme.test', true, 'Grace Hopper'],
    ['unverified', 'unverified@acme.test', false, 'Una Verified'],
    ['outsider', 'outsider@elsewhere.test', true, 'Otto Outsider'],
    ['linked', 'linked.person@elsewhere.test', true, 'Linda From Provider'],
    ['departed', 'departed@acme.test', true, 'Dee Parted'],
    ['twice', 'twice@acme.test', true, 'Tess Twice'],
    ['proc', 'proc@acme.test', true, 'Pro Cesses'],
  ];
  for (const [login, email, emailVerified, name] of people) {
    idp.addPerson({ login, email, emailVerified, name });
  }
});

const start = (next?: string) =>
  `${web()}${V1}/auth/oidc/start${next === undefined ? '' : `?next=${encodeURIComponent(next)}`}`;

/** Signs `login` in through the provider: the callback's answer (a 302) and the client. */
async function signIn(login: string, next?: string) {
  const browser = new CookieClient();
  const callback = await throughProvider(browser, start(next), callbackPrefix(), subject(login));
  const answer = await browser.request('GET', callback);
  return { browser, answer, callback };
}

/** The session the refresh cookie holds: an access token and who it is. */
async function sessionOf(browser: CookieClient) {
  const refresh = browser.cookie(web(), 'lt_refresh');
  expect(refresh, 'a refresh cookie').toBeTruthy();
  const res = await call(app, 'POST', `${V1}/auth/refresh`, {
    headers: { cookie: `lt_refresh=${refresh}` },
  });
  expect(res.status, res.text).toBe(200);
  const me = await call(app, 'GET', `${V1}/me`, { token: res.body.accessToken });
  return { token: res.body.accessToken as string, me: me.body };
}

const subject = (login: string) => idp.subjectOf(login);
const refusedWith = (code: string) => `${web()}/login?sso=${code}`;

async function userCount(email: string) {
  const { rows } = await sql.query('SELECT count(*)::int AS n FROM users WHERE email = $1', [
    email,
  ]);
  return rows[0].n as number;
}

describe('GET /auth/providers', () => {
  it('tells the sign-in page what to offer', async () => {
    const res = await call(app, 'GET', `${V1}/auth/providers`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ password: true, adminPassword: true, oidc: { name: 'Acme ID' } });
  });
});

describe('GET /auth/oidc/start', () => {
  it('sends the browser to the provider with PKCE (S256), state, nonce and the scopes', async () => {
    await adminOf(app); // the instance's first person is its admin, made by sign-up
    const browser = new CookieClient();
    const hop = await browser.request('GET', start('/evidence'));
    expect(hop.status).toBe(302);
    const to = new URL(hop.location ?? '');
    expect(to.origin).toBe(idp.issuer);
    const q = to.searchParams;
    expect(q.get('client_id')).toBe(idp.clientId);
    expect(q.get('redirect_uri')).toBe(callbackPrefix());
    expect(q.get('response_type')).toBe('code');
    expect(q.get('scope')).toBe('openid email profile');
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('state')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(q.get('nonce')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    // The attempt's secrets stay on the server: the cookie holds a binding only.
    const cookie = hop.setCookies.find((c) => c.startsWith('lt_oidc='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\/api\/v1\/auth\/oidc/);
    expect(cookie).not.toContain(q.get('state') ?? 'x');
    const { rows } = await sql.query('SELECT state, next FROM oidc_logins WHERE state = $1', [
      q.get('state'),
    ]);
    expect(rows).toEqual([{ state: q.get('state'), next: '/evidence' }]);
  });
});

describe('signing in through the provider', () => {
  it('creates an engineer from an allowed domain, without a password, and keeps a safe next', async () => {
    const { browser, answer } = await signIn('ada', '/evidence?week=2026-11-30#top');
    expect(answer.status).toBe(302);
    expect(answer.location).toBe(`${web()}/evidence?week=2026-11-30#top`);
    expect(answer.setCookies.join('\n')).toMatch(/lt_refresh=[^;]+;.*HttpOnly/i);
    const { me, token } = await sessionOf(browser);
    expect(me).toMatchObject({
      email: 'ada@acme.test',
      name: 'Ada Lovelace',
      role: 'engineer',
      signIn: { password: false, sso: true },
      timeZoneConfirmed: false,
    });
    const { rows } = await sql.query(
      'SELECT issuer, subject, email FROM user_identities WHERE user_id = $1',
      [me.id],
    );
    expect(rows).toEqual([
      { issuer: idp.issuer, subject: idp.subjectOf('ada'), email: 'ada@acme.test' },
    ]);
    expect(idp.subjectOf('ada')).not.toBe('ada');
    // An engineer's rights, no more.
    const users = await call(app, 'GET', `${V1}/users`, { token });
    expect(users.body.items.map((u: { id: string }) => u.id)).toEqual([me.id]);
    expectProblem(await call(app, 'GET', `${V1}/audit`, { token }), 403);
    expectProblem(
      await call(app, 'POST', `${V1}/users`, {
        token,
        body: { email: 'x@acme.test', name: 'X', role: 'admin' },
      }),
      403,
    );
    const entry = await call(app, 'POST', `${V1}/evidence`, {
      token,
      body: { kinds: ['review'], title: 'Reviewed the SSO change', occurredOn: '2026-11-30' },
    });
    expect(entry.status, entry.text).toBe(201);
    // No password: none works.
    for (const password of [TEST_PASSWORD, '']) {
      const login = await call(app, 'POST', `${V1}/auth/login`, {
        body: { email: 'ada@acme.test', password: password || 'x' },
      });
      expectProblem(login, 401);
    }
    const audit = await call(app, 'GET', `${V1}/audit`, { token: await adminOf(app) });
    const made = audit.body.items.find(
      (e: { action: string; target: { id: string } | null }) =>
        e.action === 'user.created_by_sso' && e.target?.id === me.id,
    );
    expect(made?.details).toMatchObject({ issuer: idp.issuer, email: 'ada@acme.test' });
  });

  it('signs the same person into the same account the next time, through the link', async () => {
    const first = await sessionOf((await signIn('twice')).browser);
    // The provider's email changes; the link (issuer and subject) still decides.
    idp.addPerson({ login: 'twice', email: 'tess@acme.test', emailVerified: true, name: 'Tess' });
    const second = await sessionOf((await signIn('twice')).browser);
    expect(second.me.id).toBe(first.me.id);
    expect(await userCount('tess@acme.test')).toBe(0);
    const { rows } = await sql.query(
      'SELECT last_sign_in_at FROM user_identities WHERE user_id = $1',
      [first.me.id],
    );
    expect(rows[0].last_sign_in_at).not.toBeNull();
  });

  it('matches allowed domains whatever their case', async () => {
    const { me } = await sessionOf((await signIn('grace')).browser);
    expect(me).toMatchObject({ email: 'grace@staff.acme.test', role: 'engineer' });
  });

  it('links an existing account by its verified email: same id, same data, password kept', async () => {
    const existing = await registerUser(app, {
      name: 'Linda Existing',
      email: 'linked.person@elsewhere.test',
    });
    const entry = await call(app, 'POST', `${V1}/evidence`, {
      token: existing,
      body: { kinds: ['review'], title: 'Before single sign-on', occurredOn: '2026-11-30' },
    });
    expect(entry.status).toBe(201);
    const { browser, answer } = await signIn('linked');
    expect(answer.location).toBe(`${web()}/`);
    const { me, token } = await sessionOf(browser);
    expect(me).toMatchObject({
      id: existing.id,
      name: 'Linda Existing',
      signIn: { password: true, sso: true },
    });
    const evidence = await call(app, 'GET', `${V1}/evidence`, { token });
    expect(evidence.body.items.map((e: { title: string }) => e.title)).toContain(
      'Before single sign-on',
    );
    const audit = await call(app, 'GET', `${V1}/audit`, { token: await adminOf(app) });
    expect(
      audit.body.items.some(
        (e: { action: string; target: { id: string } | null }) =>
          e.action === 'user.sso_linked' && e.target?.id === existing.id,
      ),
    ).toBe(true);
    const links = await call(app, 'GET', `${V1}/admin/sso`, { token: await adminOf(app) });
    expect(links.status).toBe(200);
    expect(links.body).toMatchObject({
      name: 'Acme ID',
      issuer: idp.issuer,
      redirectUri: callbackPrefix(),
      ssoOnly: false,
    });
    expect(links.body.links.map((l: { user: { id: string } }) => l.user.id)).toContain(existing.id);
  });

  it('refuses an outsider, an unverified email and a deactivated person, creating nobody', async () => {
    const outsider = await signIn('outsider');
    expect(outsider.answer.location).toBe(refusedWith('domain'));
    expect(outsider.browser.cookie(web(), 'lt_refresh')).toBeUndefined();
    expect(await userCount('outsider@elsewhere.test')).toBe(0);

    const unverified = await signIn('unverified');
    expect(unverified.answer.location).toBe(refusedWith('unverified'));
    expect(await userCount('unverified@acme.test')).toBe(0);

    const departed = await sessionOf((await signIn('departed')).browser);
    const off = await call(app, 'POST', `${V1}/users/${departed.me.id}/deactivate`, {
      token: await adminOf(app),
    });
    expect(off.status).toBe(200);
    const again = await signIn('departed');
    expect(again.answer.location).toBe(refusedWith('failed'));
    expect(again.browser.cookie(web(), 'lt_refresh')).toBeUndefined();
    expect(await userCount('departed@acme.test')).toBe(1);
  });

  it('refuses a deactivated account met by its email, as a failed sign-in', async () => {
    const person = await registerUser(app, { name: 'Gone', email: 'gone@acme.test' });
    await call(app, 'POST', `${V1}/users/${person.id}/deactivate`, { token: await adminOf(app) });
    idp.addPerson({ login: 'gone', email: 'gone@acme.test', emailVerified: true, name: 'Gone' });
    expect((await signIn('gone')).answer.location).toBe(refusedWith('failed'));
    const { rows } = await sql.query(
      'SELECT count(*)::int AS n FROM user_identities WHERE user_id = $1',
      [person.id],
    );
    expect(rows[0].n).toBe(0);
  });

  it('says "cancelled" when the person cancels at the provider', async () => {
    const browser = new CookieClient();
    const callback = await throughProvider(browser, start(), callbackPrefix(), subject('ada'), {
      cancel: true,
    });
    expect(new URL(callback).searchParams.get('error')).toBe('access_denied');
    const answer = await browser.request('GET', callback);
    expect(answer.location).toBe(refusedWith('cancelled'));
  });

  it('refuses a tampered state, another browser, and a second use of the callback', async () => {
    const browser = new CookieClient();
    const callback = await throughProvider(browser, start(), callbackPrefix(), subject('ada'));
    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${tampered.searchParams.get('state')}x`);
    // The attempt is spent by the tampered try: the genuine answer cannot follow it.
    expect((await browser.request('GET', tampered.href)).location).toBe(refusedWith('state'));
    expect((await browser.request('GET', callback)).location).toBe(refusedWith('state'));

    const own = new CookieClient();
    const genuine = await throughProvider(own, start(), callbackPrefix(), subject('ada'));
    const stranger = new CookieClient();
    expect((await stranger.request('GET', genuine)).location).toBe(refusedWith('state'));
    // The stranger's try did not spend `own`'s attempt.
    const { rows } = await sql.query(
      'SELECT count(*)::int AS n FROM oidc_logins WHERE state = $1',
      [new URL(genuine).searchParams.get('state')],
    );
    expect(rows[0].n).toBe(1);
    expect((await own.request('GET', genuine)).location).toBe(`${web()}/`);
    expect((await own.request('GET', genuine)).location).toBe(refusedWith('state'));
  });

  it('keeps next only when it is a dashboard path', async () => {
    const dropped = [
      'https://evil.test/',
      '//evil.test/x',
      '/\\evil.test',
      '/%2f%2fevil.test',
      '/%5cevil.test',
      '/.//evil.test',
      '/a/../../evil',
      '/%2e%2e/evil',
      '/x\u0000y',
      '/x\ty',
      '/%09/evil.test',
      'evidence',
      '/login',
      `/${'a'.repeat(2001)}`,
    ];
    for (const next of dropped) expect(safeNextPath(next), JSON.stringify(next)).toBe('/');
    for (const next of ['/', '/evidence', '/people/abc?tab=packet', '/team#top', '/a%20b']) {
      expect(safeNextPath(next)).toBe(next);
    }
    // End to end: an unsafe next lands on the dashboard's home.
    const { answer } = await signIn('ada', '//evil.test/steal');
    expect(answer.location).toBe(`${web()}/`);
  });

  it('works when another API process takes the callback (state in the database)', async () => {
    const database = await openDatabase({ url: handle.databaseUrl, maxConnections: 2 });
    const other: TestApp = await buildTestApp(database, {
      ...ssoEnv(),
      DATABASE_URL: handle.databaseUrl,
      AUTH_RATE_LIMIT: '10000',
    });
    try {
      const browser = new CookieClient();
      const callback = await throughProvider(browser, start(), callbackPrefix(), subject('proc'));
      const url = new URL(callback);
      const res = await other.inject({
        method: 'GET',
        url: url.pathname + url.search,
        headers: { cookie: `lt_oidc=${browser.cookie(web(), 'lt_oidc')}` },
      });
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe(`${web()}/`);
      expect(String(res.headers['set-cookie'])).toMatch(/lt_refresh=/);
    } finally {
      await other.close();
    }
  });

  it('says "unavailable" when the provider is down at the callback, never a 500', async () => {
    const browser = new CookieClient();
    const callback = await throughProvider(browser, start(), callbackPrefix(), subject('ada'));
    await idp.stop();
    try {
      expect((await browser.request('GET', callback)).location).toBe(refusedWith('unavailable'));
    } finally {
      await idp.start();
    }
  });
});

describe('with the provider unreachable or not configured', () => {
  let down: TestApp;
  let off: TestApp;
  beforeAll(async () => {
    const database = await openDatabase({ url: handle.databaseUrl, maxConnections: 2 });
    const deadPort = await freePort();
    down = await buildTestApp(database, {
      ...ssoEnv({ OIDC_ISSUER: `http://127.0.0.1:${deadPort}` }),
      DATABASE_URL: handle.databaseUrl,
      AUTH_RATE_LIMIT: '10000',
    });
    const database2 = await openDatabase({ url: handle.databaseUrl, maxConnections: 2 });
    off = await buildTestApp(database2, {
      WEB_ORIGIN: web(),
      DATABASE_URL: handle.databaseUrl,
      AUTH_RATE_LIMIT: '10000',
    });
  });
  afterAll(async () => {
    await down?.close();
    await off?.close();
  });

  it('sends the browser back to the sign-in page with a code', async () => {
    const res = await call(down, 'GET', `${V1}/auth/oidc/start`);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(refusedWith('unavailable'));
    const none = await call(off, 'GET', `${V1}/auth/oidc/start`);
    expect(none.headers.location).toBe(refusedWith('off'));
    expect(
      (await call(off, 'GET', `${V1}/auth/oidc/callback?code=x&state=y`)).headers.location,
    ).toBe(refusedWith('off'));
    expect((await call(off, 'GET', `${V1}/auth/providers`)).body).toEqual({
      password: true,
      adminPassword: true,
      oidc: null,
    });
  });

  it('answers strange callback and start parameters with a 4xx or a 302, never a 5xx', async () => {
    for (const path of [
      `${V1}/auth/oidc/callback?code=a%00b&state=x`,
      `${V1}/auth/oidc/callback?state=${'x'.repeat(5000)}`,
      `${V1}/auth/oidc/callback?code=%ud800`,
      `${V1}/auth/oidc/callback?state=a&state=b`,
      `${V1}/auth/oidc/callback?error=server_error`,
      `${V1}/auth/oidc/start?next=%00`,
      `${V1}/auth/oidc/start?next=${'a'.repeat(3000)}`,
    ]) {
      const res = await call(app, 'GET', path);
      expect(res.status, path).toBeLessThan(500);
      if (res.status >= 400) expectProblem(res, res.status);
      else expect(res.status, path).toBe(302);
    }
  });
});

describe('SSO_ONLY', () => {
  let ssoOnly: TestApp;
  let breakGlass: TestApp;
  let admin: TestUser;
  let engineer: TestUser;
  beforeAll(async () => {
    admin = await adminOf(app);
    engineer = await registerUser(app, { name: 'Password Person' });
    const open = async (extra: Record<string, string>) =>
      buildTestApp(await openDatabase({ url: handle.databaseUrl, maxConnections: 2 }), {
        ...ssoEnv(extra),
        DATABASE_URL: handle.databaseUrl,
        AUTH_RATE_LIMIT: '10000',
      });
    ssoOnly = await open({ SSO_ONLY: '1' });
    breakGlass = await open({ SSO_ONLY: '1', SSO_BREAK_GLASS: '1' });
  });
  afterAll(async () => {
    await ssoOnly?.close();
    await breakGlass?.close();
  });

  const login = (target: TestApp, who: TestUser) =>
    call(target, 'POST', `${V1}/auth/login`, {
      body: { email: who.email, password: TEST_PASSWORD },
    });

  it('hides passwords from the sign-in page and refuses them, admins too', async () => {
    expect((await call(ssoOnly, 'GET', `${V1}/auth/providers`)).body).toEqual({
      password: false,
      adminPassword: false,
      oidc: { name: 'Acme ID' },
    });
    expect((await call(breakGlass, 'GET', `${V1}/auth/providers`)).body).toMatchObject({
      password: false,
      adminPassword: true,
    });
    expectProblem(await login(ssoOnly, engineer), 403);
    expectProblem(await login(ssoOnly, admin), 403);
    const register = await call(ssoOnly, 'POST', `${V1}/auth/register`, {
      body: { email: 'new@acme.test', name: 'New', password: TEST_PASSWORD },
    });
    expectProblem(register, 403);
    expect(await userCount('new@acme.test')).toBe(0);
  });

  it('with SSO_BREAK_GLASS, lets admins in with their password and nobody else', async () => {
    expect((await login(breakGlass, admin)).status).toBe(200);
    expectProblem(await login(breakGlass, engineer), 403);
  });

  it('refuses password resets for an SSO-created person, and setup links', async () => {
    const { me } = await sessionOf((await signIn('ada')).browser);
    const issued = await call(ssoOnly, 'POST', `${V1}/users/${me.id}/password-reset`, {
      token: admin,
    });
    expectProblem(issued, 403);
    // A link issued before passwords were turned off no longer works either.
    const before = await call(app, 'POST', `${V1}/users/${me.id}/password-reset`, {
      token: admin,
    });
    expect(before.status).toBe(201);
    const token = new URL(before.body.url).searchParams.get('token');
    const used = await call(ssoOnly, 'POST', `${V1}/auth/password-reset`, {
      body: { token, newPassword: TEST_PASSWORD },
    });
    expectProblem(used, 403);
    const created = await call(ssoOnly, 'POST', `${V1}/users`, {
      token: admin,
      body: { email: 'invited@acme.test', name: 'Invited', role: 'engineer' },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ setupUrl: null, expiresAt: null, mailed: false });
    const typed = await call(ssoOnly, 'POST', `${V1}/users`, {
      token: admin,
      body: { email: 'typed@acme.test', name: 'Typed', role: 'engineer', password: TEST_PASSWORD },
    });
    expectProblem(typed, 403);
    expect(await userCount('typed@acme.test')).toBe(0);
  });
});

describe('GET /admin/sso: who may read it', () => {
  it('answers admins only', async () => {
    const admin = await adminOf(app);
    const manager = await registerUser(app, { name: 'A Manager' });
    const report = await registerUser(app, { name: 'A Report' });
    await call(app, 'PATCH', `${V1}/users/${report.id}`, {
      token: admin,
      body: { managerId: manager.id },
    });
    const departed = await registerUser(app, { name: 'Departed Admin Reader' });
    await call(app, 'POST', `${V1}/users/${departed.id}/deactivate`, { token: admin });
    expect((await call(app, 'GET', `${V1}/admin/sso`, { token: admin })).status).toBe(200);
    for (const who of [manager, report]) {
      expectProblem(await call(app, 'GET', `${V1}/admin/sso`, { token: who }), 403);
    }
    expectProblem(await call(app, 'GET', `${V1}/admin/sso`), 401);
    expectProblem(await call(app, 'GET', `${V1}/admin/sso`, { token: departed }), 401);
  });
});
