// Bringing people in (issue 19): an admin adds a person without typing a password for them
// and gets a one-time setup link (7 days), mailed to the person when mail is set up; the
// person chooses their password there and is signed in. Once only, until it expires, never
// for a deactivated person. Time zones are stored and shown under their current IANA names.
import { describe, expect, it } from 'vitest';
import {
  adminOf,
  call,
  expectProblem,
  makeTeam,
  registerUser,
  TEST_PASSWORD,
  uniqueEmail,
} from '../support/http';
import { startSmtpCatcher } from '../support/smtp-catcher';
import { useFixture, useTestApp } from '../support/test-app';

const V1 = '/api/v1';
const WEB = 'https://leadtrack.example.test';
const smtp = useFixture(startSmtpCatcher, (s) => s.close());
const { app, sql } = useTestApp(() => ({ SMTP_URL: smtp.url, WEB_ORIGIN: `${WEB},http://x.test` }));
const team = useFixture(() => makeTeam(app));

const tokenOf = (setupUrl: string) => new URL(setupUrl).searchParams.get('token') ?? '';

async function invite(body: Record<string, unknown> = {}) {
  const email = uniqueEmail('invited');
  const res = await call(app, 'POST', `${V1}/users`, {
    token: await adminOf(app),
    body: { email, name: 'Invited Person', role: 'engineer', ...body },
  });
  expect(res.status, res.text).toBe(201);
  return { email, ...res.body };
}

const setUp = (token: string, password = TEST_PASSWORD) =>
  call(app, 'POST', `${V1}/auth/setup`, { body: { token, password } });

