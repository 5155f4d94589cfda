// Sponsors: GET/POST /me/sponsors, DELETE /me/sponsors/:userId, and what a sponsor reads
// (readiness, evidence, profile, packet) and does not (check-ins, feedback, reflections,
// agreement, the user record; the sponsored never appear among their users or reports).
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Caller,
  call,
  expectProblem,
  makeTeam,
  registerUser,
  type TestUser,
} from '../support/http';
import { expectAccess, signedIn, useRoleCast } from '../support/role-cast';

const { app, cast } = useRoleCast();

const list = (who: Caller) => call(app, 'GET', '/api/v1/me/sponsors', { token: who });
const grant = (who: Caller, userId: unknown) =>
  call(app, 'POST', '/api/v1/me/sponsors', { token: who, body: { userId } });
const revoke = (who: Caller, userId: string) =>
  call(app, 'DELETE', `/api/v1/me/sponsors/${userId}`, { token: who });

describe('managing sponsors', () => {
  it('grant, list, revoke; each grant and revocation is in the audit log', async () => {
    const owner = await registerUser(app, { name: 'Owner' });
    const skip = await registerUser(app, { name: 'Skip' });
    const granted = await grant(owner, skip.id);
    expect(granted.status, granted.text).toBe(201);
    expect(granted.body).toEqual({
      user: { id: skip.id, name: 'Skip' },
      createdAt: expect.any(String),
    });
    expect((await list(owner)).body).toEqual({ items: [granted.body] });
    const sponsoring = await call(app, 'GET', '/api/v1/me/sponsoring', { token: skip.token });
    expect(sponsoring.status, sponsoring.text).toBe(200);
    expect(sponsoring.body).toEqual({
      items: [{ user: { id: owner.id, name: 'Owner' }, createdAt: granted.body.createdAt }],
    });

    expect((await revoke(owner, skip.id)).status).toBe(204);
    expect((await list(owner)).body).toEqual({ items: [] });
    expectProblem(await revoke(owner, skip.id), 404);
    const after = await call(app, 'GET', '/api/v1/me/sponsoring', { token: skip.token });
    expect(after.body).toEqual({ items: [] });

    const audit = await call(app, 'GET', '/api/v1/audit', { token: cast.admin.token });
    expect(audit.status, audit.text).toBe(200);
    const mine = audit.body.items.filter((e: { actor: { id: string } }) => e.actor.id === owner.id);
    expect(
      mine.map((e: { action: string; target: { id: string } }) => [e.action, e.target.id]),
    ).toEqual([
      ['sponsor.revoked', skip.id],
      ['sponsor.granted', skip.id],
    ]);
  });

  it('refuses oneself, unknown or deactivated users (400 naming userId) and a second grant (409); nothing stored', async () => {
    const owner = await registerUser(app, { name: 'Granter' });
    const skip = await registerUser(app, { name: 'Skipper' });
    expectProblem(await grant(owner, owner.id), 400, ['userId']);
    expectProblem(await grant(owner, '0190c6a2-0000-7000-8000-000000000000'), 400, ['userId']);
    expectProblem(await grant(owner, cast.deactivated.id), 400, ['userId']);
    expectProblem(await grant(owner, 42), 400, ['userId']);
    expect((await list(owner)).body.items).toEqual([]);
    expect((await grant(owner, skip.id)).status).toBe(201);
    expectProblem(await grant(owner, skip.id), 409);
    expect((await list(owner)).body.items).toHaveLength(1);
  });

  it('access: every signed-in person manages only their own; no token or deactivated 401', async () => {
    await expectAccess(
      cast,
      (token) => call(app, 'GET', '/api/v1/me/sponsoring', { token }),
      signedIn(200),
    );
    await expectAccess(cast, (token) => list(token), signedIn(200));
    // The cast's engineer granted the sponsor; nobody else sees or revokes that grant.
    const colleague = await registerUser(app, { name: 'Granted' });
    await expectAccess(cast, (token) => grant(token, colleague.id), signedIn(201));
    await expectAccess(cast, (token) => revoke(token, cast.sponsor.id), {
      ...signedIn(404),
      owner: 204,
    });
    expect((await grant(cast.engineer, cast.sponsor.id)).status).toBe(201);
  });
});

