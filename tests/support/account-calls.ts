// Signing in and the account calls the account tests share (tests/api/account-lifecycle and
// password-reset-links): a fresh sign-in with its refresh cookie, GET /me, refresh, login, a
// personal access token, and the admin-only access table.
import { expect } from 'vitest';
import {
  call,
  expectProblem,
  personalTokenOf,
  type Response,
  TEST_PASSWORD,
  type Team,
  type TestUser,
} from './http';
import type { TestApp } from './test-app';

export const NEW_PASSWORD = 'a brand new password, long enough';

export function cookieOf(res: { headers: Record<string, unknown> }): string {
  const raw = res.headers['set-cookie'];
  const cookies = (Array.isArray(raw) ? raw : [raw]).map(String);
  const cookie = cookies.find((c) => c.startsWith('lt_refresh='));
  expect(cookie, 'a refresh cookie is set').toBeDefined();
  return (cookie as string).split(';')[0] as string;
}

export function accountCalls(app: TestApp, team: Team) {
  /** A fresh sign-in of `user`: its access token and refresh cookie. */
  async function signIn(user: { email: string }, password = TEST_PASSWORD) {
    const res = await call(app, 'POST', '/api/v1/auth/login', {
      body: { email: user.email, password },
    });
    expect(res.status, res.text).toBe(200);
    return { token: res.body.accessToken as string, cookie: cookieOf(res) };
  }

  const me = (token: string) => call(app, 'GET', '/api/v1/me', { token });
  const refresh = (cookie: string) =>
    call(app, 'POST', '/api/v1/auth/refresh', { headers: { cookie } });
  const login = (email: string, password: string) =>
    call(app, 'POST', '/api/v1/auth/login', { body: { email, password } });
  const patOf = (
    user: TestUser,
    body: { name: string; expiresInDays?: number } = { name: 'script' },
  ) => personalTokenOf(app, user, body);
  /**
   * Only an admin may `request` something of a person: the person, a manager and a stranger
   * get 403, a call without a token 401, and the admin 404 for an unknown id.
   */
  async function expectAdminOnly(
    request: (actor: TestUser | undefined, id: string) => Promise<Response>,
  ) {
    const { admin, manager, engineer, stranger } = team;
    for (const actor of [engineer, manager, stranger]) {
      expectProblem(await request(actor, engineer.id), 403);
    }
    expectProblem(await request(undefined, engineer.id), 401);
    expectProblem(await request(admin, 'no-such-user'), 404);
  }
  return { signIn, me, refresh, login, patOf, expectAdminOnly };
}
