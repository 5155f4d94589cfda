// Account lifecycle (API.md "Accounts and trust"): sessions with an absolute lifetime,
// expiring personal access tokens, the caller's profile and password, signing out
// elsewhere, deactivation and reactivation, and the invariants on roles (last active admin,
// managers with reports). One-time password-reset links: password-reset-links.test.ts.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { accountCalls, NEW_PASSWORD } from '../support/account-calls';
import {
  adminOf,
  call,
  expectProblem,
  patchUser,
  registerReport,
  registerUser,
  setManager,
  TEST_PASSWORD,
  type TestUser,
} from '../support/http';
import { useTeam } from '../support/team';

const JWT_SECRET = 'account-lifecycle-test-secret-0123456789';
const WEB_ORIGIN = 'https://leadtrack.example.test, http://localhost:3000';
const DAY_MS = 24 * 60 * 60 * 1000;

/** An HS256 JWT signed with the instance's secret, with exactly these claims. */
function signRaw(claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${unsigned}.${createHmac('sha256', JWT_SECRET).update(unsigned).digest('base64url')}`;
}

describe('account lifecycle', () => {
  const { app, team } = useTeam({ JWT_SECRET, WEB_ORIGIN });
  const { signIn, me, refresh, login, patOf, expectAdminOnly } = accountCalls(app, team);
  const sidOf = (token: string) =>
    JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString()).sid as string;

  describe('sessions and access tokens', () => {
    it('access tokens carry their session and expiry; without either they are refused', async () => {
      const user = await registerUser(app);
      const claims = JSON.parse(
        Buffer.from(user.token.split('.')[1] as string, 'base64url').toString(),
      );
      expect(claims).toMatchObject({
        sub: user.id,
        sid: expect.any(String),
        exp: expect.any(Number),
      });
      const now = Math.floor(Date.now() / 1000);
      // Correctly signed, same claims: the control works, each omission does not.
      expect(
        (await me(signRaw({ sub: user.id, sid: claims.sid, iat: now, exp: now + 60 }))).status,
      ).toBe(200);
      expectProblem(await me(signRaw({ sub: user.id, sid: claims.sid, iat: now })), 401);
      expectProblem(await me(signRaw({ sub: user.id, iat: now, exp: now + 60 })), 401);
      // Another person's session does not vouch for this user.
      const other = await registerUser(app);
      expectProblem(
        await me(signRaw({ sub: user.id, sid: sidOf(other.token), iat: now, exp: now + 60 })),
        401,
      );
    });

    it('a session ends at its absolute lifetime: refresh and its access token → 401', async () => {
      const user = await registerUser(app);
      const session = await signIn(user);
      expect((await refresh(session.cookie)).status).toBe(200);
      const rows = await app.db.query<{ expires_at: Date; created_at: Date }>(
        'SELECT expires_at, created_at FROM sessions WHERE id = $1',
        [sidOf(session.token)],
      );
      const row = rows[0];
      expect(row).toBeDefined();
      // 30 days after sign-in, not after the last rotation.
      const lifetime =
        new Date(row?.expires_at as Date).getTime() - new Date(row?.created_at as Date).getTime();
      expect(Math.abs(lifetime - 30 * DAY_MS)).toBeLessThan(5_000);

      await app.db.query(
        "UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1",
        [sidOf(session.token)],
      );
      expectProblem(await refresh(session.cookie), 401);
      expectProblem(await me(session.token), 401);
      // The registration's own session is untouched.
      expect((await me(user.token)).status).toBe(200);
    });

    it('refresh keeps the session id; rotation never extends the session', async () => {
      const user = await registerUser(app);
      const session = await signIn(user);
      const rotated = await refresh(session.cookie);
      expect(rotated.status).toBe(200);
      expect(sidOf(rotated.body.accessToken)).toBe(sidOf(session.token));
      const tokens = await app.db.query<{ expires_at: Date }>(
        'SELECT r.expires_at FROM refresh_tokens r JOIN sessions s ON s.id = r.family_id WHERE s.id = $1 AND r.expires_at > s.expires_at',
        [sidOf(session.token)],
      );
      expect(tokens).toEqual([]);
    });
  });

  describe('personal access tokens expire', () => {
    it('default to 90 days, accept 1-365, list expiresAt, and stop at expiry', async () => {
      const user = await registerUser(app);
      const standard = await patOf(user);
      expect(Math.abs(Date.parse(standard.expiresAt) - (Date.now() + 90 * DAY_MS))).toBeLessThan(
        60_000,
      );
      const short = await patOf(user, { name: 'week', expiresInDays: 7 });
      expect(Math.abs(Date.parse(short.expiresAt) - (Date.now() + 7 * DAY_MS))).toBeLessThan(
        60_000,
      );
      for (const expiresInDays of [0, 366, 1.5, '30']) {
        expectProblem(
          await call(app, 'POST', '/api/v1/me/tokens', {
            token: user.token,
            body: { name: 'bad', expiresInDays, currentPassword: TEST_PASSWORD },
          }),
          400,
          ['expiresInDays'],
        );
      }
      const list = await call(app, 'GET', '/api/v1/me/tokens', { token: user.token });
      expect(
        list.body.items.map((t: { id: string; expiresAt: string }) => [t.id, t.expiresAt]).sort(),
      ).toEqual(
        [
          [standard.id, standard.expiresAt],
          [short.id, short.expiresAt],
        ].sort(),
      );

      expect((await me(short.token)).status).toBe(200);
      await app.db.query(
        "UPDATE personal_access_tokens SET expires_at = now() - interval '1 second' WHERE id = $1",
        [short.id],
      );
      expectProblem(await me(short.token), 401);
      expect((await me(standard.token)).status).toBe(200);
    });
  });

  describe('GET and PATCH /me', () => {
    it('shows the time zone (UTC by default) and changes name and time zone', async () => {
      const user = await registerUser(app, { name: 'Zoned' });
      expect((await me(user.token)).body).toMatchObject({
        id: user.id,
        timeZone: 'UTC',
        deactivatedAt: null,
      });
      const changed = await call(app, 'PATCH', '/api/v1/me', {
        token: user.token,
        body: { name: 'Zoned Again', timeZone: 'Europe/Paris' },
      });
      expect(changed.status, changed.text).toBe(200);
      expect(changed.body).toMatchObject({
        id: user.id,
        name: 'Zoned Again',
        timeZone: 'Europe/Paris',
      });
      expect((await me(user.token)).body).toMatchObject({
        name: 'Zoned Again',
        timeZone: 'Europe/Paris',
      });
      // Through a personal access token too (the caller is the token's owner).
      const pat = await patOf(user);
      const viaPat = await call(app, 'PATCH', '/api/v1/me', {
        token: pat.token,
        body: { timeZone: 'America/New_York' },
      });
      expect(viaPat.body.timeZone).toBe('America/New_York');
    });

    it('refuses an unknown time zone, an empty name and unknown fields (400, nothing stored)', async () => {
      const user = await registerUser(app);
      const bad = await call(app, 'PATCH', '/api/v1/me', {
        token: user.token,
        body: { name: '', timeZone: 'Mars/Olympus_Mons', role: 'admin' },
      });
      expectProblem(bad, 400, ['name', 'timeZone', 'role']);
      expectProblem(
        await call(app, 'PATCH', '/api/v1/me', {
          token: user.token,
          body: { timeZone: 'x'.repeat(65) },
        }),
        400,
        ['timeZone'],
      );
      expect((await me(user.token)).body).toMatchObject({ role: 'engineer', timeZone: 'UTC' });
      expectProblem(await call(app, 'PATCH', '/api/v1/me', { body: { name: 'Nobody' } }), 401);
    });
  });

  describe('POST /me/password', () => {
    it('changes the password and ends every other session, not this one nor tokens', async () => {
      const user = await registerUser(app);
      const here = await signIn(user);
      const elsewhere = await signIn(user);
      const pat = await patOf(user);

      const wrong = await call(app, 'POST', '/api/v1/me/password', {
        token: here.token,
        body: { currentPassword: 'not my password!!', newPassword: NEW_PASSWORD },
      });
      expectProblem(wrong, 400, ['currentPassword']);
      expectProblem(
        await call(app, 'POST', '/api/v1/me/password', {
          token: here.token,
          body: { currentPassword: TEST_PASSWORD, newPassword: 'short' },
        }),
        400,
        ['newPassword'],
      );
      // Nothing changed by the refusals.
      expect((await me(elsewhere.token)).status).toBe(200);

      const changed = await call(app, 'POST', '/api/v1/me/password', {
        token: here.token,
        body: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
      });
      expect(changed.status, changed.text).toBe(204);

      expectProblem(await me(elsewhere.token), 401);
      expectProblem(await refresh(elsewhere.cookie), 401);
      expectProblem(await me(user.token), 401); // the registration's session is another one
      expect((await me(here.token)).status).toBe(200);
      expect((await refresh(here.cookie)).status).toBe(200);
      expect((await me(pat.token)).status).toBe(200);

      expectProblem(await login(user.email, TEST_PASSWORD), 401);
      expect((await login(user.email, NEW_PASSWORD)).status).toBe(200);
    });

    it('needs a token', async () => {
      expectProblem(
        await call(app, 'POST', '/api/v1/me/password', {
          body: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
        }),
        401,
      );
    });
  });

  describe('DELETE /me/sessions', () => {
    it('signs out everywhere else: other access tokens, refresh cookies and personal access tokens stop', async () => {
      const user = await registerUser(app);
      const here = await signIn(user);
      const phone = await signIn(user);
      const laptop = await signIn(user);
      const pats = [await patOf(user), await patOf(user, { name: 'second' })];
      const strangers = await patOf(team.stranger);
      const res = await call(app, 'DELETE', '/api/v1/me/sessions', { token: here.token });
      expect(res.status, res.text).toBe(204);
      for (const pat of pats) expectProblem(await me(pat.token), 401);
      expect((await me(strangers.token)).status).toBe(200);
      const listed = await call(app, 'GET', '/api/v1/me/tokens', { token: here.token });
      expect(listed.body.items).toEqual([]);
      for (const other of [phone, laptop]) {
        expectProblem(await me(other.token), 401);
        expectProblem(await refresh(other.cookie), 401);
      }
      expect((await me(here.token)).status).toBe(200);
      expect((await refresh(here.cookie)).status).toBe(200);
      // Another person's sessions are not touched.
      expect((await me(team.stranger.token)).status).toBe(200);
      expectProblem(await call(app, 'DELETE', '/api/v1/me/sessions'), 401);
    });
  });

  describe('deactivation', () => {
    const deactivate = (actor: TestUser | undefined, id: string) =>
      call(app, 'POST', `/api/v1/users/${id}/deactivate`, { token: actor?.token });
    const reactivate = (actor: TestUser | undefined, id: string) =>
      call(app, 'POST', `/api/v1/users/${id}/reactivate`, { token: actor?.token });

    it("stops the person's access token, refresh cookie and PAT at once; login fails like a wrong password", async () => {
      const admin = await adminOf(app);
      const leaver = await registerUser(app, { name: 'Leaver' });
      const session = await signIn(leaver);
      const pat = await patOf(leaver);
      // All three work before.
      expect((await me(session.token)).status).toBe(200);
      expect((await me(pat.token)).status).toBe(200);

      const res = await deactivate(admin, leaver.id);
      expect(res.status, res.text).toBe(200);
      expect(res.body).toMatchObject({ id: leaver.id, deactivatedAt: expect.any(String) });
      expect(Math.abs(Date.parse(res.body.deactivatedAt) - Date.now())).toBeLessThan(60_000);

      expectProblem(await me(session.token), 401);
      expectProblem(await refresh(session.cookie), 401);
      expectProblem(await me(pat.token), 401);
      expectProblem(await me(leaver.token), 401);
      // Every route of the protected tree, with either credential.
      for (const token of [session.token, pat.token]) {
        for (const [method, url, body] of [
          ['PATCH', '/api/v1/me', { timeZone: 'Europe/Paris' }],
          [
            'POST',
            '/api/v1/me/password',
            { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
          ],
          ['DELETE', '/api/v1/me/sessions', undefined],
          ['POST', '/api/v1/me/tokens', { name: 'sneaky' }],
          ['GET', `/api/v1/users/${leaver.id}`, undefined],
        ] as const) {
          expectProblem(await call(app, method, url, { token, body }), 401);
        }
      }

      const refused = await login(leaver.email, TEST_PASSWORD);
      const wrong = await login(leaver.email, 'wrong password!!');
      expectProblem(refused, 401);
      expect(refused.body).toEqual(wrong.body);

      // Admins see it; the person stays (their data stays).
      const read = await call(app, 'GET', `/api/v1/users/${leaver.id}`, { token: admin.token });
      expect(read.body.deactivatedAt).toBe(res.body.deactivatedAt);
      const list = await call(app, 'GET', '/api/v1/users', { token: admin.token });
      const row = list.body.items.find((u: { id: string }) => u.id === leaver.id);
      expect(row.deactivatedAt).toBe(res.body.deactivatedAt);
      expect(
        list.body.items.find((u: { id: string }) => u.id === admin.id).deactivatedAt,
      ).toBeNull();
      // Repeating it changes nothing.
      const again = await deactivate(admin, leaver.id);
      expect(again.status).toBe(200);
      expect(again.body.deactivatedAt).toBe(res.body.deactivatedAt);
    });

    it('reactivation restores sign-in with the password, not the revoked tokens', async () => {
      const admin = await adminOf(app);
      const returner = await registerUser(app);
      const pat = await patOf(returner);
      expect((await deactivate(admin, returner.id)).status).toBe(200);
      const back = await reactivate(admin, returner.id);
      expect(back.status, back.text).toBe(200);
      expect(back.body).toMatchObject({ id: returner.id, deactivatedAt: null });
      const session = await signIn(returner);
      expect((await me(session.token)).status).toBe(200);
      expect((await refresh(session.cookie)).status).toBe(200);
      expectProblem(await me(pat.token), 401);
      expectProblem(await me(returner.token), 401);
      // Reactivating an active account is a no-op.
      expect((await reactivate(admin, returner.id)).body.deactivatedAt).toBeNull();
    });

    it('is for admins only: 403 for managers, engineers and the person; 401 without a token; 404 unknown', async () => {
      await expectAdminOnly(deactivate);
      await expectAdminOnly(reactivate);
      expectProblem(await deactivate(team.engineer, 'me'), 403);
      expect((await me(team.engineer.token)).status).toBe(200);
    });

    it('a deactivated admin can no longer act (their token is refused)', async () => {
      const admin = await adminOf(app);
      const second = await registerUser(app, { name: 'Second Admin' });
      expect((await patchUser(app, admin, second.id, { role: 'admin' })).status).toBe(200);
      const target = await registerUser(app);
      expect((await deactivate(admin, second.id)).status).toBe(200);
      expectProblem(await deactivate(second, target.id), 401);
      expectProblem(
        await call(app, 'POST', `/api/v1/users/${target.id}/password-reset`, {
          token: second.token,
        }),
        401,
      );
      expectProblem(await call(app, 'GET', '/api/v1/audit', { token: second.token }), 401);
    });

    it('409 while they manage someone (naming them) or are the last active admin', async () => {
      const admin = await adminOf(app);
      const lead = await registerUser(app, { name: 'Lead Person' });
      const ann = await registerReport(app, lead, { name: 'Ann Report' });
      const bob = await registerReport(app, lead, { name: 'Bob Report' });
      const refused = await deactivate(admin, lead.id);
      expectProblem(refused, 409);
      expect(refused.body.detail).toContain('Ann Report');
      expect(refused.body.detail).toContain('Bob Report');
      expect((await me(lead.token)).status).toBe(200);

      for (const report of [ann, bob]) {
        await setManager(app, report, null);
      }
      expect((await deactivate(admin, lead.id)).status).toBe(200);

      // The instance's admins: the first one plus any promoted by other tests; deactivate
      // every other active admin, then the last one is refused, even by themselves.
      const admins = (
        await call(app, 'GET', '/api/v1/users', { token: admin.token })
      ).body.items.filter(
        (u: { role: string; deactivatedAt: string | null; id: string }) =>
          u.role === 'admin' && !u.deactivatedAt && u.id !== admin.id,
      );
      for (const other of admins) expect((await deactivate(admin, other.id)).status).toBe(200);
      const last = await deactivate(admin, admin.id);
      expectProblem(last, 409);
      expect(last.body.detail).toMatch(/last active admin/);
      expect((await me(admin.token)).status).toBe(200);
    });
  });

  describe('role and manager invariants', () => {
    it('demoting a manager who still has reports to engineer → 409 naming them', async () => {
      const admin = await adminOf(app);
      const lead = await registerUser(app, { name: 'Demotable Lead' });
      const cy = await registerUser(app, { name: 'Cy Report' });
      expect((await patchUser(app, admin, cy.id, { managerId: lead.id })).status).toBe(200);
      const refused = await patchUser(app, admin, lead.id, { role: 'engineer' });
      expectProblem(refused, 409);
      expect(refused.body.detail).toContain('Cy Report');
      const read = await call(app, 'GET', `/api/v1/users/${lead.id}`, { token: admin.token });
      expect(read.body.role).toBe('manager');
      // The refused demotion did not stop the manager from managing.
      expect((await call(app, 'GET', `/api/v1/users/${cy.id}`, { token: lead.token })).status).toBe(
        200,
      );
      // Reassigned first, the demotion goes through.
      expect((await patchUser(app, admin, cy.id, { managerId: null })).status).toBe(200);
      expect((await patchUser(app, admin, lead.id, { role: 'engineer' })).body.role).toBe(
        'engineer',
      );
    });

    it('demoting the last active admin → 409; with another active admin it works', async () => {
      const admin = await adminOf(app);
      const list = (await call(app, 'GET', '/api/v1/users', { token: admin.token })).body.items;
      const activeAdmins = list.filter(
        (u: { role: string; deactivatedAt: string | null }) =>
          u.role === 'admin' && !u.deactivatedAt,
      );
      expect(activeAdmins.map((u: { id: string }) => u.id)).toEqual([admin.id]);
      const refused = await patchUser(app, admin, admin.id, { role: 'manager' });
      expectProblem(refused, 409);
      expect(refused.body.detail).toMatch(/last active admin/);
      expect((await me(admin.token)).body.role).toBe('admin');

      // A deactivated admin does not count as one who could run the instance.
      const dormant = await registerUser(app, { name: 'Dormant Admin' });
      expect((await patchUser(app, admin, dormant.id, { role: 'admin' })).status).toBe(200);
      expect(
        (
          await call(app, 'POST', `/api/v1/users/${dormant.id}/deactivate`, {
            token: admin.token,
          })
        ).status,
      ).toBe(200);
      expectProblem(await patchUser(app, admin, admin.id, { role: 'engineer' }), 409);

      const deputy = await registerUser(app, { name: 'Deputy Admin' });
      expect((await patchUser(app, admin, deputy.id, { role: 'admin' })).status).toBe(200);
      const demoted = await patchUser(app, deputy, deputy.id, { role: 'manager' });
      expect(demoted.status, demoted.text).toBe(200);
      expect(demoted.body.role).toBe('manager');
    });

    it('a deactivated person cannot be made anyone’s manager (400 naming managerId)', async () => {
      const admin = await adminOf(app);
      const gone = await registerUser(app, { name: 'Gone Manager' });
      const someone = await registerUser(app);
      expect(
        (await call(app, 'POST', `/api/v1/users/${gone.id}/deactivate`, { token: admin.token }))
          .status,
      ).toBe(200);
      expectProblem(await patchUser(app, admin, someone.id, { managerId: gone.id }), 400, [
        'managerId',
      ]);
      expect(
        (await call(app, 'GET', `/api/v1/users/${someone.id}`, { token: admin.token })).body
          .managerId,
      ).toBeNull();
      const created = await call(app, 'POST', '/api/v1/users', {
        token: admin.token,
        body: {
          email: `made-${Date.now()}@example.test`,
          name: 'Made',
          password: TEST_PASSWORD,
          role: 'engineer',
          managerId: gone.id,
        },
      });
      expectProblem(created, 400, ['managerId']);
    });
  });
});
