// Evidence, part 1: logging entries (validation, idempotency), reading one, and lists
// (access, filters, keyset paging). Edits, deletion, restore and acknowledgements are in
// evidence-changes.test.ts.
import { addDays, todayUtc } from '@leadtrack/core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  expectProblem,
  personalTokenOf,
  registerReport,
  registerUser,
  revokedTokenOf,
  type TestUser,
} from '../support/http';
import { useTeam } from '../support/team';

const E = '/api/v1/evidence';

const { app, sql, team } = useTeam();

const today = () => todayUtc();

function body(overrides: Record<string, unknown> = {}) {
  return {
    kinds: ['review'],
    title: 'Reviewed the queue redesign for fit with the event model',
    occurredOn: addDays(today(), -3),
    ...overrides,
  };
}

async function create(user: TestUser, overrides: Record<string, unknown> = {}) {
  const res = await call(app, 'POST', E, { token: user.token, body: body(overrides) });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

async function countEntries(userId: string): Promise<number> {
  const { rows } = await sql.query('SELECT count(*)::int AS n FROM evidence WHERE user_id = $1', [
    userId,
  ]);
  return rows[0].n;
}

describe('POST /evidence', () => {
  it('logs an entry for the caller and returns it whole with an ETag', async () => {
    const { engineer } = team;
    const sent = {
      kinds: ['proposal', 'communication'],
      title: '  Presented the storage proposal to product  ',
      description: '## Outcome\n\nWe chose *Postgres*.\n',
      occurredOn: addDays(today(), -1),
      links: ['https://example.com/rfc/12', 'http://wiki.internal/storage'],
      audience: 'stakeholders',
    };
    const res = await call(app, 'POST', E, { token: engineer.token, body: sent });
    expect(res.status, res.text).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    // Stored as sent, but for the title and description: trimmed.
    expect(res.body).toEqual({
      ...sent,
      title: 'Presented the storage proposal to product',
      description: '## Outcome\n\nWe chose *Postgres*.',
      id: expect.any(String),
      userId: engineer.id,
      source: 'manual',
      acknowledgements: [],
      endorsements: [],
      version: 1,
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/),
      updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/),
    });
    const read = await call(app, 'GET', `${E}/${res.body.id}`, { token: engineer.token });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
  });

  it('fills the optional fields with their defaults and accepts today and the limits', async () => {
    const entry = await create(team.engineer, {
      kinds: ['ownership', 'review', 'mentoring'],
      title: 't'.repeat(200),
      occurredOn: today(),
      description: 'd'.repeat(10_000),
      links: Array.from({ length: 10 }, (_, i) => `https://example.com/${i}`),
    });
    expect(entry).toMatchObject({
      kinds: ['ownership', 'review', 'mentoring'],
      occurredOn: today(),
      audience: null,
      source: 'manual',
    });
    expect(entry.links).toHaveLength(10);
    const minimal = await create(team.engineer);
    expect(minimal).toMatchObject({ description: null, links: [], audience: null });
  });

  describe('refuses invalid bodies with 400 naming the field, storing nothing', () => {
    let fresh: TestUser;
    beforeAll(async () => {
      fresh = await registerUser(app, { name: 'Fresh' });
    });

    const cases: [string, Record<string, unknown>, string[]][] = [
      ['an empty title', { title: '' }, ['title']],
      ['a blank title', { title: '   ' }, ['title']],
      ['a 201-character title', { title: 'x'.repeat(201) }, ['title']],
      ['a missing title', { title: undefined }, ['title']],
      ['no kinds', { kinds: [] }, ['kinds']],
      ['four kinds', { kinds: ['ownership', 'review', 'proposal', 'mentoring'] }, ['kinds']],
      ['duplicate kinds', { kinds: ['review', 'review'] }, ['kinds']],
      ['an unknown kind', { kinds: ['review', 'leading'] }, ['kinds.1']],
      ['kinds that are not a list', { kinds: 7 }, ['kinds']],
      ['a date that does not exist', { occurredOn: '2025-02-30' }, ['occurredOn']],
      ['a date in another format', { occurredOn: '2025/01/15' }, ['occurredOn']],
      ['a missing date', { occurredOn: undefined }, ['occurredOn']],
      [
        '11 links',
        { links: Array.from({ length: 11 }, (_, i) => `https://example.com/${i}`) },
        ['links'],
      ],
      ['an ftp link', { links: ['https://example.com', 'ftp://example.com/file'] }, ['links.1']],
      ['a javascript: link', { links: ['javascript:alert(1)'] }, ['links.0']],
      ['a link that is no URL', { links: ['see the wiki'] }, ['links.0']],
      ['an unknown field', { mood: 'great' }, ['mood']],
      ['a source (set by the server)', { source: 'github' }, ['source']],
      ['an unknown audience', { audience: 'everyone' }, ['audience']],
      ['a description over 10000 characters', { description: 'd'.repeat(10_001) }, ['description']],
      [
        'several bad fields at once',
        { title: '', kinds: [], audience: 'everyone' },
        ['title', 'kinds', 'audience'],
      ],
    ];
    it.each(cases)('%s', async (_label, overrides, fields) => {
      const res = await call(app, 'POST', E, { token: fresh.token, body: body(overrides) });
      expectProblem(res, 400, fields);
      expect(await countEntries(fresh.id)).toBe(0);
    });

    it('a date after today (UTC)', async () => {
      const res = await call(app, 'POST', E, {
        token: fresh.token,
        body: body({ occurredOn: addDays(today(), 1) }),
      });
      expectProblem(res, 400, ['occurredOn']);
      expect(await countEntries(fresh.id)).toBe(0);
    });

    it('a body that is not a JSON object', async () => {
      const res = await call(app, 'POST', E, { token: fresh.token, body: ['review'] });
      expectProblem(res, 400);
      expect(await countEntries(fresh.id)).toBe(0);
    });

    it('a body over 64 KiB is 413', async () => {
      const res = await call(app, 'POST', E, {
        token: fresh.token,
        body: body({ description: 'd'.repeat(70_000) }),
      });
      expectProblem(res, 413);
      expect(await countEntries(fresh.id)).toBe(0);
    });
  });

  it('needs valid credentials: none, or a revoked personal access token, is 401', async () => {
    const fresh = await registerUser(app, { name: 'Creds' });
    expectProblem(await call(app, 'POST', E, { body: body() }), 401);
    const revoked = await revokedTokenOf(app, fresh);
    expectProblem(await call(app, 'POST', E, { token: revoked, body: body() }), 401);
    expect(await countEntries(fresh.id)).toBe(0);
  });

  it('works with a personal access token', async () => {
    const { token } = await personalTokenOf(app, team.peer);
    const res = await call(app, 'POST', E, { token, body: body() });
    expect(res.status, res.text).toBe(201);
    expect(res.body.userId).toBe(team.peer.id);
  });
});

