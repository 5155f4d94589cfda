// GitHub capture against a local stand-in GitHub (tests/support/github-stand-in.ts): the
// API under test is pointed at it through `baseUrl`, and the client code is the code users
// run. Dates are relative to today, as the API's are.
import { createDecipheriv, hkdfSync } from 'node:crypto';
import { addDays, addWeeks, todayUtc } from '@leadtrack/core';
import { describe, expect, it } from 'vitest';
import { at, octoActivity, pull, review, thisWeek, week } from '../support/github-activity';
import { startGithubStandIn } from '../support/github-stand-in';
import { call, expectProblem, registerUser, setOwnTimeZone } from '../support/http';
import { type SuggestionRow, useTokenHost } from '../support/token-host';

// Two results a page, so a handful of pull requests already spans pages; a search budget
// of 25 a second, so the 26-week backfill (two searches a week) must wait for resets.
const githubSource = useTokenHost('github', () =>
  startGithubStandIn({ maxPerPage: 2, searchLimit: 25, searchWindowMs: 1_000 }),
);
const { app, sql, cast, host: github } = githubSource;
const { api: API, connect, settled, suggestionsOf } = githubSource;

describe('connecting', () => {
  it('refuses a token GitHub refuses, naming the token (400), and stores nothing', async () => {
    const res = await call(app, 'PUT', API, {
      token: cast.engineer,
      body: { token: 'ghp_wrong', baseUrl: github.baseUrl },
    });
    expectProblem(res, 400, ['token']);
    expect(res.body.errors[0].message).toBe(
      'Token: this token was refused by GitHub (401 Bad credentials): it is wrong, expired or revoked.',
    );
    expect((await call(app, 'GET', API, { token: cast.engineer })).status).toBe(404);
  });

  it('names the address when nothing answers there or it is not an API root (400, never 5xx)', async () => {
    const closed = await startGithubStandIn();
    const deadUrl = closed.baseUrl;
    await closed.stop();
    const dead = await call(app, 'PUT', API, {
      token: cast.engineer,
      body: { token: 'ghp_octo', baseUrl: deadUrl },
    });
    expectProblem(dead, 400, ['baseUrl']);
    expect(dead.body.errors[0].message).toMatch(
      /^GitHub API address: this address could not be reached \(connect ECONNREFUSED 127\.0\.0\.1:\d+\); check it \(https:\/\/host\/api\/v3 for GitHub Enterprise\)\.$/,
    );

    github.addUser('ghp_octo', 'octo');
    const wrongRoot = await call(app, 'PUT', API, {
      token: cast.engineer,
      body: { token: 'ghp_octo', baseUrl: `${github.baseUrl}/api/v3` },
    });
    expectProblem(wrongRoot, 400, ['baseUrl']);
    expect(wrongRoot.body.errors[0].message).toMatch(
      /^GitHub API address: this address answered 404 to GET \/user: is it the REST API's root/,
    );
  });

  it('refuses addresses that are not https (plain http only on loopback), with credentials or a query, and bad tokens, all at once', async () => {
    for (const baseUrl of [
      'ftp://example.com',
      'http://example.com/api/v3',
      'https://u:p@example.com',
      'https://example.com/?x=1',
      'not a url',
    ]) {
      const res = await call(app, 'PUT', API, {
        token: cast.engineer,
        body: { token: 'ghp x', baseUrl },
      });
      expectProblem(res, 400, ['baseUrl', 'token']);
    }
    for (const bad of ['a\u0000b', 'a\ud800b']) {
      const res = await call(app, 'PUT', API, {
        token: cast.engineer,
        body: { token: bad, baseUrl: `https://example.com/${bad}` },
      });
      expectProblem(res, 400, ['baseUrl', 'token']);
    }
    expectProblem(await call(app, 'PUT', API, { token: cast.engineer, body: {} }), 400, ['token']);
    expectProblem(
      await call(app, 'PUT', API, { token: cast.engineer, body: { token: 'ghp_octo', extra: 1 } }),
      400,
      ['extra'],
    );
  });

  it('checks the token with GET /user, answers the login without the token, and stores it encrypted (AES-256-GCM under the instance key)', async () => {
    github.addUser('ghp_octo', 'octo');
    github.pulls.push(...octoActivity());
    github.clearLog();
    const res = await connect(cast.engineer, 'ghp_octo');
    expect(res.body).toEqual({
      login: 'octo',
      baseUrl: github.baseUrl,
      connectedAt: expect.any(String),
      lastSyncAt: null,
      lastError: null,
      syncing: true,
    });
    expect(res.text).not.toContain('ghp_octo');
    expect(github.requests[0]).toMatchObject({ path: '/user', authorization: 'token ghp_octo' });

    const { rows } = await sql.query(
      'SELECT token_encrypted FROM github_integrations WHERE user_id = $1',
      [cast.engineer.id],
    );
    const stored: string = rows[0].token_encrypted;
    expect(stored).not.toContain('ghp_octo');
    expect(stored).not.toContain(Buffer.from('ghp_octo').toString('base64url'));
    // Decrypted independently: HKDF-SHA256 of the instance secret, the owner's id as AAD.
    const [version, iv, tag, ciphertext] = stored.split('.') as [string, string, string, string];
    expect(version).toBe('v1');
    const secret = await sql.query(
      "SELECT value FROM instance_secrets WHERE name = 'github-token-key'",
    );
    const key = Buffer.from(
      hkdfSync(
        'sha256',
        Buffer.from(secret.rows[0].value, 'base64url'),
        '',
        'leadtrack github token v1',
        32,
      ),
    );
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(cast.engineer.id));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const plain = Buffer.concat([
      decipher.update(Buffer.from(ciphertext, 'base64url')),
      decipher.final(),
    ]);
    expect(plain.toString()).toBe('ghp_octo');
    // Another person's id as AAD does not decrypt it.
    const wrong = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    wrong.setAAD(Buffer.from(cast.stranger.id));
    wrong.setAuthTag(Buffer.from(tag, 'base64url'));
    wrong.update(Buffer.from(ciphertext, 'base64url'));
    expect(() => wrong.final()).toThrow();
  });
});

