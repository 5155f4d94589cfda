// The suggestions inbox: offering (never twice), listing, accepting with edits, dismissing,
// and who may do what (only the owner; everyone else finds nothing).
import {
  offerSuggestions,
  type SuggestionDraft,
} from '@leadtrack/api/services/suggestions/offer-suggestions';
import { todayUtc, weekStartOf } from '@leadtrack/core';
import { describe, expect, it } from 'vitest';
import {
  type Caller,
  call,
  expectProblem,
  type Response,
  registerUser,
  type TestUser,
} from '../support/http';
import { expectAccess, signedIn, useRoleCast } from '../support/role-cast';
import { useFixture } from '../support/test-app';

// The cast's admin is the first user of the database.
const { app, sql, cast } = useRoleCast();

let counter = 0;
function draft(extra: Partial<SuggestionDraft> = {}): SuggestionDraft {
  counter += 1;
  return {
    type: 'evidence',
    source: 'github',
    externalId: `pr-${counter}`,
    url: `https://github.com/acme/api/pull/${counter}`,
    title: `Reviewed pull request ${counter}`,
    occurredOn: '2026-11-02',
    suggestedKinds: ['review'],
    ...extra,
  };
}

/** Asserts an accepted check-in suggestion's answer: 200 with the week's check-in as `expected`. */
function expectCheckin(res: Response, expected: Record<string, unknown>) {
  expect(res.status, res.text).toBe(200);
  expect(res.body).toMatchObject(expected);
}

/** GET /suggestions as `who`, filtered by `query`. */
const suggestions = (who: Caller, query: Record<string, string | number> = {}) =>
  call(app, 'GET', '/api/v1/suggestions', { token: who, query });

/** Offers one draft to `user` and returns its suggestion as the API lists it. */
async function offered(user: TestUser, extra: Partial<SuggestionDraft> = {}) {
  const one = draft(extra);
  expect(await offerSuggestions(app.db, user.id, [one])).toEqual({ suggested: 1, skipped: 0 });
  const list = await suggestions(user, { source: one.source, limit: 100 });
  const found = list.body.items.find(
    (s: { externalId: string }) => s.externalId === one.externalId,
  );
  expect(found, list.text).toBeDefined();
  return found;
}

describe('offerSuggestions', () => {
  const owner = useFixture(() => registerUser(app, { name: 'Owner' }));

  it('inserts new drafts in one statement and never offers the same source and id twice', async () => {
    const first = await offerSuggestions(app.db, owner.id, [
      draft({ externalId: '1' }),
      draft({ externalId: '2', details: { pullRequests: 3 } }),
      draft({ externalId: '2' }),
    ]);
    expect(first).toEqual({ suggested: 2, skipped: 1 });
    // Dismissed or not, a re-offer inserts nothing; another source with the same id is new.
    await sql.query(`UPDATE suggestions SET status = 'dismissed' WHERE external_id = '1'`);
    const again = await offerSuggestions(app.db, owner.id, [
      draft({ externalId: '1' }),
      draft({ externalId: '2' }),
      draft({ externalId: '1', source: 'calendar' }),
      {
        type: 'checkin',
        source: 'calendar',
        externalId: 'week-2026-11-02',
        title: 'Focus blocks',
        occurredOn: '2026-11-02',
        suggestedKinds: [],
        checkin: { weekStart: '2026-11-02', deepWorkBlocks: 4 },
      },
    ]);
    expect(again).toEqual({ suggested: 2, skipped: 2 });
    const { rows } = await sql.query(
      `SELECT source, external_id, type::text, suggested_kinds::text[] AS kinds, checkin, details, status::text
         FROM suggestions WHERE user_id = $1 ORDER BY source, external_id`,
      [owner.id],
    );
    const row = (source: string, id: string, type: string, rest: object) => ({
      source,
      external_id: id,
      type,
      kinds: type === 'evidence' ? ['review'] : [],
      checkin: null,
      details: null,
      status: 'open',
      ...rest,
    });
    expect(rows).toEqual([
      row('calendar', '1', 'evidence', {}),
      row('calendar', 'week-2026-11-02', 'checkin', {
        checkin: { weekStart: '2026-11-02', deepWorkBlocks: 4 },
      }),
      row('github', '1', 'evidence', { status: 'dismissed' }),
      row('github', '2', 'evidence', { details: { pullRequests: 3 } }),
    ]);
    expect(await offerSuggestions(app.db, owner.id, [])).toEqual({ suggested: 0, skipped: 0 });
  });

  it('keeps long titles and duplicate kinds within what an entry may hold', async () => {
    const [created] = await Promise.all([
      offered(owner, {
        title: `${'x'.repeat(250)}`,
        suggestedKinds: ['review', 'review', 'mentoring', 'proposal', 'ownership'],
      }),
    ]);
    expect(created.title).toHaveLength(200);
    expect(created.suggestedKinds).toEqual(['review', 'mentoring', 'proposal']);
  });
});