describe('POST /evidence with Idempotency-Key', () => {
  let user: TestUser;
  beforeAll(async () => {
    user = await registerUser(app, { name: 'Retrier' });
  });

  const post = (key: string, payload: unknown, token = user.token) =>
    call(app, 'POST', E, { token, body: payload, headers: { 'idempotency-key': key } });

  async function keyRows(key: string) {
    const { rows } = await sql.query(
      'SELECT evidence_id, request_hash FROM idempotency_keys WHERE user_id = $1 AND key = $2',
      [user.id, key],
    );
    return rows;
  }

  it('a retry with the same key and body returns the first entry; nothing new is stored', async () => {
    const before = await countEntries(user.id);
    const first = await post('retry-1', body({ title: 'Idempotent one' }));
    expect(first.status, first.text).toBe(201);
    const again = await post('retry-1', body({ title: 'Idempotent one' }));
    expect(again.status, again.text).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.etag).toBe('"1"');
    // The same body spelt differently (key order, spaces around strings) is the same body.
    const { title, ...rest } = body({ title: 'Idempotent one' });
    const reordered = await post('retry-1', { title: `  ${title} `, ...rest, links: [] });
    expect(reordered.status, reordered.text).toBe(201);
    expect(reordered.body.id).toBe(first.body.id);
    expect(await countEntries(user.id)).toBe(before + 1);
    expect(await keyRows('retry-1')).toHaveLength(1);
  });

  it('the same key with another body is 409, and nothing is stored', async () => {
    const first = await post('retry-2', body({ title: 'First body' }));
    expect(first.status).toBe(201);
    const before = await countEntries(user.id);
    expectProblem(await post('retry-2', body({ title: 'Second body' })), 409);
    expectProblem(await post('retry-2', body({ title: 'First body', audience: 'team' })), 409);
    expect(await countEntries(user.id)).toBe(before);
  });

  it('another key, or another user with the same key, makes a new entry', async () => {
    const first = await post('retry-3', body({ title: 'Shared key' }));
    const otherKey = await post('retry-3b', body({ title: 'Shared key' }));
    const otherUser = await post('retry-3', body({ title: 'Shared key' }), team.stranger.token);
    expect([first.status, otherKey.status, otherUser.status]).toEqual([201, 201, 201]);
    expect(new Set([first.body.id, otherKey.body.id, otherUser.body.id]).size).toBe(3);
    expect(otherUser.body.userId).toBe(team.stranger.id);
  });

  it('concurrent requests with the same key store one entry and all return it', async () => {
    const before = await countEntries(user.id);
    const results = await Promise.all(
      Array.from({ length: 6 }, () => post('retry-race', body({ title: 'Raced' }))),
    );
    for (const res of results) expect(res.status, res.text).toBe(201);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await countEntries(user.id)).toBe(before + 1);
    expect(await keyRows('retry-race')).toHaveLength(1);
  });

  it('a key older than 24 hours may be used again, for a new entry', async () => {
    const first = await post('retry-old', body({ title: 'Long ago' }));
    expect(first.status).toBe(201);
    await sql.query(
      `UPDATE idempotency_keys SET created_at = now() - interval '25 hours'
       WHERE user_id = $1 AND key = $2`,
      [user.id, 'retry-old'],
    );
    const reused = await post('retry-old', body({ title: 'Something else' }));
    expect(reused.status, reused.text).toBe(201);
    expect(reused.body.id).not.toBe(first.body.id);
    expect(reused.body.title).toBe('Something else');
    const rows = await keyRows('retry-old');
    expect(rows).toHaveLength(1);
    expect(rows[0].evidence_id).toBe(reused.body.id);
    // The first entry stays.
    const old = await call(app, 'GET', `${E}/${first.body.id}`, { token: user.token });
    expect(old.status).toBe(200);
  });

  it('a retry after the entry was deleted does not bring it back: 409', async () => {
    const first = await post('retry-deleted', body({ title: 'Deleted later' }));
    const del = await call(app, 'DELETE', `${E}/${first.body.id}`, { token: user.token });
    expect(del.status).toBe(204);
    expectProblem(await post('retry-deleted', body({ title: 'Deleted later' })), 409);
  });

  it('refuses a key over 255 characters', async () => {
    const before = await countEntries(user.id);
    expectProblem(await post('k'.repeat(256), body()), 400, ['idempotency-key']);
    expect(await countEntries(user.id)).toBe(before);
  });
});

