// The calendar feed, against a local stand-in calendar server (node:http) that serves an
// iCalendar file the way Google's or Outlook's private addresses do: the API under test
// fetches it with the code users run, and its events become calendar suggestions.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { addDays, todayUtc, weekStartOf } from '@leadtrack/core';
import { describe, expect, it } from 'vitest';
import { call, expectProblem, registerUser, type TestUser } from '../support/http';
import { expectAccess, signedIn, useRoleCast } from '../support/role-cast';
import { useFixture } from '../support/test-app';

const { app, sql, cast } = useRoleCast();

const API = '/api/v1/me/integrations/calendar';
const lastWeek = addDays(weekStartOf(todayUtc()), -7);
const stamp = (date: string, time: string) =>
  `${date.replaceAll('-', '')}T${time.replaceAll(':', '')}Z`;

/** The calendar the stand-in serves; tests change it between reads. */
let events: string[] = [];
const calendar = () =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Stand-in//EN', ...events, 'END:VCALENDAR'].join(
    '\r\n',
  );
const event = (uid: string, start: string, summary: string, extra: string[] = []) =>
  [
    'BEGIN:VEVENT',
    `UID:${uid}`,
    `DTSTART:${start}`,
    `SUMMARY:${summary}`,
    ...extra,
    'END:VEVENT',
  ].join('\r\n');

