// Warm reads at one round trip (issue 20): a report's timeline, the team and an evidence
// page, read again with nothing changed, send one statement, the session's, which also
// reads the people the route names (apps/api/src/data/prelude.ts). The access rule is
// applied to what that statement read as to a row read apart: the role cast's statuses.
import { teamDigestOf, teamDigestSql } from '@leadtrack/api/data/prelude';
import { teamReadiness, teamReadinessBody } from '@leadtrack/api/services/readiness';
import { openDatabase } from '@leadtrack/db';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, dropDatabase, uniqueName } from '../support/databases';
import { call, personalTokenOf, type TestUser } from '../support/http';
import { expectAccess, makeRoleCast, type RoleCast, signedIn } from '../support/role-cast';
import { type CountedDatabase, countingDatabase } from '../support/statements';
import { buildTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
let counted: CountedDatabase;
let cast: RoleCast;
const name = uniqueName('leadtrack_warm');

beforeAll(async () => {
  const url = await createDatabase(name, inject('templateDatabase'));
  counted = countingDatabase(await openDatabase({ url, maxConnections: 5 }));
  app = await buildTestApp(counted.db, { AUTH_RATE_LIMIT: '10000', DATABASE_URL: url });
  cast = await makeRoleCast(app);
});

afterAll(async () => {
  await app?.close();
  await dropDatabase(name);
});

/** The statements `path` sends when read a second time, nothing changed in between. */
async function warmStatements(path: string, token: string) {
  const first = await call(app, 'GET', path, { token });
  expect(first.status, first.text).toBe(200);
  counted.statements.length = 0;
  const again = await call(app, 'GET', path, { token });
  expect(again.status, again.text).toBe(200);
  expect(again.body).toEqual(first.body);
  return [...counted.statements];
}

describe('warm reads', () => {
  it('a timeline, the team and an evidence page are one statement each, read again', async () => {
    const { manager, engineer } = cast;
    const reads = {
      "a report's timeline": [`/api/v1/users/${engineer.id}/readiness`, manager.token],
      'your own timeline': ['/api/v1/users/me/readiness', engineer.token],
      'the team': ['/api/v1/reports', manager.token],
      "a report's evidence page": [
        `/api/v1/evidence?userId=${engineer.id}&limit=50`,
        manager.token,
      ],
      'your own evidence page': ['/api/v1/evidence', engineer.token],
    };
    const counts: Record<string, string[]> = {};
    for (const [what, [path, token]] of Object.entries(reads)) {
      counts[what] = await warmStatements(path as string, token as string);
    }
    const one = [expect.stringMatching(/^query SELECT .* FROM sessions s JOIN users u/)];
    expect(counts).toEqual(Object.fromEntries(Object.keys(reads).map((what) => [what, one])));
  });

  it('with a personal access token too', async () => {
    const { token } = await personalTokenOf(app, cast.manager);
    const statements = await warmStatements(`/api/v1/users/${cast.engineer.id}/readiness`, token);
    expect(statements).toEqual([
      expect.stringMatching(/^query SELECT .* FROM personal_access_tokens t JOIN users u/),
    ]);
  });

  it('a write is in the next read', async () => {
    const { manager, engineer } = cast;
    const path = `/api/v1/evidence?userId=${engineer.id}`;
    const before = await call(app, 'GET', path, { token: manager.token });
    const logged = await call(app, 'POST', '/api/v1/evidence', {
      token: engineer.token,
      body: { kinds: ['review'], title: 'Reviewed the cache change', occurredOn: '2026-11-03' },
    });
    expect(logged.status, logged.text).toBe(201);
    const after = await call(app, 'GET', path, { token: manager.token });
    expect(after.body.total).toBe(before.body.total + 1);
    const team = await call(app, 'GET', '/api/v1/reports', { token: manager.token });
    const row = team.body.items.find((r: { user: { id: string } }) => r.user.id === engineer.id);
    expect(row.unacknowledged).toBeGreaterThan(0);
  });
});

describe('who may read what the session statement read', () => {
  it("a person's timeline and evidence page: the owner, their manager, an admin, a sponsor", async () => {
    const expected = { ...signedIn(200), stranger: 404, endorser: 404 };
    await expectAccess(
      cast,
      (token) => call(app, 'GET', `/api/v1/users/${cast.engineer.id}/readiness`, { token }),
      expected,
    );
    await expectAccess(
      cast,
      (token) => call(app, 'GET', `/api/v1/evidence?userId=${cast.engineer.id}`, { token }),
      expected,
    );
  });

  it('the team: managers and admins only', async () => {
    await expectAccess(cast, (token) => call(app, 'GET', '/api/v1/reports', { token }), {
      ...signedIn(403),
      manager: 200,
      admin: 200,
    });
  });

  it('odd references are answered by validation or as missing, never read ahead', async () => {
    const token = cast.manager.token;
    for (const ref of ['%00', 'a%00b', '%ED%A0%80', 'x'.repeat(65), 'nobody']) {
      const timeline = await call(app, 'GET', `/api/v1/users/${ref}/readiness`, { token });
      const page = await call(app, 'GET', `/api/v1/evidence?userId=${ref}`, { token });
      for (const res of [timeline, page]) {
        expect(res.status, `${ref}: ${res.text}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${ref}: ${res.text}`).toBeLessThan(500);
      }
    }
  });
});

describe("the team's answer, kept under its digest", () => {
  const callerOf = ({ token: _token, ...user }: TestUser) => ({ ...user, timeZone: 'UTC' });
  const sql = (text: string, values: unknown[]) => counted.db.query(text, values);
  const teamRead = async () => {
    const res = await call(app, 'GET', '/api/v1/reports', { token: cast.manager.token });
    expect(res.status, res.text).toBe(200);
    return res;
  };
  const nameIn = (body: { items: { user: { id: string; name: string } }[] }) =>
    body.items.find((row) => row.user.id === cast.engineer.id)?.user.name;

  it('follows every field of a report it shows, whoever wrote it (here SQL, as another process)', async () => {
    const id = cast.engineer.id;
    const changes: [string, string, unknown[]][] = [
      ['a new name', 'UPDATE users SET name = $2 WHERE id = $1', ['Renamed Engineer']],
      ['a new email', 'UPDATE users SET email = $2 WHERE id = $1', ['renamed@example.test']],
      ['a new role', `UPDATE users SET role = 'manager' WHERE id = $1`, []],
      ['a new time zone', 'UPDATE users SET time_zone = $2 WHERE id = $1', ['Pacific/Kiritimati']],
      ['leaving the team', 'UPDATE users SET manager_id = NULL WHERE id = $1', []],
      ['coming back', 'UPDATE users SET manager_id = $2 WHERE id = $1', [cast.manager.id]],
      ['deactivated', 'UPDATE users SET deactivated_at = now() WHERE id = $1', []],
      ['reactivated', 'UPDATE users SET deactivated_at = NULL WHERE id = $1', []],
      // Back as the cast made them: the first answer's inputs again.
      [
        'all as before',
        `UPDATE users SET name = $2, email = $3, role = 'engineer', time_zone = 'UTC' WHERE id = $1`,
        [cast.engineer.name, cast.engineer.email],
      ],
    ];
    const first = await teamRead();
    let before = first;
    for (const [what, text, values] of changes) {
      await sql(text, [id, ...values]);
      const after = await teamRead();
      expect(after.headers.etag, what).not.toBe(before.headers.etag);
      // What a read without any cache computes.
      const fresh = await teamReadiness(counted.db, callerOf(cast.manager), new Date());
      expect(after.body, what).toEqual(JSON.parse(JSON.stringify(fresh)));
      before = after;
    }
    expect(before.headers.etag).toBe(first.headers.etag);
    expect(before.body).toEqual(first.body);
  });

  it('keeps an answer under the digest of the people it shows, not an older one read with the session', async () => {
    // A name never read before, so its digest is not cached yet; then a rename and a move to
    // a zone the team did not have land between the session's read of that digest and the
    // making of the answer.
    const unread = `Engineer ${Date.now()}`;
    const rename = (name: string, zone = 'UTC') =>
      sql('UPDATE users SET name = $2, time_zone = $3 WHERE id = $1', [
        cast.engineer.id,
        name,
        zone,
      ]);
    await rename(unread);
    const [read] = await sql(`SELECT ${teamDigestSql('$1')} AS digest`, [cast.manager.id]);
    const digest = teamDigestOf((read as { digest: string }).digest);
    await rename('Interim', 'Pacific/Kiritimati');
    const caller = callerOf(cast.manager);
    const made = await teamReadinessBody(counted.db, caller, new Date(), { team: digest });
    const fresh = await teamReadiness(counted.db, caller, new Date());
    expect(nameIn(JSON.parse(made.body))).toBe('Interim');
    // The waiting counts too, counted in the zone the report moved to.
    expect(JSON.parse(made.body)).toEqual(JSON.parse(JSON.stringify(fresh)));
    // The first name back: its digest is the one read above, and must not find 'Interim'.
    await rename(unread);
    expect(nameIn((await teamRead()).body)).toBe(unread);
    await rename(cast.engineer.name);
  });
});
