// Evidence, part 3: the list's total (counted in SQL with the list's own filters) and the
// trash, GET /evidence/trash: the caller's deleted entries that can still be restored.
import { addDays } from '@leadtrack/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, expectProblem, registerUser, revokedTokenOf, type TestUser } from '../support/http';
import { useTeam } from '../support/team';

const E = '/api/v1/evidence';
const TRASH = `${E}/trash`;
const DAY_MS = 24 * 60 * 60 * 1000;

const { app, sql, team } = useTeam();

async function create(
  user: TestUser,
  title: string,
  occurredOn = '2025-06-02',
  kinds = ['review'],
) {
  const res = await call(app, 'POST', E, {
    token: user.token,
    body: { kinds, title, occurredOn },
  });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; title: string };
}

async function remove(user: TestUser, id: string) {
  const res = await call(app, 'DELETE', `${E}/${id}`, { token: user.token });
  expect(res.status, res.text).toBe(204);
}

/** Moves a deletion into the past, as if it had happened `days` ago. */
async function deletedDaysAgo(id: string, days: number) {
  await sql.query(
    `UPDATE evidence SET deleted_at = now() - make_interval(days => $2::int) WHERE id = $1`,
    [id, days],
  );
}

describe('GET /evidence total', () => {
  let user: TestUser;
  beforeAll(async () => {
    user = await registerUser(app, { name: 'Counter' });
    // 7 live entries over three days (3 review, 4 mentoring), plus one deleted.
    for (let i = 0; i < 7; i++) {
      await create(user, `Entry ${i}`, addDays('2025-06-02', i % 3), [
        i < 3 ? 'review' : 'mentoring',
      ]);
    }
    const gone = await create(user, 'Deleted');
    await remove(user, gone.id);
  });

  const list = async (query: Record<string, string | number>, token = user.token) => {
    const res = await call(app, 'GET', E, { token, query });
    expect(res.status, res.text).toBe(200);
    return res.body as { items: unknown[]; nextCursor: string | null; total: number };
  };

  it('counts every matching entry on every page, the cursor aside, deleted ones not', async () => {
    const first = await list({ limit: 3 });
    expect(first.items).toHaveLength(3);
    expect(first.total).toBe(7);
    const second = await list({ limit: 3, cursor: first.nextCursor ?? '' });
    expect(second.total).toBe(7);
    const last = await list({ limit: 3, cursor: second.nextCursor ?? '' });
    expect(last.items).toHaveLength(1);
    expect(last.total).toBe(7);
  });

  it('applies the same filters as the page: kind, from, to', async () => {
    expect((await list({ kind: 'review' })).total).toBe(3);
    expect((await list({ kind: 'mentoring', limit: 1 })).total).toBe(4);
    expect((await list({ from: '2025-06-03' })).total).toBe(4);
    expect((await list({ to: '2025-06-02' })).total).toBe(3);
    expect((await list({ kind: 'review', from: '2025-06-04', to: '2025-06-04' })).total).toBe(1);
    const none = await list({ kind: 'feedback' });
    expect(none).toEqual({ items: [], nextCursor: null, total: 0 });
  });

  it('is 0 for someone who logged nothing, and follows the list access rule', async () => {
    const fresh = await registerUser(app, { name: 'Fresh' });
    expect(await list({}, fresh.token)).toEqual({ items: [], nextCursor: null, total: 0 });
    const { manager, admin, engineer, stranger } = team;
    await create(engineer, 'Counted for the manager');
    const own = await list({}, engineer.token);
    expect(own.total).toBeGreaterThan(0);
    for (const reader of [manager, admin]) {
      expect((await list({ userId: engineer.id }, reader.token)).total).toBe(own.total);
    }
    expectProblem(
      await call(app, 'GET', E, { token: stranger.token, query: { userId: engineer.id } }),
      404,
    );
  });
});

