// Three API processes on one database behave as one (API.md "Several processes, one
// database"): the attempt budgets are shared (in PostgreSQL, and once more in Redis with
// REDIS_URL), a revocation, a deactivation and a policy change through one process hold on
// the others at their next request, a write through one is in the next read through another,
// and a job fired on all three at once mails each person once. Real server processes, as
// users run them, on a copy of the migrated template.
import { randomBytes } from 'node:crypto';
import { addDays, todayUtc, weekStartOf } from '@leadtrack/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type ApiProcess,
  callProcess,
  type ProcessCallOptions,
  startApiProcess,
  stopApiProcess,
} from '../support/api-processes';
import { createDatabase, dropDatabase, uniqueName } from '../support/databases';
import { TEST_PASSWORD, uniqueEmail } from '../support/http';
import { type SmtpCatcher, startSmtpCatcher } from '../support/smtp-catcher';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const LIMIT = 10;

interface Person {
  id: string;
  email: string;
  token: string;
}

// A fresh client address per call that is not about the address budget.
let addresses = 0;
const anotherAddress = () => {
  addresses += 1;
  return `198.51.${Math.floor(addresses / 250)}.${(addresses % 250) + 1}`;
};

describe.each([
  ['in PostgreSQL', {}],
  [
    'in Redis',
    { REDIS_URL, REDIS_KEY_PREFIX: `leadtrack-test:${randomBytes(6).toString('hex')}:` },
  ],
])('three API processes on one database, budgets %s', (_where, extraEnv) => {
  const name = uniqueName('leadtrack_three');
  let apis: ApiProcess[] = [];
  let smtp: SmtpCatcher;
  let admin: Person;

  const api = (i: number) => {
    const one = apis[i % apis.length];
    if (!one) throw new Error('the processes start in beforeAll');
    return one;
  };
  const call = (i: number, method: string, path: string, options: ProcessCallOptions = {}) =>
    callProcess(api(i), method, path, { from: anotherAddress(), ...options });

  async function signIn(i: number, email: string): Promise<Person> {
    const res = await call(i, 'POST', '/auth/login', { body: { email, password: TEST_PASSWORD } });
    expect(res.status, res.text).toBe(200);
    return { id: res.body.user.id, email, token: res.body.accessToken };
  }

  /** A new person made by the admin through process `i`, signed in through the next one. */
  async function person(i: number, role: string, managerId?: string): Promise<Person> {
    const email = uniqueEmail(role);
    const res = await call(i, 'POST', '/users', {
      token: admin.token,
      body: { email, name: `A ${role}`, password: TEST_PASSWORD, role, managerId },
    });
    expect(res.status, res.text).toBe(201);
    return signIn(i + 1, email);
  }

  beforeAll(async () => {
    const databaseUrl = await createDatabase(name, inject('templateDatabase'));
    smtp = await startSmtpCatcher();
    const env = {
      DATABASE_URL: databaseUrl,
      AUTH_RATE_LIMIT: String(LIMIT),
      SMTP_URL: smtp.url,
      ...extraEnv,
    };
    apis = await Promise.all([0, 1, 2].map(() => startApiProcess(env)));
    const email = uniqueEmail('admin');
    const res = await call(0, 'POST', '/auth/register', {
      body: { email, name: 'Admin', password: TEST_PASSWORD },
    });
    expect(res.status, res.text).toBe(201);
    admin = { id: res.body.user.id, email, token: res.body.accessToken };
  }, 300_000);

  afterAll(async () => {
    await Promise.all(apis.map(stopApiProcess));
    await smtp?.close();
    await dropDatabase(name);
  });

  it(`gives 30 wrong passwords for one email, spread over them, at most ${LIMIT} answers before the first 429`, async () => {
    const target = await person(0, 'engineer');
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      // Each from another address: only the email's budget can stop them.
      const res = await call(i, 'POST', '/auth/login', {
        body: { email: target.email, password: 'not the password' },
      });
      statuses.push(res.status);
    }
    const first429 = statuses.indexOf(429);
    expect(first429, statuses.join(' ')).toBeGreaterThan(0);
    expect(first429, statuses.join(' ')).toBeLessThanOrEqual(LIMIT);
    expect(statuses.slice(0, first429).every((s) => s === 401)).toBe(true);
    expect(
      statuses.slice(first429).every((s) => s === 429),
      statuses.join(' '),
    ).toBe(true);
  });

  it(`gives 30 attempts from one address, spread over them, at most ${LIMIT} answers before the first 429`, async () => {
    const from = anotherAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await call(i, 'POST', '/auth/login', {
        from,
        body: { email: uniqueEmail('nobody'), password: 'not the password' },
      });
      statuses.push(res.status);
    }
    const first429 = statuses.indexOf(429);
    expect(first429, statuses.join(' ')).toBeGreaterThan(0);
    expect(first429, statuses.join(' ')).toBeLessThanOrEqual(LIMIT);
    expect(
      statuses.slice(first429).every((s) => s === 429),
      statuses.join(' '),
    ).toBe(true);
  });

  it('refuses a token revoked through one process on the others at once', async () => {
    const user = await person(1, 'engineer');
    const made = await call(0, 'POST', '/me/tokens', {
      token: user.token,
      body: { name: 'cli', currentPassword: TEST_PASSWORD },
    });
    expect(made.status, made.text).toBe(201);
    const pat = made.body.token as string;
    for (const i of [0, 1, 2])
      expect((await call(i, 'GET', '/me', { token: pat })).status).toBe(200);
    const revoked = await call(1, 'DELETE', `/me/tokens/${made.body.id}`, { token: user.token });
    expect(revoked.status, revoked.text).toBe(204);
    for (const i of [0, 2]) expect((await call(i, 'GET', '/me', { token: pat })).status).toBe(401);
    // Signing out everywhere else through one process ends another session on every process.
    const other = await signIn(2, user.email);
    for (const i of [0, 1, 2]) {
      expect((await call(i, 'GET', '/me', { token: other.token })).status).toBe(200);
    }
    const out = await call(0, 'DELETE', '/me/sessions', { token: user.token });
    expect(out.status, out.text).toBe(204);
    for (const i of [1, 2]) {
      expect((await call(i, 'GET', '/me', { token: other.token })).status).toBe(401);
    }
  });

  it('refuses a person deactivated through one process on the others at once', async () => {
    const user = await person(2, 'engineer');
    for (const i of [0, 1, 2]) {
      expect((await call(i, 'GET', '/me', { token: user.token })).status).toBe(200);
    }
    const res = await call(0, 'POST', `/users/${user.id}/deactivate`, { token: admin.token });
    expect(res.status, res.text).toBe(200);
    for (const i of [1, 2]) {
      expect((await call(i, 'GET', '/me', { token: user.token })).status).toBe(401);
    }
  });

  it('shows a write through one process in the next read through another (timeline, team, list)', async () => {
    const manager = await person(0, 'manager');
    const engineer = await person(1, 'engineer', manager.id);
    const timeline = (i: number) =>
      call(i, 'GET', `/users/${engineer.id}/readiness`, { token: manager.token });
    const team = (i: number) => call(i, 'GET', '/reports', { token: manager.token });
    const list = (i: number) =>
      call(i, 'GET', `/evidence?userId=${engineer.id}`, { token: manager.token });
    const ownership = (res: { body: { weeks: { counts: { ownership: number } }[] } }) =>
      res.body.weeks.reduce((sum, week) => sum + week.counts.ownership, 0);
    // Every process reads (and keeps) the answers before the write.
    for (const i of [0, 1, 2]) {
      expect(ownership(await timeline(i))).toBe(0);
      expect((await team(i)).body.items[0].lastEvidenceOn).toBeNull();
      expect((await list(i)).body.items).toEqual([]);
    }
    const today = todayUtc();
    const created = await call(0, 'POST', '/evidence', {
      token: engineer.token,
      body: { kinds: ['ownership'], title: 'Wrote the runbook', occurredOn: today },
    });
    expect(created.status, created.text).toBe(201);
    for (const i of [1, 2]) {
      expect(ownership(await timeline(i))).toBe(1);
      expect((await team(i)).body.items[0].lastEvidenceOn).toBe(today);
      expect((await list(i)).body.items.map((e: { title: string }) => e.title)).toEqual([
        'Wrote the runbook',
      ]);
    }
  });

  it('shows a policy change through one process in the next readiness read through another', async () => {
    const engineer = await person(2, 'engineer');
    const readiness = (i: number) =>
      call(i, 'GET', `/users/${engineer.id}/readiness`, { token: engineer.token });
    for (const i of [0, 1, 2]) {
      expect((await readiness(i)).body.policy.thresholdWeeks).toBe(26);
      expect((await call(i, 'GET', '/policy', { token: engineer.token })).body.thresholdWeeks).toBe(
        26,
      );
    }
    const policy = {
      requiredKinds: ['ownership'],
      windowWeeks: 4,
      thresholdWeeks: 3,
      requireVisibility: false,
    };
    const res = await call(0, 'PUT', '/policy', { token: admin.token, body: policy });
    expect(res.status, res.text).toBe(200);
    for (const i of [1, 2]) {
      expect((await readiness(i)).body.policy).toEqual(policy);
      expect((await call(i, 'GET', '/policy', { token: engineer.token })).body).toEqual(policy);
    }
  });

  it('mails one reminder per person when the reminder job is fired on all three at once', async () => {
    const people = [await person(0, 'engineer'), await person(1, 'engineer')];
    smtp.clear();
    // Friday 15:00 of the current week: every engineer's reminder moment (UTC) has come.
    const asOf = `${addDays(weekStartOf(todayUtc()), 4)}T15:00:00Z`;
    const runs = await Promise.all(
      [0, 1, 2].map((i) =>
        call(i, 'POST', '/admin/jobs/weekly-reminders/run', { token: admin.token, body: { asOf } }),
      ),
    );
    for (const run of runs) expect(run.status, run.text).toBe(200);
    const done = runs.reduce((sum, run) => sum + (run.body.done as number), 0);
    expect(runs.every((run) => run.body.failed === 0)).toBe(true);
    for (const one of people) expect(smtp.to(one.email)).toHaveLength(1);
    // Each mail was sent by exactly one of the processes.
    expect(done).toBe(smtp.messages.length);
  });
});
