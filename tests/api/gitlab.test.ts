// GitLab capture against a local stand-in of GitLab's REST API v4
// (tests/support/gitlab-stand-in.ts): the API under test is pointed at it through `baseUrl`,
// and the client is the code users run (@gitbeaker/rest over our requester). Dates are
// relative to today, as the API's are.
import { addDays, addWeeks, todayUtc, weekStartOf } from '@leadtrack/core';
import { describe, expect, it } from 'vitest';
import { cliHome, listenOn, personalToken } from '../support/cli';
import {
  type StandInMergeRequest,
  type StandInNote,
  startGitlabStandIn,
} from '../support/gitlab-stand-in';
import { call, expectProblem, registerUser, setOwnTimeZone } from '../support/http';
import { useTestApp } from '../support/test-app';
import { type SuggestionRow, useTokenHost } from '../support/token-host';

// Two results a page, so a handful of merge requests already spans pages.
const gitlabSource = useTokenHost('gitlab', () => startGitlabStandIn({ maxPerPage: 2 }));
const { app, sql, cast, host: gitlab } = gitlabSource;
const { api: API, connect, settled, suggestionsOf } = gitlabSource;

const thisWeek = weekStartOf(todayUtc());
const week = (n: number) => addWeeks(thisWeek, -n);
/** An instant on day `day` (0 = Monday) of a week, UTC. */
const at = (monday: string, day: number, time = '10:00:00') => `${addDays(monday, day)}T${time}Z`;

const mr = (
  project: string,
  iid: number,
  author: string,
  extra: Partial<StandInMergeRequest> = {},
): StandInMergeRequest => ({
  project,
  iid,
  author,
  createdAt: at(week(30), 0),
  reviewers: ['gl'],
  ...extra,
});
const note = (author: string, when: string, type: StandInNote['type'] = 'DiffNote') => ({
  author,
  at: when,
  type,
});

/** What gl (the owner, UTC) did, and what must and must not come of it. */
function glActivity(): StandInMergeRequest[] {
  const w1 = week(1);
  return [
    // Week 1: three merge requests in two projects for two authors: approvals and notes.
    mr('acme/api', 1, 'alice', { approvals: [{ user: 'gl', at: at(w1, 1) }] }),
    mr('acme/api', 2, 'bob', {
      notes: [
        note('gl', at(w1, 2)),
        note('gl', at(w1, 3), 'DiscussionNote'),
        note('zed', at(w1, 1)),
      ],
    }),
    mr('acme/web', 3, 'alice', {
      notes: [note('gl', at(w1, 4), 'DiscussionNote')],
      approvals: [{ user: 'gl', at: at(w1, 4, '12:00:00') }],
    }),
    // Their own merge request, commented and approved by themselves: never a review.
    mr('acme/api', 4, 'gl', {
      createdAt: at(w1, 0),
      notes: [note('gl', at(w1, 2))],
      approvals: [{ user: 'gl', at: at(w1, 2) }],
    }),
    // Only system notes (and a plain comment) by gl: not a review.
    mr('acme/api', 5, 'carol', {
      notes: [
        { author: 'gl', at: at(w1, 2), system: true, body: 'requested review from @zed' },
        note('gl', at(w1, 2), null),
      ],
    }),
    // First reviewed in week 3, commented again in week 1: counts in week 3 only.
    mr('acme/ops', 6, 'dave', {
      notes: [note('gl', at(week(3), 6, '23:30:00')), note('gl', at(w1, 1))],
    }),
    // Approved (older GitLab: only the system note says when) in week 2.
    mr('acme/ops', 7, 'erin', {
      notes: [
        { author: 'gl', at: at(week(2), 0), system: true, body: 'approved this merge request' },
      ],
    }),
    // This week's: offered once the week has ended.
    mr('acme/api', 10, 'bob', { approvals: [{ user: 'gl', at: `${thisWeek}T00:00:00Z` }] }),
    // Design merge requests gl opened: an ADR by title, an RFC by label…
    mr('acme/docs', 20, 'gl', {
      title: 'ADR 7: one queue per tenant',
      createdAt: at(week(2), 1),
      reviewers: [],
    }),
    mr('acme/api', 21, 'gl', {
      title: 'Token rotation',
      labels: ['RFC'],
      createdAt: at(week(3), 2),
      state: 'merged',
      reviewers: [],
    }),
    // …not a redesign of a button, not one opened before the 26 weeks, not someone else's.
    mr('acme/web', 22, 'gl', { title: 'Redesign the button', createdAt: at(w1, 1), reviewers: [] }),
    mr('acme/docs', 25, 'gl', { title: 'ADR 1: start', createdAt: at(week(30), 1), reviewers: [] }),
    mr('acme/docs', 26, 'alice', { title: 'RFC: caching', createdAt: at(w1, 1), reviewers: [] }),
  ];
}

