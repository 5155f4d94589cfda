import { describe, expect, it } from 'vitest';
import {
  adminOf,
  call,
  expectProblem,
  registerUser,
  TEST_PASSWORD,
  uniqueEmail,
} from '../support/http';
import { useTestApp } from '../support/test-app';

const REGISTER = '/api/v1/auth/register';
const LOGIN = '/api/v1/auth/login';

function refreshCookie(res: { headers: Record<string, unknown> }): string {
  const raw = res.headers['set-cookie'];
  const cookies = (Array.isArray(raw) ? raw : [raw]).map(String);
  const cookie = cookies.find((c) => c.startsWith('lt_refresh='));
  expect(cookie, 'a refresh cookie is set').toBeDefined();
  return cookie as string;
}

const cookieValue = (setCookie: string) => setCookie.split(';')[0] as string;

describe('accounts', () => {
  const ctx = useTestApp();
  it('makes the first user of an empty instance an admin and later ones engineers', async () => {
    const admin = await adminOf(ctx.app);
    expect(admin.role).toBe('admin');
    const next = await registerUser(ctx.app);
    expect(next.role).toBe('engineer');
    expect(next.managerId).toBeNull();
  });

  it('registers with a normalised email, sets a strict httpOnly refresh cookie, hides the hash', async () => {
    const res = await call(ctx.app, 'POST', REGISTER, {
      body: { email: '  Mixed.Case@Example.TEST ', name: 'Ada', password: TEST_PASSWORD },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.user).toEqual({
      id: expect.any(String),
      email: 'mixed.case@example.test',
      name: 'Ada',
      role: 'engineer',
      managerId: null,
      deactivatedAt: null,
    });
    expect(res.text).not.toMatch(/argon|passwordHash|password_hash/);
    const cookie = refreshCookie(res);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/api\/v1\/auth/);

    const me = await call(ctx.app, 'GET', '/api/v1/me', { token: res.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      ...res.body.user,
      timeZone: 'UTC',
      timeZoneConfirmed: true,
      signIn: { password: true, sso: false },
    });
  });

  it('refuses a second account with the same email in any case (409)', async () => {
    const email = uniqueEmail('dup');
    await registerUser(ctx.app, { email });
    const again = await call(ctx.app, 'POST', REGISTER, {
      body: { email: email.toUpperCase(), name: 'Dup', password: TEST_PASSWORD },
    });
    expectProblem(again, 409);
  });

  it('validates registration, naming every bad field, and stores nothing', async () => {
    const email = uniqueEmail('bad');
    const res = await call(ctx.app, 'POST', REGISTER, {
      body: { email: 'not-an-email', name: '', password: 'short', role: 'admin' },
    });
    expectProblem(res, 400, ['email', 'name', 'password', 'role']);
    const long = await call(ctx.app, 'POST', REGISTER, {
      body: { email, name: 'Long', password: 'x'.repeat(201) },
    });
    expectProblem(long, 400, ['password']);
    const login = await call(ctx.app, 'POST', LOGIN, {
      body: { email, password: 'x'.repeat(201) },
    });
    expectProblem(login, 400, ['password']);
    // Nothing was stored: the email is still free.
    expect((await registerUser(ctx.app, { email })).email).toBe(email);
  });

  it('refuses malformed JSON and oversized bodies with problems', async () => {
    const malformed = await ctx.app.inject({
      method: 'POST',
      url: REGISTER,
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toMatch(/problem\+json/);
    const huge = await call(ctx.app, 'POST', REGISTER, {
      body: { email: uniqueEmail(), name: 'x'.repeat(70 * 1024), password: TEST_PASSWORD },
    });
    expectProblem(huge, 413);
  });

  it('signs in; unknown email and wrong password give the same 401', async () => {
    const user = await registerUser(ctx.app);
    const ok = await call(ctx.app, 'POST', LOGIN, {
      body: { email: user.email.toUpperCase(), password: TEST_PASSWORD },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.user.id).toBe(user.id);
    refreshCookie(ok);

    const wrong = await call(ctx.app, 'POST', LOGIN, {
      body: { email: user.email, password: 'wrong password!!' },
    });
    const unknown = await call(ctx.app, 'POST', LOGIN, {
      body: { email: uniqueEmail('nobody'), password: 'wrong password!!' },
    });
    expectProblem(wrong, 401);
    expectProblem(unknown, 401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it('rotates the refresh token, and a reused one revokes the whole family', async () => {
    const user = await registerUser(ctx.app);
    const login = await call(ctx.app, 'POST', LOGIN, {
      body: { email: user.email, password: TEST_PASSWORD },
    });
    const first = cookieValue(refreshCookie(login));

    const r1 = await call(ctx.app, 'POST', '/api/v1/auth/refresh', { headers: { cookie: first } });
    expect(r1.status, r1.text).toBe(200);
    expect((await call(ctx.app, 'GET', '/api/v1/me', { token: r1.body.accessToken })).status).toBe(
      200,
    );
    const second = cookieValue(refreshCookie(r1));
    expect(second).not.toBe(first);

    // The first token again: a replay. It fails and takes the live one down with it.
    expectProblem(
      await call(ctx.app, 'POST', '/api/v1/auth/refresh', { headers: { cookie: first } }),
      401,
    );
    expectProblem(
      await call(ctx.app, 'POST', '/api/v1/auth/refresh', { headers: { cookie: second } }),
      401,
    );
    expectProblem(await call(ctx.app, 'POST', '/api/v1/auth/refresh'), 401);
  });

  it('logout revokes the refresh token and clears the cookie', async () => {
    const user = await registerUser(ctx.app);
    const login = await call(ctx.app, 'POST', LOGIN, {
      body: { email: user.email, password: TEST_PASSWORD },
    });
    const cookie = cookieValue(refreshCookie(login));
    const out = await call(ctx.app, 'POST', '/api/v1/auth/logout', { headers: { cookie } });
    expect(out.status).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/lt_refresh=;/);
    expectProblem(
      await call(ctx.app, 'POST', '/api/v1/auth/refresh', { headers: { cookie } }),
      401,
    );
  });

  it('rejects missing, malformed, forged and expired access tokens with 401', async () => {
    expectProblem(await call(ctx.app, 'GET', '/api/v1/me'), 401);
    expectProblem(
      await call(ctx.app, 'GET', '/api/v1/me', { headers: { authorization: 'Basic abc' } }),
      401,
    );
    expectProblem(await call(ctx.app, 'GET', '/api/v1/me', { token: 'not.a.jwt' }), 401);
    const user = await registerUser(ctx.app);
    // The user's real, live session: only the signature or the expiry is wrong below.
    const sid = ctx.app.jwt.decode<{ sid: string }>(user.token)?.sid as string;
    const forged = ctx.app.jwt.sign({ sub: user.id, sid }, { key: 'another-secret-entirely' });
    expectProblem(await call(ctx.app, 'GET', '/api/v1/me', { token: forged }), 401);
    // Issued long ago with a one-minute life: expired, though correctly signed.
    const longAgo = { sub: user.id, sid, iat: 1_000_000 } as { sub: string; sid: string };
    const expired = ctx.app.jwt.sign(longAgo, { expiresIn: 60 });
    expectProblem(await call(ctx.app, 'GET', '/api/v1/me', { token: expired }), 401);
  });

  it('logout ends the session: its access token stops at once', async () => {
    const user = await registerUser(ctx.app);
    const login = await call(ctx.app, 'POST', LOGIN, {
      body: { email: user.email, password: TEST_PASSWORD },
    });
    const token = login.body.accessToken as string;
    expect((await call(ctx.app, 'GET', '/api/v1/me', { token })).status).toBe(200);
    const cookie = cookieValue(refreshCookie(login));
    expect(
      (await call(ctx.app, 'POST', '/api/v1/auth/logout', { headers: { cookie } })).status,
    ).toBe(204);
    expectProblem(await call(ctx.app, 'GET', '/api/v1/me', { token }), 401);
    // The registration's own session is another one, still live.
    expect((await call(ctx.app, 'GET', '/api/v1/me', { token: user.token })).status).toBe(200);
  });

  it('personal access tokens: shown once, listed without the secret, revocable', async () => {
    const user = await registerUser(ctx.app);
    const created = await call(ctx.app, 'POST', '/api/v1/me/tokens', {
      token: user.token,
      body: { name: 'CLI', currentPassword: TEST_PASSWORD },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'CLI',
      token: expect.any(String),
      expiresAt: expect.any(String),
    });
    const pat = created.body.token as string;
    expect(pat).toMatch(/^lt_pat_/);

    const me = await call(ctx.app, 'GET', '/api/v1/me', { token: pat });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(user.id);

    const list = await call(ctx.app, 'GET', '/api/v1/me/tokens', { token: user.token });
    expect(list.body.items).toEqual([
      {
        id: created.body.id,
        name: 'CLI',
        createdAt: expect.any(String),
        lastUsedAt: expect.any(String),
        expiresAt: created.body.expiresAt,
      },
    ]);
    expect(list.text).not.toContain(pat.slice(7));

    // Another user cannot see or revoke it.
    const other = await registerUser(ctx.app);
    expect(
      (await call(ctx.app, 'GET', '/api/v1/me/tokens', { token: other.token })).body.items,
    ).toEqual([]);
    expectProblem(
      await call(ctx.app, 'DELETE', `/api/v1/me/tokens/${created.body.id}`, { token: other.token }),
      404,
    );

    const revoke = await call(ctx.app, 'DELETE', `/api/v1/me/tokens/${created.body.id}`, {
      token: user.token,
    });
    expect(revoke.status).toBe(204);
    expectProblem(await call(ctx.app, 'GET', '/api/v1/me', { token: pat }), 401);
    expectProblem(
      await call(ctx.app, 'DELETE', `/api/v1/me/tokens/${created.body.id}`, { token: user.token }),
      404,
    );
    expectProblem(
      await call(ctx.app, 'POST', '/api/v1/me/tokens', {
        token: user.token,
        body: { name: '', currentPassword: TEST_PASSWORD },
      }),
      400,
      ['name'],
    );
    expectProblem(await call(ctx.app, 'GET', '/api/v1/me/tokens'), 401);
  });

  it('never stores a password or token in plain text', async () => {
    const user = await registerUser(ctx.app);
    const pat = await call(ctx.app, 'POST', '/api/v1/me/tokens', {
      token: user.token,
      body: { name: 'check', currentPassword: TEST_PASSWORD },
    });
    const row = await ctx.app.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    const stored = await ctx.app.prisma.personalAccessToken.findUniqueOrThrow({
      where: { id: pat.body.id },
    });
    expect(stored.tokenHash).not.toContain(pat.body.token.slice(7));
  });
});

describe('closed signup', () => {
  const ctx = useTestApp({ SIGNUP: 'closed' });

  it('lets the first user in as admin, then only admins create users', async () => {
    const admin = await adminOf(ctx.app);
    const res = await call(ctx.app, 'POST', REGISTER, {
      body: { email: uniqueEmail(), name: 'Late', password: TEST_PASSWORD },
    });
    expectProblem(res, 403);
    const created = await call(ctx.app, 'POST', '/api/v1/users', {
      token: admin.token,
      body: { email: uniqueEmail('made'), name: 'Made', password: TEST_PASSWORD, role: 'engineer' },
    });
    expect(created.status, created.text).toBe(201);
  });
});

describe('rate limiting of sign-in and sign-up', () => {
  const ctx = useTestApp({ AUTH_RATE_LIMIT: '3' });

  /** The statuses of `count` attempts made one after another (the i-th gets i). */
  async function statusesOf(
    count: number,
    attempt: (i: number) => Promise<{ statusCode: number }>,
  ) {
    const statuses: number[] = [];
    for (let i = 0; i < count; i++) statuses.push((await attempt(i)).statusCode);
    return statuses;
  }

  it('allows the limit per email, then answers 429 problem+json', async () => {
    const email = uniqueEmail('limited');
    const attempt = (ip: string) =>
      ctx.app.inject({
        method: 'POST',
        url: LOGIN,
        remoteAddress: ip,
        payload: { email, password: 'wrong password!!' },
      });
    // Different addresses, one email: the per-email budget runs out.
    const statuses = [];
    for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4']) {
      statuses.push((await attempt(ip)).statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await attempt('10.0.0.5');
    expect(limited.headers['content-type']).toMatch(/problem\+json/);
    expect(limited.json()).toMatchObject({ status: 429 });
  });

  it('counts failed sign-ins only per email: correct passwords never lock the person out', async () => {
    const user = await registerUser(ctx.app);
    const attempt = (ip: string, password: string) =>
      ctx.app.inject({
        method: 'POST',
        url: LOGIN,
        remoteAddress: ip,
        payload: { email: user.email, password },
      });
    // Five correct sign-ins from different addresses: over the limit of 3, all fine.
    const good = await statusesOf(5, (i) => attempt(`10.4.0.${i}`, TEST_PASSWORD));
    expect(good).toEqual([200, 200, 200, 200, 200]);
    // Three failures spend the email's budget; then even the right password waits.
    const bad = await statusesOf(3, (i) => attempt(`10.5.0.${i}`, 'wrong password!!'));
    expect(bad).toEqual([401, 401, 401]);
    const locked = await attempt('10.5.1.1', TEST_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['content-type']).toMatch(/problem\+json/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('keys the address on X-Forwarded-For from a trusted (loopback) peer only', async () => {
    const attempt = (remoteAddress: string, forwardedFor: string) =>
      ctx.app.inject({
        method: 'POST',
        url: LOGIN,
        remoteAddress,
        headers: { 'x-forwarded-for': forwardedFor },
        payload: { email: uniqueEmail('xff'), password: 'wrong password!!' },
      });
    // Through the dashboard's server (loopback): each visitor has their own budget.
    const viaDashboard = await statusesOf(4, (i) => attempt('127.0.0.1', `10.1.0.${i}`));
    expect(viaDashboard).toEqual([401, 401, 401, 401]);
    // From an untrusted peer the header is ignored: changing it does not buy more tries.
    const spoofed = await statusesOf(4, (i) => attempt('10.2.0.1', `10.3.0.${i}`));
    expect(spoofed).toEqual([401, 401, 401, 429]);
  });

  it('limits password-reset attempts per address like sign-in', async () => {
    const statuses = await statusesOf(4, (i) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset',
        remoteAddress: '10.7.7.7',
        payload: { token: `guess-${i}`, newPassword: 'a guessed new password' },
      }),
    );
    expect(statuses).toEqual([400, 400, 400, 429]);
  });

  it('allows the limit per address across emails', async () => {
    const statuses = await statusesOf(4, (i) =>
      ctx.app.inject({
        method: 'POST',
        url: LOGIN,
        remoteAddress: '10.9.9.9',
        payload: { email: uniqueEmail(`ip${i}`), password: 'wrong password!!' },
      }),
    );
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});
