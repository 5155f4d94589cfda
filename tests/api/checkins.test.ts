// Weekly check-ins: PUT /checkins/:weekStart (the caller's own week) and GET /checkins.
import { addDays, addWeeks, todayUtc, weekStartOf } from '@leadtrack/core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  expectProblem,
  personalTokenOf,
  revokedTokenOf,
  type TestUser,
} from '../support/http';
import { useTeam } from '../support/team';

const thisWeek = weekStartOf(todayUtc());
const weeksAgo = (n: number) => addWeeks(thisWeek, -n);

const valid = { handsOnPercent: 60, deepWorkBlocks: 4, onLeave: false, note: 'Shipped the RFC.' };

const { app, team } = useTeam();

const put = (user: TestUser | string | undefined, weekStart: string, body: unknown) =>
  call(app, 'PUT', `/api/v1/checkins/${weekStart}`, {
    token: typeof user === 'string' ? user : user?.token,
    body,
  });

const list = (user: TestUser | string | undefined, query: Record<string, string> = {}) =>
  call(app, 'GET', '/api/v1/checkins', {
    token: typeof user === 'string' ? user : user?.token,
    query,
  });

describe('PUT /checkins/:weekStart', () => {
  it('creates the caller’s check-in for a past week and returns it', async () => {
    const week = weeksAgo(3);
    const res = await put(team.engineer, week, valid);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({
      userId: team.engineer.id,
      weekStart: week,
      handsOnPercent: 60,
      deepWorkBlocks: 4,
      onLeave: false,
      note: 'Shipped the RFC.',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(new Date(res.body.createdAt).toISOString()).toBe(res.body.createdAt);
  });

  it('replaces the same week: one row, new values, createdAt kept, note cleared when omitted', async () => {
    const week = weeksAgo(5);
    const first = await put(team.engineer, week, valid);
    expect(first.status, first.text).toBe(200);
    const second = await put(team.engineer, week, {
      handsOnPercent: 90,
      deepWorkBlocks: 0,
      onLeave: true,
    });
    expect(second.status, second.text).toBe(200);
    expect(second.body).toMatchObject({
      weekStart: week,
      handsOnPercent: 90,
      deepWorkBlocks: 0,
      onLeave: true,
      note: null,
      createdAt: first.body.createdAt,
    });
    expect(second.body.updatedAt >= first.body.updatedAt).toBe(true);
    const rows = (await list(team.engineer, { from: week, to: week })).body.items;
    expect(rows).toEqual([second.body]);
  });

  it('concurrent first writes of one week: all 200, one row, one of them wins', async () => {
    const week = weeksAgo(12);
    const results = await Promise.all(
      [10, 20, 30, 40, 50].map((handsOnPercent) =>
        put(team.manager, week, { ...valid, handsOnPercent }),
      ),
    );
    for (const res of results) expect(res.status, res.text).toBe(200);
    const rows = (await list(team.manager, { from: week, to: week })).body.items;
    expect(rows).toHaveLength(1);
    expect([10, 20, 30, 40, 50]).toContain(rows[0].handsOnPercent);
  });

  it('accepts the current week, the bounds of every range, and a null note', async () => {
    const res = await put(team.peer, thisWeek, {
      handsOnPercent: 0,
      deepWorkBlocks: 50,
      onLeave: false,
      note: null,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ weekStart: thisWeek, handsOnPercent: 0, deepWorkBlocks: 50 });
    expect(res.body.note).toBeNull();
    const full = await put(team.peer, weeksAgo(1), { ...valid, handsOnPercent: 100 });
    expect(full.status, full.text).toBe(200);
    expect(full.body.handsOnPercent).toBe(100);
  });

  it('stores the note trimmed, otherwise verbatim, up to 2000 characters', async () => {
    const note = `  <b>not html</b> & "quotes"\n${'x'.repeat(1960)}  `;
    const res = await put(team.peer, weeksAgo(2), { ...valid, note });
    expect(res.status, res.text).toBe(200);
    expect(res.body.note).toBe(note.trim());
    const longest = await put(team.peer, weeksAgo(3), { ...valid, note: 'y'.repeat(2000) });
    expect(longest.status, longest.text).toBe(200);
    expect(longest.body.note).toHaveLength(2000);
  });

  it('always writes the caller’s own check-in (a manager writes theirs, not a report’s)', async () => {
    const week = weeksAgo(7);
    const res = await put(team.manager, week, { ...valid, handsOnPercent: 20 });
    expect(res.status, res.text).toBe(200);
    expect(res.body.userId).toBe(team.manager.id);
    const engineers = await list(team.manager, { userId: team.engineer.id, from: week, to: week });
    expect(engineers.body.items).toEqual([]);
  });

  describe('validation: 400 naming the field, and nothing stored or changed', () => {
    // The week every invalid request below targets already holds this check-in.
    const week = weeksAgo(10);
    let before: unknown[];

    beforeAll(async () => {
      const res = await put(team.stranger, week, valid);
      expect(res.status, res.text).toBe(200);
      before = (await list(team.stranger)).body.items;
    });

    async function expectRejected(weekStart: string, body: unknown, fields: string[]) {
      expectProblem(await put(team.stranger, weekStart, body), 400, fields);
      expect((await list(team.stranger)).body.items).toEqual(before);
    }

    it('weekStart that is not a Monday', async () => {
      for (const day of [1, 2, 3, 4, 5, 6]) {
        await expectRejected(addDays(weeksAgo(2), day), valid, ['weekStart']);
      }
    });

    it('weekStart in a future week (next Monday, and a year ahead)', async () => {
      await expectRejected(addWeeks(thisWeek, 1), valid, ['weekStart']);
      await expectRejected(addWeeks(thisWeek, 52), valid, ['weekStart']);
    });

    it('weekStart that is not a real calendar date', async () => {
      for (const bad of ['2026-02-30', '2025-13-01', '2026-1-5', 'monday', '20260105']) {
        await expectRejected(bad, valid, ['weekStart']);
      }
    });

    it('handsOnPercent outside 0-100 or not a whole number', async () => {
      for (const handsOnPercent of [-1, 101, 1.5, '50', null]) {
        await expectRejected(week, { ...valid, handsOnPercent }, ['handsOnPercent']);
      }
    });

    it('deepWorkBlocks outside 0-50 or not a whole number', async () => {
      for (const deepWorkBlocks of [51, -1, 2.5]) {
        await expectRejected(week, { ...valid, deepWorkBlocks }, ['deepWorkBlocks']);
      }
    });

    it('onLeave missing or not a boolean', async () => {
      const { onLeave: _, ...withoutOnLeave } = valid;
      await expectRejected(week, withoutOnLeave, ['onLeave']);
      await expectRejected(week, { ...valid, onLeave: 'yes' }, ['onLeave']);
    });

    it('a note over 2000 characters', async () => {
      await expectRejected(week, { ...valid, note: 'n'.repeat(2001) }, ['note']);
    });

    it('an unknown field', async () => {
      await expectRejected(week, { ...valid, userId: team.engineer.id }, ['userId']);
      await expectRejected(week, { ...valid, mood: 'great' }, ['mood']);
    });

    it('names every bad field at once', async () => {
      await expectRejected(week, { handsOnPercent: 101, deepWorkBlocks: 51 }, [
        'handsOnPercent',
        'deepWorkBlocks',
        'onLeave',
      ]);
    });

    it('no body at all', async () => {
      const res = await put(team.stranger, week, undefined);
      expectProblem(res, 400);
      expect((await list(team.stranger)).body.items).toEqual(before);
    });
  });
});

describe('GET /checkins', () => {
  // The engineer's history for this block: four weeks, written out of order.
  let owner: TestUser;
  const weeks = [weeksAgo(30), weeksAgo(28), weeksAgo(29), weeksAgo(26)];

  beforeAll(async () => {
    owner = team.engineer;
    for (const [i, week] of weeks.entries()) {
      const res = await put(owner, week, { ...valid, deepWorkBlocks: i });
      expect(res.status, res.text).toBe(200);
    }
  });

  const weeksOf = (res: { body: { items: { weekStart: string }[] } }) =>
    res.body.items.map((c) => c.weekStart);

  it('lists the caller’s own check-ins oldest week first, by default', async () => {
    const res = await list(owner);
    expect(res.status, res.text).toBe(200);
    const all = weeksOf(res);
    expect(all).toEqual([...all].sort());
    expect(all).toEqual(expect.arrayContaining(weeks));
    expect(res.body.items.every((c: { userId: string }) => c.userId === owner.id)).toBe(true);
    expect(weeksOf(await list(owner, { userId: 'me' }))).toEqual(all);
    expect(weeksOf(await list(owner, { userId: owner.id }))).toEqual(all);
  });

  it('bounds weekStart by from and to, inclusively', async () => {
    const res = await list(owner, { from: weeksAgo(29), to: weeksAgo(26) });
    expect(res.status, res.text).toBe(200);
    expect(weeksOf(res)).toEqual([weeksAgo(29), weeksAgo(28), weeksAgo(26)]);
    expect(weeksOf(await list(owner, { from: weeksAgo(30), to: weeksAgo(30) }))).toEqual([
      weeksAgo(30),
    ]);
    expect(weeksOf(await list(owner, { to: weeksAgo(29) }))).toEqual([weeksAgo(30), weeksAgo(29)]);
    expect(weeksOf(await list(owner, { from: weeksAgo(28), to: weeksAgo(27) }))).toEqual([
      weeksAgo(28),
    ]);
  });

  it('accepts any dates as bounds: a week is in range when its Monday is', async () => {
    // From the Tuesday of week -30 to the Sunday of week -28: weeks -29 and -28.
    const res = await list(owner, {
      from: addDays(weeksAgo(30), 1),
      to: addDays(weeksAgo(28), 6),
    });
    expect(weeksOf(res)).toEqual([weeksAgo(29), weeksAgo(28)]);
  });

  it('a reversed range is empty', async () => {
    const res = await list(owner, { from: weeksAgo(26), to: weeksAgo(30) });
    expect(res.status, res.text).toBe(200);
    expect(res.body.items).toEqual([]);
  });

  it('refuses bad dates and unknown query fields with 400', async () => {
    expectProblem(await list(owner, { from: '2026-02-30' }), 400, ['from']);
    expectProblem(await list(owner, { to: 'yesterday' }), 400, ['to']);
    expectProblem(await list(owner, { week: thisWeek }), 400, ['week']);
    expectProblem(await list(owner, { userId: '' }), 400, ['userId']);
  });

  describe('who may read whose check-ins (the rights of GET /users/:id)', () => {
    const range = () => ({ userId: owner.id, from: weeksAgo(30), to: weeksAgo(26) });

    it('the owner, their direct manager and an admin read them', async () => {
      for (const reader of [team.engineer, team.manager, team.admin]) {
        const res = await list(reader, range());
        expect(res.status, `${reader.name}: ${res.text}`).toBe(200);
        expect(weeksOf(res)).toEqual([weeksAgo(30), weeksAgo(29), weeksAgo(28), weeksAgo(26)]);
      }
    });

    it('a peer and a stranger get 404, as for a user that does not exist', async () => {
      expectProblem(await list(team.peer, range()), 404);
      expectProblem(await list(team.stranger, range()), 404);
      expectProblem(await list(team.manager, { userId: team.stranger.id }), 404);
      expectProblem(await list(team.manager, { userId: 'no-such-user' }), 404);
    });

    it('a report cannot read their manager’s check-ins', async () => {
      expectProblem(await list(team.engineer, { userId: team.manager.id }), 404);
    });
  });
});

describe('authentication', () => {
  it('no token: 401 for both routes, and nothing stored', async () => {
    expectProblem(await put(undefined, weeksAgo(40), valid), 401);
    expectProblem(await list(undefined), 401);
    const mine = await list(team.engineer, { from: weeksAgo(40), to: weeksAgo(40) });
    expect(mine.body.items).toEqual([]);
  });

  it('a personal access token works, and is refused once revoked', async () => {
    const pat = (await personalTokenOf(app, team.engineer)).token;
    const ok = await put(pat, weeksAgo(41), valid);
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.userId).toBe(team.engineer.id);
    expect((await list(pat, { from: weeksAgo(41), to: weeksAgo(41) })).status).toBe(200);

    const revoked = await revokedTokenOf(app, team.engineer);
    expectProblem(await put(revoked, weeksAgo(42), valid), 401);
    expectProblem(await list(revoked), 401);
    const mine = await list(team.engineer, { from: weeksAgo(42), to: weeksAgo(42) });
    expect(mine.body.items).toEqual([]);
  });

  it('a malformed bearer token: 401', async () => {
    expectProblem(await list('not-a-jwt'), 401);
    expectProblem(await put('lt_pat_nonsense', weeksAgo(43), valid), 401);
  });
});