describe('what a sponsor reads', () => {
  let team: Awaited<ReturnType<typeof makeTeam>>;
  let sponsor: TestUser;
  let entryId: string;

  beforeAll(async () => {
    team = await makeTeam(app);
    sponsor = await registerUser(app, { name: 'Sponsoring' });
    const entry = await call(app, 'POST', '/api/v1/evidence', {
      token: team.engineer.token,
      body: { kinds: ['ownership'], title: 'Owned the billing domain', occurredOn: '2026-11-02' },
    });
    entryId = entry.body.id;
    await call(app, 'PUT', '/api/v1/checkins/2026-11-02', {
      token: team.engineer.token,
      body: { handsOnPercent: 55, deepWorkBlocks: 2, onLeave: false, note: 'private note' },
    });
    expect((await grant(team.engineer, sponsor.id)).status).toBe(201);
  });

  const get = (url: string) => call(app, 'GET', url, { token: sponsor.token });

  it('readiness, the evidence list and entries, the profile and the packet (JSON and Markdown)', async () => {
    const id = team.engineer.id;
    const readiness = await get(`/api/v1/users/${id}/readiness`);
    expect(readiness.status, readiness.text).toBe(200);
    expect(readiness.body.userId).toBe(id);
    const listed = await get(`/api/v1/evidence?userId=${id}`);
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body.items.map((e: { id: string }) => e.id)).toEqual([entryId]);
    expect((await get(`/api/v1/evidence/${entryId}`)).status).toBe(200);
    expect((await get(`/api/v1/users/${id}/profile`)).status).toBe(200);
    const packet = await get(`/api/v1/users/${id}/packet?from=2026-11-02&to=2026-11-08`);
    expect(packet.status, packet.text).toBe(200);
    expect(packet.body.user.id).toBe(id);
    expect((await get(`/api/v1/users/${id}/packet?format=md`)).status).toBe(200);
  });

  it('not check-ins (their notes), feedback, reflections, the agreement or the user record: 404', async () => {
    const id = team.engineer.id;
    for (const url of [
      `/api/v1/checkins?userId=${id}`,
      `/api/v1/users/${id}/feedback`,
      `/api/v1/users/${id}/reflections`,
      `/api/v1/users/${id}/agreement`,
      `/api/v1/users/${id}`,
    ]) {
      expectProblem(await get(url), 404);
    }
  });

  it('cannot change anything: editing the entry 403, acknowledging 404', async () => {
    expectProblem(
      await call(app, 'PATCH', `/api/v1/evidence/${entryId}`, {
        token: sponsor.token,
        body: { title: 'Hijacked' },
      }),
      403,
    );
    expectProblem(
      await call(app, 'POST', `/api/v1/evidence/${entryId}/acknowledgements`, {
        token: sponsor.token,
      }),
      404,
    );
  });

  it('the sponsored person is not among the sponsor’s users or reports', async () => {
    const users = await get('/api/v1/users');
    expect(users.status, users.text).toBe(200);
    const listed = (users.body.items ?? users.body).map((u: { id: string }) => u.id);
    expect(listed).toEqual([sponsor.id]);
    // A sponsor who is a manager: their reports stay their direct reports only.
    const reports = await call(app, 'GET', '/api/v1/reports', { token: team.manager.token });
    expect(reports.status).toBe(200);
    expect((await grant(team.stranger, team.manager.id)).status).toBe(201);
    const after = await call(app, 'GET', '/api/v1/reports', { token: team.manager.token });
    expect(after.body.items.map((r: { user: { id: string } }) => r.user.id)).toEqual(
      reports.body.items.map((r: { user: { id: string } }) => r.user.id),
    );
    expect(after.body.items.map((r: { user: { id: string } }) => r.user.id)).not.toContain(
      team.stranger.id,
    );
  });

  it('after revocation, every read is a 404 again', async () => {
    expect((await revoke(team.engineer, sponsor.id)).status).toBe(204);
    const id = team.engineer.id;
    for (const url of [
      `/api/v1/users/${id}/readiness`,
      `/api/v1/evidence?userId=${id}`,
      `/api/v1/evidence/${entryId}`,
      `/api/v1/users/${id}/profile`,
      `/api/v1/users/${id}/packet`,
    ]) {
      expectProblem(await get(url), 404);
    }
  });
});