describe('GET /evidence/:id', () => {
  it('is readable by the owner, their manager and an admin; 404 for anyone else', async () => {
    const { admin, manager, engineer, peer, stranger } = team;
    const entry = await create(engineer, { title: 'Access matrix' });
    const url = `${E}/${entry.id}`;
    for (const reader of [engineer, manager, admin]) {
      const res = await call(app, 'GET', url, { token: reader.token });
      expect(res.status, reader.name).toBe(200);
      expect(res.body).toEqual(entry);
      expect(res.headers.etag).toBe('"1"');
    }
    for (const outsider of [peer, stranger]) {
      expectProblem(await call(app, 'GET', url, { token: outsider.token }), 404);
    }
    expectProblem(await call(app, 'GET', url), 401);
    expectProblem(await call(app, 'GET', url, { token: await revokedTokenOf(app, engineer) }), 401);
  });

  it('a skip-level manager may not read it', async () => {
    // The manager's own manager sees the manager, not the manager's reports.
    const { manager } = team;
    const boss = await registerUser(app, { name: 'Boss' });
    const newManager = await registerReport(app, boss, { name: 'Middle' });
    const sub = await registerReport(app, newManager, { name: 'Sub' });
    const entry = await create(sub);
    expect((await call(app, 'GET', `${E}/${entry.id}`, { token: newManager.token })).status).toBe(
      200,
    );
    expectProblem(await call(app, 'GET', `${E}/${entry.id}`, { token: boss.token }), 404);
    expectProblem(await call(app, 'GET', `${E}/${entry.id}`, { token: manager.token }), 404);
  });

  it('an unknown id is 404, an overlong one 400', async () => {
    expectProblem(await call(app, 'GET', `${E}/nope`, { token: team.admin.token }), 404);
    expectProblem(
      await call(app, 'GET', `${E}/${'x'.repeat(65)}`, { token: team.admin.token }),
      400,
      ['id'],
    );
  });
});