describe('GET /evidence/trash', () => {
  it('lists the caller’s restorable deletions, newest deletion first, with the deadline', async () => {
    const owner = await registerUser(app, { name: 'Binner' });
    const older = await create(owner, 'Deleted 3 days ago');
    const newer = await create(owner, 'Deleted just now');
    const live = await create(owner, 'Still here');
    await remove(owner, older.id);
    await deletedDaysAgo(older.id, 3);
    await remove(owner, newer.id);

    const res = await call(app, 'GET', TRASH, { token: owner.token });
    expect(res.status, res.text).toBe(200);
    expect(res.body.total).toBe(2);
    expect(res.body.items.map((e: { id: string }) => e.id)).toEqual([newer.id, older.id]);
    expect(res.body.items.map((e: { id: string }) => e.id)).not.toContain(live.id);
    for (const item of res.body.items) {
      const deletedAt = Date.parse(item.deletedAt);
      expect(Date.parse(item.restorableUntil) - deletedAt).toBe(30 * DAY_MS);
      expect(item).toMatchObject({ userId: owner.id, kinds: ['review'], version: 1 });
    }
    const olderItem = res.body.items[1];
    expect(Date.now() - Date.parse(olderItem.deletedAt)).toBeGreaterThan(3 * DAY_MS - 60_000);

    // The whole entry as it was: restoring it returns the same entry.
    const restored = await call(app, 'POST', `${E}/${newer.id}/restore`, {
      token: owner.token,
    });
    expect(restored.status, restored.text).toBe(200);
    const { deletedAt: _d, restorableUntil: _r, ...asListed } = res.body.items[0];
    expect(restored.body).toEqual({ ...asListed, updatedAt: expect.any(String) });
    const after = await call(app, 'GET', TRASH, { token: owner.token });
    expect(after.body.items.map((e: { id: string }) => e.id)).toEqual([older.id]);
    expect(after.body.total).toBe(1);
  });

  it('leaves out deletions older than 30 days (no longer restorable)', async () => {
    const owner = await registerUser(app, { name: 'Hoarder' });
    const recent = await create(owner, 'Deleted 29 days ago');
    const old = await create(owner, 'Deleted 31 days ago');
    for (const entry of [recent, old]) await remove(owner, entry.id);
    await deletedDaysAgo(recent.id, 29);
    await deletedDaysAgo(old.id, 31);
    const res = await call(app, 'GET', TRASH, { token: owner.token });
    expect(res.status, res.text).toBe(200);
    expect(res.body.items.map((e: { id: string }) => e.id)).toEqual([recent.id]);
    expect(res.body.total).toBe(1);
    // Listed means restorable, and the reverse.
    expectProblem(await call(app, 'POST', `${E}/${old.id}/restore`, { token: owner.token }), 404);
  });

  it('is only ever the caller’s own: managers, admins and strangers see none of it', async () => {
    const { admin, manager, engineer, peer, stranger } = team;
    const entry = await create(engineer, 'Deleted by the engineer');
    await remove(engineer, entry.id);
    const own = await call(app, 'GET', TRASH, { token: engineer.token });
    expect(own.body.items.map((e: { id: string }) => e.id)).toContain(entry.id);
    for (const other of [admin, manager, peer, stranger]) {
      const res = await call(app, 'GET', TRASH, { token: other.token });
      expect(res.status, res.text).toBe(200);
      expect(res.body.items.map((e: { id: string }) => e.id)).not.toContain(entry.id);
      expect(res.body.items.every((e: { userId: string }) => e.userId === other.id)).toBe(true);
    }
    // There is no asking for someone else's trash.
    expectProblem(
      await call(app, 'GET', TRASH, {
        token: manager.token,
        query: { userId: engineer.id },
      }),
      400,
      ['userId'],
    );
  });

  it('needs a live session of an active account', async () => {
    const user = await registerUser(app, { name: 'Leaver' });
    expectProblem(await call(app, 'GET', TRASH), 401);
    expectProblem(await call(app, 'GET', TRASH, { token: await revokedTokenOf(app, user) }), 401);
    await sql.query('UPDATE users SET deactivated_at = now() WHERE id = $1', [user.id]);
    expectProblem(await call(app, 'GET', TRASH, { token: user.token }), 401);
  });

  it('honours limit (total still counts all) and refuses a bad one', async () => {
    const owner = await registerUser(app, { name: 'Limiter' });
    for (let i = 0; i < 3; i++) {
      const entry = await create(owner, `Deleted ${i}`);
      await remove(owner, entry.id);
    }
    const res = await call(app, 'GET', TRASH, { token: owner.token, query: { limit: 2 } });
    expect(res.status, res.text).toBe(200);
    expect(res.body.items).toHaveLength(2);
    expect(res.body.total).toBe(3);
    for (const limit of [0, 101, 'ten']) {
      expectProblem(await call(app, 'GET', TRASH, { token: owner.token, query: { limit } }), 400, [
        'limit',
      ]);
    }
  });
});
