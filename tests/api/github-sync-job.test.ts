// The weekly github-sync job (POST /admin/jobs/github-sync/run), against a stand-in GitHub:
// every connected, active person once a new week has begun in their zone; nobody twice in a
// week; never a deactivated person; a token GitHub refuses is left for its owner to replace
// (not a failure to retry), a rate limit spent for longer than the instance waits is one.
import { addDays, addWeeks, todayUtc, weekStartOf } from '@leadtrack/core';
import { describe, expect, it } from 'vitest';
import { startGithubStandIn } from '../support/github-stand-in';
import { adminOf, call, registerUser, type TestUser } from '../support/http';
import { useFixture, useTestApp } from '../support/test-app';

const { app, sql } = useTestApp({ GITHUB_MAX_WAIT_SECONDS: '5' });
const github = useFixture(
  () => startGithubStandIn({ searchLimit: 10_000 }),
  (s) => s.stop(),
);

const API = '/api/v1/me/integrations/github';
const thisWeek = weekStartOf(todayUtc());
const nextMonday = (n = 1) => `${addWeeks(thisWeek, n)}T01:00:00.000Z`;

const people = useFixture(async () => {
  await adminOf(app); // the first account: the admin who runs the job
  const [ada, bo, cy] = await Promise.all(
    ['Ada', 'Bo', 'Cy'].map((name) => registerUser(app, { name })),
  );
  for (const [user, login] of [
    [ada, 'ada'],
    [bo, 'bo'],
    [cy, 'cy'],
  ] as [TestUser, string][]) {
    github.addUser(`ghp_${login}`, login);
    const res = await call(app, 'PUT', API, {
      token: user,
      body: { token: `ghp_${login}`, baseUrl: github.baseUrl },
    });
    expect(res.status, res.text).toBe(200);
    await settled(user);
  }
  return { ada: ada as TestUser, bo: bo as TestUser, cy: cy as TestUser };
});

async function settled(user: TestUser) {
  for (let i = 0; i < 300; i++) {
    const res = await call(app, 'GET', API, { token: user });
    if (!res.body.syncing) return res.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the backfill did not finish');
}

async function runJob(asOf?: string) {
  const res = await call(app, 'POST', '/api/v1/admin/jobs/github-sync/run', {
    token: await adminOf(app),
    body: asOf ? { asOf } : {},
  });
  expect(res.status, res.text).toBe(200);
  return res.body;
}

async function reviewWeeksOf(user: TestUser): Promise<string[]> {
  const { rows } = await sql.query(
    `SELECT external_id FROM suggestions WHERE user_id = $1 AND source = 'github' ORDER BY 1`,
    [user.id],
  );
  return rows.map((r) => String(r.external_id).split(':').at(-1) as string);
}

describe('the github-sync job', () => {
  it('finds nobody due in the week everyone connected (the backfill was this week’s sync)', async () => {
    expect(await runJob()).toEqual({ done: 0, failed: 0 });
  });

  it('next week: syncs each connected active person once, offering the week that ended', async () => {
    // This week's reviews: offered by next week's sync, once this week has ended.
    for (const [n, login] of [
      [1, 'ada'],
      [2, 'bo'],
      [3, 'cy'],
    ] as const) {
      github.pulls.push({
        repo: 'acme/api',
        number: n,
        title: `Change ${n}`,
        author: 'zoe',
        createdAt: `${addDays(thisWeek, -30)}T09:00:00Z`,
        reviews: [{ user: login, submittedAt: `${thisWeek}T00:30:00Z` }],
      });
    }
    // Bo is deactivated; Cy's token was revoked on GitHub.
    const off = await call(app, 'POST', `/api/v1/users/${people.bo.id}/deactivate`, {
      token: await adminOf(app),
    });
    expect(off.status, off.text).toBe(200);
    github.tokens.delete('ghp_cy');

    expect(await runJob(nextMonday())).toEqual({ done: 1, failed: 0 });
    expect(await reviewWeeksOf(people.ada)).toEqual([thisWeek]);
    expect(await reviewWeeksOf(people.bo)).toEqual([]);
    expect(await reviewWeeksOf(people.cy)).toEqual([]);
    const { rows } = await sql.query(
      'SELECT user_id, last_sync_at, last_error FROM github_integrations ORDER BY user_id',
    );
    const byUser = new Map(rows.map((r) => [r.user_id, r]));
    expect(byUser.get(people.ada.id)).toMatchObject({
      last_sync_at: new Date(nextMonday()),
      last_error: null,
    });
    expect(byUser.get(people.cy.id)?.last_error).toMatch(/refused the token \(401/);
  });

  it('running again the same week does nothing new', async () => {
    expect(await runJob(nextMonday())).toEqual({ done: 0, failed: 0 });
  });

  it('a rate limit spent beyond the longest wait is a failure, retried on the next tick', async () => {
    github.fail({
      path: '/search/issues',
      status: 403,
      headers: {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 3600),
      },
    });
    expect(await runJob(nextMonday(2))).toEqual({ done: 0, failed: 1 });
    expect((await call(app, 'GET', API, { token: people.ada })).body.lastError).toMatch(
      /^GitHub's rate limit for this token is spent until/,
    );
    expect(await runJob(nextMonday(2))).toEqual({ done: 1, failed: 0 });
    expect((await call(app, 'GET', API, { token: people.ada })).body.lastError).toBeNull();
  });
});