const feed = useFixture(
  async () => {
    const requests: string[] = [];
    const state = { failing: false };
    const server: Server = createServer((req, res) => {
      requests.push(req.url ?? '');
      if (state.failing && req.url?.startsWith('/private/')) {
        res.writeHead(503, { 'content-type': 'text/plain' });
        res.end('Service Unavailable');
      } else if (req.url?.startsWith('/private/secret-key/basic.ics')) {
        res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8' });
        res.end(calendar());
      } else if (req.url === '/not-a-calendar') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html><body>Sign in to see this calendar</body></html>');
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('Not Found');
      }
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    return {
      state,
      url: `http://127.0.0.1:${port}/private/secret-key/basic.ics`,
      base: `http://127.0.0.1:${port}`,
      requests,
      stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  },
  (f) => f.stop(),
);

async function suggestionsOf(user: TestUser) {
  const res = await call(app, 'GET', '/api/v1/suggestions', { token: user.token });
  expect(res.status, res.text).toBe(200);
  return res.body.items as {
    source: string;
    title: string;
    suggestedKinds: string[];
    type: string;
  }[];
}

describe('calendar feed', () => {
  it('connecting reads the feed at once into suggestions; the address is sealed and never returned', async () => {
    const owner = await registerUser(app, { name: 'Feed owner' });
    events = [
      event('roadmap-1', stamp(addDays(lastWeek, 1), '14:00:00'), 'Roadmap review with Product'),
      event('one-on-one', stamp(addDays(lastWeek, 2), '09:00:00'), '1:1 Priya / Sam', [
        'RRULE:FREQ=WEEKLY;COUNT=2',
      ]),
    ];
    const res = await call(app, 'PUT', API, { token: owner.token, body: { url: feed.url } });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ host: new URL(feed.url).host, lastError: null, skipped: 0 });
    expect(res.body.suggested).toBeGreaterThanOrEqual(2);
    expect(res.text).not.toContain('secret-key');

    const kinds = (await suggestionsOf(owner)).map((s) => [s.source, s.suggestedKinds[0]]);
    expect(kinds).toContainEqual(['calendar', 'communication']);
    expect(kinds).toContainEqual(['calendar', 'mentoring']);

    const [row] = (
      await sql.query('SELECT url_encrypted, host FROM calendar_feeds WHERE user_id = $1', [
        owner.id,
      ])
    ).rows;
    expect(row.url_encrypted).toMatch(/^v1\./);
    expect(row.url_encrypted).not.toContain('secret-key');

    const read = await call(app, 'GET', API, { token: owner.token });
    expect(read.status).toBe(200);
    expect(Object.keys(read.body).sort()).toEqual([
      'connectedAt',
      'host',
      'lastError',
      'lastSyncAt',
    ]);
    expect(read.text).not.toContain('secret-key');
  });

  it('sync now offers only what is new; nothing twice', async () => {
    const owner = await registerUser(app, { name: 'Syncing owner' });
    events = [event('demo-1', stamp(addDays(lastWeek, 3), '16:00:00'), 'Customer demo')];
    const connected = await call(app, 'PUT', API, { token: owner.token, body: { url: feed.url } });
    expect(connected.body, connected.text).toMatchObject({ suggested: 1, skipped: 0 });

    events.push(event('steering-1', stamp(addDays(lastWeek, 4), '10:00:00'), 'Steering committee'));
    const synced = await call(app, 'POST', `${API}/sync`, { token: owner.token });
    expect(synced.status, synced.text).toBe(200);
    expect(synced.body).toEqual({ suggested: 1, skipped: 1, errors: [] });
    const again = await call(app, 'POST', `${API}/sync`, { token: owner.token });
    expect(again.body).toEqual({ suggested: 0, skipped: 2, errors: [] });
    expect((await suggestionsOf(owner)).map((s) => s.title).sort()).toEqual([
      'Customer demo',
      'Steering committee',
    ]);
  });

  it('refuses an address that does not serve a calendar, naming url, and stores nothing', async () => {
    const owner = await registerUser(app, { name: 'Wrong address' });
    for (const url of [
      `${feed.base}/missing.ics`,
      `${feed.base}/not-a-calendar`,
      'http://127.0.0.1:1/x.ics',
    ]) {
      const res = await call(app, 'PUT', API, { token: owner.token, body: { url } });
      expectProblem(res, 400, ['url']);
    }
    for (const url of [
      'ftp://example.com/cal.ics',
      'http://calendar.example.com/cal.ics',
      'https://u:p@example.com/c.ics',
      'a\u0000b',
    ]) {
      const res = await call(app, 'PUT', API, { token: owner.token, body: { url } });
      expectProblem(res, 400, ['url']);
    }
    const stored = await sql.query(
      'SELECT count(*)::int AS n FROM calendar_feeds WHERE user_id = $1',
      [owner.id],
    );
    expect(stored.rows[0].n).toBe(0);
    expect((await call(app, 'GET', API, { token: owner.token })).status).toBe(404);
  });

  it('a feed that stops answering: sync now is a 409 naming why, kept as lastError', async () => {
    const owner = await registerUser(app, { name: 'Failing feed' });
    events = [];
    expect(
      (await call(app, 'PUT', API, { token: owner.token, body: { url: feed.url } })).status,
    ).toBe(200);
    feed.state.failing = true;
    try {
      const res = await call(app, 'POST', `${API}/sync`, { token: owner.token });
      expectProblem(res, 409);
      expect(res.body.detail).toBe(
        'The calendar could not be read: the calendar answered 503 Service Unavailable.',
      );
      const read = await call(app, 'GET', API, { token: owner.token });
      expect(read.body.lastError).toBe(res.body.detail);
    } finally {
      feed.state.failing = false;
    }
    const healed = await call(app, 'POST', `${API}/sync`, { token: owner.token });
    expect(healed.status, healed.text).toBe(200);
    expect((await call(app, 'GET', API, { token: owner.token })).body.lastError).toBeNull();
  });

  it('a sealed address copied onto another person’s row does not open for them (409, not 500)', async () => {
    const owner = await registerUser(app, { name: 'Sealed owner' });
    const other = await registerUser(app, { name: 'Copier' });
    expect(
      (await call(app, 'PUT', API, { token: owner.token, body: { url: feed.url } })).status,
    ).toBe(200);
    await sql.query(
      `INSERT INTO calendar_feeds (user_id, url_encrypted, host)
       SELECT $2, url_encrypted, host FROM calendar_feeds WHERE user_id = $1`,
      [owner.id, other.id],
    );
    const res = await call(app, 'POST', `${API}/sync`, { token: other.token });
    expectProblem(res, 409);
    expect(res.body.detail).toContain('connect the feed again');
  });

  it('the calendar-sync job reads each feed once a day, and counts the ones that fail', async () => {
    const owner = await registerUser(app, { name: 'Job owner' });
    events = [event('sales-1', stamp(addDays(lastWeek, 1), '11:00:00'), 'Sales sync')];
    expect(
      (await call(app, 'PUT', API, { token: owner.token, body: { url: feed.url } })).status,
    ).toBe(200);
    const run = (asOf: Date) =>
      call(app, 'POST', '/api/v1/admin/jobs/calendar-sync/run', {
        token: cast.admin.token,
        body: { asOf: asOf.toISOString() },
      });
    const fetches = () => feed.requests.filter((url) => url.startsWith('/private/')).length;

    // Read a moment ago: not due.
    const before = fetches();
    const now = await run(new Date());
    expect(now.status, now.text).toBe(200);
    const ownerRow = async () =>
      (await sql.query('SELECT last_sync_at FROM calendar_feeds WHERE user_id = $1', [owner.id]))
        .rows[0].last_sync_at as Date;
    const readAt = await ownerRow();
    expect(fetches()).toBe(before + now.body.done + now.body.failed);

    // A day later it is due, and read.
    const tomorrow = await run(new Date(Date.now() + 24 * 3600_000));
    expect(tomorrow.status, tomorrow.text).toBe(200);
    expect(tomorrow.body.done).toBeGreaterThanOrEqual(1);
    expect((await ownerRow()).getTime()).toBeGreaterThan(readAt.getTime());

    // Two days later the feed fails: counted, and kept as the feed's lastError.
    feed.state.failing = true;
    try {
      const failing = await run(new Date(Date.now() + 3 * 24 * 3600_000));
      expect(failing.status, failing.text).toBe(200);
      expect(failing.body.failed).toBeGreaterThanOrEqual(1);
    } finally {
      feed.state.failing = false;
    }
    expect((await call(app, 'GET', API, { token: owner.token })).body.lastError).toContain('503');
  });

  it('access: one’s own only, under /me; no token or deactivated 401', async () => {
    await expectAccess(cast, (token) => call(app, 'GET', API, { token }), {
      ...signedIn(404),
      deactivated: 401,
    });
    await expectAccess(cast, (token) => call(app, 'DELETE', API, { token }), signedIn(204));
    await expectAccess(cast, (token) => call(app, 'POST', `${API}/sync`, { token }), signedIn(404));
    await expectAccess(
      cast,
      (token) => call(app, 'PUT', API, { token, body: { url: `${feed.base}/missing.ics` } }),
      signedIn(400),
    );
  });
});
