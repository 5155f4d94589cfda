// Feedback: POST /users/:id/feedback (the user's direct manager only) and
// GET /users/:id/feedback (the user or their direct manager).
import { beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  expectProblem,
  personalTokenOf,
  registerReport,
  registerUser,
  revokedTokenOf,
  setManager,
  type TestUser,
} from '../support/http';
import { useTeam } from '../support/team';

const { app, team } = useTeam();

const token = (user: TestUser | string | undefined) =>
  typeof user === 'string' ? user : user?.token;

const write = (user: TestUser | string | undefined, id: string, body: unknown) =>
  call(app, 'POST', `/api/v1/users/${id}/feedback`, { token: token(user), body });

const read = (user: TestUser | string | undefined, id: string) =>
  call(app, 'GET', `/api/v1/users/${id}/feedback`, { token: token(user) });

/** The feedback for `user`, as they see it themselves. */
async function feedbackOf(user: TestUser) {
  const res = await read(user, 'me');
  expect(res.status, res.text).toBe(200);
  return res.body.items as { id: string; body: string }[];
}

describe('POST /users/:id/feedback', () => {
  it('the direct manager writes feedback for a report: 201 with the entry', async () => {
    const res = await write(team.manager, team.engineer.id, {
      body: 'Your design review on the queue RFC was thorough.',
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      userId: team.engineer.id,
      author: { id: team.manager.id, name: 'Manager' },
      body: 'Your design review on the queue RFC was thorough.',
      createdAt: expect.any(String),
    });
    expect(new Date(res.body.createdAt).toISOString()).toBe(res.body.createdAt);
    expect((await feedbackOf(team.engineer)).map((f) => f.id)).toContain(res.body.id);
  });

  it('stores the body trimmed, otherwise verbatim, up to 5000 characters', async () => {
    const body = `\n  **Markdown** <script>kept as text</script> & "quotes"\n${'z'.repeat(4900)}  `;
    const res = await write(team.manager, team.peer.id, { body });
    expect(res.status, res.text).toBe(201);
    expect(res.body.body).toBe(body.trim());
    const longest = await write(team.manager, team.peer.id, { body: 'b'.repeat(5000) });
    expect(longest.status, longest.text).toBe(201);
    expect(longest.body.body).toHaveLength(5000);
  });

  describe('validation: 400 naming the field, and nothing stored', () => {
    let before: unknown[];
    beforeAll(async () => {
      before = await feedbackOf(team.engineer);
    });

    async function expectRejected(body: unknown, fields?: string[]) {
      expectProblem(await write(team.manager, team.engineer.id, body), 400, fields);
      expect(await feedbackOf(team.engineer)).toEqual(before);
    }

    it('an empty or blank body', async () => {
      await expectRejected({ body: '' }, ['body']);
      await expectRejected({ body: '   \n\t ' }, ['body']);
    });

    it('a body over 5000 characters', async () => {
      await expectRejected({ body: 'x'.repeat(5001) }, ['body']);
    });

    it('a missing or non-string body', async () => {
      await expectRejected({}, ['body']);
      await expectRejected({ body: 42 }, ['body']);
    });

    it('an unknown field', async () => {
      await expectRejected({ body: 'Good work.', authorId: team.admin.id }, ['authorId']);
    });

    it('no JSON body at all', async () => {
      await expectRejected(undefined);
    });
  });

  describe('who may write', () => {
    let before: unknown[];
    beforeAll(async () => {
      before = await feedbackOf(team.engineer);
    });

    it('the user themselves: 403, by id or as `me`', async () => {
      expectProblem(await write(team.engineer, team.engineer.id, { body: 'I am great.' }), 403);
      expectProblem(await write(team.engineer, 'me', { body: 'I am great.' }), 403);
      expect(await feedbackOf(team.engineer)).toEqual(before);
    });

    it('an admin who is not the manager: 403 (feedback is the manager’s alone)', async () => {
      expectProblem(await write(team.admin, team.engineer.id, { body: 'From the admin.' }), 403);
      expect(await feedbackOf(team.engineer)).toEqual(before);
    });

    it('a peer, a stranger, a report about their manager: 404, as for no such user', async () => {
      expectProblem(await write(team.peer, team.engineer.id, { body: 'From a peer.' }), 404);
      expectProblem(await write(team.stranger, team.engineer.id, { body: 'Hi.' }), 404);
      expectProblem(await write(team.engineer, team.manager.id, { body: 'Upward.' }), 404);
      expectProblem(await write(team.manager, team.stranger.id, { body: 'Not mine.' }), 404);
      expectProblem(await write(team.manager, 'no-such-user', { body: 'Nobody.' }), 404);
      expect(await feedbackOf(team.engineer)).toEqual(before);
      expect(await feedbackOf(team.stranger)).toEqual([]);
    });

    it('a skip-level manager: 404 (only the direct manager counts)', async () => {
      const director = await registerUser(app, { name: 'Director' });
      await setManager(app, team.manager, director.id);
      expectProblem(await write(director, team.engineer.id, { body: 'Skip-level.' }), 404);
      expectProblem(await read(director, team.engineer.id), 404);
      const direct = await write(director, team.manager.id, { body: 'For my report.' });
      expect(direct.status, direct.text).toBe(201);
      expect(await feedbackOf(team.engineer)).toEqual(before);
    });

    it('an admin who is the manager may write', async () => {
      const report = await registerReport(app, team.admin, { name: 'Delegate' });
      const written = await write(team.admin, report.id, { body: 'Managed by the admin.' });
      expect(written.status, written.text).toBe(201);
      expect(written.body.author).toEqual({ id: team.admin.id, name: 'Admin' });
      expect((await feedbackOf(report)).map((f) => f.body)).toEqual(['Managed by the admin.']);
    });
  });
});