describe('the backfill on connecting', () => {
  it('runs in the background and records its time; GET shows the connection without the token', async () => {
    const after = await settled(cast.engineer);
    expect(after).toMatchObject({ login: 'octo', lastError: null, syncing: false });
    expect(Date.parse(after.lastSyncAt)).toBeGreaterThanOrEqual(Date.parse(after.connectedAt));
    const res = await call(app, 'GET', API, { token: cast.engineer });
    expect(res.text).not.toContain('ghp_octo');
  });

  it('reads 26 weeks one week at a time, reviews by reviewed-by and design pull requests by author', async () => {
    const searches = github
      .requestsTo('/search/issues')
      .filter((r) => r.query.get('page') === null);
    const queries = searches.map((r) => r.query.get('q') ?? '');
    const reviewQueries = queries.filter((q) => q.includes('reviewed-by:octo'));
    const authorQueries = queries.filter((q) => /(^| )author:octo/.test(q));
    // 26 whole weeks and this one's days so far (+ the 14 hours zones east of UTC need).
    expect(reviewQueries.length).toBeGreaterThanOrEqual(27);
    expect(reviewQueries.length).toBeLessThanOrEqual(28);
    expect(authorQueries.length).toBe(reviewQueries.length);
    for (const q of reviewQueries) {
      expect(q).toMatch(/^is:pr reviewed-by:octo -author:octo updated:\S+Z\.\.\S+Z$/);
      const [from, to] = (q.split('updated:')[1] as string).split('..') as [string, string];
      expect(Date.parse(to) - Date.parse(from)).toBeLessThan(7 * 86_400_000);
    }
    expect(authorQueries[0]).toMatch(/^is:pr author:octo created:/);
  });

  it('makes one review suggestion per ended week, showing breadth, each pull request linked', async () => {
    const rows = (await suggestionsOf(cast.engineer)).filter(
      (s) => s.suggested_kinds === '{review}',
    );
    expect(rows.map((s) => [s.external_id, s.title])).toEqual([
      [
        `reviews:${new URL(github.baseUrl).host}:octo:${week(10)}`,
        'Reviewed 1 pull request in 1 repository for 1 author',
      ],
      [
        `reviews:${new URL(github.baseUrl).host}:octo:${week(3)}`,
        'Reviewed 1 pull request in 1 repository for 1 author',
      ],
      [
        `reviews:${new URL(github.baseUrl).host}:octo:${week(2)}`,
        'Reviewed 1 pull request in 1 repository for 1 author',
      ],
      [
        `reviews:${new URL(github.baseUrl).host}:octo:${week(1)}`,
        'Reviewed 3 pull requests in 2 repositories for 2 authors',
      ],
    ]);
    const lastWeek = rows.at(-1) as SuggestionRow;
    expect(lastWeek).toMatchObject({
      source: 'github',
      status: 'open',
      url: null,
      occurred_on: addDays(week(1), 4),
    });
    expect(lastWeek.details).toMatchObject({
      kind: 'review-week',
      weekStart: week(1),
      counts: { pullRequests: 3, repositories: 2, authors: 2 },
      repositories: ['acme/api', 'acme/web'],
      authors: ['alice', 'bob'],
    });
    const links = (lastWeek.details.pullRequests as { url: string }[]).map((p) => p.url);
    expect(links).toEqual(
      [1, 2]
        .map((n) => `${new URL(github.baseUrl).origin}/acme/api/pull/${n}`)
        .concat(`${new URL(github.baseUrl).origin}/acme/web/pull/3`),
    );
    for (const link of links) expect(lastWeek.description).toContain(`](${link})`);
    // Own, pending and too-old reviews are nowhere; this week's waits for the week to end.
    const all = JSON.stringify(rows);
    for (const n of [4, 7, 9, 10]) expect(all).not.toMatch(new RegExp(`/pull/${n}\\b`));
  });

  it('accepting a review week makes an entry linking each of its pull requests', async () => {
    const externalId = `reviews:${new URL(github.baseUrl).host}:octo:${week(1)}`;
    const { rows } = await sql.query<{ id: string }>(
      'SELECT id FROM suggestions WHERE user_id = $1 AND external_id = $2',
      [cast.engineer.id, externalId],
    );
    const res = await call(app, 'POST', `/api/v1/suggestions/${rows[0]?.id}/accept`, {
      token: cast.engineer,
      body: {},
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ source: 'github', kinds: ['review'] });
    expect(res.body.links).toEqual(
      [1, 2]
        .map((n) => `${new URL(github.baseUrl).origin}/acme/api/pull/${n}`)
        .concat(`${new URL(github.baseUrl).origin}/acme/web/pull/3`),
    );
  });

  it('dates each review by its submitted_at: Sunday 23:30 and Monday 00:30 land in different weeks', async () => {
    const rows = await suggestionsOf(cast.engineer);
    const byWeek = (w: string) => rows.find((s) => s.external_id.endsWith(`:${w}`));
    expect(JSON.stringify(byWeek(week(3))?.details)).toContain('/acme/api/pull/5');
    expect(byWeek(week(3))?.occurred_on).toBe(addDays(week(3), 6));
    expect(JSON.stringify(byWeek(week(2))?.details)).toContain('/acme/api/pull/6');
    expect(byWeek(week(2))?.occurred_on).toBe(week(2));
    // Found by last week's search (updated then), counted in the week of the review.
    expect(JSON.stringify(byWeek(week(10))?.details)).toContain('/acme/ops/pull/8');
  });

  it('verifies reviews through each pull request’s reviews, paging through Link: rel="next"', async () => {
    const reviewReads = github.requestsTo('/repos/acme/api/pulls/2/reviews');
    expect(reviewReads.map((r) => r.query.get('page'))).toEqual([null, '2']);
    expect(github.requestsTo('/search/issues').some((r) => r.query.get('page') === '2')).toBe(true);
  });

  it('turns design pull requests (ADR by path, RFC or design label) into proposals, reading files only without a label', async () => {
    const rows = (await suggestionsOf(cast.engineer)).filter(
      (s) => s.suggested_kinds === '{proposal}',
    );
    const origin = new URL(github.baseUrl).origin;
    expect(rows.map((s) => [s.title, s.url, s.occurred_on])).toEqual([
      ['Token rotation', `${origin}/acme/api/pull/21`, addDays(week(3), 2)],
      ['ADR 7: one queue per tenant', `${origin}/acme/docs/pull/20`, addDays(week(2), 1)],
      ['Retry budget design', `${origin}/acme/api/pull/24`, thisWeek],
    ]);
    expect(rows.map((s) => s.external_id)).toEqual(rows.map((s) => `proposal:${s.url}`));
    expect(rows[0]?.details).toMatchObject({ state: 'merged', labels: ['RFC'], designFiles: [] });
    expect(rows[1]?.details).toMatchObject({ designFiles: ['docs/adr/0007-queue-per-tenant.md'] });
    expect(rows[1]?.description).toContain('`docs/adr/0007-queue-per-tenant.md`');
    expect(github.requestsTo('/repos/acme/api/pulls/21/files')).toEqual([]);
    expect(github.requestsTo('/repos/acme/web/pulls/22/files')).toHaveLength(1);
  });

  it('kept to the search budget by waiting for its reset: the stand-in never had to refuse one', async () => {
    const searches = github.requestsTo('/search/issues');
    expect(searches.length).toBeGreaterThan(25);
    expect(searches.filter((r) => r.status !== 200)).toEqual([]);
    // 25 a second: the 26th waited for the next window.
    const first = searches[0]?.at ?? 0;
    expect((searches[25]?.at ?? 0) - first).toBeGreaterThanOrEqual(1000 - 5);
  });
});