describe('GET /evidence', () => {
  it("lists the caller's own entries by default; others need the rights of GET /users/:id", async () => {
    const { admin, manager, engineer, peer, stranger } = team;
    await create(engineer, { title: 'Listed' });
    const mine = await call(app, 'GET', E, { token: engineer.token });
    expect(mine.status, mine.text).toBe(200);
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((e: { userId: string }) => e.userId === engineer.id)).toBe(true);
    const me = await call(app, 'GET', E, { token: engineer.token, query: { userId: 'me' } });
    expect(me.body).toEqual(mine.body);
    const self = await call(app, 'GET', E, {
      token: engineer.token,
      query: { userId: engineer.id },
    });
    expect(self.body).toEqual(mine.body);

    for (const reader of [manager, admin]) {
      const res = await call(app, 'GET', E, {
        token: reader.token,
        query: { userId: engineer.id },
      });
      expect(res.status, reader.name).toBe(200);
      expect(res.body).toEqual(mine.body);
    }
    for (const outsider of [peer, stranger]) {
      expectProblem(
        await call(app, 'GET', E, { token: outsider.token, query: { userId: engineer.id } }),
        404,
      );
    }
    // The manager's own list holds only the manager's entries.
    const managers = await call(app, 'GET', E, { token: manager.token });
    expect(managers.body.items.every((e: { userId: string }) => e.userId === manager.id)).toBe(
      true,
    );
    expectProblem(
      await call(app, 'GET', E, { token: admin.token, query: { userId: 'no-such-user' } }),
      404,
    );
    expectProblem(await call(app, 'GET', E), 401);
    expectProblem(await call(app, 'GET', E, { token: await revokedTokenOf(app, engineer) }), 401);
  });

  it('includes acknowledgements with each item', async () => {
    const entry = await create(team.peer, { title: 'Acknowledged in a list' });
    const ack = await call(app, 'POST', `${E}/${entry.id}/acknowledgements`, {
      token: team.manager.token,
      body: { comment: 'Nice' },
    });
    expect(ack.status, ack.text).toBe(201);
    const list = await call(app, 'GET', E, {
      token: team.manager.token,
      query: { userId: team.peer.id },
    });
    const item = list.body.items.find((e: { id: string }) => e.id === entry.id);
    expect(item.acknowledgements).toEqual([ack.body]);
  });

  describe('filters and paging', () => {
    let user: TestUser;
    const base = '2025-03-10';
    // 13 entries over 5 days with ties on occurredOn, plus one deleted.
    const plan: [number, string[]][] = [
      [0, ['review']],
      [0, ['mentoring', 'review']],
      [0, ['proposal']],
      [1, ['review']],
      [2, ['ownership']],
      [2, ['ownership', 'mentoring']],
      [2, ['review']],
      [2, ['communication']],
      [3, ['mentoring']],
      [4, ['review', 'feedback']],
      [4, ['unblocking']],
      [4, ['review']],
      [4, ['proposal']],
    ];
    let all: { id: string; occurredOn: string; kinds: string[] }[];

    beforeAll(async () => {
      user = await registerUser(app, { name: 'Pager' });
      for (const [offset, kinds] of plan) {
        await create(user, { occurredOn: addDays(base, offset), kinds, title: `On +${offset}` });
      }
      const gone = await create(user, { occurredOn: addDays(base, 2), title: 'Deleted' });
      const del = await call(app, 'DELETE', `${E}/${gone.id}`, { token: user.token });
      expect(del.status).toBe(204);
      const res = await call(app, 'GET', E, { token: user.token, query: { limit: 100 } });
      expect(res.status).toBe(200);
      all = res.body.items;
    });

    it('orders newest occurredOn first, ties by id descending, without deleted entries', () => {
      expect(all).toHaveLength(plan.length);
      expect(all.some((e) => (e as { title?: string }).title === 'Deleted')).toBe(false);
      const sorted = [...all].sort((a, b) =>
        a.occurredOn === b.occurredOn
          ? a.id < b.id
            ? 1
            : -1
          : a.occurredOn < b.occurredOn
            ? 1
            : -1,
      );
      expect(all.map((e) => e.id)).toEqual(sorted.map((e) => e.id));
    });

    it('pages with an opaque cursor: three pages, no duplicates, no gaps', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      const sizes: number[] = [];
      do {
        const query: Record<string, string | number> = { limit: 5 };
        if (cursor) query.cursor = cursor;
        const res = await call(app, 'GET', E, { token: user.token, query });
        expect(res.status, res.text).toBe(200);
        sizes.push(res.body.items.length);
        seen.push(...res.body.items.map((e: { id: string }) => e.id));
        cursor = res.body.nextCursor;
        if (cursor) expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      } while (cursor);
      expect(sizes).toEqual([5, 5, 3]);
      expect(seen).toEqual(all.map((e) => e.id));
    });

    it('a page that ends exactly at the last entry has nextCursor null', async () => {
      const res = await call(app, 'GET', E, { token: user.token, query: { limit: 13 } });
      expect(res.body.items).toHaveLength(13);
      expect(res.body.nextCursor).toBeNull();
      const one = await call(app, 'GET', E, { token: user.token, query: { limit: 1 } });
      expect(one.body.items).toHaveLength(1);
      expect(one.body.nextCursor).not.toBeNull();
    });

    it('keeps paging stable when an earlier page changes meanwhile', async () => {
      const first = await call(app, 'GET', E, { token: user.token, query: { limit: 4 } });
      // A new entry on the newest day lands on page one, not in the middle of the rest.
      const added = await create(user, { occurredOn: addDays(base, 4), title: 'Added later' });
      const rest = await call(app, 'GET', E, {
        token: user.token,
        query: { limit: 100, cursor: first.body.nextCursor },
      });
      expect([...first.body.items, ...rest.body.items].map((e: { id: string }) => e.id)).toEqual(
        all.map((e) => e.id).filter((id) => id !== added.id),
      );
      await call(app, 'DELETE', `${E}/${added.id}`, { token: user.token });
    });

    it('filters by kind, from and to (inclusive), together with paging', async () => {
      const list = async (query: Record<string, string | number>) => {
        const res = await call(app, 'GET', E, { token: user.token, query });
        expect(res.status, res.text).toBe(200);
        return res.body.items as typeof all;
      };
      const reviews = await list({ kind: 'review' });
      expect(reviews.map((e) => e.id)).toEqual(
        all.filter((e) => e.kinds.includes('review')).map((e) => e.id),
      );
      expect(reviews).toHaveLength(6);
      const window = await list({ from: addDays(base, 1), to: addDays(base, 3) });
      expect(window.map((e) => e.id)).toEqual(
        all
          .filter((e) => e.occurredOn >= addDays(base, 1) && e.occurredOn <= addDays(base, 3))
          .map((e) => e.id),
      );
      expect(window).toHaveLength(6);
      expect(await list({ from: addDays(base, 4) })).toHaveLength(4);
      expect(await list({ to: base })).toHaveLength(3);
      expect(await list({ from: base, to: base })).toHaveLength(3);
      expect(await list({ kind: 'mentoring', from: addDays(base, 1) })).toHaveLength(2);
      expect(await list({ kind: 'feedback', to: addDays(base, 3) })).toHaveLength(0);

      const page1 = await call(app, 'GET', E, {
        token: user.token,
        query: { kind: 'review', limit: 4 },
      });
      const page2 = await call(app, 'GET', E, {
        token: user.token,
        query: { kind: 'review', limit: 4, cursor: page1.body.nextCursor },
      });
      expect(page2.body.nextCursor).toBeNull();
      expect([...page1.body.items, ...page2.body.items].map((e: { id: string }) => e.id)).toEqual(
        reviews.map((e) => e.id),
      );
    });

    const bad: [string, Record<string, string | number>, string[]][] = [
      ['limit 0', { limit: 0 }, ['limit']],
      ['limit 101', { limit: 101 }, ['limit']],
      ['a limit that is no number', { limit: 'ten' }, ['limit']],
      ['a fractional limit', { limit: 2.5 }, ['limit']],
      ['an unknown kind', { kind: 'leading' }, ['kind']],
      ['a bad from', { from: '2025-13-01' }, ['from']],
      ['a bad to', { to: 'yesterday' }, ['to']],
      ['to before from', { from: '2025-03-12', to: '2025-03-11' }, ['to']],
      ['an unknown parameter', { sort: 'asc' }, ['sort']],
      ['a cursor that is not base64url', { cursor: 'not a cursor!' }, ['cursor']],
      ['a cursor that decodes to nonsense', { cursor: 'abcdef' }, ['cursor']],
      [
        'a cursor with an impossible date',
        { cursor: Buffer.from('2025-02-30|abc').toString('base64url') },
        ['cursor'],
      ],
    ];
    it.each(bad)('refuses %s with 400', async (_label, query, fields) => {
      expectProblem(await call(app, 'GET', E, { token: user.token, query }), 400, fields);
    });
  });
});

describe('OpenAPI', () => {
  it('documents every evidence route under the evidence tag', async () => {
    const res = await call(app, 'GET', '/docs/json');
    expect(res.status, res.text).toBe(200);
    const paths = res.body.paths as Record<string, Record<string, { tags?: string[] }>>;
    const expected: [string, string][] = [
      ['/api/v1/evidence', 'post'],
      ['/api/v1/evidence', 'get'],
      ['/api/v1/evidence/{id}', 'get'],
      ['/api/v1/evidence/{id}', 'patch'],
      ['/api/v1/evidence/{id}', 'delete'],
      ['/api/v1/evidence/{id}/restore', 'post'],
      ['/api/v1/evidence/{id}/acknowledgements', 'post'],
    ];
    for (const [path, method] of expected) {
      expect(paths[path]?.[method]?.tags, `${method} ${path}`).toEqual(['evidence']);
    }
    expect(res.body.components.schemas).toHaveProperty('Evidence');
    expect(res.body.components.schemas).toHaveProperty('Acknowledgement');
  });
});
