// Endorsements: POST /evidence/:id/endorsement-requests, GET /endorsement-requests,
// POST /endorsement-requests/:id/endorse and …/decline; entries carry their endorsements
// (single, list, packet), the requested colleague reads that entry only, and endorsements
// count toward visibility like acknowledgements.
import { addDays, todayUtc, weekStartOf } from '@leadtrack/core';
import { describe, expect, it } from 'vitest';
import {
  type Caller,
  call,
  expectProblem,
  expectRemark,
  registerUser,
  type TestUser,
} from '../support/http';
import { expectAccess, signedIn, useRoleCast } from '../support/role-cast';
import { logEntry as logEntryOf } from '../support/team';

const { app, cast } = useRoleCast();

const logEntry = async (
  owner: TestUser,
  occurredOn = '2026-11-03',
  title = 'Led the incident review',
) => (await logEntryOf(app, owner, { kinds: ['communication'], title, occurredOn })).id;

const ask = (who: Caller, entryId: string, userId: string) =>
  call(app, 'POST', `/api/v1/evidence/${entryId}/endorsement-requests`, {
    token: who,
    body: { userId },
  });
const pending = (who: Caller) => call(app, 'GET', '/api/v1/endorsement-requests', { token: who });
const endorse = (who: Caller, requestId: string, body?: unknown) =>
  call(app, 'POST', `/api/v1/endorsement-requests/${requestId}/endorse`, {
    token: who,
    ...(body !== undefined && { body }),
  });
const decline = (who: Caller, requestId: string) =>
  call(app, 'POST', `/api/v1/endorsement-requests/${requestId}/decline`, { token: who });
const entryAs = (who: Caller, id: string) =>
  call(app, 'GET', `/api/v1/evidence/${id}`, { token: who });

describe('asking for an endorsement', () => {
  it('the owner asks any active colleague: 201 pending, and it waits in their list', async () => {
    const colleague = await registerUser(app, { name: 'Product' });
    const entryId = await logEntry(cast.engineer);
    const res = await ask(cast.engineer, entryId, colleague.id);
    expect(res.status, res.text).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      endorser: { id: colleague.id, name: 'Product' },
      status: 'pending',
    });
    const waiting = await pending(colleague);
    expect(waiting.status, waiting.text).toBe(200);
    expect(waiting.body).toEqual({
      items: [
        {
          id: res.body.id,
          entry: {
            id: entryId,
            title: 'Led the incident review',
            kinds: ['communication'],
            occurredOn: '2026-11-03',
          },
          requestedBy: { id: cast.engineer.id, name: 'Engineer' },
          createdAt: expect.any(String),
        },
      ],
    });
    // Only ever the caller's own requests.
    expect((await pending(cast.stranger)).body.items).toEqual([]);
  });

  it('refuses themselves, an unknown or a deactivated user (400 naming userId); the same colleague twice: 200 with the pending request', async () => {
    const entryId = await logEntry(cast.engineer);
    const self = await ask(cast.engineer, entryId, cast.engineer.id);
    expectProblem(self, 400, ['userId']);
    expect(self.body.errors[0].message).toMatch(/own entry/);
    expectProblem(await ask(cast.engineer, entryId, '0190c6a2-0000-7000-8000-000000000000'), 400, [
      'userId',
    ]);
    expectProblem(await ask(cast.engineer, entryId, cast.deactivated.id), 400, ['userId']);
    expectProblem(await ask(cast.engineer, entryId, ''), 400, ['userId']);
    const first = await ask(cast.engineer, entryId, cast.peer.id);
    expect(first.status).toBe(201);
    const twice = await ask(cast.engineer, entryId, cast.peer.id);
    expect(twice.status, twice.text).toBe(200);
    expect(twice.body).toEqual(first.body);
    // Nothing stored by the refusals: the peer has exactly one request for this entry.
    const peers = (await pending(cast.peer)).body.items.filter(
      (r: { entry: { id: string } }) => r.entry.id === entryId,
    );
    expect(peers).toHaveLength(1);
  });

  it('access: only the owner asks; readers of the entry 403, others 404', async () => {
    const entryId = await logEntry(cast.engineer);
    const colleague = await registerUser(app, { name: 'Colleague' });
    await expectAccess(cast, (token) => ask(token, entryId, colleague.id), {
      ...signedIn(403),
      owner: 201,
      stranger: 404,
      endorser: 404,
    });
  });
});