describe('syncing again', () => {
  it('offers nothing twice: a second sync over the same weeks only skips', async () => {
    const before = (await suggestionsOf(cast.engineer)).length;
    expect(before).toBe(7);
    const res = await call(app, 'POST', `${API}/sync`, {
      token: cast.engineer,
      body: { from: week(26) },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ suggested: 0, skipped: 7, from: week(26), to: todayUtc() });
    expect(await suggestionsOf(cast.engineer)).toHaveLength(7);
  });

  it('without a body reads from the week before the last sync; new activity is offered', async () => {
    github.pulls.push(
      pull({
        repo: 'acme/infra',
        number: 40,
        author: 'frank',
        reviews: [review('octo', at(week(1), 5))],
      }),
    );
    github.clearLog();
    const res = await call(app, 'POST', `${API}/sync`, { token: cast.engineer });
    expect(res.status, res.text).toBe(200);
    // Last week's suggestion was offered already: the new review does not change it.
    expect(res.body).toMatchObject({ suggested: 0, from: week(1) });
    const first = github.requestsTo('/search/issues')[0]?.query.get('q') ?? '';
    expect(first).toContain(`updated:${addDays(week(1), -1)}T10:00:00Z..`);
  });

  it('waits for x-ratelimit-reset after a 403 with x-ratelimit-remaining 0, and for retry-after after a 429', async () => {
    github.clearLog();
    const reset = Math.ceil(Date.now() / 1000) + 1;
    github.fail({
      path: '/search/issues',
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
    });
    github.fail({
      path: '/repos/',
      status: 429,
      headers: { 'retry-after': '1' },
      message: 'You have exceeded a secondary rate limit.',
    });
    const res = await call(app, 'POST', `${API}/sync`, {
      token: cast.engineer,
      body: { from: week(1) },
    });
    expect(res.status, res.text).toBe(200);
    const searches = github.requestsTo('/search/issues');
    expect(searches[0]?.status).toBe(403);
    expect(searches[1]?.status).toBe(200);
    expect(searches[1]?.at).toBeGreaterThanOrEqual(reset * 1000);
    const repos = github.requestsTo('/repos/');
    expect(repos[0]?.status).toBe(429);
    expect(repos[1]?.path).toBe(repos[0]?.path);
    expect((repos[1]?.at ?? 0) - (repos[0]?.at ?? 0)).toBeGreaterThanOrEqual(1000);
  });

  it('a limit resetting later than the longest wait stops the sync: 409 naming the reset, recorded as lastError', async () => {
    const before = await call(app, 'GET', API, { token: cast.engineer });
    const reset = Math.ceil(Date.now() / 1000) + 3600;
    github.fail({
      path: '/search/issues',
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
    });
    const res = await call(app, 'POST', `${API}/sync`, { token: cast.engineer });
    expectProblem(res, 409);
    expect(res.body.detail).toMatch(
      /^GitHub's rate limit for this token is spent until \d{4}-\d\d-\d\d \d\d:\d\d UTC\./,
    );
    const after = await call(app, 'GET', API, { token: cast.engineer });
    expect(after.body).toMatchObject({
      lastError: res.body.detail,
      lastSyncAt: before.body.lastSyncAt,
      syncing: false,
    });
  });

  it('a token revoked on GitHub: 409 telling to connect again, recorded; a later success clears the error', async () => {
    github.tokens.delete('ghp_octo');
    const res = await call(app, 'POST', `${API}/sync`, { token: cast.engineer });
    expectProblem(res, 409);
    expect(res.body.detail).toMatch(
      /refused the token \(401 Bad credentials\).*Connect GitHub again/,
    );
    expect((await call(app, 'GET', API, { token: cast.engineer })).body.lastError).toBe(
      res.body.detail,
    );
    github.addUser('ghp_octo', 'octo');
    expect((await call(app, 'POST', `${API}/sync`, { token: cast.engineer })).status).toBe(200);
    expect((await call(app, 'GET', API, { token: cast.engineer })).body.lastError).toBeNull();
  });

  it('refuses a from in the future or more than 52 weeks back, naming it', async () => {
    for (const from of [
      addDays(todayUtc(), 1),
      addWeeks(thisWeek, -53),
      '2026-02-30',
      '1999-12-31',
    ]) {
      const res = await call(app, 'POST', `${API}/sync`, { token: cast.engineer, body: { from } });
      expectProblem(res, 400, ['from']);
    }
    expectProblem(
      await call(app, 'POST', `${API}/sync`, { token: cast.engineer, body: { to: thisWeek } }),
      400,
      ['to'],
    );
  });
});