const reviewId = (n: number, username = 'gl') =>
  `reviews:${new URL(gitlab.baseUrl).host}:${username}:${week(n)}`;

describe('connecting', () => {
  it('refuses a token GitLab refuses with a 400 naming token, and stores nothing', async () => {
    const res = await call(app, 'PUT', API, {
      token: cast.engineer,
      body: { token: 'glpat-wrong', baseUrl: gitlab.baseUrl },
    });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([
      {
        path: 'token',
        message:
          'Token: this token was refused by GitLab (401 Unauthorized): it is wrong, expired or revoked.',
      },
    ]);
    expect((await call(app, 'GET', API, { token: cast.engineer })).status).toBe(404);
  });

  it('names baseUrl when no GitLab answers there, and refuses bad tokens and addresses by the schema', async () => {
    const gone = await call(app, 'PUT', API, {
      token: cast.engineer,
      body: { token: 'glpat-x', baseUrl: 'http://127.0.0.1:9' },
    });
    expectProblem(gone, 400);
    expect(gone.body.errors[0]).toMatchObject({ path: 'baseUrl' });
    expect(gone.body.errors[0].message).toMatch(
      /^GitLab address: this address could not be reached/,
    );
    const bad = await call(app, 'PUT', API, {
      token: cast.engineer,
      body: { token: 'has space', baseUrl: 'ftp://gitlab.example.com?x=1' },
    });
    expectProblem(bad, 400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'baseUrl',
      'token',
    ]);
  });

  it('connects: 200 with the username; the token is sealed and never returned', async () => {
    gitlab.addUser('glpat-gl', 'gl');
    gitlab.mergeRequests.push(...glActivity());
    const res = await connect(cast.engineer, 'glpat-gl', `${gitlab.baseUrl}/`);
    expect(res.body).toMatchObject({
      username: 'gl',
      baseUrl: gitlab.baseUrl,
      lastSyncAt: null,
      lastError: null,
    });
    expect(Object.keys(res.body).sort()).toEqual(
      ['baseUrl', 'connectedAt', 'lastError', 'lastSyncAt', 'syncing', 'username'].sort(),
    );
    expect(res.text).not.toContain('glpat-gl');
    const { rows } = await sql.query<{ token_encrypted: string }>(
      'SELECT token_encrypted FROM gitlab_integrations WHERE user_id = $1',
      [cast.engineer.id],
    );
    expect(rows[0]?.token_encrypted).toMatch(/^v1\./);
    expect(rows[0]?.token_encrypted).not.toContain('glpat-gl');
    const after = await settled(cast.engineer);
    expect(after).toMatchObject({ username: 'gl', lastError: null, syncing: false });
    expect(Date.parse(after.lastSyncAt)).toBeGreaterThanOrEqual(Date.parse(after.connectedAt));
  });
});

