// Evidence, part 2: editing (If-Match, concurrency), deleting, restoring and
// acknowledging entries, each with its access matrix. Creating, reading and listing are in
// evidence.test.ts.
import { addDays, todayUtc } from '@leadtrack/core';
import { describe, expect, it } from 'vitest';
import {
  call,
  expectProblem,
  expectRemark,
  type Response,
  revokedTokenOf,
  type TestUser,
} from '../support/http';
import { useTeam } from '../support/team';

const E = '/api/v1/evidence';

const { app, sql, team } = useTeam();

async function create(user: TestUser, overrides: Record<string, unknown> = {}) {
  const res = await call(app, 'POST', E, {
    token: user.token,
    body: {
      kinds: ['mentoring'],
      title: 'Paired with a new joiner on the billing service',
      occurredOn: addDays(todayUtc(), -2),
      ...overrides,
    },
  });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

/**
 * Only the owner changes an entry: `request` made by their manager or an admin gets 403, by
 * a peer or a stranger 404, without a token or with a revoked one 401.
 */
async function expectOwnerOnly(request: (token?: string) => Promise<Response>) {
  const { admin, manager, engineer, peer, stranger } = team;
  const refusals: [string | undefined, number][] = [
    [manager.token, 403],
    [admin.token, 403],
    [peer.token, 404],
    [stranger.token, 404],
    [undefined, 401],
    [await revokedTokenOf(app, engineer), 401],
  ];
  for (const [token, status] of refusals) expectProblem(await request(token), status);
}

const read = (user: TestUser, id: string) => call(app, 'GET', `${E}/${id}`, { token: user.token });

async function deletedAt(id: string): Promise<Date | null> {
  const { rows } = await sql.query('SELECT deleted_at FROM evidence WHERE id = $1', [id]);
  return rows[0].deleted_at;
}

describe('PATCH /evidence/:id', () => {
  it('lets the owner edit any field, bumping version and ETag', async () => {
    const { engineer } = team;
    const entry = await create(engineer, {
      description: 'First draft',
      audience: 'team',
      links: ['https://example.com/a'],
    });
    const res = await call(app, 'PATCH', `${E}/${entry.id}`, {
      token: engineer.token,
      body: {
        kinds: ['mentoring', 'unblocking'],
        title: '  Unblocked and mentored  ',
        occurredOn: todayUtc(),
        links: [],
        description: null,
        audience: null,
      },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.body).toEqual({
      ...entry,
      kinds: ['mentoring', 'unblocking'],
      title: 'Unblocked and mentored',
      occurredOn: todayUtc(),
      links: [],
      description: null,
      audience: null,
      version: 2,
      updatedAt: expect.any(String),
    });
    expect(Date.parse(res.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(entry.updatedAt));
    expect((await read(engineer, entry.id)).body).toEqual(res.body);

    const one = await call(app, 'PATCH', `${E}/${entry.id}`, {
      token: engineer.token,
      body: { audience: 'org' },
    });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      audience: 'org',
      title: 'Unblocked and mentored',
      version: 3,
    });
  });

  it('is for the owner only: 403 for their manager and admins, 404 for others, 401 without valid credentials', async () => {
    const { engineer } = team;
    const entry = await create(engineer);
    const patch = (token?: string) =>
      call(app, 'PATCH', `${E}/${entry.id}`, { token, body: { title: 'Hijacked' } });
    await expectOwnerOnly(patch);
    expect((await read(engineer, entry.id)).body).toEqual(entry);
    expectProblem(
      await call(app, 'PATCH', `${E}/no-such-entry`, {
        token: engineer.token,
        body: { title: 'x' },
      }),
      404,
    );
  });

  const invalid: [string, Record<string, unknown>, string[]][] = [
    ['an empty title', { title: '' }, ['title']],
    ['a 201-character title', { title: 'x'.repeat(201) }, ['title']],
    ['no kinds', { kinds: [] }, ['kinds']],
    ['four kinds', { kinds: ['ownership', 'review', 'proposal', 'mentoring'] }, ['kinds']],
    ['duplicate kinds', { kinds: ['review', 'review'] }, ['kinds']],
    ['a null title', { title: null }, ['title']],
    ['a bad date', { occurredOn: '2025-02-29' }, ['occurredOn']],
    ['a date after today', { occurredOn: addDays(todayUtc(), 1) }, ['occurredOn']],
    ['an ftp link', { links: ['ftp://example.com'] }, ['links.0']],
    ['an unknown audience', { audience: 'world' }, ['audience']],
    ['an unknown field', { source: 'import' }, ['source']],
  ];
  it.each(invalid)('refuses %s with 400 and changes nothing', async (_label, body, fields) => {
    const entry = await create(team.engineer);
    const res = await call(app, 'PATCH', `${E}/${entry.id}`, {
      token: team.engineer.token,
      body,
    });
    expectProblem(res, 400, fields);
    expect((await read(team.engineer, entry.id)).body).toEqual(entry);
  });

  it('refuses an empty change with 400', async () => {
    const entry = await create(team.engineer);
    const res = await call(app, 'PATCH', `${E}/${entry.id}`, {
      token: team.engineer.token,
      body: {},
    });
    expectProblem(res, 400);
    expect((await read(team.engineer, entry.id)).body).toEqual(entry);
  });

  describe('If-Match', () => {
    const patch = (id: string, ifMatch: string | undefined, title: string) =>
      call(app, 'PATCH', `${E}/${id}`, {
        token: team.engineer.token,
        body: { title },
        ...(ifMatch !== undefined && { headers: { 'if-match': ifMatch } }),
      });

    it('accepts the current version, quoted or bare, or *', async () => {
      const entry = await create(team.engineer);
      const quoted = await patch(entry.id, '"1"', 'Quoted');
      expect(quoted.status, quoted.text).toBe(200);
      expect(quoted.headers.etag).toBe('"2"');
      const bare = await patch(entry.id, '2', 'Bare');
      expect(bare.status, bare.text).toBe(200);
      const list = await patch(entry.id, '"1", "3"', 'From a list');
      expect(list.status, list.text).toBe(200);
      const any = await patch(entry.id, '*', 'Any');
      expect(any.status, any.text).toBe(200);
      expect(any.body).toMatchObject({ title: 'Any', version: 5 });
    });

    it('a stale version is 412 and leaves the entry unchanged', async () => {
      const entry = await create(team.engineer);
      const first = await patch(entry.id, '"1"', 'First edit');
      expect(first.status).toBe(200);
      const stale = await patch(entry.id, '"1"', 'Lost edit');
      expectProblem(stale, 412);
      expectProblem(await patch(entry.id, '7', 'Future version'), 412);
      // A weak tag never matches If-Match (strong comparison).
      expectProblem(await patch(entry.id, 'W/"2"', 'Weak'), 412);
      const now = await read(team.engineer, entry.id);
      expect(now.body).toEqual(first.body);
      expect(now.headers.etag).toBe('"2"');
    });

    it('a value that is no version is 400', async () => {
      const entry = await create(team.engineer);
      expectProblem(await patch(entry.id, 'abc', 'Nope'), 400, ['if-match']);
      expectProblem(await patch(entry.id, '"1', 'Nope'), 400, ['if-match']);
      expect((await read(team.engineer, entry.id)).body).toEqual(entry);
    });

    it('of two concurrent edits based on the same version, exactly one wins', async () => {
      for (let round = 0; round < 5; round++) {
        const entry = await create(team.engineer);
        const [a, b] = await Promise.all([
          patch(entry.id, '"1"', `Edit A${round}`),
          patch(entry.id, '"1"', `Edit B${round}`),
        ]);
        expect([a.status, b.status].sort()).toEqual([200, 412]);
        const winner = a.status === 200 ? a : b;
        const loser = a.status === 200 ? b : a;
        expectProblem(loser, 412);
        const now = await read(team.engineer, entry.id);
        expect(now.body).toEqual(winner.body);
        expect(now.body.version).toBe(2);
      }
    });

    it('without If-Match, concurrent edits all apply and none is lost', async () => {
      const entry = await create(team.engineer);
      const results = await Promise.all(
        Array.from({ length: 5 }, (_, i) => patch(entry.id, undefined, `Edit ${i}`)),
      );
      for (const res of results) expect(res.status, res.text).toBe(200);
      expect(results.map((r) => r.body.version).sort()).toEqual([2, 3, 4, 5, 6]);
      const now = await read(team.engineer, entry.id);
      expect(now.body.version).toBe(6);
      const last = results.find((r) => r.body.version === 6);
      expect(now.body.title).toBe(last?.body.title);
    });
  });
});

describe('DELETE /evidence/:id', () => {
  it('is for the owner only: 403 for their manager and admins, 404 for others, 401 without valid credentials', async () => {
    const { engineer } = team;
    const entry = await create(engineer);
    const del = (token?: string) => call(app, 'DELETE', `${E}/${entry.id}`, { token });
    await expectOwnerOnly(del);
    expect(await deletedAt(entry.id)).toBeNull();
    expect((await read(engineer, entry.id)).status).toBe(200);
  });

  it('hides the entry from GET, the list and further changes', async () => {
    const { manager, engineer } = team;
    const entry = await create(engineer, { title: 'To be deleted' });
    const res = await call(app, 'DELETE', `${E}/${entry.id}`, { token: engineer.token });
    expect(res.status, res.text).toBe(204);
    expect(res.text).toBe('');
    expect(await deletedAt(entry.id)).toBeInstanceOf(Date);

    for (const reader of [engineer, manager, team.admin]) {
      expectProblem(await read(reader, entry.id), 404);
      const list = await call(app, 'GET', '/api/v1/evidence', {
        token: reader.token,
        query: { userId: engineer.id, limit: 100 },
      });
      expect(list.body.items.map((e: { id: string }) => e.id)).not.toContain(entry.id);
    }
    expectProblem(await call(app, 'DELETE', `${E}/${entry.id}`, { token: engineer.token }), 404);
    expectProblem(
      await call(app, 'PATCH', `${E}/${entry.id}`, {
        token: engineer.token,
        body: { title: 'Edited after deletion' },
      }),
      404,
    );
    expectProblem(
      await call(app, 'POST', `${E}/${entry.id}/acknowledgements`, {
        token: manager.token,
        body: {},
      }),
      404,
    );
  });
});

describe('POST /evidence/:id/restore', () => {
  it('brings a deleted entry back whole, acknowledgements included (owner only)', async () => {
    const { admin, manager, engineer, peer, stranger } = team;
    const made = await create(engineer, {
      kinds: ['proposal', 'communication', 'ownership'],
      description: 'The *whole* entry',
      links: ['https://example.com/1', 'https://example.com/2'],
      audience: 'org',
    });
    const ack = await call(app, 'POST', `${E}/${made.id}/acknowledgements`, {
      token: manager.token,
      body: { comment: 'Seen' },
    });
    expect(ack.status, ack.text).toBe(201);
    const before = (await read(engineer, made.id)).body;
    expect(before.acknowledgements).toHaveLength(1);

    expect((await call(app, 'DELETE', `${E}/${made.id}`, { token: engineer.token })).status).toBe(
      204,
    );
    const restore = (token?: string) => call(app, 'POST', `${E}/${made.id}/restore`, { token });
    // A deleted entry is visible to nobody but its owner.
    for (const other of [manager, admin, peer, stranger]) {
      expectProblem(await restore(other.token), 404);
    }
    expectProblem(await restore(), 401);
    expectProblem(await restore(await revokedTokenOf(app, engineer)), 401);
    expect(await deletedAt(made.id)).toBeInstanceOf(Date);

    const res = await restore(engineer.token);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.etag).toBe(`"${before.version}"`);
    expect(res.body).toEqual({ ...before, updatedAt: expect.any(String) });
    expect(res.body.acknowledgements).toEqual([ack.body]);
    expect((await read(manager, made.id)).body).toEqual(res.body);
    const list = await call(app, 'GET', E, { token: engineer.token, query: { limit: 100 } });
    expect(list.body.items.map((e: { id: string }) => e.id)).toContain(made.id);
  });

  it('restoring a live entry returns it unchanged (owner); others get 403 or 404', async () => {
    const { admin, manager, engineer, stranger } = team;
    const entry = await create(engineer);
    const res = await call(app, 'POST', `${E}/${entry.id}/restore`, { token: engineer.token });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual(entry);
    for (const reader of [manager, admin]) {
      expectProblem(
        await call(app, 'POST', `${E}/${entry.id}/restore`, { token: reader.token }),
        403,
      );
    }
    expectProblem(
      await call(app, 'POST', `${E}/${entry.id}/restore`, { token: stranger.token }),
      404,
    );
    expectProblem(
      await call(app, 'POST', `${E}/no-such-entry/restore`, { token: engineer.token }),
      404,
    );
  });

  it('is possible for 30 days; after that the entry is gone', async () => {
    const { engineer } = team;
    const recent = await create(engineer, { title: 'Deleted 29 days ago' });
    const old = await create(engineer, { title: 'Deleted 31 days ago' });
    for (const entry of [recent, old]) {
      const del = await call(app, 'DELETE', `${E}/${entry.id}`, { token: engineer.token });
      expect(del.status).toBe(204);
    }
    await sql.query(`UPDATE evidence SET deleted_at = now() - interval '29 days' WHERE id = $1`, [
      recent.id,
    ]);
    await sql.query(`UPDATE evidence SET deleted_at = now() - interval '31 days' WHERE id = $1`, [
      old.id,
    ]);
    const back = await call(app, 'POST', `${E}/${recent.id}/restore`, {
      token: engineer.token,
    });
    expect(back.status, back.text).toBe(200);
    expect(back.body.title).toBe('Deleted 29 days ago');
    expectProblem(
      await call(app, 'POST', `${E}/${old.id}/restore`, { token: engineer.token }),
      404,
    );
    expectProblem(await read(engineer, old.id), 404);
    expect(await deletedAt(old.id)).toBeInstanceOf(Date);
  });
});

