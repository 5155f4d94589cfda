// The scheduler itself: graphile-worker on the test's Postgres database runs the hourly
// crontab, backfills the tick missed while every process was down, and with two API
// processes running workers each tick is run once. The job's mail arrives at a real SMTP
// server in this process.
import { localTimeIn } from '@leadtrack/core';
import { openDatabase } from '@leadtrack/db';
import { WEEKDAYS } from '@leadtrack/schemas';
import { afterAll, describe, expect, it } from 'vitest';
import { call, registerUser, uniqueEmail } from '../support/http';
import { startSmtpCatcher } from '../support/smtp-catcher';
import { buildTestApp, type TestApp, useFixture, useTestApp } from '../support/test-app';

const smtp = useFixture(startSmtpCatcher, (s) => s.close());
const handle = useTestApp(() => ({ SMTP_URL: smtp.url }));
const { app, sql } = handle;

const started: TestApp[] = [];
afterAll(async () => {
  for (const instance of started) await instance.close();
});

/** Another API process on the same database, running the scheduled jobs. */
async function withJobs(): Promise<TestApp> {
  const database = await openDatabase({ url: handle.databaseUrl, maxConnections: 3 });
  const instance = await buildTestApp(database, {
    DATABASE_URL: handle.databaseUrl,
    SMTP_URL: smtp.url,
    JOBS: 'on',
  });
  started.push(instance);
  return instance;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 30_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > end) throw new Error(`gave up waiting: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const crontabs = async () =>
  (
    await sql.query<{ identifier: string; last: string | null }>(
      `SELECT identifier, last_execution::text AS last
         FROM graphile_worker._private_known_crontabs ORDER BY identifier`,
    )
  ).rows;

describe('graphile-worker', () => {
  it('registers the hourly jobs, backfills the tick missed across a restart, and runs it once with two processes', async () => {
    // The first user is the admin; the engineer is reminded today from midnight (UTC), so
    // the tick of the current hour is their moment whatever the time of day.
    await registerUser(app, { name: 'Admin', email: uniqueEmail('admin') });
    const engineer = await registerUser(app, { name: 'Scheduled', email: uniqueEmail('sched') });
    const today = localTimeIn('UTC', new Date());
    const prefs = await call(app, 'PUT', '/api/v1/me/preferences', {
      token: engineer.token,
      body: { reminderDay: WEEKDAYS[today.weekday - 1], reminderHour: 0 },
    });
    expect(prefs.status, prefs.text).toBe(200);

    // First start: the worker installs its schema and learns the crontab (nothing is due).
    const first = await withJobs();
    const known = await until(crontabs, (rows) => rows.length === 6);
    expect(known.map((r) => r.identifier)).toEqual([
      'calendar-sync',
      'github-sync',
      'gitlab-sync',
      'manager-digest',
      'notification-mail',
      'weekly-reminders',
    ]);
    await first.close();
    expect(smtp.to(engineer.email)).toEqual([]);

    // Every process was down across the top of the hour: the last tick is two hours old.
    await sql.query(
      `UPDATE graphile_worker._private_known_crontabs
          SET known_since = now() - interval '3 hours', last_execution = now() - interval '2 hours'`,
    );
    // Two processes start at once: the missed tick is enqueued once, run by one of them.
    await Promise.all([withJobs(), withJobs()]);
    const mails = await until(
      async () => smtp.to(engineer.email),
      (found) => found.length > 0,
    );
    const [mail] = mails;
    expect(mail?.subject).toMatch(/^Your week in Leadtrack: /);
    // The job completed (graphile-worker deletes finished jobs) and the tick is recorded.
    await until(
      async () =>
        (await sql.query('SELECT count(*)::int AS n FROM graphile_worker._private_jobs')).rows[0].n,
      (n) => n === 0,
    );
    const after = await crontabs();
    const hour = new Date();
    hour.setUTCMinutes(0, 0, 0);
    for (const row of after) expect(new Date(row.last ?? 0).getTime()).toBe(hour.getTime());
    // Give the other process time to pick anything up: still one message.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(smtp.to(engineer.email)).toHaveLength(1);
  }, 90_000);
});