describe('the backfill on connecting', () => {
  it('makes one review suggestion per ended week, with breadth, each merge request linked', async () => {
    const rows = (await suggestionsOf(cast.engineer)).filter(
      (s) => s.suggested_kinds === '{review}',
    );
    expect(rows.map((s) => [s.external_id, s.title, s.occurred_on])).toEqual([
      [reviewId(3), 'Reviewed 1 merge request in 1 project for 1 author', addDays(week(3), 6)],
      [reviewId(2), 'Reviewed 1 merge request in 1 project for 1 author', week(2)],
      [reviewId(1), 'Reviewed 3 merge requests in 2 projects for 2 authors', addDays(week(1), 4)],
    ]);
    const last = rows.at(-1) as SuggestionRow;
    const links = [
      gitlab.urlOf('acme/api', 1),
      gitlab.urlOf('acme/api', 2),
      gitlab.urlOf('acme/web', 3),
    ];
    expect(last.details).toMatchObject({
      kind: 'review-week',
      weekStart: week(1),
      counts: { mergeRequests: 3, projects: 2, authors: 2 },
      projects: ['acme/api', 'acme/web'],
      authors: ['alice', 'bob'],
      links,
    });
    for (const link of links) expect(last.description).toContain(`](${link})`);
    // Own, system-noted and plain-commented ones are nowhere; this week's waits.
    const all = JSON.stringify(rows);
    for (const n of [4, 5, 10]) expect(all).not.toMatch(new RegExp(`/merge_requests/${n}\\b`));
    // Merge request 6 counts in week 3 (its first review), not again in week 1.
    expect(JSON.stringify(rows[0]?.details)).toContain('/acme/ops/-/merge_requests/6');
  });

  it('makes a proposal of each design merge request gl opened within the 26 weeks', async () => {
    const rows = (await suggestionsOf(cast.engineer)).filter(
      (s) => s.suggested_kinds === '{proposal}',
    );
    expect(rows.map((s) => [s.title, s.url, s.occurred_on])).toEqual([
      ['Token rotation', gitlab.urlOf('acme/api', 21), addDays(week(3), 2)],
      ['ADR 7: one queue per tenant', gitlab.urlOf('acme/docs', 20), addDays(week(2), 1)],
    ]);
    expect(rows[0]?.details).toMatchObject({ state: 'merged', labels: ['RFC'] });
  });

  it('read the lists page by page (Link), and asked by reviewer and by author', () => {
    const lists = gitlab.requests.filter((r) => r.path === '/api/v4/merge_requests');
    expect(lists.some((r) => r.query.get('reviewer_username') === 'gl')).toBe(true);
    expect(lists.some((r) => r.query.get('author_username') === 'gl')).toBe(true);
    expect(lists.some((r) => r.query.get('page') === '2')).toBe(true);
  });

  it('accepting the review week makes an entry linking each merge request', async () => {
    const row = (await suggestionsOf(cast.engineer)).find((s) => s.external_id === reviewId(1));
    const res = await call(app, 'POST', `/api/v1/suggestions/${row?.id}/accept`, {
      token: cast.engineer,
      body: {},
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ source: 'gitlab', kinds: ['review'] });
    expect(res.body.links).toEqual([
      gitlab.urlOf('acme/api', 1),
      gitlab.urlOf('acme/api', 2),
      gitlab.urlOf('acme/web', 3),
    ]);
  });
});

