// The working agreement: GET/PUT /users/:id/agreement and POST /users/:id/agreement/confirm.
import { AGREEMENT_AREAS, addWeeks, todayUtc, weekStartOf } from '@leadtrack/core';
import { describe, expect, it } from 'vitest';
import {
  type Caller,
  call,
  expectProblem,
  registerUser,
  setManager,
  type TestUser,
} from '../support/http';
import { expectAccess, signedIn, useRoleCast } from '../support/role-cast';

const { app, cast } = useRoleCast();

// The agreement is between the engineer and their manager: both read it, write it and
// confirm it; an admin reads it only (403 for the rest); anyone else gets 404.
const READERS = { ...signedIn(404), owner: 200, manager: 200, admin: 200 };
const PARTIES = { ...READERS, admin: 403 };

const url = (id: string) => `/api/v1/users/${id}/agreement`;
const get = (who: Caller, id: string) => call(app, 'GET', url(id), { token: who });
const put = (who: Caller, id: string, body: unknown, headers?: Record<string, string>) =>
  call(app, 'PUT', url(id), {
    token: who,
    body,
    ...(headers && { headers }),
  });
const confirm = (who: Caller, id: string) =>
  call(app, 'POST', `${url(id)}/confirm`, { token: who });

const ITEMS = [
  { area: 'sprint', owner: 'lead', note: 'I run planning and the retro' },
  { area: 'performance-feedback', owner: 'manager' },
  { area: 'technical-direction', owner: 'shared', note: null },
];

describe('GET /users/:id/agreement', () => {
  it('lists the eight areas, undecided, at version 0 before anything is stored', async () => {
    const res = await get(cast.peer, 'me');
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({
      userId: cast.peer.id,
      managerId: null,
      version: 0,
      items: AGREEMENT_AREAS.map((area) => ({ area, owner: null, note: null })),
      confirmedBy: { lead: null, manager: null },
      confirmed: false,
      updatedAt: null,
    });
  });

  it('access: the user, their manager, an admin; everyone else 404, no token 401', async () => {
    await expectAccess(cast, (token) => get(token, cast.engineer.id), READERS);
  });
});

