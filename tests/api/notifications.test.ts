// In-app notifications: GET /notifications and POST /notifications/read, and the writes that
// make them (feedback, acknowledgements, endorsement requests, endorsements, a report
// turning ready): each makes exactly one, for the right person, with the right link, in
// the transaction of the change; never for a deactivated person.
import { DEFAULT_POLICY, todayUtc, weekStartOf } from '@leadtrack/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Caller,
  call,
  expectProblem,
  expectRemark,
  makeTeam,
  registerUser,
  type TestUser,
} from '../support/http';
import { expectAccess, signedIn, useRoleCast } from '../support/role-cast';
import { logEntry as logEntryOf } from '../support/team';
import { useFixture } from '../support/test-app';

const { app, sql, cast } = useRoleCast();

interface Item {
  id: string;
  type: string;
  subject: string;
  link: string;
  createdAt: string;
  readAt: string | null;
}

const list = (who: Caller, query: Record<string, string | number> = {}) =>
  call<{ items: Item[]; unreadCount: number; nextCursor: string | null }>(
    app,
    'GET',
    '/api/v1/notifications',
    { token: who, query },
  );

async function notificationsOf(user: TestUser) {
  const res = await list(user, { limit: 100 });
  expect(res.status, res.text).toBe(200);
  return res.body;
}

const markRead = (who: Caller, body: unknown) =>
  call(app, 'POST', '/api/v1/notifications/read', { token: who, body });

/** Rows in the table for a user, whatever the API shows (deactivated people cannot ask). */
async function storedCount(userId: string): Promise<number> {
  const { rows } = await sql.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM notifications WHERE user_id = $1',
    [userId],
  );
  return rows[0]?.n ?? -1;
}

const logEntry = async (owner: TestUser, title = 'Led the incident review', kinds = ['review']) =>
  (await logEntryOf(app, owner, { kinds, title, occurredOn: '2026-11-03' })).id;

async function askEndorsement(owner: TestUser, entryId: string, colleague: TestUser) {
  const res = await call(app, 'POST', `/api/v1/evidence/${entryId}/endorsement-requests`, {
    token: owner.token,
    body: { userId: colleague.id },
  });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}

async function writeFeedback(manager: TestUser, engineer: TestUser, body = 'Great review.') {
  const res = await call(app, 'POST', `/api/v1/users/${engineer.id}/feedback`, {
    token: manager.token,
    body: { body },
  });
  expect(res.status, res.text).toBe(201);
}

async function deactivate(user: TestUser) {
  const res = await call(app, 'POST', `/api/v1/users/${user.id}/deactivate`, {
    token: cast.admin.token,
  });
  expect(res.status, res.text).toBe(200);
}

const unread = (type: string, subject: string, link: string) => ({
  id: expect.any(String),
  type,
  subject,
  link,
  createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
  readAt: null,
});