describe('GET /users/:id/feedback', () => {
  // A fresh report of the manager, so the list holds exactly what this block writes.
  let report: TestUser;
  const bodies = ['First, the oldest.', 'Second.', 'Third, the newest.'];

  beforeAll(async () => {
    report = await registerReport(app, team.manager, { name: 'Reader' });
    for (const body of bodies) {
      const written = await write(team.manager, report.id, { body });
      expect(written.status, written.text).toBe(201);
    }
  });

  it('the user reads their feedback newest first, by id or as `me`', async () => {
    const mine = await read(report, 'me');
    expect(mine.status, mine.text).toBe(200);
    expect(mine.body.items.map((f: { body: string }) => f.body)).toEqual([...bodies].reverse());
    for (const item of mine.body.items) {
      expect(item).toEqual({
        id: expect.any(String),
        userId: report.id,
        author: { id: team.manager.id, name: 'Manager' },
        body: expect.any(String),
        createdAt: expect.any(String),
      });
    }
    const times = mine.body.items.map((f: { createdAt: string }) => f.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    expect((await read(report, report.id)).body).toEqual(mine.body);
  });

  it('their direct manager reads it', async () => {
    const res = await read(team.manager, report.id);
    expect(res.status, res.text).toBe(200);
    expect(res.body.items.map((f: { body: string }) => f.body)).toEqual([...bodies].reverse());
  });

  it('another report of the same manager (a peer) and a stranger: 404', async () => {
    expectProblem(await read(team.peer, report.id), 404);
    expectProblem(await read(team.engineer, report.id), 404);
    expectProblem(await read(team.stranger, report.id), 404);
    expectProblem(await read(report, team.manager.id), 404);
    expectProblem(await read(team.manager, 'no-such-user'), 404);
  });

  it('an admin who is not the manager: 403 (admins can see the user exists, not the feedback)', async () => {
    expectProblem(await read(team.admin, report.id), 403);
  });

  it('a user with no feedback gets an empty list', async () => {
    const res = await read(team.stranger, 'me');
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ items: [] });
  });

  it('a path id that fails validation: 400', async () => {
    expectProblem(await read(team.manager, 'x'.repeat(65)), 400, ['id']);
  });
});

describe('authentication', () => {
  it('no token: 401 for both routes, and nothing stored', async () => {
    const before = await feedbackOf(team.engineer);
    expectProblem(await write(undefined, team.engineer.id, { body: 'Anonymous.' }), 401);
    expectProblem(await read(undefined, team.engineer.id), 401);
    expect(await feedbackOf(team.engineer)).toEqual(before);
  });

  it('a personal access token works, and is refused once revoked', async () => {
    const pat = (await personalTokenOf(app, team.manager)).token;
    const ok = await write(pat, team.engineer.id, { body: 'Through a token.' });
    expect(ok.status, ok.text).toBe(201);
    expect((await read(pat, team.engineer.id)).status).toBe(200);

    const before = await feedbackOf(team.engineer);
    const revoked = await revokedTokenOf(app, team.manager);
    expectProblem(await write(revoked, team.engineer.id, { body: 'Revoked.' }), 401);
    expectProblem(await read(revoked, team.engineer.id), 401);
    const revokedOwn = await revokedTokenOf(app, team.engineer);
    expectProblem(await read(revokedOwn, 'me'), 401);
    expect(await feedbackOf(team.engineer)).toEqual(before);
  });
});