describe('POST /evidence/:id/acknowledgements', () => {
  it("lets the owner's direct manager and admins acknowledge, with or without a comment", async () => {
    const { admin, manager, engineer } = team;
    const entry = await create(engineer);
    const url = `${E}/${entry.id}/acknowledgements`;

    const byManager = await call(app, 'POST', url, {
      token: manager.token,
      body: { comment: '  Great follow-through  ' },
    });
    expectRemark(byManager, manager, 'Great follow-through');
    const byAdmin = await call(app, 'POST', url, { token: admin.token });
    expectRemark(byAdmin, admin, null);
    expect(byManager.body).toMatchObject({ entryVersion: 1, current: true });
    // Acknowledging the same version again is a repeat: 200 with the one stored.
    const again = await call(app, 'POST', url, { token: manager.token, body: {} });
    expect(again.status, again.text).toBe(200);
    expect(again.body).toEqual(byManager.body);

    const now = await read(engineer, entry.id);
    expect(now.body.acknowledgements).toEqual([byManager.body, byAdmin.body]);
    // Acknowledging is not an edit of the entry: its version (and an owner's If-Match) stand.
    expect(now.body.version).toBe(1);
  });

  it('the list shows each entry exactly as GET /evidence/:id does, acknowledgements included', async () => {
    const { manager, engineer } = team;
    const entry = await create(engineer, {
      kinds: ['communication', 'proposal'],
      title: 'Walked product through the <b>queue</b> trade-offs',
      description: 'Notes: *latency* vs cost',
      links: ['https://wiki.example/queue', 'http://intranet/notes'],
      audience: 'stakeholders',
      occurredOn: addDays(todayUtc(), -1),
    });
    for (const [token, comment] of [
      [manager.token, 'Clear write-up'],
      [team.admin.token, undefined],
    ] as const) {
      const ack = await call(app, 'POST', `${E}/${entry.id}/acknowledgements`, {
        token,
        body: comment ? { comment } : {},
      });
      expect(ack.status, ack.text).toBe(201);
    }
    const one = await read(engineer, entry.id);
    const list = await call(app, 'GET', E, {
      token: manager.token,
      query: { userId: engineer.id, kind: 'proposal', limit: 100 },
    });
    expect(list.body.items.find((e: { id: string }) => e.id === entry.id)).toEqual(one.body);
    expect(one.body.acknowledgements).toHaveLength(2);
  });

  it('the owner acknowledging their own entry is 403; others who cannot read it get 404', async () => {
    const { admin, manager, engineer, peer, stranger } = team;
    const entry = await create(engineer);
    const url = `${E}/${entry.id}/acknowledgements`;
    const ack = (token?: string) => call(app, 'POST', url, { token, body: { comment: 'me' } });
    expectProblem(await ack(engineer.token), 403);
    expectProblem(await ack(peer.token), 404);
    expectProblem(await ack(stranger.token), 404);
    expectProblem(await ack(), 401);
    expectProblem(await ack(await revokedTokenOf(app, manager)), 401);
    // A manager's and an admin's own entries are theirs alike.
    for (const owner of [manager, admin]) {
      const own = await create(owner);
      expectProblem(
        await call(app, 'POST', `${E}/${own.id}/acknowledgements`, { token: owner.token }),
        403,
      );
    }
    expect((await read(engineer, entry.id)).body.acknowledgements).toEqual([]);
    expectProblem(
      await call(app, 'POST', `${E}/nope/acknowledgements`, { token: admin.token }),
      404,
    );
  });

  it('refuses a comment over 2000 characters or unknown fields with 400', async () => {
    const entry = await create(team.engineer);
    const url = `${E}/${entry.id}/acknowledgements`;
    const token = team.manager.token;
    expectProblem(
      await call(app, 'POST', url, { token, body: { comment: 'c'.repeat(2001) } }),
      400,
      ['comment'],
    );
    expectProblem(await call(app, 'POST', url, { token, body: { stars: 5 } }), 400, ['stars']);
    expect((await read(team.engineer, entry.id)).body.acknowledgements).toEqual([]);
    const longest = await call(app, 'POST', url, {
      token,
      body: { comment: 'c'.repeat(2000) },
    });
    expect(longest.status, longest.text).toBe(201);
  });
});