describe('what makes a notification', () => {
  it('feedback: one for the engineer, linking to their feedback; none for the manager', async () => {
    const team = await makeTeam(app);
    await writeFeedback(team.manager, team.engineer);
    expect(await notificationsOf(team.engineer)).toEqual({
      items: [unread('feedback-received', 'Manager wrote you feedback.', '/#feedback-h')],
      unreadCount: 1,
      nextCursor: null,
    });
    expect((await notificationsOf(team.manager)).items).toEqual([]);
    expect((await notificationsOf(team.peer)).items).toEqual([]);
  });

  it('an acknowledgement: one for the owner, linking to the entry', async () => {
    const team = await makeTeam(app);
    const entryId = await logEntry(team.engineer, 'Queue RFC');
    const ack = await call(app, 'POST', `/api/v1/evidence/${entryId}/acknowledgements`, {
      token: team.manager.token,
      body: { comment: 'Seen' },
    });
    expect(ack.status, ack.text).toBe(201);
    expect(ack.body).toMatchObject({ by: { id: team.manager.id }, comment: 'Seen' });
    expect((await notificationsOf(team.engineer)).items).toEqual([
      unread(
        'entry-acknowledged',
        'Manager acknowledged “Queue RFC”.',
        `/evidence#entry-${entryId}`,
      ),
    ]);
    expect((await notificationsOf(team.manager)).items).toEqual([]);
  });

  it('a long title is shortened in the sentence, whole in the entry', async () => {
    const team = await makeTeam(app);
    const entryId = await logEntry(team.engineer, `Migrated ${'every service '.repeat(12)}`);
    const ack = await call(app, 'POST', `/api/v1/evidence/${entryId}/acknowledgements`, {
      token: team.admin.token,
    });
    expect(ack.status, ack.text).toBe(201);
    const [item] = (await notificationsOf(team.engineer)).items;
    expect(item?.subject).toMatch(/^Admin acknowledged “Migrated every service .*…”\.$/);
    expect(item?.subject.length).toBeLessThan(120);
  });

  it('an endorsement request: one for the colleague asked; endorsing: one for the owner', async () => {
    const team = await makeTeam(app);
    const colleague = await registerUser(app, { name: 'Colleague' });
    const entryId = await logEntry(team.engineer, 'Mentored Sam');
    const requestId = await askEndorsement(team.engineer, entryId, colleague);
    expect((await notificationsOf(colleague)).items).toEqual([
      unread(
        'endorsement-requested',
        'Engineer asked you to endorse “Mentored Sam”.',
        '/endorsements',
      ),
    ]);
    expect((await notificationsOf(team.engineer)).items).toEqual([]);

    const endorsed = await call(app, 'POST', `/api/v1/endorsement-requests/${requestId}/endorse`, {
      token: colleague.token,
      body: { comment: 'I saw it' },
    });
    expectRemark(endorsed, colleague, 'I saw it');
    expect((await notificationsOf(team.engineer)).items).toEqual([
      unread('entry-endorsed', 'Colleague endorsed “Mentored Sam”.', `/evidence#entry-${entryId}`),
    ]);
    expect((await notificationsOf(colleague)).items).toHaveLength(1);
  });

  it('declining an endorsement request notifies nobody', async () => {
    const team = await makeTeam(app);
    const colleague = await registerUser(app, { name: 'Colleague' });
    const entryId = await logEntry(team.engineer);
    const requestId = await askEndorsement(team.engineer, entryId, colleague);
    const declined = await call(app, 'POST', `/api/v1/endorsement-requests/${requestId}/decline`, {
      token: colleague.token,
    });
    expect(declined.status, declined.text).toBe(204);
    expect(await storedCount(team.engineer.id)).toBe(0);
  });

  it('a refused or repeated write makes none (the notification is part of its transaction)', async () => {
    const team = await makeTeam(app);
    const entryId = await logEntry(team.engineer);
    const own = await call(app, 'POST', `/api/v1/evidence/${entryId}/acknowledgements`, {
      token: team.engineer.token,
    });
    expectProblem(own, 403);
    const byPeer = await call(app, 'POST', `/api/v1/users/${team.engineer.id}/feedback`, {
      token: team.peer.token,
      body: { body: 'Not my report' },
    });
    expect(byPeer.status).toBeGreaterThanOrEqual(400);
    await askEndorsement(team.engineer, entryId, team.peer);
    const again = await call(app, 'POST', `/api/v1/evidence/${entryId}/endorsement-requests`, {
      token: team.engineer.token,
      body: { userId: team.peer.id },
    });
    // Asking again while pending is a repeat: 200, and nobody is notified twice.
    expect(again.status, again.text).toBe(200);
    const ack = () =>
      call(app, 'POST', `/api/v1/evidence/${entryId}/acknowledgements`, {
        token: team.manager.token,
      });
    expect((await ack()).status).toBe(201);
    expect((await ack()).status).toBe(200);
    expect(await storedCount(team.engineer.id)).toBe(1);
    expect(await storedCount(team.peer.id)).toBe(1);
  });

  it('nothing for a deactivated recipient: feedback, an acknowledgement, an endorsement', async () => {
    const team = await makeTeam(app);
    const colleague = await registerUser(app, { name: 'Colleague' });
    const entryId = await logEntry(team.engineer);
    const requestId = await askEndorsement(team.engineer, entryId, colleague);
    await deactivate(team.engineer);

    await writeFeedback(team.manager, team.engineer);
    const ack = await call(app, 'POST', `/api/v1/evidence/${entryId}/acknowledgements`, {
      token: team.manager.token,
    });
    expect(ack.status, ack.text).toBe(201);
    const endorsed = await call(app, 'POST', `/api/v1/endorsement-requests/${requestId}/endorse`, {
      token: colleague.token,
    });
    expect(endorsed.status, endorsed.text).toBe(201);
    expect(await storedCount(team.engineer.id)).toBe(0);
  });
});