describe('GET /suggestions', () => {
  const me = useFixture(() => registerUser(app, { name: 'Lister' }));

  it('lists open ones by default, most recent work first, in pages with the total', async () => {
    const dates = ['2026-10-05', '2026-11-02', '2026-10-19', '2026-11-02'];
    await offerSuggestions(
      app.db,
      me.id,
      dates.map((occurredOn, i) => draft({ occurredOn, externalId: `list-${i}` })),
    );
    await offerSuggestions(app.db, me.id, [draft({ source: 'calendar', externalId: 'cal' })]);
    const first = await suggestions(me, { limit: 2 });
    expect(first.status, first.text).toBe(200);
    expect(first.body.total).toBe(5);
    expect(first.body.items.map((s: { occurredOn: string }) => s.occurredOn)).toEqual([
      '2026-11-02',
      '2026-11-02',
    ]);
    const seen = [...first.body.items];
    let cursor = first.body.nextCursor;
    while (cursor) {
      const page = await suggestions(me, { limit: 2, cursor });
      expect(page.status, page.text).toBe(200);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    }
    expect(seen.map((s) => s.occurredOn)).toEqual([
      '2026-11-02',
      '2026-11-02',
      '2026-11-02',
      '2026-10-19',
      '2026-10-05',
    ]);
    expect(new Set(seen.map((s) => s.id)).size).toBe(5);
    expect(seen[0]).toMatchObject({
      type: 'evidence',
      status: 'open',
      checkin: null,
      decidedAt: null,
      evidenceId: null,
      createdAt: expect.any(String),
    });

    const calendar = await suggestions(me, { source: 'calendar' });
    expect(calendar.body.items.map((s: { externalId: string }) => s.externalId)).toEqual(['cal']);
    const dismissed = await suggestions(me, { status: 'dismissed' });
    expect(dismissed.body).toEqual({ items: [], nextCursor: null, total: 0 });
  });

  it('refuses bad filters and cursors, naming each', async () => {
    const res = await suggestions(me, { status: 'maybe', limit: 0, colour: 'red' });
    expectProblem(res, 400, ['status', 'limit', 'colour']);
    expectProblem(await suggestions(me, { cursor: '!!' }), 400, ['cursor']);
  });
});