describe('time zones and Enterprise', () => {
  it("a review at Monday 03:00 UTC is Sunday's in New York: that person's previous week", async () => {
    const nyc = await registerUser(app, { name: 'Nyc' });
    await setOwnTimeZone(app, nyc, 'America/New_York');
    github.addUser('ghp_nyc', 'nyc');
    github.pulls.push(
      pull({
        repo: 'acme/api',
        number: 50,
        author: 'alice',
        reviews: [review('nyc', at(week(1), 0, '03:00:00'))],
      }),
    );
    await connect(nyc, 'ghp_nyc');
    await settled(nyc);
    const rows = await suggestionsOf(nyc);
    expect(rows.map((s) => [s.external_id.split(':').at(-1), s.occurred_on])).toEqual([
      [week(2), addDays(week(2), 6)],
    ]);
  });

  it('connects to GitHub Enterprise at https://host/api/v3 (here its stand-in under /api/v3)', async () => {
    const enterprise = await startGithubStandIn({ prefix: '/api/v3', searchLimit: 1_000 });
    try {
      enterprise.addUser('ghe_token', 'octo-ghe');
      const user = await registerUser(app, { name: 'Ghe' });
      const res = await connect(user, 'ghe_token', `${enterprise.baseUrl}/`);
      expect(res.body).toMatchObject({ login: 'octo-ghe', baseUrl: enterprise.baseUrl });
      expect((await settled(user)).lastError).toBeNull();
      expect(enterprise.requestsTo('/search/issues').length).toBeGreaterThan(0);
    } finally {
      await enterprise.stop();
    }
  });
});