describe('a report becoming ready', () => {
  // One week of ownership is ready: a single entry turns a report ready, another keeps them so.
  const putPolicy = (body: unknown) =>
    call(app, 'PUT', '/api/v1/policy', { token: cast.admin.token, body });
  beforeAll(async () => {
    const res = await putPolicy({
      ...DEFAULT_POLICY,
      requiredKinds: ['ownership'],
      windowWeeks: 1,
      thresholdWeeks: 1,
    });
    expect(res.status, res.text).toBe(200);
  });
  afterAll(async () => {
    expect((await putPolicy(DEFAULT_POLICY)).status).toBe(200);
  });

  const logToday = async (owner: TestUser, kinds: string[]) => {
    const res = await call(app, 'POST', '/api/v1/evidence', {
      token: owner.token,
      body: { kinds, title: 'Owned the rollout', occurredOn: todayUtc() },
    });
    expect(res.status, res.text).toBe(201);
    return res.body.id as string;
  };
  const readiness = async (user: TestUser) => {
    const res = await call(app, 'GET', `/api/v1/users/${user.id}/readiness`, {
      token: user.token,
    });
    expect(res.status, res.text).toBe(200);
    return res.body.current.ready as boolean;
  };

  /** The engineer is ready and their manager holds one notification saying so. */
  const expectTurnedReadyOnce = async (team: { engineer: TestUser; manager: TestUser }) => {
    expect(await readiness(team.engineer)).toBe(true);
    expect((await notificationsOf(team.manager)).items).toEqual([
      unread(
        'report-ready',
        'Engineer became ready, after 1 consistent week.',
        `/team/${team.engineer.id}`,
      ),
    ]);
  };

  it('notifies the manager once when the status turns ready, and again after it left ready', async () => {
    const team = await makeTeam(app);
    await logToday(team.engineer, ['review']);
    expect(await readiness(team.engineer)).toBe(false);
    expect(await storedCount(team.manager.id)).toBe(0);

    const first = await logToday(team.engineer, ['ownership']);
    await expectTurnedReadyOnce(team);
    // Still ready: more writes notify nobody.
    await logToday(team.engineer, ['ownership', 'review']);
    const checkin = await call(app, 'PUT', `/api/v1/checkins/${weekStartOf(todayUtc())}`, {
      token: team.engineer.token,
      body: { handsOnPercent: 50, deepWorkBlocks: 3, onLeave: false },
    });
    expect(checkin.status, checkin.text).toBe(200);
    expect(await storedCount(team.manager.id)).toBe(1);
    expect(await storedCount(team.engineer.id)).toBe(0);

    // Leaving ready (both ownership entries deleted), then turning ready again: a second one.
    for (const id of [first, ...(await ownershipEntries(team.engineer, first))]) {
      const del = await call(app, 'DELETE', `/api/v1/evidence/${id}`, {
        token: team.engineer.token,
      });
      expect(del.status, del.text).toBe(204);
    }
    expect(await readiness(team.engineer)).toBe(false);
    const restored = await call(app, 'POST', `/api/v1/evidence/${first}/restore`, {
      token: team.engineer.token,
    });
    expect(restored.status, restored.text).toBe(200);
    expect(await readiness(team.engineer)).toBe(true);
    const items = (await notificationsOf(team.manager)).items;
    expect(items.map((i) => i.type)).toEqual(['report-ready', 'report-ready']);
  });

  it('writes in flight together (watched in shared batches): each turn to ready notifies its manager once', async () => {
    const teams = await Promise.all([makeTeam(app), makeTeam(app), makeTeam(app)]);
    // Each engineer logs eight entries at once, the kind that makes them ready among them.
    await Promise.all(
      teams.flatMap((team) =>
        Array.from({ length: 8 }, (_, i) =>
          logToday(team.engineer, i === 5 ? ['ownership'] : ['review']),
        ),
      ),
    );
    for (const team of teams) await expectTurnedReadyOnce(team);
  });

  it('an edit that adds the missing kind turns ready too', async () => {
    const team = await makeTeam(app);
    const id = await logToday(team.engineer, ['review']);
    const edit = await call(app, 'PATCH', `/api/v1/evidence/${id}`, {
      token: team.engineer.token,
      body: { kinds: ['review', 'ownership'] },
    });
    expect(edit.status, edit.text).toBe(200);
    expect((await notificationsOf(team.manager)).items.map((i) => i.type)).toEqual([
      'report-ready',
    ]);
  });

  it('a batch of entries (capture) turns ready too', async () => {
    const team = await makeTeam(app);
    const res = await call(app, 'POST', '/api/v1/evidence/batch', {
      token: team.engineer.token,
      body: {
        items: [
          { kinds: ['review'], title: 'Reviewed the API', occurredOn: todayUtc() },
          { kinds: ['ownership'], title: 'Owned the rollout', occurredOn: todayUtc() },
        ],
      },
    });
    expect(res.status, res.text).toBe(201);
    expect((await notificationsOf(team.manager)).items.map((i) => i.type)).toEqual([
      'report-ready',
    ]);
  });

  it('no manager, nobody notified; the write still succeeds', async () => {
    const loner = await registerUser(app, { name: 'Loner' });
    await logToday(loner, ['ownership']);
    expect(await readiness(loner)).toBe(true);
    const { rows } = await sql.query<{ status: string }>(
      'SELECT status FROM readiness_states WHERE user_id = $1',
      [loner.id],
    );
    expect(rows).toEqual([{ status: 'ready' }]);
    const { rows: made } = await sql.query(
      `SELECT 1 FROM notifications WHERE type = 'report-ready' AND link = $1`,
      [`/team/${loner.id}`],
    );
    expect(made).toEqual([]);
  });

  it('a policy change that makes a report ready notifies their manager once', async () => {
    const team = await makeTeam(app);
    await logToday(team.engineer, ['review']);
    // The file's policy asks for ownership: not ready, nobody notified.
    expect(await readiness(team.engineer)).toBe(false);
    expect(await storedCount(team.manager.id)).toBe(0);
    const reviews = {
      ...DEFAULT_POLICY,
      requiredKinds: ['review'],
      windowWeeks: 1,
      thresholdWeeks: 1,
    };
    const changed = await putPolicy(reviews);
    expect(changed.status, changed.text).toBe(200);
    await expectTurnedReadyOnce(team);
    // Saved again unchanged, and read again: still one.
    expect((await putPolicy(reviews)).status).toBe(200);
    expect(await readiness(team.engineer)).toBe(true);
    expect(await storedCount(team.manager.id)).toBe(1);
    expect(await storedCount(team.engineer.id)).toBe(0);
    const back = await putPolicy({ ...reviews, requiredKinds: ['ownership'] });
    expect(back.status, back.text).toBe(200);
  });
});

