// POST /evidence/batch: many entries at once, all or nothing, with Idempotency-Key.
import { describe, expect, it } from 'vitest';
import { call, expectProblem, registerUser, type TestUser } from '../support/http';
import { expectAccess, signedIn, useRoleCast } from '../support/role-cast';
import { useFixture } from '../support/test-app';

// The cast's admin is the first user of the database.
const { app, sql, cast } = useRoleCast();

const item = (n: number, extra: object = {}) => ({
  kinds: ['review'],
  title: `Batch entry ${n}`,
  occurredOn: '2026-11-02',
  ...extra,
});

const batch = (user: TestUser | string | undefined, items: unknown[], key?: string) =>
  call(app, 'POST', '/api/v1/evidence/batch', {
    token: user,
    body: { items },
    ...(key && { headers: { 'idempotency-key': key } }),
  });

async function countOf(user: TestUser): Promise<number> {
  const { rows } = await sql.query('SELECT count(*)::int AS n FROM evidence WHERE user_id = $1', [
    user.id,
  ]);
  return rows[0].n;
}

describe('POST /evidence/batch', () => {
  const me = useFixture(() => registerUser(app, { name: 'Batcher' }));

  it('creates every item, in order, as a single create would store it', async () => {
    const res = await batch(me, [
      item(1, { description: '  ', links: ['https://example.com/a'], audience: 'org' }),
      item(2, { kinds: ['proposal', 'communication'], title: '  Padded  ', description: 'Why' }),
      ...Array.from({ length: 48 }, (_, i) => item(i + 3)),
    ]);
    expect(res.status, res.text).toBe(201);
    expect(res.body.items).toHaveLength(50);
    expect(res.body.items[0]).toMatchObject({
      userId: me.id,
      title: 'Batch entry 1',
      description: null,
      links: ['https://example.com/a'],
      audience: 'org',
      source: 'manual',
      version: 1,
      acknowledgements: [],
      endorsements: [],
    });
    expect(res.body.items[1]).toMatchObject({
      title: 'Padded',
      kinds: ['proposal', 'communication'],
    });
    expect(res.body.items.map((e: { title: string }) => e.title).slice(2, 4)).toEqual([
      'Batch entry 3',
      'Batch entry 4',
    ]);
    for (const entry of res.body.items.slice(0, 2)) {
      const read = await call(app, 'GET', `/api/v1/evidence/${entry.id}`, { token: me });
      expect(read.body).toEqual(entry);
    }
    expect(await countOf(me)).toBe(50);
  });

  it('stores nothing when one item fails, naming every bad field of every item at once', async () => {
    const before = await countOf(me);
    const res = await batch(me, [
      item(1),
      item(2, { title: '' }),
      item(3),
      item(4, { occurredOn: '2999-01-01', kinds: [], source: 'github' }),
    ]);
    expectProblem(res, 400, [
      'items.1.title',
      'items.3.occurredOn',
      'items.3.kinds',
      'items.3.source',
    ]);
    expect(
      res.body.errors.find((e: { path: string }) => e.path === 'items.1.title').message,
    ).toMatch(/title/i);
    expect(await countOf(me)).toBe(before);
  });

  it('takes 1 to 500 items', async () => {
    expectProblem(await batch(me, []), 400, ['items']);
    const many = Array.from({ length: 501 }, (_, i) => item(i));
    expectProblem(await batch(me, many), 400, ['items']);
    const full = await batch(
      me,
      Array.from({ length: 500 }, (_, i) => item(i)),
    );
    expect(full.status, full.text).toBe(201);
    expect(full.body.items).toHaveLength(500);
  });

  it('with Idempotency-Key: a retry returns the first batch, another body is 409', async () => {
    const items = [item(1), item(2)];
    const first = await batch(me, items, 'batch-key-1');
    expect(first.status, first.text).toBe(201);
    const retry = await batch(me, items, 'batch-key-1');
    expect(retry.status, retry.text).toBe(201);
    expect(retry.body).toEqual(first.body);
    expectProblem(await batch(me, [item(1)], 'batch-key-1'), 409);
    // A key of a single create is not a batch's, and the other way round.
    const single = await call(app, 'POST', '/api/v1/evidence', {
      token: me,
      body: item(1),
      headers: { 'idempotency-key': 'batch-key-1' },
    });
    expectProblem(single, 409);
    const one = await call(app, 'POST', '/api/v1/evidence', {
      token: me,
      body: item(9),
      headers: { 'idempotency-key': 'single-key' },
    });
    expect(one.status).toBe(201);
    expectProblem(await batch(me, [item(9)], 'single-key'), 409);

    // An entry of the batch deleted since: the retry must not bring it back.
    const removed = await call(app, 'DELETE', `/api/v1/evidence/${first.body.items[1].id}`, {
      token: me,
    });
    expect(removed.status).toBe(204);
    expectProblem(await batch(me, items, 'batch-key-1'), 409);
  });

  it('with Idempotency-Key: concurrent retries make one batch', async () => {
    const before = await countOf(me);
    const items = [item(1), item(2), item(3)];
    const results = await Promise.all(
      Array.from({ length: 6 }, () => batch(me, items, 'race-key')),
    );
    for (const res of results) expect(res.status, res.text).toBe(201);
    const ids = results.map((res) => res.body.items.map((e: { id: string }) => e.id).join());
    expect(new Set(ids).size).toBe(1);
    expect(await countOf(me)).toBe(before + 3);
  });

  it('lets every signed-in person log their own; no token and deactivated are 401', async () => {
    const owners: string[] = [];
    await expectAccess(
      cast,
      async (token) => {
        const res = await batch(token, [item(1)]);
        if (res.status === 201) owners.push(res.body.items[0].userId);
        return res;
      },
      signedIn(201),
    );
    expect(owners).toEqual([
      cast.engineer.id,
      cast.manager.id,
      cast.admin.id,
      cast.stranger.id,
      cast.sponsor.id,
      cast.endorser.id,
    ]);
  });
});