describe('the 1,000-result cap', () => {
  it('splits a week whose search finds more than 1,000 pull requests until every part fits', async () => {
    const busy = await startGithubStandIn({ searchLimit: 10_000 });
    try {
      busy.addUser('ghp_busy', 'busy');
      // 1,001 design pull requests opened last Monday, a minute apart: one week window holds them.
      for (let n = 1; n <= 1_001; n++) {
        busy.pulls.push(
          pull({
            repo: 'acme/rfcs',
            number: n,
            author: 'busy',
            title: `RFC ${n}`,
            labels: ['rfc'],
            createdAt: new Date(Date.parse(`${week(1)}T00:00:00Z`) + n * 60_000).toISOString(),
          }),
        );
      }
      const user = await registerUser(app, { name: 'Busy' });
      await connect(user, 'ghp_busy', busy.baseUrl);
      expect((await settled(user)).lastError).toBeNull();
      expect(await suggestionsOf(user)).toHaveLength(1_001);
      // Never asked past the cap: the first page's total_count made it split instead.
      expect(busy.requests.filter((r) => r.status !== 200)).toEqual([]);
      const split = busy
        .requestsTo('/search/issues')
        .map((r) => r.query.get('q') ?? '')
        .filter((q) => q.startsWith('is:pr author:busy'))
        .map((q) => q.split('created:')[1] as string);
      expect(new Set(split).size).toBeGreaterThan(28);
    } finally {
      await busy.stop();
    }
  });
});

describe('who may do what', () => {
  githubSource.itKeepsTheAccessTable('ghp_nobody', { login: 'octo' });

  it('disconnecting forgets the token; the suggestions stay', async () => {
    await githubSource.disconnect(cast.engineer);
    expect(
      (await sql.query('SELECT 1 FROM github_integrations WHERE user_id = $1', [cast.engineer.id]))
        .rowCount,
    ).toBe(0);
    expectProblem(await call(app, 'POST', `${API}/sync`, { token: cast.engineer }), 404);
    expect(await suggestionsOf(cast.engineer)).toHaveLength(7);
  });
});
