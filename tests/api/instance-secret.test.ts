// The JWT signing secret: never a constant. Unset JWT_SECRET → the instance's own random
// secret, kept in its database and shared by every API process on it; JWT_SECRET wins.
import { createHmac } from 'node:crypto';
import { openDatabase } from '@leadtrack/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminOf, call, expectProblem } from '../support/http';
import { buildTestApp, startTestApp, type TestApp, type TestContext } from '../support/test-app';

/** The constant every instance used to sign with when JWT_SECRET was unset. */
const OLD_PUBLIC_SECRET = 'leadtrack-development-secret-not-for-production';

/**
 * `token`'s claims (with `changes`; undefined removes a claim) signed anew with `secret`
 * (HS256), as an attacker who knew the secret would: valid in every way but the signature.
 */
function resign(token: string, secret: string, changes: Record<string, unknown> = {}): string {
  const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ ...claims, ...changes })}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

async function secondApp(databaseUrl: string, env: Record<string, string> = {}): Promise<TestApp> {
  const database = await openDatabase({ url: databaseUrl, maxConnections: 2 });
  return buildTestApp(database, { DATABASE_URL: databaseUrl, ...env });
}

describe('the signing secret when JWT_SECRET is unset', () => {
  let ctx: TestContext;
  let other: TestApp;
  beforeAll(async () => {
    ctx = await startTestApp();
    other = await secondApp(ctx.databaseUrl);
  });
  afterAll(async () => {
    await other.close();
    await ctx.close();
  });

  it('refuses a token forged with the old public constant (401), even for the admin', async () => {
    const admin = await adminOf(ctx.app);
    const forged = resign(admin.token, OLD_PUBLIC_SECRET);
    expectProblem(await call(ctx.app, 'GET', '/api/v1/me', { token: forged }), 401);
    expectProblem(
      await call(ctx.app, 'POST', '/api/v1/users', {
        token: forged,
        body: { email: 'evil@example.test', name: 'Evil', password: 'x'.repeat(16), role: 'admin' },
      }),
      401,
    );
    expect((await call(ctx.app, 'GET', '/api/v1/me', { token: admin.token })).status).toBe(200);
  });

  it('is random, long, kept in the database and shared by every API process on it', async () => {
    // Read through a connection of its own, not the app's.
    const db = await openDatabase({ url: ctx.databaseUrl, maxConnections: 1 });
    const rows = await db
      .query<{ value: string }>("SELECT value FROM instance_secrets WHERE name = 'jwt'")
      .finally(() => db.close());
    expect(rows).toHaveLength(1);
    const secret = rows[0]?.value ?? '';
    expect(Buffer.from(secret, 'base64url')).toHaveLength(48);
    expect(secret).not.toBe(OLD_PUBLIC_SECRET);

    // A token one process signed works on the other, both ways.
    const admin = await adminOf(ctx.app);
    expect((await call(other, 'GET', '/api/v1/me', { token: admin.token })).status).toBe(200);
    const login = await call(other, 'POST', '/api/v1/auth/login', {
      body: { email: admin.email, password: 'correct horse battery staple' },
    });
    expect(login.status, login.text).toBe(200);
    const me = await call(ctx.app, 'GET', '/api/v1/me', { token: login.body.accessToken });
    expect(me.status).toBe(200);
    // And whoever holds the stored secret could sign: it is the one in use.
    expect(
      (await call(ctx.app, 'GET', '/api/v1/me', { token: resign(admin.token, secret) })).status,
    ).toBe(200);
  });

  it('refuses a correctly signed token that has no expiry', async () => {
    const admin = await adminOf(ctx.app);
    const [row] = await ctx.app.db.query<{ value: string }>(
      "SELECT value FROM instance_secrets WHERE name = 'jwt'",
    );
    const secret = row?.value ?? '';
    // Control: the same claims with their expiry, signed with the same secret, work.
    expect(
      (await call(ctx.app, 'GET', '/api/v1/me', { token: resign(admin.token, secret) })).status,
    ).toBe(200);
    const forever = resign(admin.token, secret, { exp: undefined });
    expectProblem(await call(ctx.app, 'GET', '/api/v1/me', { token: forever }), 401);
  });
});

describe('the signing secret when JWT_SECRET is set', () => {
  const configured = 'an operator chosen secret, long enough';
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp({ JWT_SECRET: configured });
  });
  afterAll(() => ctx.close());

  it('signs with JWT_SECRET, not the stored one', async () => {
    const admin = await adminOf(ctx.app);
    expect(
      (await call(ctx.app, 'GET', '/api/v1/me', { token: resign(admin.token, configured) })).status,
    ).toBe(200);
    // An instance secret stored by an earlier run without JWT_SECRET does not sign.
    await ctx.app.db.query(
      "INSERT INTO instance_secrets (name, value) VALUES ('jwt', 'stored-secret-not-in-use-here') ON CONFLICT DO NOTHING",
    );
    const [row] = await ctx.app.db.query<{ value: string }>(
      "SELECT value FROM instance_secrets WHERE name = 'jwt'",
    );
    expectProblem(
      await call(ctx.app, 'GET', '/api/v1/me', { token: resign(admin.token, row?.value ?? '') }),
      401,
    );
    expectProblem(
      await call(ctx.app, 'GET', '/api/v1/me', { token: resign(admin.token, OLD_PUBLIC_SECRET) }),
      401,
    );
  });
});
