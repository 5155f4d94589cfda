// GET /metrics (Prometheus text format) behind METRICS_TOKEN: parsed here, series by
// series. Request durations by route pattern (never the raw URL), the database pool, job
// runs and failures, mails sent and failed, process metrics; 401 without the token, 404
// when no token is configured.
import { addDays, todayUtc, weekStartOf } from '@leadtrack/core';
import { openDatabase } from '@leadtrack/db';
import { afterAll, describe, expect, it } from 'vitest';
import { call, expectProblem, makeTeam, registerUser } from '../support/http';
import { freePort } from '../support/processes';
import { startSmtpCatcher } from '../support/smtp-catcher';
import { buildTestApp, type TestApp, useFixture, useTestApp } from '../support/test-app';

const TOKEN = 'metrics-token-for-the-test-0123456789';
const smtp = useFixture(startSmtpCatcher, (s) => s.close());
const handle = useTestApp(() => ({ METRICS_TOKEN: TOKEN, SMTP_URL: smtp.url }));
const { app } = handle;
const team = useFixture(() => makeTeam(app));
const others: TestApp[] = [];

afterAll(async () => {
  for (const other of others) await other.close();
});

/** A second API on the same database with other settings. */
async function other(env: Record<string, string>) {
  const database = await openDatabase({ url: handle.databaseUrl, maxConnections: 2 });
  const built = await buildTestApp(database, { AUTH_RATE_LIMIT: '10000', ...env });
  others.push(built);
  return built;
}

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The text exposition format: `# HELP`/`# TYPE` lines, then `name{label="value",…} number`. */
function parse(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/(?<!\w)(\w+)="((?:[^"\\]|\\.)*)"/g))
      labels[key as string] = JSON.parse(`"${value}"`);
    samples.push({ name: match[1] as string, labels, value: Number(match[3]) });
  }
  return samples;
}

async function scrape(target: TestApp = app) {
  const res = await call(target, 'GET', '/metrics', { token: TOKEN });
  expect(res.status, res.text).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return parse(res.text);
}

function value(samples: Sample[], name: string, labels: Record<string, string> = {}) {
  const found = samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  expect(found.length, `${name} ${JSON.stringify(labels)}`).toBeGreaterThan(0);
  return found.reduce((sum, s) => sum + s.value, 0);
}

const fridayAfternoon = `${addDays(weekStartOf(todayUtc()), 4)}T15:00:00Z`;

describe('GET /metrics', () => {
  it('answers only with the token: 401 without it or with another, with a Bearer challenge', async () => {
    for (const token of [undefined, 'metrics-token-for-the-test-012345678', `${TOKEN}x`, 'x']) {
      const res = await call(app, 'GET', '/metrics', { token });
      expectProblem(res, 401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    }
    const basic = await call(app, 'GET', '/metrics', {
      headers: { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` },
    });
    expectProblem(basic, 401);
  });

  it('times requests by route pattern and status, never by the raw URL', async () => {
    const user = await registerUser(app, { name: 'Measured' });
    for (let i = 0; i < 3; i++)
      expect((await call(app, 'GET', `/api/v1/users/${user.id}`, { token: user })).status).toBe(
        200,
      );
    expect((await call(app, 'GET', '/api/v1/no/such/path/12345')).status).toBe(404);
    const samples = await scrape();
    const count = (route: string, status: string) =>
      value(samples, 'http_request_duration_seconds_count', {
        method: 'GET',
        route,
        status_code: status,
      });
    expect(count('/api/v1/users/:id', '200')).toBe(3);
    expect(count('unmatched', '404')).toBeGreaterThanOrEqual(1);
    const inf = { method: 'GET', route: '/api/v1/users/:id', status_code: '200', le: '+Inf' };
    expect(value(samples, 'http_request_duration_seconds_bucket', inf)).toBe(3);
    expect(samples.some((s) => Object.values(s.labels).some((v) => v.includes(user.id)))).toBe(
      false,
    );
    expect(samples.some((s) => Object.values(s.labels).some((v) => v.includes('12345')))).toBe(
      false,
    );
  });

  it('shows the database pool and the process', async () => {
    const samples = await scrape();
    expect(
      value(samples, 'leadtrack_db_pool_connections', { state: 'in_use' }),
    ).toBeGreaterThanOrEqual(0);
    expect(value(samples, 'leadtrack_db_pool_connections', { state: 'idle' })).toBeGreaterThan(0);
    expect(value(samples, 'leadtrack_db_pool_waiting')).toBe(0);
    expect(value(samples, 'process_resident_memory_bytes')).toBeGreaterThan(10 * 1024 * 1024);
    expect(value(samples, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
  });

  it('counts job runs and the mails they sent', async () => {
    const before = await scrape();
    expect(value(before, 'leadtrack_job_runs_total', { job: 'weekly-reminders' })).toBe(0);
    const run = await call(app, 'POST', '/api/v1/admin/jobs/weekly-reminders/run', {
      token: team.admin,
      body: { asOf: fridayAfternoon },
    });
    expect(run.status, run.text).toBe(200);
    expect(run.body.done).toBeGreaterThan(0);
    const after = await scrape();
    expect(value(after, 'leadtrack_job_runs_total', { job: 'weekly-reminders' })).toBe(1);
    expect(value(after, 'leadtrack_job_failures_total', { job: 'weekly-reminders' })).toBe(0);
    expect(value(after, 'leadtrack_mails_sent_total')).toBe(smtp.messages.length);
    expect(value(after, 'leadtrack_mails_sent_total')).toBe(run.body.done);
    expect(value(after, 'leadtrack_mails_failed_total')).toBe(0);
  });

  it('counts a mail the SMTP server could not take, and the run that left it for later', async () => {
    const closedPort = await freePort();
    const failing = await other({
      METRICS_TOKEN: TOKEN,
      SMTP_URL: `smtp://127.0.0.1:${closedPort}`,
    });
    await registerUser(failing, { name: 'Unreachable' });
    const run = await call(failing, 'POST', '/api/v1/admin/jobs/weekly-reminders/run', {
      token: team.admin,
      body: { asOf: fridayAfternoon },
    });
    expect(run.status, run.text).toBe(200);
    expect(run.body.failed).toBe(1);
    const samples = await scrape(failing);
    expect(value(samples, 'leadtrack_mails_failed_total')).toBe(1);
    expect(value(samples, 'leadtrack_mails_sent_total')).toBe(0);
    expect(value(samples, 'leadtrack_job_runs_total', { job: 'weekly-reminders' })).toBe(1);
    expect(value(samples, 'leadtrack_job_failures_total', { job: 'weekly-reminders' })).toBe(1);
  });

  it('is a 404 when METRICS_TOKEN is unset, and measures nothing', async () => {
    const quiet = await other({});
    expectProblem(await call(quiet, 'GET', '/metrics', { token: TOKEN }), 404);
    expectProblem(await call(quiet, 'GET', '/metrics'), 404);
  });
});