describe('accepting and dismissing', () => {
  const me = useFixture(() => registerUser(app, { name: 'Decider' }));

  it('accepts with edits: the entry keeps the source and the url, the suggestion points at it', async () => {
    const suggestion = await offered(me, {
      description: 'Seven pull requests',
      details: { links: ['https://github.com/acme/api/pull/99', 'javascript:alert(1)'] },
    });
    const res = await call(app, 'POST', `/api/v1/suggestions/${suggestion.id}/accept`, {
      token: me,
      body: {
        kinds: ['review', 'mentoring'],
        title: '  Reviewed the queue work  ',
        occurredOn: '2026-11-03',
      },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toMatchObject({
      userId: me.id,
      kinds: ['review', 'mentoring'],
      title: 'Reviewed the queue work',
      description: 'Seven pull requests',
      occurredOn: '2026-11-03',
      links: [suggestion.url, 'https://github.com/acme/api/pull/99'],
      source: 'github',
      acknowledgements: [],
      endorsements: [],
      version: 1,
    });
    const entry = await call(app, 'GET', `/api/v1/evidence/${res.body.id}`, { token: me });
    expect(entry.body).toEqual(res.body);

    const accepted = await suggestions(me, { status: 'accepted' });
    expect(accepted.body.items).toEqual([
      expect.objectContaining({
        id: suggestion.id,
        status: 'accepted',
        evidenceId: res.body.id,
        decidedAt: expect.any(String),
      }),
    ]);

    const twice = await call(app, 'POST', `/api/v1/suggestions/${suggestion.id}/accept`, {
      token: me,
    });
    expectProblem(twice, 409);
    expectProblem(
      await call(app, 'POST', `/api/v1/suggestions/${suggestion.id}/dismiss`, { token: me }),
      409,
    );
  });

  it('applies every rule of a create to the result, naming the fields', async () => {
    const noKinds = await offered(me, { suggestedKinds: [], source: 'import' });
    const res = await call(app, 'POST', `/api/v1/suggestions/${noKinds.id}/accept`, {
      token: me,
      body: { occurredOn: '2999-01-01', title: '' },
    });
    expectProblem(res, 400, ['occurredOn', 'title']);
    const kinds = await call(app, 'POST', `/api/v1/suggestions/${noKinds.id}/accept`, {
      token: me,
    });
    expectProblem(kinds, 400, ['kinds']);
    expect(kinds.body.errors[0].message).toMatch(/behaviour/i);
    const wrongFields = await call(app, 'POST', `/api/v1/suggestions/${noKinds.id}/accept`, {
      token: me,
      body: { handsOnPercent: 50, audience: 'team' },
    });
    expectProblem(wrongFields, 400, ['audience']);
    const checkinField = await call(app, 'POST', `/api/v1/suggestions/${noKinds.id}/accept`, {
      token: me,
      body: { handsOnPercent: 50, kinds: ['ownership'] },
    });
    expectProblem(checkinField, 400, ['handsOnPercent']);
    // Still open, and accepted once the kinds are given; an `import` suggestion makes an
    // `import` entry.
    const ok = await call(app, 'POST', `/api/v1/suggestions/${noKinds.id}/accept`, {
      token: me,
      body: { kinds: ['ownership'], description: null },
    });
    expect(ok.status, ok.text).toBe(201);
    expect(ok.body).toMatchObject({ source: 'import', kinds: ['ownership'], description: null });
  });

  it('makes one entry when two accepts race', async () => {
    const suggestion = await offered(me);
    const [a, b] = await Promise.all(
      [1, 2].map(() =>
        call(app, 'POST', `/api/v1/suggestions/${suggestion.id}/accept`, { token: me }),
      ),
    );
    expect([a?.status, b?.status].sort()).toEqual([201, 409]);
    const { rows } = await sql.query(
      `SELECT count(*)::int AS n FROM evidence WHERE user_id = $1 AND title = $2`,
      [me.id, suggestion.title],
    );
    expect(rows[0].n).toBe(1);
  });

  it('dismisses: gone from the open list, never offered again, still acceptable later', async () => {
    const one = draft();
    await offerSuggestions(app.db, me.id, [one]);
    const list = await suggestions(me, { limit: 100 });
    const suggestion = list.body.items.find(
      (s: { externalId: string }) => s.externalId === one.externalId,
    );
    for (let i = 0; i < 2; i++) {
      const res = await call(app, 'POST', `/api/v1/suggestions/${suggestion.id}/dismiss`, {
        token: me,
      });
      expect(res.status, res.text).toBe(204);
    }
    const open = await suggestions(me, { limit: 100 });
    expect(open.body.items.map((s: { id: string }) => s.id)).not.toContain(suggestion.id);
    expect(await offerSuggestions(app.db, me.id, [one])).toEqual({ suggested: 0, skipped: 1 });
    const dismissed = await suggestions(me, { status: 'dismissed' });
    expect(dismissed.body.items).toEqual([
      expect.objectContaining({
        id: suggestion.id,
        status: 'dismissed',
        decidedAt: expect.any(String),
      }),
    ]);
    const accepted = await call(app, 'POST', `/api/v1/suggestions/${suggestion.id}/accept`, {
      token: me,
    });
    expect(accepted.status, accepted.text).toBe(201);
  });

  it('merges a check-in suggestion into its week, creating the week when needed', async () => {
    const week = weekStartOf(todayUtc());
    const focus = await offered(me, {
      type: 'checkin',
      source: 'calendar',
      suggestedKinds: [],
      occurredOn: week,
      checkin: { weekStart: week, deepWorkBlocks: 4 },
    });
    expect(focus.checkin).toEqual({ weekStart: week, deepWorkBlocks: 4, onLeave: null });
    // No check-in that week yet: the hands-on share is needed.
    const missing = await call(app, 'POST', `/api/v1/suggestions/${focus.id}/accept`, {
      token: me,
    });
    expectProblem(missing, 400, ['handsOnPercent']);
    const evidenceField = await call(app, 'POST', `/api/v1/suggestions/${focus.id}/accept`, {
      token: me,
      body: { kinds: ['review'], handsOnPercent: 60 },
    });
    expectProblem(evidenceField, 400, ['kinds']);
    const made = await call(app, 'POST', `/api/v1/suggestions/${focus.id}/accept`, {
      token: me,
      body: { handsOnPercent: 60 },
    });
    expectCheckin(made, { weekStart: week, handsOnPercent: 60, deepWorkBlocks: 4, onLeave: false });

    // An existing week keeps its share and note; blocks take the larger count, leave sticks.
    const lastWeek = weekStartOf(
      new Date(Date.parse(`${week}T00:00:00Z`) - 7 * 86400000).toISOString().slice(0, 10),
    );
    const put = await call(app, 'PUT', `/api/v1/checkins/${lastWeek}`, {
      token: me,
      body: { handsOnPercent: 40, deepWorkBlocks: 6, onLeave: false, note: 'busy' },
    });
    expect(put.status, put.text).toBe(200);
    const leave = await offered(me, {
      type: 'checkin',
      source: 'calendar',
      suggestedKinds: [],
      occurredOn: lastWeek,
      checkin: { weekStart: lastWeek, deepWorkBlocks: 2, onLeave: true },
    });
    const merged = await call(app, 'POST', `/api/v1/suggestions/${leave.id}/accept`, {
      token: me,
    });
    expectCheckin(merged, {
      weekStart: lastWeek,
      handsOnPercent: 40,
      deepWorkBlocks: 6,
      onLeave: true,
      note: 'busy',
    });
    const checkins = await call(app, 'GET', '/api/v1/checkins', { token: me });
    expect(checkins.body.items).toEqual([merged.body, made.body]);
  });

  it('answers 404 for an unknown id and 400 for bad bodies', async () => {
    expectProblem(await call(app, 'POST', '/api/v1/suggestions/nope/accept', { token: me }), 404);
    expectProblem(await call(app, 'POST', '/api/v1/suggestions/nope/dismiss', { token: me }), 404);
    const suggestion = await offered(me);
    expectProblem(
      await call(app, 'POST', `/api/v1/suggestions/${suggestion.id}/accept`, {
        token: me,
        body: { kinds: ['leadership'], title: 'x'.repeat(201), source: 'manual' },
      }),
      400,
      ['kinds.0', 'title', 'source'],
    );
  });
});

describe('access', () => {
  it('lists only the caller’s own suggestions; no token and deactivated are 401', async () => {
    await offerSuggestions(app.db, cast.engineer.id, [draft({ externalId: 'owner-only' })]);
    await expectAccess(cast, (token) => suggestions(token), signedIn(200));
    for (const other of [cast.manager, cast.admin, cast.sponsor]) {
      const res = await suggestions(other);
      expect(res.body.items).toEqual([]);
    }
  });

  it('lets only the owner accept or dismiss; everyone else finds nothing', async () => {
    const toAccept = await offered(cast.engineer);
    await expectAccess(
      cast,
      (token) =>
        call(app, 'POST', `/api/v1/suggestions/${toAccept.id}/accept`, {
          token,
          body: {},
        }),
      { ...signedIn(404), owner: 201 },
    );
    const toDismiss = await offered(cast.engineer);
    await expectAccess(
      cast,
      (token) => call(app, 'POST', `/api/v1/suggestions/${toDismiss.id}/dismiss`, { token }),
      { ...signedIn(404), owner: 204 },
    );
  });
});
