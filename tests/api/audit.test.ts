// The audit log (API.md "Accounts and trust"): admin actions recorded with actor, target
// and details, newest first, keyset-paged; admins only; never a secret.
import { describe, expect, it } from 'vitest';
import {
  call,
  expectProblem,
  patchUser,
  registerUser,
  setPolicy,
  TEST_PASSWORD,
  uniqueEmail,
} from '../support/http';
import { useTeam } from '../support/team';

interface AuditItem {
  id: string;
  at: string;
  actor: { id: string; name: string };
  action: string;
  target: { id: string; name: string } | null;
  details: Record<string, unknown>;
}

describe('audit log', () => {
  const { app, team } = useTeam();

  async function allEntries(): Promise<AuditItem[]> {
    const res = await call(app, 'GET', '/api/v1/audit', {
      token: team.admin.token,
      query: { limit: 100 },
    });
    expect(res.status, res.text).toBe(200);
    return res.body.items;
  }
  const about = (items: AuditItem[], targetId: string | null) =>
    items.filter((i) => (i.target?.id ?? null) === targetId);

  it('records role and manager changes (including makeTeam’s), newest first', async () => {
    const { admin, manager, engineer } = team;
    const items = await allEntries();
    // makeTeam made `manager` the manager of two people: the first made them a manager.
    const managerChanges = about(items, engineer.id).filter(
      (i) => i.action === 'user.manager_changed',
    );
    expect(managerChanges).toEqual([
      {
        id: expect.any(String),
        at: expect.any(String),
        actor: { id: admin.id, name: admin.name },
        action: 'user.manager_changed',
        target: { id: engineer.id, name: engineer.name },
        details: { from: null, to: { id: manager.id, name: manager.name } },
      },
    ]);
    expect(about(items, manager.id)).toEqual([
      expect.objectContaining({
        action: 'user.role_changed',
        details: { from: 'engineer', to: 'manager', reason: 'given a direct report' },
      }),
    ]);
    const times = items.map((i) => i.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('records creation, role change, deactivation, reactivation, reset issued and used, policy', async () => {
    const { admin } = team;
    const created = await call(app, 'POST', '/api/v1/users', {
      token: admin.token,
      body: {
        email: uniqueEmail('audited'),
        name: 'Audited',
        password: TEST_PASSWORD,
        role: 'engineer',
      },
    });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;
    const steps: [string, string, object?][] = [
      ['PATCH', `/api/v1/users/${id}`, { role: 'manager' }],
      ['PATCH', `/api/v1/users/${id}`, { name: 'Renamed Only' }], // not audited
      ['POST', `/api/v1/users/${id}/deactivate`],
      ['POST', `/api/v1/users/${id}/reactivate`],
    ];
    for (const [method, url, body] of steps) {
      const res = await call(app, method as 'POST', url, { token: admin.token, body });
      expect(res.status, res.text).toBe(200);
    }
    const link = await call(app, 'POST', `/api/v1/users/${id}/password-reset`, {
      token: admin.token,
    });
    expect(link.status).toBe(201);
    const secret = new URL(link.body.url).searchParams.get('token') as string;
    const newPassword = 'a new secret password for the audit';
    const used = await call(app, 'POST', '/api/v1/auth/password-reset', {
      body: { token: secret, newPassword },
    });
    expect(used.status).toBe(204);
    await setPolicy(app, admin, {
      requiredKinds: ['ownership', 'review'],
      windowWeeks: 4,
      thresholdWeeks: 6,
    });

    const items = await allEntries();
    const adminRef = { id: admin.id, name: admin.name };
    const target = { id, name: 'Renamed Only' };
    expect(about(items, id).map((i) => [i.action, i.actor, i.target])).toEqual([
      ['user.password_reset_used', target, target],
      ['user.password_reset_issued', adminRef, target],
      ['user.reactivated', adminRef, target],
      ['user.deactivated', adminRef, target],
      ['user.role_changed', adminRef, target],
      ['user.created', adminRef, target],
    ]);
    const byAction = new Map(about(items, id).map((i) => [i.action, i.details]));
    expect(byAction.get('user.created')).toEqual({
      email: created.body.email,
      role: 'engineer',
      managerId: null,
    });
    expect(byAction.get('user.role_changed')).toEqual({ from: 'engineer', to: 'manager' });
    expect(byAction.get('user.deactivated')).toEqual({ sessionsEnded: 0, tokensRevoked: 0 });
    expect(byAction.get('user.password_reset_issued')).toEqual({ expiresAt: link.body.expiresAt });

    const [policyChange] = about(items, null);
    expect(policyChange).toMatchObject({
      action: 'policy.changed',
      actor: adminRef,
      target: null,
      details: {
        from: expect.objectContaining({ windowWeeks: expect.any(Number) }),
        to: {
          requiredKinds: ['ownership', 'review'],
          windowWeeks: 4,
          thresholdWeeks: 6,
          requireVisibility: false,
        },
      },
    });
    expect(items[0]?.id).toBe(policyChange?.id);

    // No secret ever lands in the log: not the link's token, nor a password or hash.
    const text = JSON.stringify(items);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(newPassword);
    expect(text).not.toContain(TEST_PASSWORD);
    expect(text).not.toMatch(/argon2|token_hash|tokenHash|passwordHash/);
  });

  it('a refused change leaves no entry (same transaction)', async () => {
    const { admin, manager } = team;
    const before = (await allEntries()).length;
    // The manager still has reports: demotion and deactivation are refused.
    expectProblem(await patchUser(app, admin, manager.id, { role: 'engineer' }), 409);
    expectProblem(
      await call(app, 'POST', `/api/v1/users/${manager.id}/deactivate`, { token: admin.token }),
      409,
    );
    // Creating someone under an engineer promotes that engineer (and records it) before
    // the insert; when the insert then fails (email taken), both roll back together.
    const fresh = await registerUser(app);
    expectProblem(
      await call(app, 'POST', '/api/v1/users', {
        token: admin.token,
        body: {
          email: team.stranger.email,
          name: 'Duplicate',
          password: TEST_PASSWORD,
          role: 'engineer',
          managerId: fresh.id,
        },
      }),
      409,
    );
    const freshNow = await call(app, 'GET', `/api/v1/users/${fresh.id}`, {
      token: admin.token,
    });
    expect(freshNow.body.role).toBe('engineer');
    expectProblem(await patchUser(app, admin, fresh.id, { managerId: 'no-such-user' }), 400, [
      'managerId',
    ]);
    expect((await allEntries()).length).toBe(before);
  });

  it('pages newest first on (at, id) with nextCursor, without gaps or repeats', async () => {
    const all = await allEntries();
    expect(all.length).toBeGreaterThan(5);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 50; page++) {
      const res = await call(app, 'GET', '/api/v1/audit', {
        token: team.admin.token,
        query: { limit: 2, ...(cursor && { cursor }) },
      });
      expect(res.status, res.text).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((i: AuditItem) => i.id));
      cursor = res.body.nextCursor ?? undefined;
      if (!cursor) break;
    }
    expect(seen).toEqual(all.map((i) => i.id));
  });

  it('validates limit and cursor (400 naming them)', async () => {
    const get = (query: Record<string, string | number>) =>
      call(app, 'GET', '/api/v1/audit', { token: team.admin.token, query });
    expectProblem(await get({ limit: 0 }), 400, ['limit']);
    expectProblem(await get({ limit: 101 }), 400, ['limit']);
    expectProblem(await get({ cursor: 'not a cursor!' }), 400, ['cursor']);
    expectProblem(await get({ cursor: Buffer.from('garbage').toString('base64url') }), 400, [
      'cursor',
    ]);
    for (const forged of ['-271821-04-20T00:00:00.000Z|x', '2026-13-45T99:00:00.000Z|x', '1|x']) {
      expectProblem(await get({ cursor: Buffer.from(forged).toString('base64url') }), 400, [
        'cursor',
      ]);
    }
    expectProblem(await get({ since: 'yesterday' }), 400, ['since']);
  });

  it('is for admins only: 403 for managers and engineers, 401 without a token', async () => {
    const { manager, engineer, stranger } = team;
    for (const user of [manager, engineer, stranger]) {
      expectProblem(await call(app, 'GET', '/api/v1/audit', { token: user.token }), 403);
    }
    expectProblem(await call(app, 'GET', '/api/v1/audit'), 401);
  });
});