/** The owner's live entries holding ownership, other than `except`. */
async function ownershipEntries(owner: TestUser, except: string): Promise<string[]> {
  const res = await call(app, 'GET', '/api/v1/evidence', {
    token: owner.token,
    query: { kind: 'ownership' },
  });
  expect(res.status, res.text).toBe(200);
  return (res.body.items as { id: string }[]).map((e) => e.id).filter((id) => id !== except);
}

describe('GET /notifications', () => {
  const reader = useFixture(async () => {
    const team = await makeTeam(app);
    for (const n of [1, 2, 3, 4, 5]) await writeFeedback(team.manager, team.engineer, `Note ${n}`);
    return team;
  });

  it('pages newest first with nextCursor; unreadCount counts them all on every page', async () => {
    const all = (await notificationsOf(reader.engineer)).items;
    expect(all).toHaveLength(5);
    const times = all.map((i) => i.createdAt);
    expect([...times].sort().reverse()).toEqual(times);

    const seen: string[] = [];
    let cursor: string | undefined;
    const sizes: number[] = [];
    do {
      const res = await list(reader.engineer, { limit: 2, ...(cursor && { cursor }) });
      expect(res.status, res.text).toBe(200);
      expect(res.body.unreadCount).toBe(5);
      sizes.push(res.body.items.length);
      seen.push(...res.body.items.map((i) => i.id));
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor);
    expect(sizes).toEqual([2, 2, 1]);
    expect(seen).toEqual(all.map((i) => i.id));
  });

  it('unread=true lists only the unread ones; unread=false all', async () => {
    const all = (await notificationsOf(reader.engineer)).items;
    const [newest, second] = all;
    expect((await markRead(reader.engineer, { ids: [newest?.id, second?.id] })).status).toBe(204);
    const unreadOnly = await list(reader.engineer, { unread: 'true' });
    expect(unreadOnly.status, unreadOnly.text).toBe(200);
    expect(unreadOnly.body.items.map((i) => i.id)).toEqual(all.slice(2).map((i) => i.id));
    expect(unreadOnly.body.unreadCount).toBe(3);
    const paged = await list(reader.engineer, { unread: 'true', limit: 2 });
    expect(paged.body.items).toHaveLength(2);
    const rest = await list(reader.engineer, {
      unread: 'true',
      limit: 2,
      cursor: paged.body.nextCursor ?? '',
    });
    expect(rest.body.items.map((i) => i.id)).toEqual([all[4]?.id]);
    expect(rest.body.nextCursor).toBeNull();
    const everything = await list(reader.engineer, { unread: 'false' });
    expect(everything.body.items).toHaveLength(5);
    expect(everything.body.items.filter((i) => i.readAt !== null).map((i) => i.id)).toEqual([
      newest?.id,
      second?.id,
    ]);
  });

  it('refuses a bad query naming every field at once', async () => {
    const res = await list(reader.engineer, { unread: 'yes', limit: 0, cursor: '' });
    expectProblem(res, 400, ['cursor', 'limit', 'unread']);
    // A cursor is judged once the query is well formed, like the other lists' cursors.
    expectProblem(await list(reader.engineer, { cursor: '%%%' }), 400, ['cursor']);
    expectProblem(await list(reader.engineer, { limit: 101 }), 400, ['limit']);
    expectProblem(await list(reader.engineer, { cursor: 'bm90IGEgY3Vyc29y' }), 400, ['cursor']);
    expectProblem(await list(reader.engineer, { page: 2 }), 400, ['page']);
  });
});