describe('GET /endorsement-requests', () => {
  it('access: anyone signed in sees their own; no token or deactivated 401', async () => {
    await expectAccess(cast, (token) => pending(token), signedIn(200));
    const mine = await pending(cast.endorser);
    expect(mine.body.items.map((r: { id: string }) => r.id)).toContain(cast.requestId);
  });
});

describe('what the requested colleague may read', () => {
  it('that entry only: not the owner’s list, readiness, other entries, check-ins or profile', async () => {
    const other = await logEntry(cast.engineer, '2026-11-04', 'Another entry');
    const { endorser, engineer } = cast;
    expect((await entryAs(endorser, cast.entryId)).status).toBe(200);
    expectProblem(await entryAs(endorser, other), 404);
    const reads = [
      `/api/v1/evidence?userId=${engineer.id}`,
      `/api/v1/users/${engineer.id}/readiness`,
      `/api/v1/users/${engineer.id}/profile`,
      `/api/v1/users/${engineer.id}/packet`,
      `/api/v1/checkins?userId=${engineer.id}`,
      `/api/v1/users/${engineer.id}`,
    ];
    for (const url of reads)
      expectProblem(await call(app, 'GET', url, { token: endorser.token }), 404);
  });

  it('GET /evidence/:id access over the whole cast', async () => {
    await expectAccess(cast, (token) => entryAs(token, cast.entryId), {
      ...signedIn(200),
      stranger: 404,
    });
  });
});