describe('POST /users without a password', () => {
  it('answers the person, a one-time link on the first WEB_ORIGIN for 7 days, mailed to them', async () => {
    const before = Date.now();
    const created = await invite();
    expect(created.user).toMatchObject({ email: created.email, role: 'engineer' });
    expect(created.setupUrl).toMatch(new RegExp(`^${WEB}/setup\\?token=[A-Za-z0-9_-]{40,}$`));
    const days = (Date.parse(created.expiresAt) - before) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThan(7.01);
    expect(created.mailed).toBe(true);
    const [mail] = smtp.to(created.email);
    expect(mail?.subject).toBe('Your Leadtrack account: choose your password');
    expect(mail?.text).toContain(created.setupUrl);
    // Only the hash of the secret is stored.
    const { rows } = await sql.query(
      'SELECT token_hash, purpose FROM password_resets WHERE user_id = $1',
      [created.user.id],
    );
    expect(rows).toEqual([
      { token_hash: expect.not.stringContaining(tokenOf(created.setupUrl)), purpose: 'setup' },
    ]);
    // No password yet: nothing signs in with one.
    const login = await call(app, 'POST', `${V1}/auth/login`, {
      body: { email: created.email, password: TEST_PASSWORD },
    });
    expectProblem(login, 401);
  });

  it('still answers the user alone when a password is given', async () => {
    const res = await call(app, 'POST', `${V1}/users`, {
      token: await adminOf(app),
      body: {
        email: uniqueEmail('typed'),
        name: 'Typed',
        role: 'engineer',
        password: TEST_PASSWORD,
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).not.toHaveProperty('setupUrl');
    expect(res.body.role).toBe('engineer');
  });

  it('is for admins only', async () => {
    const body = { email: uniqueEmail('nope'), name: 'Nope', role: 'engineer' };
    for (const who of [team.manager, team.engineer]) {
      expectProblem(await call(app, 'POST', `${V1}/users`, { token: who, body }), 403);
    }
    expectProblem(await call(app, 'POST', `${V1}/users`, { body }), 401);
    const { rows } = await sql.query('SELECT count(*)::int AS n FROM users WHERE email = $1', [
      body.email,
    ]);
    expect(rows[0].n).toBe(0);
  });
});

describe('POST /auth/setup', () => {
  it('sets the password and signs the person in, once', async () => {
    const created = await invite();
    const res = await setUp(tokenOf(created.setupUrl));
    expect(res.status, res.text).toBe(200);
    expect(res.body.user).toMatchObject({ id: created.user.id, email: created.email });
    expect(String(res.headers['set-cookie'])).toMatch(/lt_refresh=.+HttpOnly/i);
    const me = await call(app, 'GET', `${V1}/me`, { token: res.body.accessToken });
    expect(me.body).toMatchObject({
      id: created.user.id,
      signIn: { password: true, sso: false },
      timeZoneConfirmed: false,
    });
    const login = await call(app, 'POST', `${V1}/auth/login`, {
      body: { email: created.email, password: TEST_PASSWORD },
    });
    expect(login.status).toBe(200);
    expectProblem(await setUp(tokenOf(created.setupUrl), 'another long password'), 400, ['token']);
    const audit = await call(app, 'GET', `${V1}/audit`, { token: await adminOf(app) });
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain(
      'user.setup_link_used',
    );
  });

  it('refuses an expired link, an unknown one, and a reset link', async () => {
    const created = await invite();
    await sql.query(
      "UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE user_id = $1",
      [created.user.id],
    );
    expectProblem(await setUp(tokenOf(created.setupUrl)), 400, ['token']);
    expectProblem(await setUp('not-a-token-anyone-issued'), 400, ['token']);
    const reset = await call(app, 'POST', `${V1}/users/${team.engineer.id}/password-reset`, {
      token: await adminOf(app),
    });
    expectProblem(await setUp(tokenOf(reset.body.url)), 400, ['token']);
    // And a setup link is no reset link.
    const other = await invite();
    const asReset = await call(app, 'POST', `${V1}/auth/password-reset`, {
      body: { token: tokenOf(other.setupUrl), newPassword: TEST_PASSWORD },
    });
    expectProblem(asReset, 400, ['token']);
  });

  it('refuses a deactivated person', async () => {
    const created = await invite();
    const off = await call(app, 'POST', `${V1}/users/${created.user.id}/deactivate`, {
      token: await adminOf(app),
    });
    expect(off.status).toBe(200);
    expectProblem(await setUp(tokenOf(created.setupUrl)), 400, ['token']);
  });

  it('names every bad field and stores nothing', async () => {
    const res = await call(app, 'POST', `${V1}/auth/setup`, {
      body: { token: 'a\u0000b', password: 'short', extra: 1 },
    });
    expectProblem(res, 400);
    const paths = res.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(expect.arrayContaining(['password', 'token']));
  });
});

describe('time zones by their current names', () => {
  it('stores old aliases under the current name and keeps current names', async () => {
    const kolkata = await invite({ timeZone: 'Asia/Calcutta' });
    const session = await setUp(tokenOf(kolkata.setupUrl));
    const me = await call(app, 'GET', `${V1}/me`, { token: session.body.accessToken });
    expect(me.body.timeZone).toBe('Asia/Kolkata');

    const nuuk = await registerUser(app, { name: 'Nuuk', timeZone: 'America/Godthab' });
    const nuukMe = await call(app, 'GET', `${V1}/me`, { token: nuuk });
    expect(nuukMe.body).toMatchObject({ timeZone: 'America/Nuuk', timeZoneConfirmed: true });

    for (const [sent, stored] of [
      ['Europe/Kiev', 'Europe/Kyiv'],
      ['Europe/Kyiv', 'Europe/Kyiv'],
      ['Asia/Kolkata', 'Asia/Kolkata'],
      ['America/Nuuk', 'America/Nuuk'],
      ['US/Pacific', 'America/Los_Angeles'],
    ]) {
      const res = await call(app, 'PATCH', `${V1}/me`, { token: nuuk, body: { timeZone: sent } });
      expect(res.status, res.text).toBe(200);
      expect(res.body.timeZone).toBe(stored);
    }
  });

  it('asks a person an admin added until they save a zone', async () => {
    const created = await invite({ timeZone: 'Europe/Berlin' });
    const session = await setUp(tokenOf(created.setupUrl));
    const token = session.body.accessToken;
    expect((await call(app, 'GET', `${V1}/me`, { token })).body.timeZoneConfirmed).toBe(false);
    const kept = await call(app, 'PATCH', `${V1}/me`, {
      token,
      body: { timeZone: 'Europe/Berlin' },
    });
    expect(kept.body).toMatchObject({ timeZone: 'Europe/Berlin', timeZoneConfirmed: true });
    expect((await call(app, 'GET', `${V1}/me`, { token })).body.timeZoneConfirmed).toBe(true);
  });

  it('refuses a name that is no zone', async () => {
    const res = await call(app, 'PATCH', `${V1}/me`, {
      token: team.engineer,
      body: { timeZone: 'Asia/Nowhere' },
    });
    expectProblem(res, 400, ['timeZone']);
  });
});