describe('POST /notifications/read', () => {
  it('marks the given ones, then all; ids of others are ignored and theirs stay unread', async () => {
    const team = await makeTeam(app);
    for (const n of [1, 2, 3]) await writeFeedback(team.manager, team.engineer, `Note ${n}`);
    await writeFeedback(team.manager, team.peer, 'For the peer');
    const mine = (await notificationsOf(team.engineer)).items;
    const peers = (await notificationsOf(team.peer)).items;
    expect(peers).toHaveLength(1);

    const one = await markRead(team.engineer, { ids: [mine[1]?.id, peers[0]?.id, 'no-such-id'] });
    expect(one.status, one.text).toBe(204);
    const after = await notificationsOf(team.engineer);
    expect(after.unreadCount).toBe(2);
    expect(after.items.map((i) => i.readAt !== null)).toEqual([false, true, false]);
    expect(await notificationsOf(team.peer)).toMatchObject({ unreadCount: 1 });

    // Marking again keeps the first time it was read.
    const readAt = after.items[1]?.readAt;
    expect((await markRead(team.engineer, { ids: [mine[1]?.id] })).status).toBe(204);
    expect((await notificationsOf(team.engineer)).items[1]?.readAt).toBe(readAt);

    expect((await markRead(team.engineer, { all: true })).status).toBe(204);
    expect(await notificationsOf(team.engineer)).toMatchObject({ unreadCount: 0 });
    expect((await list(team.engineer, { unread: 'true' })).body.items).toEqual([]);
    expect(await notificationsOf(team.peer)).toMatchObject({ unreadCount: 1 });
  });

  it('refuses a body that is neither ids nor all: true, naming the field', async () => {
    const user = cast.stranger;
    expectProblem(await markRead(user, {}), 400, ['ids']);
    expectProblem(await markRead(user, { ids: [] }), 400, ['ids']);
    expectProblem(await markRead(user, { all: false }), 400, ['all']);
    expectProblem(await markRead(user, { ids: ['a'], all: true }), 400, ['all']);
    expectProblem(await markRead(user, { ids: [''], extra: 1 }), 400, ['extra', 'ids.0']);
    const many = Array.from({ length: 101 }, (_, i) => `id-${i}`);
    expectProblem(await markRead(user, { ids: many }), 400, ['ids']);
    const bad = await markRead(user, { ids: ['\u0000'] });
    expectProblem(bad, 400, ['ids.0']);
    expect(bad.body.errors[0].message).toMatch(/^Id 1 /);
  });
});