describe('the command line', () => {
  const home = cliHome();

  it('leadtrack inbox lists GitLab suggestions, labelled and linked', async () => {
    const url = await listenOn(app);
    const login = await home.run(['login', url], {
      input: await personalToken(app, cast.engineer),
    });
    expect(login.code, login.stderr).toBe(0);
    const listed = await home.run(['inbox', '--source', 'gitlab']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(
      /^\S+ {2}.*Reviewed 1 merge request in 1 project for 1 author.* {2}\[gitlab\]$/m,
    );
    expect(listed.stdout).toContain(`[gitlab]  ${gitlab.urlOf('acme/docs', 20)}`);
  });
});

describe('syncing', () => {
  it('offers nothing twice: a second sync over the same weeks finds only what was offered', async () => {
    const res = await call(app, 'POST', `${API}/sync`, {
      token: cast.engineer,
      body: { from: week(26) },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ suggested: 0, skipped: 5, from: week(26) });
  });

  it('waits for a 429 as long as Retry-After asks, then goes on', async () => {
    gitlab.fail({ path: '/api/v4/merge_requests', status: 429, headers: { 'retry-after': '1' } });
    const started = Date.now();
    const res = await call(app, 'POST', `${API}/sync`, {
      token: cast.engineer,
      body: { from: week(1) },
    });
    expect(res.status, res.text).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    const limited = gitlab.requests.findIndex((r) => r.status === 429);
    const retried = gitlab.requests[limited + 1];
    expect(retried?.path).toBe('/api/v4/merge_requests');
    expect((retried?.at ?? 0) - (gitlab.requests[limited]?.at ?? 0)).toBeGreaterThanOrEqual(1_000);
  });

  it('a note late on Sunday in the person’s zone counts in that week', async () => {
    const nz = await registerUser(app, { name: 'Kiwi' });
    await setOwnTimeZone(app, nz, 'America/New_York');
    gitlab.addUser('glpat-kiwi', 'kiwi');
    // Monday 04:30 UTC of week 1 is Sunday 23:30 in New York: the end of week 2 there.
    gitlab.mergeRequests.push(
      mr('acme/nz', 1, 'alice', {
        reviewers: ['kiwi'],
        notes: [note('kiwi', at(week(1), 0, '04:30:00'))],
      }),
    );
    await connect(nz, 'glpat-kiwi');
    await settled(nz);
    const rows = await suggestionsOf(nz);
    expect(rows.map((s) => [s.external_id, s.occurred_on])).toEqual([
      [reviewId(2, 'kiwi'), addDays(week(2), 6)],
    ]);
  });

  it('does not offer again what another source offered at the same address (a mirror)', async () => {
    const user = await registerUser(app, { name: 'Mirror' });
    gitlab.addUser('glpat-mirror', 'mirror');
    gitlab.mergeRequests.push(
      mr('acme/mirror', 1, 'alice', {
        reviewers: ['mirror'],
        approvals: [{ user: 'mirror', at: at(week(1), 1) }],
      }),
      mr('acme/mirror', 2, 'mirror', { title: 'RFC: mirrored', createdAt: at(week(1), 1) }),
    );
    // The same work offered before by another source, with the same addresses.
    await sql.query(
      `INSERT INTO suggestions (id, user_id, type, source, external_id, url, title, occurred_on, details)
       VALUES (gen_random_uuid()::text, $1, 'evidence', 'github', 'reviews:x', NULL, 'Reviewed', $2,
               jsonb_build_object('links', jsonb_build_array($3::text))),
              (gen_random_uuid()::text, $1, 'evidence', 'github', 'proposal:x', $4, 'RFC', $2, NULL)`,
      [user.id, week(1), gitlab.urlOf('acme/mirror', 1), gitlab.urlOf('acme/mirror', 2)],
    );
    await connect(user, 'glpat-mirror');
    await settled(user);
    expect(await suggestionsOf(user)).toEqual([]);
  });
});

describe('outbound rules', () => {
  const { app: strict } = useTestApp({ OUTBOUND_ALLOW: '' });

  it('refuses a loopback baseUrl unless OUTBOUND_ALLOW allows it, naming baseUrl', async () => {
    const user = await registerUser(strict, { name: 'Strict' });
    gitlab.addUser('glpat-strict', 'strict');
    const res = await call(strict, 'PUT', API, {
      token: user,
      body: { token: 'glpat-strict', baseUrl: gitlab.baseUrl },
    });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([
      {
        path: 'baseUrl',
        message: expect.stringMatching(
          /^GitLab address: this address is on a private or local network, which this server does not connect to unless its operator allows it \(OUTBOUND_ALLOW\)/,
        ),
      },
    ]);
    expect(gitlab.requests.some((r) => r.query.toString().includes('strict'))).toBe(false);
  });
});

describe('who may do what', () => {
  gitlabSource.itKeepsTheAccessTable('glpat-nobody', { username: 'gl' });

  it('disconnecting forgets the token; the suggestions stay', async () => {
    await gitlabSource.disconnect(cast.engineer);
    expect((await suggestionsOf(cast.engineer)).length).toBeGreaterThan(0);
  });
});

describe('the gitlab-sync job', () => {
  it('syncs each connected active person once their new week has begun', async () => {
    const user = await registerUser(app, { name: 'Weekly' });
    gitlab.addUser('glpat-weekly', 'weekly');
    await connect(user, 'glpat-weekly');
    await settled(user);
    gitlab.mergeRequests.push(
      mr('acme/job', 1, 'alice', {
        reviewers: ['weekly'],
        approvals: [{ user: 'weekly', at: at(thisWeek, 0, '09:00:00') }],
      }),
    );
    const run = (asOf: string) =>
      call(app, 'POST', '/api/v1/admin/jobs/gitlab-sync/run', {
        token: cast.admin,
        body: { asOf },
      });
    const nextWeek = `${addWeeks(thisWeek, 1)}T01:00:00Z`;
    const first = await run(nextWeek);
    expect(first.status, first.text).toBe(200);
    expect((await suggestionsOf(user)).map((s) => s.external_id)).toEqual([
      `reviews:${new URL(gitlab.baseUrl).host}:weekly:${thisWeek}`,
    ]);
    const again = await run(nextWeek);
    expect(again.status, again.text).toBe(200);
    expect(await suggestionsOf(user)).toHaveLength(1);
  });
});
