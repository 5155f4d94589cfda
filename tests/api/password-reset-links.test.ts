// One-time password-reset links (API.md "Accounts and trust"), from account-lifecycle.test.ts:
// issued by admins, used once, expiring, replaced by a newer link, and none for a deactivated
// account.
import { describe, expect, it } from 'vitest';
import { accountCalls, NEW_PASSWORD } from '../support/account-calls';
import {
  adminOf,
  type Caller,
  call,
  expectProblem,
  registerUser,
  TEST_PASSWORD,
} from '../support/http';
import { useTeam } from '../support/team';

const JWT_SECRET = 'account-lifecycle-test-secret-0123456789';
const WEB_ORIGIN = 'https://leadtrack.example.test, http://localhost:3000';
const DAY_MS = 24 * 60 * 60 * 1000;

describe('account lifecycle: password-reset links', () => {
  const { app, team } = useTeam({ JWT_SECRET, WEB_ORIGIN });
  const { signIn, me, refresh, login, patOf, expectAdminOnly } = accountCalls(app, team);

  describe('password-reset links', () => {
    const issue = (actor: Caller, id: string) =>
      call(app, 'POST', `/api/v1/users/${id}/password-reset`, { token: actor });
    const use = (token: string, newPassword = NEW_PASSWORD) =>
      call(app, 'POST', '/api/v1/auth/password-reset', { body: { token, newPassword } });
    const tokenIn = (url: string) => new URL(url).searchParams.get('token') as string;

    it('issues a one-time link on the dashboard (24 h); using it sets the password and ends every session', async () => {
      const admin = await adminOf(app);
      const forgetful = await registerUser(app);
      const session = await signIn(forgetful);
      const pat = await patOf(forgetful);

      const link = await issue(admin, forgetful.id);
      expect(link.status, link.text).toBe(201);
      expect(link.body.url).toMatch(
        /^https:\/\/leadtrack\.example\.test\/reset-password\?token=[\w-]{20,}$/,
      );
      expect(Math.abs(Date.parse(link.body.expiresAt) - (Date.now() + DAY_MS))).toBeLessThan(
        60_000,
      );
      const secret = tokenIn(link.body.url);
      // Only a hash is stored.
      const stored = await app.db.query<{ token_hash: string }>(
        'SELECT token_hash FROM password_resets WHERE user_id = $1',
        [forgetful.id],
      );
      expect(stored).toHaveLength(1);
      expect(stored[0]?.token_hash).not.toContain(secret);

      expectProblem(await use(secret, 'short'), 400, ['newPassword']);
      expect((await me(session.token)).status).toBe(200); // a refused use changes nothing

      expect((await use(secret)).status).toBe(204);
      expectProblem(await me(session.token), 401);
      expectProblem(await refresh(session.cookie), 401);
      expectProblem(await me(forgetful.token), 401);
      // Personal access tokens too: one made from a stolen session must not survive.
      expectProblem(await me(pat.token), 401);
      expectProblem(await login(forgetful.email, TEST_PASSWORD), 401);
      expect((await login(forgetful.email, NEW_PASSWORD)).status).toBe(200);

      // Once only.
      expectProblem(await use(secret, 'yet another new password'), 400, ['token']);
      expect((await login(forgetful.email, NEW_PASSWORD)).status).toBe(200);
    });

    it('refuses unknown and expired links, and a newer link replaces an older one', async () => {
      const admin = await adminOf(app);
      const user = await registerUser(app);
      expectProblem(await use('no-such-token'), 400, ['token']);
      expectProblem(
        await call(app, 'POST', '/api/v1/auth/password-reset', {
          body: { token: '', newPassword: 'x' },
        }),
        400,
        ['token', 'newPassword'],
      );

      const expired = tokenIn((await issue(admin, user.id)).body.url);
      await app.db.query(
        "UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE user_id = $1",
        [user.id],
      );
      expectProblem(await use(expired), 400, ['token']);

      const older = tokenIn((await issue(admin, user.id)).body.url);
      const newer = tokenIn((await issue(admin, user.id)).body.url);
      expectProblem(await use(older), 400, ['token']);
      expect((await use(newer)).status).toBe(204);
      expect((await login(user.email, NEW_PASSWORD)).status).toBe(200);
    });

    it('a deactivated account gets no link (409), and deactivation voids a pending one', async () => {
      const admin = await adminOf(app);
      const user = await registerUser(app);
      const pending = tokenIn((await issue(admin, user.id)).body.url);
      expect(
        (await call(app, 'POST', `/api/v1/users/${user.id}/deactivate`, { token: admin.token }))
          .status,
      ).toBe(200);
      expectProblem(await issue(admin, user.id), 409);
      expectProblem(await use(pending), 400, ['token']);
      expect(
        (await call(app, 'POST', `/api/v1/users/${user.id}/reactivate`, { token: admin.token }))
          .status,
      ).toBe(200);
      expect((await issue(admin, user.id)).status).toBe(201);
    });

    it('is issued by admins only: 403 for the person, their manager and strangers; 401 without a token', async () => {
      await expectAdminOnly(issue);
      const rows = await app.db.query('SELECT 1 FROM password_resets WHERE user_id = $1', [
        team.engineer.id,
      ]);
      expect(rows).toEqual([]);
    });
  });
});
