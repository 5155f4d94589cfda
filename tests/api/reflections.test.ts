// The fit reflection: GET /reflection-statements, PUT /reflections/:weekStart and
// GET /users/:id/reflections.
import { addDays, addWeeks, REFLECTION_STATEMENT_IDS } from '@leadtrack/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Caller, call, expectProblem } from '../support/http';
import { allAnswered } from '../support/reflection';
import { expectAccess, signedIn, useRoleCast } from '../support/role-cast';
import { thisWeekUtc } from '../support/weeks';

const { app, cast } = useRoleCast();

const put = (who: Caller, weekStart: string, body: unknown) =>
  call(app, 'PUT', `/api/v1/reflections/${weekStart}`, { token: who, body });
const list = (who: Caller, id: string) =>
  call(app, 'GET', `/api/v1/users/${id}/reflections`, { token: who });

describe('GET /reflection-statements', () => {
  it('lists the eight statements, four suiting the role, worded so staying an IC is legitimate', async () => {
    const res = await call(app, 'GET', '/api/v1/reflection-statements', {
      token: cast.engineer.token,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.items.map((s: { id: string }) => s.id)).toEqual([...REFLECTION_STATEMENT_IDS]);
    expect(res.body.items.filter((s: { suitsRole: boolean }) => s.suitsRole)).toHaveLength(4);
    expect(res.body.guidance).toMatch(/senior IC is a legitimate endpoint/);
  });

  it('needs a signed-in, active account', async () => {
    await expectAccess(
      cast,
      (token) => call(app, 'GET', '/api/v1/reflection-statements', { token }),
      signedIn(200),
    );
  });
});

describe('PUT /reflections/:weekStart', () => {
  it('stores the answers with the fit score; a second PUT for the week replaces it', async () => {
    const week = addWeeks(thisWeekUtc(), -1);
    const suiting = Object.fromEntries(
      REFLECTION_STATEMENT_IDS.map((id, i) => [id, i < 4 ? 5 : 1]),
    );
    const first = await put(cast.engineer, week, {
      answers: suiting,
      note: '  Enjoyed the RFC review  ',
      shared: false,
    });
    expect(first.status, first.text).toBe(200);
    expect(first.body).toEqual({
      weekStart: week,
      answers: suiting,
      note: 'Enjoyed the RFC review',
      shared: false,
      fitScore: 100,
      updatedAt: expect.any(String),
    });
    const second = await put(cast.engineer, week, { answers: allAnswered(3), shared: true });
    expect(second.status, second.text).toBe(200);
    expect(second.body).toMatchObject({ note: null, shared: true, fitScore: 50 });
    const mine = await list(cast.engineer, 'me');
    expect(mine.body.items.filter((r: { weekStart: string }) => r.weekStart === week)).toHaveLength(
      1,
    );
  });

  describe('validation: 400 naming each bad field, nothing stored', () => {
    let before: unknown;
    beforeAll(async () => {
      before = (await list(cast.engineer, 'me')).body;
    });

    it('a missing answer and answers out of 1-5 are named answers.<id>', async () => {
      const [first, second, third, fourth] = REFLECTION_STATEMENT_IDS;
      const bad: Record<string, unknown> = {
        ...allAnswered(3),
        [second as string]: 0,
        [third as string]: 6,
      };
      bad[fourth as string] = 2.5;
      delete bad[first as string];
      const res = await put(cast.engineer, thisWeekUtc(), { answers: bad, shared: false });
      expectProblem(res, 400, [
        `answers.${first}`,
        `answers.${second}`,
        `answers.${third}`,
        `answers.${fourth}`,
      ]);
      expect(res.body.errors[0].message).toMatch(/whole number from 1 to 5/);
      expect((await list(cast.engineer, 'me')).body).toEqual(before);
    });

    it('an unknown statement, a missing shared flag', async () => {
      const res = await put(cast.engineer, thisWeekUtc(), {
        answers: { ...allAnswered(3), vibes: 4 },
      });
      expectProblem(res, 400, ['answers.vibes', 'shared']);
      expect((await list(cast.engineer, 'me')).body).toEqual(before);
    });

    it('a week that is not a Monday, after the current week, or before 2000', async () => {
      const body = { answers: allAnswered(3), shared: false };
      const tuesday = addDays(addWeeks(thisWeekUtc(), -2), 1);
      for (const week of [addWeeks(thisWeekUtc(), 1), tuesday, '1999-12-27', 'soon']) {
        expectProblem(await put(cast.engineer, week, body), 400, ['weekStart']);
      }
      expect((await list(cast.engineer, 'me')).body).toEqual(before);
    });
  });

  it('access: anyone signed in writes their own week only; no token or deactivated 401', async () => {
    await expectAccess(
      cast,
      (token) =>
        put(token, addWeeks(thisWeekUtc(), -5), { answers: allAnswered(4), shared: false }),
      signedIn(200),
    );
  });
});

describe('GET /users/:id/reflections', () => {
  it('the user reads all of theirs, newest first; their manager only the shared ones', async () => {
    const shared = addWeeks(thisWeekUtc(), -3);
    const secret = addWeeks(thisWeekUtc(), -2);
    expect((await put(cast.peer, shared, { answers: allAnswered(4), shared: true })).status).toBe(
      200,
    );
    expect((await put(cast.peer, secret, { answers: allAnswered(2), shared: false })).status).toBe(
      200,
    );
    const own = await list(cast.peer, 'me');
    expect(own.status, own.text).toBe(200);
    expect(own.body.items.map((r: { weekStart: string }) => r.weekStart)).toEqual([secret, shared]);
    const managers = await list(cast.manager, cast.peer.id);
    expect(managers.status, managers.text).toBe(200);
    expect(managers.body.items.map((r: { weekStart: string }) => r.weekStart)).toEqual([shared]);
  });

  it('access: the user and their manager; admins, sponsors, strangers 404 (private by design)', async () => {
    await expectAccess(cast, (token) => list(token, cast.engineer.id), {
      ...signedIn(404),
      owner: 200,
      manager: 200,
    });
  });
});