describe('access', () => {
  it('GET: everyone signed in reads their own; no token and deactivated 401', async () => {
    await expectAccess(cast, (token) => list(token), signedIn(200));
  });

  it('POST read: the same; nobody marks another person’s', async () => {
    const endorserItems = (await notificationsOf(cast.endorser)).items;
    expect(endorserItems.map((i) => i.type)).toEqual(['endorsement-requested']);
    const id = endorserItems[0]?.id;
    for (const other of [cast.engineer, cast.manager, cast.admin, cast.stranger, cast.sponsor]) {
      expect((await markRead(other, { ids: [id] })).status).toBe(204);
    }
    expect((await notificationsOf(cast.endorser)).unreadCount).toBe(1);
    await expectAccess(cast, (token) => markRead(token, { ids: [id] }), signedIn(204));
    expect((await notificationsOf(cast.endorser)).unreadCount).toBe(0);
  });

  it('each person sees only their own', async () => {
    const owners = await sql.query<{ n: number }>(
      `SELECT count(DISTINCT user_id)::int AS n FROM notifications`,
    );
    expect(owners.rows[0]?.n).toBeGreaterThan(1);
    for (const user of [cast.admin, cast.manager, cast.engineer, cast.stranger, cast.sponsor]) {
      const { items } = await notificationsOf(user);
      const { rows } = await sql.query<{ id: string }>(
        'SELECT id FROM notifications WHERE user_id = $1 ORDER BY created_at DESC, id DESC',
        [user.id],
      );
      expect(items.map((i) => i.id)).toEqual(rows.map((r) => r.id));
    }
  });
});