describe('PUT /users/:id/agreement and confirming', () => {
  it('the engineer saves, both confirm, and it is confirmed; any edit asks both again', async () => {
    const saved = await put(cast.engineer, 'me', { items: ITEMS });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.headers.etag).toBe('"1"');
    expect(saved.body).toMatchObject({
      userId: cast.engineer.id,
      managerId: cast.manager.id,
      version: 1,
      confirmed: false,
      confirmedBy: { lead: null, manager: null },
    });
    expect(saved.body.items).toHaveLength(8);
    expect(saved.body.items[0]).toEqual({
      area: 'sprint',
      owner: 'lead',
      note: 'I run planning and the retro',
    });
    expect(saved.body.items[1]).toEqual({
      area: 'performance-feedback',
      owner: 'manager',
      note: null,
    });
    expect(saved.body.items[2]).toEqual({ area: 'hiring', owner: null, note: null });

    const lead = await confirm(cast.engineer, cast.engineer.id);
    expect(lead.status, lead.text).toBe(200);
    expect(lead.body.confirmedBy.lead).toEqual(expect.any(String));
    expect(lead.body.confirmed).toBe(false);
    const manager = await confirm(cast.manager, cast.engineer.id);
    expect(manager.status, manager.text).toBe(200);
    expect(manager.body.confirmed).toBe(true);
    expect(manager.body.version).toBe(1);
    expect((await get(cast.admin, cast.engineer.id)).body.confirmed).toBe(true);

    // Saving the same items again is no change: still confirmed, same version.
    const same = await put(cast.manager, cast.engineer.id, { items: ITEMS });
    expect(same.status, same.text).toBe(200);
    expect(same.body).toMatchObject({ version: 1, confirmed: true });

    // The manager edits: version 2, both confirmations cleared.
    const edited = await put(cast.manager, cast.engineer.id, {
      items: [...ITEMS, { area: 'incident-command', owner: 'shared', note: 'Rota' }],
    });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body).toMatchObject({
      version: 2,
      confirmed: false,
      confirmedBy: { lead: null, manager: null },
    });
  });

  it('If-Match: the version read wins, a stale one is 412 and stores nothing', async () => {
    const before = await get(cast.engineer, 'me');
    const v = before.body.version as number;
    const stale = await put(cast.engineer, 'me', { items: [] }, { 'if-match': `"${v - 1}"` });
    expectProblem(stale, 412);
    expect((await get(cast.engineer, 'me')).body).toEqual(before.body);
    const ok = await put(cast.engineer, 'me', { items: ITEMS }, { 'if-match': `"${v}"` });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.version).toBe(v + 1);
  });

  it('a new manager has agreed to nothing: not confirmed until saved and confirmed again', async () => {
    const lead = await registerUser(app, { name: 'Lead' });
    const other = await registerUser(app, { name: 'Other' });
    await setManager(app, lead, cast.manager.id);
    expect((await put(lead, 'me', { items: ITEMS })).status).toBe(200);
    expect((await confirm(lead, 'me')).status).toBe(200);
    expect((await confirm(cast.manager, lead.id)).body.confirmed).toBe(true);

    await setManager(app, lead, other.id);
    const after = await get(lead, 'me');
    expect(after.body).toMatchObject({ managerId: cast.manager.id, confirmed: false });
    expectProblem(await confirm(lead, 'me'), 409);
    const resaved = await put(lead, 'me', { items: ITEMS });
    expect(resaved.body).toMatchObject({ managerId: other.id, confirmed: false, version: 2 });
    expect((await confirm(lead, 'me')).status).toBe(200);
    expect((await confirm(other, lead.id)).body.confirmed).toBe(true);
    // The old manager may no longer even read it.
    expectProblem(await get(cast.manager, lead.id), 404);
  });

  it('a user without a manager: PUT and confirm are 409 with a sentence, nothing stored', async () => {
    const loner = await registerUser(app, { name: 'Loner' });
    const refused = await put(loner, 'me', { items: ITEMS });
    expectProblem(refused, 409);
    expect(refused.body.detail).toMatch(/no manager/);
    expectProblem(await confirm(loner, 'me'), 409);
    expect((await get(loner, 'me')).body.version).toBe(0);
  });

  it('confirming before anything is saved is a 409', async () => {
    expectProblem(await confirm(cast.peer, 'me'), 409);
  });

  describe('validation: 400 naming each bad field, nothing stored', () => {
    it('unknown area, duplicate area, bad owner, unknown field', async () => {
      const before = await get(cast.engineer, 'me');
      const res = await put(cast.engineer, 'me', {
        items: [
          { area: 'sprint', owner: 'lead' },
          { area: 'coffee', owner: 'lead' },
          { area: 'sprint', owner: 'manager' },
          { area: 'hiring', owner: 'ceo' },
          { area: 'roadmap', owner: null, colour: 'red' },
        ],
      });
      expectProblem(res, 400, ['items.1.area', 'items.2.area', 'items.3.owner', 'items.4.colour']);
      expect(
        res.body.errors.find((e: { path: string }) => e.path === 'items.2.area').message,
      ).toMatch(/more than once/);
      expect((await get(cast.engineer, 'me')).body).toEqual(before.body);
    });

    it('a missing items array, or a malformed If-Match', async () => {
      expectProblem(await put(cast.engineer, 'me', {}), 400, ['items']);
      expectProblem(await put(cast.engineer, 'me', { items: [] }, { 'if-match': 'soon' }), 400, [
        'if-match',
      ]);
    });
  });

  it('access to PUT: the user and their manager; an admin 403; others 404; nothing stored', async () => {
    const before = await get(cast.engineer, 'me');
    await expectAccess(
      cast,
      (token, actor) =>
        put(token, cast.engineer.id, {
          items: ['owner', 'manager'].includes(actor) ? before.body.items : [],
        }),
      PARTIES,
    );
    expect((await get(cast.engineer, 'me')).body.version).toBe(before.body.version);
  });

  it('access to confirm: the user and their manager; an admin 403; others 404', async () => {
    await expectAccess(cast, (token) => confirm(token, cast.engineer.id), PARTIES);
  });
});

describe('the unclear-em-boundary signal reads the agreement', () => {
  it('is raised without a confirmed agreement and gone once both confirmed it', async () => {
    const lead = await registerUser(app, { name: 'Bounded' });
    await setManager(app, lead, cast.manager.id);
    const logged = await call(app, 'POST', '/api/v1/evidence', {
      token: lead.token,
      body: {
        kinds: ['review'],
        title: 'Ten weeks ago',
        occurredOn: addWeeks(weekStartOf(todayUtc()), -10),
      },
    });
    expect(logged.status, logged.text).toBe(201);
    const codes = async (who: TestUser) => {
      const res = await call(app, 'GET', `/api/v1/users/${lead.id}/readiness`, {
        token: who.token,
      });
      expect(res.status, res.text).toBe(200);
      return res.body.signals.map((s: { code: string }) => s.code) as string[];
    };
    const teamCodes = async () => {
      const res = await call(app, 'GET', '/api/v1/reports', { token: cast.manager.token });
      const row = res.body.items.find((r: { user: { id: string } }) => r.user.id === lead.id);
      return row.signals.map((s: { code: string }) => s.code) as string[];
    };
    expect(await codes(lead)).toContain('unclear-em-boundary');
    expect(await teamCodes()).toContain('unclear-em-boundary');

    expect((await put(lead, 'me', { items: ITEMS })).status).toBe(200);
    expect((await confirm(lead, 'me')).status).toBe(200);
    expect(await codes(lead)).toContain('unclear-em-boundary');
    expect((await confirm(cast.manager, lead.id)).status).toBe(200);
    expect(await codes(lead)).not.toContain('unclear-em-boundary');
    expect(await codes(cast.manager)).not.toContain('unclear-em-boundary');
    expect(await teamCodes()).not.toContain('unclear-em-boundary');

    // An edit asks both again: the signal is back until they do.
    expect((await put(cast.manager, lead.id, { items: [] })).status).toBe(200);
    expect(await codes(lead)).toContain('unclear-em-boundary');
  });
});
