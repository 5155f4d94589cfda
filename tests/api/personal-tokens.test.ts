// Personal access tokens that recovery ends: creating one asks the current password (a
// wrong one spends the sign-in failure budget of the email, like a failed sign-in), a
// request made with a token cannot create one, and "sign out everywhere" and a reset link
// revoke them (account-lifecycle.test.ts checks those two). A wrong current password on
// POST /me/password spends the same budget.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  expectProblem,
  personalTokenOf,
  type Response,
  TEST_PASSWORD,
  type TestUser,
  uniqueEmail,
} from '../support/http';
import { useTestApp } from '../support/test-app';

const LIMIT = 3;
const { app } = useTestApp({ AUTH_RATE_LIMIT: String(LIMIT) });

// Each sign-up and sign-in comes from its own address, so only the email's failures can
// run out (never the per-address budget of the test's one loopback address).
let lastOctet = 0;
async function fromNewAddress(url: string, payload: object): Promise<Response> {
  lastOctet += 1;
  const res = await app.inject({
    method: 'POST',
    url,
    payload,
    remoteAddress: `10.77.${Math.floor(lastOctet / 250)}.${lastOctet % 250}`,
  });
  return { status: res.statusCode, headers: res.headers, body: res.json(), text: res.body };
}
async function registerUser(name = 'Token Person'): Promise<TestUser> {
  const res = await fromNewAddress('/api/v1/auth/register', {
    email: uniqueEmail('tokens'),
    name,
    password: TEST_PASSWORD,
  });
  expect(res.status, res.text).toBe(201);
  return { ...res.body.user, token: res.body.accessToken };
}
const login = (user: TestUser, password: string) =>
  fromNewAddress('/api/v1/auth/login', { email: user.email, password });

let admin: TestUser;
beforeAll(async () => {
  admin = await registerUser('Admin'); // the first user of the database
  expect(admin.role).toBe('admin');
});

const createToken = (token: string | undefined, body: Record<string, unknown>) =>
  call(app, 'POST', '/api/v1/me/tokens', { token, body });
const changePassword = (user: TestUser, currentPassword: string) =>
  call(app, 'POST', '/api/v1/me/password', {
    token: user.token,
    body: { currentPassword, newPassword: 'a brand new passphrase' },
  });
const tokensOf = async (user: TestUser) =>
  (await call(app, 'GET', '/api/v1/me/tokens', { token: user.token })).body.items as unknown[];

describe('POST /me/tokens', () => {
  it('needs the current password: missing or wrong is a 400 naming it, nothing stored', async () => {
    const user = await registerUser();
    expectProblem(await createToken(user.token, { name: 'ci' }), 400, ['currentPassword']);
    const wrong = await createToken(user.token, { name: 'ci', currentPassword: 'not it at all' });
    expectProblem(wrong, 400, ['currentPassword']);
    expect(wrong.body.errors[0].message).toMatch(/not your current password/);
    expect(await tokensOf(user)).toEqual([]);
    const made = await createToken(user.token, { name: 'ci', currentPassword: TEST_PASSWORD });
    expect(made.status, made.text).toBe(201);
    expect(await tokensOf(user)).toHaveLength(1);
  });

  it('access: a session 201; a personal access token 403 (even with the password); deactivated and no token 401', async () => {
    const user = await registerUser();
    const pat = await personalTokenOf(app, user, { name: 'short', expiresInDays: 1 });
    // A 1-day token cannot mint a 365-day one.
    const minted = await createToken(pat.token, {
      name: 'long',
      expiresInDays: 365,
      currentPassword: TEST_PASSWORD,
    });
    expectProblem(minted, 403);
    expect(minted.body.detail).toMatch(/personal access token cannot create tokens/);
    // Refused before the body is read: a token learns nothing about the password.
    expectProblem(await createToken(pat.token, {}), 403);
    expect(await tokensOf(user)).toHaveLength(1);

    const leaver = await registerUser();
    const off = await call(app, 'POST', `/api/v1/users/${leaver.id}/deactivate`, {
      token: admin.token,
    });
    expect(off.status, off.text).toBe(200);
    expectProblem(
      await createToken(leaver.token, { name: 'x', currentPassword: TEST_PASSWORD }),
      401,
    );
    expectProblem(await createToken(undefined, { name: 'x', currentPassword: TEST_PASSWORD }), 401);
  });

  it('wrong current passwords spend the sign-in failure budget: then 429 here and at sign-in', async () => {
    const user = await registerUser();
    for (let i = 0; i < LIMIT; i++) {
      expectProblem(
        await createToken(user.token, { name: 'guess', currentPassword: `guess number ${i}` }),
        400,
        ['currentPassword'],
      );
    }
    const limited = await createToken(user.token, { name: 'ok', currentPassword: TEST_PASSWORD });
    expectProblem(limited, 429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expectProblem(await login(user, TEST_PASSWORD), 429);
    expectProblem(await changePassword(user, TEST_PASSWORD), 429);
    expect(await tokensOf(user)).toEqual([]);
  });
});

describe('POST /me/password', () => {
  it('wrong current passwords spend the same budget: 400 naming it, then 429 (also at sign-in)', async () => {
    const user = await registerUser();
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++)
      statuses.push((await changePassword(user, `wrong password ${i}`)).status);
    expect(statuses).toEqual([...Array(LIMIT).fill(400), 429, 429]);
    expectProblem(await changePassword(user, TEST_PASSWORD), 429);
    expectProblem(await login(user, TEST_PASSWORD), 429);
    // Nothing changed: the old password is still the one (once the minute passes).
    const other = await registerUser();
    expectProblem(await changePassword(other, 'wrong once'), 400, ['currentPassword']);
    expect((await changePassword(other, TEST_PASSWORD)).status).toBe(204);
    expect((await login(other, 'a brand new passphrase')).status).toBe(200);
  });
});
