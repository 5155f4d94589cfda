import { beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  expectProblem,
  patchUser,
  registerUser,
  revokedTokenOf,
  TEST_PASSWORD,
  type TestUser,
  uniqueEmail,
} from '../support/http';
import { useTeam } from '../support/team';

describe('users and roles', () => {
  const { app, team } = useTeam();
  let revokedPat: string;

  beforeAll(async () => {
    revokedPat = await revokedTokenOf(app, team.engineer);
  });

  const ids = (res: { body: { items: { id: string }[] } }) =>
    res.body.items.map((u) => u.id).sort();

  describe('GET /users', () => {
    it('admin sees everyone; a manager sees self and direct reports; an engineer only self', async () => {
      const { admin, manager, engineer, peer, stranger } = team;
      const all = await call(app, 'GET', '/api/v1/users', { token: admin.token });
      expect(ids(all)).toEqual([admin, manager, engineer, peer, stranger].map((u) => u.id).sort());
      const mine = await call(app, 'GET', '/api/v1/users', { token: manager.token });
      expect(ids(mine)).toEqual([manager, engineer, peer].map((u) => u.id).sort());
      const self = await call(app, 'GET', '/api/v1/users', { token: stranger.token });
      expect(ids(self)).toEqual([stranger.id]);
      expect(self.text).not.toMatch(/password/i);
    });

    it('needs a valid token', async () => {
      expectProblem(await call(app, 'GET', '/api/v1/users'), 401);
      expectProblem(await call(app, 'GET', '/api/v1/users', { token: revokedPat }), 401);
    });
  });

  describe('GET /users/:id', () => {
    const read = (user: TestUser | undefined, id: string) =>
      call(app, 'GET', `/api/v1/users/${id}`, { token: user?.token });

    it('the owner (also as `me`), their manager and an admin may read; others get 404', async () => {
      const { admin, manager, engineer, peer, stranger } = team;
      expect((await read(engineer, engineer.id)).body.id).toBe(engineer.id);
      expect((await read(engineer, 'me')).body.id).toBe(engineer.id);
      expect((await read(manager, engineer.id)).body).toMatchObject({
        id: engineer.id,
        managerId: manager.id,
      });
      expect((await read(admin, engineer.id)).status).toBe(200);
      expectProblem(await read(peer, engineer.id), 404);
      expectProblem(await read(stranger, engineer.id), 404);
      // A report may not read their manager's record either (not their data to see).
      expectProblem(await read(engineer, manager.id), 404);
      // Unknown ids look exactly like unreadable ones.
      const unknown = await read(stranger, '01a2-no-such-user');
      expectProblem(unknown, 404);
      expect(unknown.body.detail).toBe((await read(stranger, engineer.id)).body.detail);
      expectProblem(await read(undefined, engineer.id), 401);
      expectProblem(
        await call(app, 'GET', `/api/v1/users/${engineer.id}`, { token: revokedPat }),
        401,
      );
    });
  });

  describe('POST /users (admin)', () => {
    it('creates a user with a role and manager; the manager becomes a manager', async () => {
      const { admin } = team;
      const lead = await registerUser(app, { name: 'Lead' });
      expect(lead.role).toBe('engineer');
      const res = await call(app, 'POST', '/api/v1/users', {
        token: admin.token,
        body: {
          email: uniqueEmail('new'),
          name: 'New Hire',
          password: TEST_PASSWORD,
          role: 'engineer',
          managerId: lead.id,
        },
      });
      expect(res.status, res.text).toBe(201);
      expect(res.body).toMatchObject({ name: 'New Hire', role: 'engineer', managerId: lead.id });
      const leadNow = await call(app, 'GET', `/api/v1/users/${lead.id}`, {
        token: admin.token,
      });
      expect(leadNow.body.role).toBe('manager');
      // The new user can sign in with the password the admin set.
      const login = await call(app, 'POST', '/api/v1/auth/login', {
        body: { email: res.body.email, password: TEST_PASSWORD },
      });
      expect(login.status).toBe(200);
    });

    it('validates, naming fields, and refuses taken emails', async () => {
      const { admin, engineer } = team;
      const bad = await call(app, 'POST', '/api/v1/users', {
        token: admin.token,
        body: { email: 'x', name: 'N', password: TEST_PASSWORD, role: 'boss', extra: true },
      });
      expectProblem(bad, 400, ['email', 'role', 'extra']);
      const unknownManager = await call(app, 'POST', '/api/v1/users', {
        token: admin.token,
        body: {
          email: uniqueEmail(),
          name: 'N',
          password: TEST_PASSWORD,
          role: 'engineer',
          managerId: 'no-such-user',
        },
      });
      expectProblem(unknownManager, 400, ['managerId']);
      const taken = await call(app, 'POST', '/api/v1/users', {
        token: admin.token,
        body: { email: engineer.email, name: 'N', password: TEST_PASSWORD, role: 'engineer' },
      });
      expectProblem(taken, 409);
    });

    it('is for admins only: 403 for managers and engineers, 401 without a token', async () => {
      const body = { email: uniqueEmail(), name: 'N', password: TEST_PASSWORD, role: 'admin' };
      for (const user of [team.manager, team.engineer, team.stranger]) {
        expectProblem(await call(app, 'POST', '/api/v1/users', { token: user.token, body }), 403);
      }
      expectProblem(await call(app, 'POST', '/api/v1/users', { body }), 401);
      expectProblem(await call(app, 'POST', '/api/v1/users', { token: revokedPat, body }), 401);
    });
  });

  describe('PATCH /users/:id (admin)', () => {
    it('changes name and role, sets and clears the manager', async () => {
      const { admin } = team;
      const a = await registerUser(app, { name: 'A' });
      const b = await registerUser(app, { name: 'B' });
      const patch = (id: string, body: object) =>
        call(app, 'PATCH', `/api/v1/users/${id}`, { token: admin.token, body });

      const renamed = await patch(a.id, { name: 'Alice', role: 'manager' });
      expect(renamed.body).toMatchObject({ name: 'Alice', role: 'manager' });
      const managed = await patch(b.id, { managerId: a.id });
      expect(managed.body.managerId).toBe(a.id);
      const cleared = await patch(b.id, { managerId: null });
      expect(cleared.body.managerId).toBeNull();
      // Fields left out are left alone.
      expect((await patch(a.id, {})).body).toMatchObject({ name: 'Alice', role: 'manager' });
    });

    it('refuses a manager cycle with 409, direct or indirect, and changes nothing', async () => {
      const { admin } = team;
      const top = await registerUser(app, { name: 'Top' });
      const mid = await registerUser(app, { name: 'Mid' });
      const low = await registerUser(app, { name: 'Low' });
      const patch = (id: string, body: object) =>
        call(app, 'PATCH', `/api/v1/users/${id}`, { token: admin.token, body });
      expect((await patch(mid.id, { managerId: top.id })).status).toBe(200);
      expect((await patch(low.id, { managerId: mid.id })).status).toBe(200);

      expectProblem(await patch(top.id, { managerId: low.id }), 409);
      expectProblem(await patch(top.id, { managerId: mid.id }), 409);
      expectProblem(await patch(top.id, { managerId: top.id }), 409);
      const topNow = await call(app, 'GET', `/api/v1/users/${top.id}`, {
        token: admin.token,
      });
      expect(topNow.body.managerId).toBeNull();
      // Low was an engineer; the refused change must not have promoted them.
      const lowNow = await call(app, 'GET', `/api/v1/users/${low.id}`, {
        token: admin.token,
      });
      expect(lowNow.body.role).toBe('engineer');
    });

    it('validates and 404s unknown users', async () => {
      const { admin, engineer } = team;
      expectProblem(
        await patchUser(app, admin, engineer.id, { role: 'owner', email: 'x@y.z' }),
        400,
        ['role', 'email'],
      );
      expectProblem(await patchUser(app, admin, engineer.id, { managerId: 'missing' }), 400, [
        'managerId',
      ]);
      expectProblem(
        await call(app, 'PATCH', '/api/v1/users/missing', {
          token: admin.token,
          body: { name: 'X' },
        }),
        404,
      );
    });

    it('is for admins only', async () => {
      const { manager, engineer } = team;
      for (const user of [manager, engineer]) {
        expectProblem(await patchUser(app, user, engineer.id, { role: 'admin' }), 403);
      }
      expectProblem(
        await call(app, 'PATCH', `/api/v1/users/${engineer.id}`, { body: { name: 'X' } }),
        401,
      );
    });

    it('role changes take effect on the next request with the same token', async () => {
      const { admin } = team;
      const user = await registerUser(app);
      const body = { email: uniqueEmail(), name: 'N', password: TEST_PASSWORD, role: 'engineer' };
      expectProblem(await call(app, 'POST', '/api/v1/users', { token: user.token, body }), 403);
      await patchUser(app, admin, user.id, { role: 'admin' });
      expect((await call(app, 'POST', '/api/v1/users', { token: user.token, body })).status).toBe(
        201,
      );
    });
  });
});