describe('endorsing and declining', () => {
  it('endorse with a comment: 201, then on the entry, in the list (same as single) and in the packet apart from acknowledgements', async () => {
    const colleague = await registerUser(app, { name: 'Staff' });
    const entryId = await logEntry(cast.engineer, '2026-11-05', 'Explained the migration plan');
    const ack = await call(app, 'POST', `/api/v1/evidence/${entryId}/acknowledgements`, {
      token: cast.manager.token,
      body: { comment: 'Seen' },
    });
    expect(ack.status, ack.text).toBe(201);
    const request = await ask(cast.engineer, entryId, colleague.id);
    const res = await endorse(colleague, request.body.id, { comment: '  Clear and *honest*  ' });
    expectRemark(res, colleague, 'Clear and *honest*');

    const single = await entryAs(cast.engineer, entryId);
    expect(single.body.endorsements).toEqual([res.body]);
    expect(single.body.acknowledgements).toHaveLength(1);
    const list = await call(app, 'GET', '/api/v1/evidence', {
      token: cast.engineer.token,
      query: { from: '2026-11-05', to: '2026-11-05', limit: 100 },
    });
    expect(list.status, list.text).toBe(200);
    expect(list.body.items.find((e: { id: string }) => e.id === entryId)).toEqual(single.body);
    expect((await pending(colleague)).body.items).toEqual([]);

    const packet = await call(app, 'GET', `/api/v1/users/${cast.engineer.id}/packet`, {
      token: cast.engineer.token,
      query: { from: '2026-11-02', to: '2026-11-08' },
    });
    expect(packet.status, packet.text).toBe(200);
    const entry = packet.body.kinds
      .find((k: { kind: string }) => k.kind === 'communication')
      .entries.find((e: { id: string }) => e.id === entryId);
    expect(entry.acknowledgements.map((a: { by: { name: string } }) => a.by.name)).toEqual([
      'Manager',
    ]);
    expect(entry.endorsements).toEqual([
      {
        by: { id: colleague.id, name: 'Staff' },
        comment: 'Clear and *honest*',
        entryVersion: 1,
        current: true,
        createdAt: res.body.createdAt,
      },
    ]);
    const md = await call(app, 'GET', `/api/v1/users/${cast.engineer.id}/packet`, {
      token: cast.engineer.token,
      query: { from: '2026-11-02', to: '2026-11-08', format: 'md' },
    });
    expect(md.status).toBe(200);
    // Apart from the acknowledgement, in the packet's own form: a bold line, the comment quoted.
    const day = res.body.createdAt.slice(0, 10);
    expect(md.text).toContain(
      `**Endorsed by Staff** (colleague) on ${day}:\n\n> Clear and *honest*\n`,
    );
    expect(md.text.indexOf('**Acknowledged by Manager**')).toBeLessThan(
      md.text.indexOf('**Endorsed by Staff**'),
    );
    expect(md.text).toMatch(/endorsed by colleagues\./);
  });

  it('the same answer twice answers as the first (200 with the endorsement, 204); the other answer is a 409; nothing stored', async () => {
    const entryId = await logEntry(cast.engineer);
    const a = await registerUser(app, { name: 'Aa' });
    const b = await registerUser(app, { name: 'Bb' });
    const ra = (await ask(cast.engineer, entryId, a.id)).body.id;
    const rb = (await ask(cast.engineer, entryId, b.id)).body.id;
    const first = await endorse(a, ra, { comment: 'First' });
    expect(first.status).toBe(201);
    const again = await endorse(a, ra, { comment: 'Second' });
    expect(again.status, again.text).toBe(200);
    expect(again.body).toEqual(first.body);
    const otherAnswer = await decline(a, ra);
    expectProblem(otherAnswer, 409);
    expect(otherAnswer.body.detail).toMatch(/already endorsed/);
    expect((await decline(b, rb)).status).toBe(204);
    expect((await decline(b, rb)).status).toBe(204);
    const changed = await endorse(b, rb, { comment: 'changed my mind' });
    expectProblem(changed, 409);
    expect(changed.body.detail).toMatch(/already declined/);
    const entry = await entryAs(cast.engineer, entryId);
    expect(entry.body.endorsements.map((e: { by: { id: string } }) => e.by.id)).toEqual([a.id]);
  });

  it('an endorsement comment over 2000 characters or an unknown field: 400, nothing stored', async () => {
    const entryId = await logEntry(cast.engineer);
    const c = await registerUser(app, { name: 'Cc' });
    const rc = (await ask(cast.engineer, entryId, c.id)).body.id;
    expectProblem(await endorse(c, rc, { comment: 'x'.repeat(2001) }), 400, ['comment']);
    expectProblem(await endorse(c, rc, { stars: 5 }), 400, ['stars']);
    expect((await entryAs(cast.engineer, entryId)).body.endorsements).toEqual([]);
    expect((await pending(c)).body.items).toHaveLength(1);
  });

  it('one’s own entry cannot be endorsed: the owner has no request to answer', async () => {
    expectProblem(await endorse(cast.engineer, cast.requestId), 404);
  });

  it('a deleted entry’s request is gone: 404 to endorse, not listed', async () => {
    const entryId = await logEntry(cast.engineer);
    const d = await registerUser(app, { name: 'Dd' });
    const rd = (await ask(cast.engineer, entryId, d.id)).body.id;
    const del = await call(app, 'DELETE', `/api/v1/evidence/${entryId}`, {
      token: cast.engineer.token,
    });
    expect(del.status).toBe(204);
    expect((await pending(d)).body.items).toEqual([]);
    expectProblem(await endorse(d, rd), 404);
  });

  it('access to endorse: only the colleague asked; the deactivated one asked too is 401', async () => {
    await expectAccess(cast, (token) => endorse(token, cast.requestId, { comment: 'Yes' }), {
      ...signedIn(404),
      endorser: 201,
    });
  });

  it('access to decline: only the colleague asked (here already answered: 409)', async () => {
    await expectAccess(cast, (token) => decline(token, cast.requestId), {
      ...signedIn(404),
      endorser: 409,
    });
  });
});

describe('visibility', () => {
  it('an endorsement makes an entry visible in readiness, like an acknowledgement', async () => {
    const owner = await registerUser(app, { name: 'Visible' });
    const friend = await registerUser(app, { name: 'Friend' });
    const monday = weekStartOf(todayUtc());
    const day = addDays(monday, -7);
    const entryId = await logEntry(owner, day);
    await logEntry(owner, day, 'Second entry');
    const visibility = async () => {
      const res = await call(app, 'GET', '/api/v1/users/me/readiness', { token: owner.token });
      expect(res.status, res.text).toBe(200);
      return res.body.weeks.find((w: { weekStart: string }) => w.weekStart === addDays(monday, -7))
        ?.visibility;
    };
    expect(await visibility()).toBe(0);
    const request = await ask(owner, entryId, friend.id);
    expect((await endorse(friend, request.body.id)).status).toBe(201);
    expect(await visibility()).toBe(0.5);
  });
});
